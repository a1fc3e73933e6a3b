#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every UI string is translated: po/zh_CN.po, merged with a template made from the sources now
(po/POTFILES.in, with the keywords meson's glib preset uses), has no untranslated and no fuzzy
message. A new string without its translation fails here, not in a user's hands.

Exit codes: 0 pass, 1 fail, 77 skip (gettext's tools missing).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SOURCE = os.environ.get("TUPU_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
            "g_dpgettext2:2c,3"]


def main():
    if not all(shutil.which(t) for t in ("xgettext", "msgmerge", "msgfmt")):
        print("SKIP: gettext's xgettext, msgmerge and msgfmt are needed (package gettext)")
        return 77
    with open(os.path.join(SOURCE, "po", "POTFILES.in"), encoding="utf-8") as f:
        files = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    linguas = open(os.path.join(SOURCE, "po", "LINGUAS"), encoding="utf-8").read().split()
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "tupu.pot")
        subprocess.run(["xgettext", "--package-name=tupu", "--from-code=UTF-8", "--add-comments",
                        "-o", pot, *[f"--keyword={k}" for k in KEYWORDS], *files],
                       cwd=SOURCE, check=True)
        for lang in linguas:
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "-o", merged,
                            os.path.join(SOURCE, "po", lang + ".po"), pot], check=True)
            stats = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull,
                                    merged], capture_output=True, text=True, env=dict(
                                        os.environ, LC_ALL="C"))
            print(f"{lang}: {stats.stderr.strip()}")
            if stats.returncode != 0 or re.search(r"fuzzy|untranslated", stats.stderr):
                bad += 1
                show = subprocess.run(["msgattrib", "--only-fuzzy", merged],
                                      capture_output=True, text=True).stdout
                show += subprocess.run(["msgattrib", "--untranslated", merged],
                                       capture_output=True, text=True).stdout
                print(show[:4000])
    if bad:
        print("FAIL: translate the messages above in po/LANG.po (ninja -C BUILD tupu-update-po "
              "refreshes it)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
