#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Makes reference.json: review sequences scheduled by ts-fsrs (the reference implementation of
// FSRS, https://github.com/open-spaced-repetition/ts-fsrs), version pinned in package-lock.json,
// with its defaults and fuzz off, which tests/core/test-fsrs.c replays through tupu-fsrs.c.
//
//   cd tests/data/fsrs && npm ci && node make-reference.js > reference.json
//
// The sequences are fixed: hand-written ones for the paths of the scheduler (new -> learning ->
// review, every grade from every state, lapses and relearning, early, late and same-day reviews,
// reviews either side of UTC midnight), then generated ones from a seeded generator, so running
// the script again writes the same file.
'use strict';

const { fsrs, createEmptyCard, generatorParameters, Rating, State } = require('ts-fsrs');
const fs = require('fs');
const path = require('path');
// The package's exports do not include its package.json: read it from where it is installed.
const tsFsrsVersion = JSON.parse(fs.readFileSync(
  path.join(path.dirname(require.resolve('ts-fsrs')), '..', 'package.json'))).version;

const scheduler = fsrs(generatorParameters({ enable_fuzz: false }));
const DAY = 86400;
const START = Date.UTC(2026, 0, 5, 9, 30, 0) / 1000; // a Monday morning, Unix seconds

// A small seeded generator (mulberry32), so the generated sequences never change.
function mulberry32(seed) {
  return function () {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cardJson(card) {
  return {
    state: State[card.state].toLowerCase(),
    due: Math.round(card.due.getTime() / 1000),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    last_review: card.last_review ? Math.round(card.last_review.getTime() / 1000) : 0,
  };
}

// @steps: [rating, when] where when(card, now) gives the review time in Unix seconds.
function run(name, steps, start = START) {
  let card = createEmptyCard(new Date(start * 1000));
  let now = start;
  const reviews = [];
  for (const [rating, when] of steps) {
    now = Math.max(now, when(card, now));
    card = scheduler.next(card, new Date(now * 1000), rating).card;
    reviews.push({ time: now, rating: Rating[rating].toLowerCase(), after: cardJson(card) });
  }
  return { name, start, reviews };
}

const dueOf = (card) => Math.round(card.due.getTime() / 1000);
const onTime = (card) => dueOf(card);
const after = (seconds) => (card, now) => now + seconds;
const late = (days) => (card) => dueOf(card) + days * DAY;
// Early: a fraction of the way from the last review to the due time.
const early = (fraction) => (card, now) => {
  const last = card.last_review ? Math.round(card.last_review.getTime() / 1000) : now;
  return last + Math.floor((dueOf(card) - last) * fraction);
};
// To the next UTC midnight, minus or plus @seconds.
const midnight = (seconds) => (card, now) => Math.ceil((now + 1) / DAY) * DAY + seconds;

const { Again, Hard, Good, Easy } = Rating;
const sequences = [];
const grades = [Again, Hard, Good, Easy];

// Every first grade, then every grade on time from the state it leads to.
for (const first of grades)
  for (const second of grades)
    sequences.push(run(`first ${Rating[first]}, then ${Rating[second]}`,
                       [[first, onTime], [second, onTime], [Good, onTime], [Good, onTime]]));

sequences.push(run('good all the way', Array(12).fill([Good, onTime])));
sequences.push(run('easy all the way', Array(8).fill([Easy, onTime])));
sequences.push(run('hard all the way', Array(12).fill([Hard, onTime])));
sequences.push(run('again all the way', Array(10).fill([Again, onTime])));
sequences.push(run('lapse after graduating',
                   [[Good, onTime], [Good, onTime], [Good, onTime], [Good, onTime],
                    [Again, onTime], [Again, onTime], [Hard, onTime], [Good, onTime],
                    [Good, onTime], [Again, late(3)], [Good, onTime], [Easy, onTime]]));
sequences.push(run('late reviews',
                   [[Good, onTime], [Good, onTime], [Good, late(1)], [Good, late(10)],
                    [Hard, late(40)], [Again, late(200)], [Good, after(600)],
                    [Good, late(30)]]));
sequences.push(run('early reviews',
                   [[Good, onTime], [Good, onTime], [Good, early(0.5)], [Easy, early(0.2)],
                    [Hard, early(0.9)], [Good, early(0.1)], [Again, early(0.5)],
                    [Good, onTime], [Good, early(0.7)]]));
sequences.push(run('same day, many times',
                   [[Good, after(0)], [Good, after(60)], [Hard, after(120)], [Easy, after(30)],
                    [Good, after(3600)], [Again, after(10)], [Good, after(600)],
                    [Good, after(5)]]));
sequences.push(run('either side of UTC midnight',
                   [[Good, midnight(-120)], [Good, after(240)], [Good, midnight(-1)],
                    [Good, midnight(1)], [Hard, midnight(-3600)], [Good, midnight(0)]]));
sequences.push(run('easy first, then lapses',
                   [[Easy, onTime], [Again, onTime], [Again, after(60)], [Good, onTime],
                    [Easy, late(2)], [Again, early(0.3)], [Hard, onTime], [Easy, onTime]]));

// Generated: random grades (weighted towards Good) at random times around the due time.
const random = mulberry32(20261201);
for (let n = 0; n < 60; n++) {
  const steps = [];
  const length = 5 + Math.floor(random() * 16);
  for (let i = 0; i < length; i++) {
    const x = random();
    const rating = x < 0.15 ? Again : x < 0.3 ? Hard : x < 0.85 ? Good : Easy;
    const y = random();
    let when;
    if (y < 0.5) when = onTime;
    else if (y < 0.65) when = early(random());
    else if (y < 0.8) when = late(Math.floor(random() * 20));
    else if (y < 0.9) when = after(Math.floor(random() * 7200));
    else when = midnight(Math.floor(random() * 7200) - 3600);
    steps.push([rating, when]);
  }
  const start = START + Math.floor(random() * 365 * DAY);
  sequences.push(run(`generated ${n + 1}`, steps, start));
}

const params = scheduler.parameters;
const header = {
  generator: `ts-fsrs ${tsFsrsVersion} (${require('ts-fsrs').FSRSVersion}), make-reference.js`,
  parameters: {
    w: Array.from(params.w),
    request_retention: params.request_retention,
    maximum_interval: params.maximum_interval,
    enable_fuzz: params.enable_fuzz,
    enable_short_term: params.enable_short_term,
    learning_steps: Array.from(params.learning_steps),
    relearning_steps: Array.from(params.relearning_steps),
  },
};
// One review a line: diffs of a regenerated file stay readable.
const lines = sequences.map((seq) =>
  `  {"name": ${JSON.stringify(seq.name)}, "start": ${seq.start}, "reviews": [\n` +
  seq.reviews.map((r) => `    ${JSON.stringify(r)}`).join(',\n') + '\n  ]}');
const head = JSON.stringify(header, null, 1).replace(/\n}$/, '');
process.stdout.write(`${head},\n "sequences": [\n${lines.join(',\n')}\n ]\n}\n`);
