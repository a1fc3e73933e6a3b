#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the `#include "…"` lines of src/core make a cycle.

Two graphs are checked. Files: a header that includes itself through others. Modules: tupu-foo.c,
tupu-foo.h and tupu-foo-private.h are one module, and a module depends on every module whose
header one of its files includes; a cycle there means two modules each need the other (the
layout and the painter once did), so neither can be understood, tested or moved alone.
Includes of files that are not in the directory (config.h, generated resources) are ignored.

Usage: check-include-cycles.py SRC_CORE_DIR. Before checking it, the script checks itself on a
small tree with a known cycle, so that a blind checker cannot pass.
"""

import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def module_of(name):
    stem = os.path.splitext(name)[0]
    return stem[: -len("-private")] if stem.endswith("-private") else stem


def read_includes(directory):
    """{file name: [(included file name, line number)]} for the .c and .h files of directory."""
    files = sorted(f for f in os.listdir(directory) if f.endswith((".c", ".h")))
    includes = {}
    for name in files:
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            text = f.read()
        includes[name] = [
            (m.group(1), text.count("\n", 0, m.start()) + 1)
            for m in INCLUDE.finditer(text)
            if m.group(1) in files
        ]
    return includes


def find_cycle(edges):
    """A list of nodes [a, b, …, a] forming a cycle in {node: {successor: why}}, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {node: WHITE for node in edges}
    for start in sorted(edges):
        if colour[start] != WHITE:
            continue
        # Iterative depth-first search; path holds the grey nodes, in order.
        path = [start]
        stack = [iter(sorted(edges[start]))]
        colour[start] = GREY
        while stack:
            successor = next(stack[-1], None)
            if successor is None:
                colour[path.pop()] = BLACK
                stack.pop()
            elif colour.get(successor, WHITE) == GREY:
                return path[path.index(successor):] + [successor]
            elif colour.get(successor, WHITE) == WHITE:
                colour[successor] = GREY
                path.append(successor)
                stack.append(iter(sorted(edges.get(successor, {}))))
    return None


def cycles(includes):
    """Messages, one per graph with a cycle, naming the include lines that close it."""
    file_edges = {name: {} for name in includes}
    module_edges = {module_of(name): {} for name in includes}
    for name, targets in includes.items():
        for target, line in targets:
            file_edges[name].setdefault(target, f"{name}:{line}: #include \"{target}\"")
            a, b = module_of(name), module_of(target)
            if a != b:
                module_edges[a].setdefault(b, f"{name}:{line}: #include \"{target}\"")

    messages = []
    for what, edges in (("header", file_edges), ("module", module_edges)):
        cycle = find_cycle(edges)
        if cycle is not None:
            lines = [f"  {edges[a][b]}" for a, b in zip(cycle, cycle[1:])]
            messages.append(f"{what} include cycle {' -> '.join(cycle)}:\n" + "\n".join(lines))
    return messages


def self_test():
    """The checker must see a module cycle made through a private header (a.c -> b.h,
    b.c -> a-private.h) and a header cycle, and nothing in a tree without cycles."""
    trees = [
        ({"tupu-a.c": "tupu-b.h", "tupu-b.c": "tupu-a-private.h", "tupu-a-private.h": "",
          "tupu-a.h": "", "tupu-b.h": ""}, 1),
        ({"tupu-a.h": "tupu-b.h", "tupu-b.h": "tupu-a.h"}, 2),
        ({"tupu-a.c": "tupu-a-private.h", "tupu-a-private.h": "tupu-a.h",
          "tupu-a.h": "tupu-b.h", "tupu-b.c": "tupu-b.h", "tupu-b.h": "config.h"}, 0),
    ]
    for files, expected in trees:
        with tempfile.TemporaryDirectory() as tmp:
            for name, include in files.items():
                with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                    f.write(f'#include "{include}"\n' if include else "")
            found = cycles(read_includes(tmp))
        if len(found) != expected:
            print(f"self-test: {len(found)} cycles found in {sorted(files)}, expected {expected}",
                  file=sys.stderr)
            return False
    return True


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if not self_test():
        return 1
    messages = cycles(read_includes(sys.argv[1]))
    for message in messages:
        print(message, file=sys.stderr)
    if not messages:
        print(f"no include cycle in {sys.argv[1]}")
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
