#!/usr/bin/env python3
"""Writes README.md, the hostile catalogue's table, from expected.json (which tests/hostile/
test-hostile.c asserts row by row). `make-readme.py --check` fails when README.md is stale."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

HEAD = """# The hostile catalogue

Files that try to break Tupu: truncated, mis-encoded, deeply nested, oversized, mistyped,
over the limits, cyclic, look-alike, full of markup, bidirectional, with dangerous URLs. For
each, the exact expected outcome: the exit codes of `tupu --validate FILE` and of
`tupu --export OUT.svg FILE` (0 ok, 1 invalid input, 2 usage, 3 I/O), and the loader's first
error as `LINE:COLUMN: message` — or, for a file that loads, **renders, escaped**: it lays out
with `dot`, its SVG is well-formed XML that contains only Tupu's own elements, every node's
label and gloss come back out of the SVG text and the DOT `label`/`gloss` attributes exactly,
and a failed export leaves no file behind.

`tests/hostile/test-hostile.c` (suites `hostile`, and `slow` for the generated rows) asserts
every row; its `--print` option prints the actual outcomes to review. Rows named `generated-…`
are written by the test into a temporary directory and never committed (too large, or made
only to exceed a limit). The table is generated: edit `expected.json`, then run
`./make-readme.py`; the `hostile-readme` test fails when this file is stale.

Beyond the table, the test also checks that a sparse 16 GiB file is refused from its size
alone in under a second, that every prefix of `base-valid.json` (and of the built-in graph,
200 cuts) is refused with an error located inside the prefix, and that `dot`'s caps name
`sfdp`, which then accepts the graph.

| file | what it does | `--validate` | `--export` | expected outcome |
|---|---|---|---|---|
"""


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def code(text):
    """Inline code that survives backticks and pipes in the message."""
    text = cell(text)
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def outcome(row):
    if row["error"] is None:
        text = "renders, escaped"
        if row["export"] != 0:
            text = "loads; export refused by the engine's cap (message names `sfdp`)"
        if row.get("warning"):
            text += "; warning " + code(row["warning"])
        return text
    return code(row["error"])


def render():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as f:
        rows = json.load(f)["cases"]
    out = [HEAD]
    for row in rows:
        out.append(f"| `{row['file']}` | {cell(row['what'])} | {row['validate']} | "
                   f"{row['export']} | {outcome(row)} |\n")
    return "".join(out)


def main():
    text = render()
    path = os.path.join(HERE, "README.md")
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                print("tests/data/hostile/README.md is stale: run tests/data/hostile/make-readme.py")
                return 1
        print(f"README.md matches expected.json")
        return 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
