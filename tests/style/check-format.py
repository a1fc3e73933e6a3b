#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when clang-format would change any C file of the tree (src/, tests/, benchmarks/).

The style is the project's .clang-format, as clang-format 14 (Debian 12's) applies it; other
versions format some constructs differently, so they skip rather than disagree. To fix a
failure: clang-format -i FILE (or every file: git ls-files '*.c' '*.h' | xargs clang-format -i).

Exit codes: 0 pass, 1 a file would change, 77 skip (no clang-format 14).
"""
import os
import re
import shutil
import subprocess
import sys

SOURCE = os.environ.get("TUPU_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLDERS = ("src", "tests", "benchmarks")


def clang_format():
    for name in ("clang-format-14", "clang-format"):
        path = shutil.which(name)
        if path:
            out = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
            if re.search(r"version 14\.", out):
                return path
    return None


def c_files():
    for folder in FOLDERS:
        for root, dirs, files in os.walk(os.path.join(SOURCE, folder)):
            dirs[:] = [d for d in dirs if d not in ("corpus", "regressions", "data")]
            for name in sorted(files):
                if name.endswith((".c", ".h")):
                    yield os.path.join(root, name)


def main():
    tool = clang_format()
    if tool is None:
        print("SKIP: clang-format 14 not found (build-aux/install-deps --test installs it)")
        return 77
    files = list(c_files())
    bad = []
    for path in files:
        run = subprocess.run([tool, "--style=file", "--dry-run", "--Werror", path],
                             cwd=SOURCE, capture_output=True, text=True)
        if run.returncode != 0:
            bad.append(os.path.relpath(path, SOURCE))
            print(run.stderr[:2000])
    if bad:
        print(f"FAIL: clang-format would change {len(bad)} of {len(files)} files: "
              + " ".join(bad))
        print("fix with: clang-format -i " + " ".join(bad))
        return 1
    print(f"ok: {len(files)} files formatted as .clang-format says")
    return 0


if __name__ == "__main__":
    sys.exit(main())
