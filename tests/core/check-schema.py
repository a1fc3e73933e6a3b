#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that data/graph.schema.json and the loader agree.

The schema must itself be a valid draft 2020-12 schema; every good file and the built-in graph
must pass it; and for every bad file, the schema must reject it exactly when
tests/data/bad/expected.json says "schema": true (the loader's verdicts are checked by
test-loader against the same manifest).

A file is judged the way a schema validator would see it at best: decoded as UTF-8 (a BOM is
skipped), its first JSON value parsed, trailing data ignored, duplicate keys collapsed. So
"schema": false marks exactly what a schema cannot express (duplicate keys, trailing data, a
BOM, cross-references, cycles, quotes, counts against children, …), while a file that is not
JSON at all counts as rejected ("schema": true).
"""

import json
import os
import sys

import jsonschema

SOURCE_DIR = os.environ.get("TUPU_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")
SCHEMA = os.path.join(SOURCE_DIR, "data", "graph.schema.json")
GOOD = os.path.join(SOURCE_DIR, "tests", "data", "good")
BAD = os.path.join(SOURCE_DIR, "tests", "data", "bad")
BUILTIN = os.path.join(SOURCE_DIR, "data", "graphs", "speech.json")


def refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse_leniently(path):
    """The first JSON value in the file, or raises ValueError when there is none."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8-sig")  # raises UnicodeDecodeError (a ValueError)
    decoder = json.JSONDecoder(parse_constant=refuse_constant)
    value, _ = decoder.raw_decode(text.lstrip(" \t\r\n"))
    return value


def schema_rejects(validator, path):
    try:
        instance = parse_leniently(path)
    except ValueError as e:
        return True, f"not JSON: {e}"
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if errors:
        return True, "; ".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"[:200]
                               for e in errors[:3])
    return False, "valid"


def main():
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    with open(os.path.join(BAD, "expected.json"), encoding="utf-8") as f:
        manifest = json.load(f)["files"]

    failures = []
    checked = 0
    good = sorted(os.path.join(GOOD, n) for n in os.listdir(GOOD) if n.endswith(".json"))
    for path in good + [BUILTIN]:
        rejected, why = schema_rejects(validator, path)
        checked += 1
        if rejected:
            failures.append(f"{path}: a good file, but the schema rejects it: {why}")

    bad_files = sorted(n for n in os.listdir(BAD) if n != "expected.json")
    for name in sorted(set(bad_files) | set(manifest)):
        if name not in manifest:
            failures.append(f"{name}: in tests/data/bad but not in expected.json")
            continue
        if name not in bad_files:
            failures.append(f"{name}: in expected.json but not in tests/data/bad")
            continue
        rejected, why = schema_rejects(validator, os.path.join(BAD, name))
        checked += 1
        if rejected != manifest[name]["schema"]:
            verdict = "rejects" if rejected else "accepts"
            failures.append(f"{name}: the schema {verdict} it ({why}), but expected.json says "
                            f"\"schema\": {str(manifest[name]['schema']).lower()}")

    print(f"checked {checked} files against {os.path.relpath(SCHEMA, SOURCE_DIR)}")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
