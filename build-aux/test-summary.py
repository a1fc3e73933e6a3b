#!/usr/bin/env python3
"""Sums meson test logs (testlog*.json, one JSON object per line) into one closing line, after
one line per log (with the names of its failed tests).

TIMEOUT, ERROR and UNEXPECTEDPASS count as failed, EXPECTEDFAIL as passed. With CI set, a skipped
test counts as failed too: in CI no core or GUI test may skip. Exits 1 when anything failed or a
log is missing."""
import json
import os
import sys

PASS = {"OK", "EXPECTEDFAIL"}


def count(path):
    """(passed, failed, skipped, names of the failed) of one meson test log."""
    passed = failed = skipped = 0
    failures = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            entry = json.loads(line)
            result = entry.get("result")
            if result in PASS:
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:  # FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS or anything unknown
                failed += 1
                failures.append(f"{entry.get('name')} ({result})")
    return passed, failed, skipped, failures


def main(paths):
    passed = failed = skipped = 0
    missing = []
    for path in paths:
        if not os.path.exists(path):
            missing.append(path)
            continue
        p, f, s, failures = count(path)
        passed, failed, skipped = passed + p, failed + f, skipped + s
        name = os.path.relpath(path)
        print(f"  {name}: {p} passed, {f} failed" + (f", {s} skipped" if s else ""))
        for failure in failures:
            print(f"    failed: {failure}")
    for path in missing:
        print(f"missing test log: {path} (its stage did not run its tests)")
        failed += 1
    if os.environ.get("CI") and skipped:
        print(f"{skipped} test(s) skipped in CI: counted as failed")
        failed += skipped
        skipped = 0
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
