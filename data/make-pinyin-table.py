#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds Tupu's pinyin reading table from Unicode's Unihan database (run by data/meson.build).

    make-pinyin-table.py UNIHAN OUTPUT

UNIHAN is Unihan_Readings.txt, as Debian's unicode-data ships it
(/usr/share/unicode/Unihan_Readings.txt.bz2), plain, bzip2-compressed, or inside Unicode's
Unihan.zip. OUTPUT receives the compact binary table that src/core/tupu-pinyin.c reads from the
core GResource.

Readings: every character with a kMandarin value, its kMandarin readings first (the common
one leads), then the other readings kTGHZ2013 (the 2013 Table of General Standard Chinese
Characters' dictionary) gives it, so that heteronyms match either way: 行 xing/hang,
长 zhang/chang, 重 zhong/chong, 为 wei. Readings are kept without tones, ü written v,
at most MAX_READINGS per character.

Format (little-endian; see tupu-pinyin.c):
    magic       8 bytes  "TUPUPY\\0\\1"
    n_syllables u32, n_sets u32, n_pages u32, max_page u32
    syllable_offsets  u32[n_syllables + 1]  into the string pool
    set_offsets       u32[n_sets + 1]       into the set items
    page_index        u16[max_page + 1]     codepoint >> 8 -> page number + 1, 0 = none
    pages             u16[n_pages][256]     codepoint & 0xff -> set number + 1, 0 = none
    set_items         u16[...]              syllable numbers, in order of preference
    pool              the syllables, each ASCII letters and a NUL
"""
import bz2
import io
import struct
import sys
import unicodedata
import zipfile

MAX_READINGS = 4
MAGIC = b"TUPUPY\0\1"


def open_readings(path):
    if path.endswith(".zip"):
        archive = zipfile.ZipFile(path)
        return io.TextIOWrapper(archive.open("Unihan_Readings.txt"), encoding="utf-8")
    if path.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def toneless(reading):
    """'lǜ' -> 'lv', 'liù' -> 'liu', 'ê̄' -> 'e'"""
    decomposed = unicodedata.normalize("NFD", reading.lower()).replace("u\u0308", "v")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not plain.isascii() or not plain.isalpha():
        raise ValueError(f"unexpected reading {reading!r}")
    return plain


def read_fields(path):
    mandarin, tghz = {}, {}
    with open_readings(path) as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            code, field, value = line.rstrip("\n").split("\t", 2)
            cp = int(code[2:], 16)
            if field == "kMandarin":
                mandarin[cp] = value.split()
            elif field == "kTGHZ2013":
                # "131.140:háng 136.100:héng": locations, then readings (comma-separated)
                tghz[cp] = [r for entry in value.split() for r in entry.split(":", 1)[1].split(",")]
    return mandarin, tghz


def build(mandarin, tghz):
    syllables, syllable_ids = [], {}
    sets, set_ids = [], {}
    char_set = {}
    for cp in sorted(mandarin):
        readings = []
        for r in mandarin[cp] + tghz.get(cp, []):
            plain = toneless(r)
            if plain not in readings and len(readings) < MAX_READINGS:
                readings.append(plain)
        ids = []
        for plain in readings:
            if plain not in syllable_ids:
                syllable_ids[plain] = len(syllables)
                syllables.append(plain)
            ids.append(syllable_ids[plain])
        key = tuple(ids)
        if key not in set_ids:
            set_ids[key] = len(sets)
            sets.append(key)
        char_set[cp] = set_ids[key]
    return syllables, sets, char_set


def write(out, syllables, sets, char_set):
    page_numbers = sorted({cp >> 8 for cp in char_set})
    max_page = page_numbers[-1]
    if len(sets) >= 0xffff or len(page_numbers) >= 0xffff or len(syllables) >= 0xffff:
        raise ValueError("table too large for 16-bit indices")

    pool = b"".join(s.encode("ascii") + b"\0" for s in syllables)
    syllable_offsets, pos = [], 0
    for s in syllables:
        syllable_offsets.append(pos)
        pos += len(s) + 1
    syllable_offsets.append(pos)

    items, set_offsets = [], []
    for ids in sets:
        set_offsets.append(len(items))
        items.extend(ids)
    set_offsets.append(len(items))

    page_index = [0] * (max_page + 1)
    for n, page in enumerate(page_numbers):
        page_index[page] = n + 1
    pages = [0] * (256 * len(page_numbers))
    for cp, set_id in char_set.items():
        pages[(page_index[cp >> 8] - 1) * 256 + (cp & 0xff)] = set_id + 1

    out.write(MAGIC)
    out.write(struct.pack("<4I", len(syllables), len(sets), len(page_numbers), max_page))
    out.write(struct.pack(f"<{len(syllable_offsets)}I", *syllable_offsets))
    out.write(struct.pack(f"<{len(set_offsets)}I", *set_offsets))
    out.write(struct.pack(f"<{len(page_index)}H", *page_index))
    out.write(struct.pack(f"<{len(pages)}H", *pages))
    out.write(struct.pack(f"<{len(items)}H", *items))
    out.write(pool)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    mandarin, tghz = read_fields(sys.argv[1])
    if len(mandarin) < 20000:
        print(f"{sys.argv[1]}: only {len(mandarin)} kMandarin readings: not Unihan_Readings.txt?",
              file=sys.stderr)
        return 1
    syllables, sets, char_set = build(mandarin, tghz)
    with open(sys.argv[2], "wb") as out:
        write(out, syllables, sets, char_set)
    return 0


if __name__ == "__main__":
    sys.exit(main())
