#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The man page docs/tupu.1 is static roff (building needs no groff) that documents Tupu as built.

Usage: check-man.py TUPU_BINARY VERSION

- Its structure: a .TH line naming TUPU, section 1 and "Tupu VERSION" (the project's version);
  the sections NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS, FILES, EXAMPLES, SEE ALSO;
  only the man(7) macros below; no raw "-" where a command-line dash is meant (roff turns
  a bare "-" in some fonts into a hyphen that cannot be copied into a terminal).
- Every option `tupu --help` lists is documented, every exit code its help text lists too,
  and the Flatpak form (`--export -` with `--file-forwarding`) is among the examples.
- When groff happens to be installed, `groff -man -ww -z` has nothing to say about it.

Exit codes: 0 pass, 1 fail.
"""
import os
import re
import shutil
import subprocess
import sys

SOURCE = os.environ.get("TUPU_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAN = os.path.join(SOURCE, "docs", "tupu.1")
MACROS = {"TH", "SH", "SS", "PP", "TP", "B", "I", "BI", "IB", "BR", "RB", "IR", "RI", "br",
          "RS", "RE", "EX", "EE", "\\\""}
SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "FILES", "EXAMPLES",
            "SEE ALSO"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 1
    tupu, version = sys.argv[1:]
    with open(MAN, encoding="utf-8") as f:
        lines = f.read().split("\n")
    text = "\n".join(lines)

    th = [l for l in lines if l.startswith(".TH ")]
    check(len(th) == 1 and th[0].split()[1:3] == ["TUPU", "1"], f".TH is {th}")
    check(th and f'"Tupu {version}"' in th[0], f".TH does not say Tupu {version}: {th}")
    sections = [l[4:].strip('"') for l in lines if l.startswith(".SH ")]
    check([s for s in sections if s in SECTIONS] == SECTIONS,
          f"sections {sections}, need {SECTIONS} in this order")
    for number, line in enumerate(lines, 1):
        if line.startswith(".") or line.startswith("'"):
            macro = line[1:].split(" ")[0]
            check(macro in MACROS, f"line {number}: unknown macro .{macro}")
        # Outside comments, every dash of an option is escaped.
        if not line.startswith('.\\"'):
            check(not re.search(r"(^|[\s\[|(])--?[a-z]", line),
                  f"line {number}: an unescaped dash (write \\-): {line}")

    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    help_text = subprocess.run([tupu, "--help"], capture_output=True, text=True, env=env,
                               check=True).stdout
    plain = text.replace("\\-", "-")
    options = re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", help_text, re.M)
    check(len(options) >= 6, f"--help lists only {options}")
    for option in options:
        check(option in plain, f"{option} (from --help) is not in the man page")
    for code in re.findall(r"^\s+(\d)\s+\S", help_text, re.M):
        check(re.search(rf"^\.B {code}$", text, re.M), f"exit status {code} is not documented")
    check("flatpak run --file-forwarding io.github.tupu.Tupu" in plain and
          "--export - --format svg @@" in plain, "the Flatpak example is missing")

    groff = shutil.which("groff")
    if groff:
        run = subprocess.run([groff, "-man", "-ww", "-z", MAN], capture_output=True, text=True)
        check(run.returncode == 0 and not run.stderr.strip(), f"groff: {run.stderr.strip()}")
    else:
        print("groff not installed: its warnings not checked (nothing needs it)")

    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
