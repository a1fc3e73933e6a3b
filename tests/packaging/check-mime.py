#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tupu's MIME type: the built shared-mime-info file and the built desktop file agree.

Usage: check-mime.py BUILT_MIME_XML BUILT_DESKTOP_FILE

- The MIME file is well-formed shared-mime-info XML (namespace, root) declaring exactly one
  type, application/x-tupu-graph+json, with a comment (translated into every language in
  po/LINGUAS), the glob *.tupu.json, and sub-class-of application/json (so a JSON viewer still
  opens it, and file choosers filtering on JSON show it).
- The desktop file's MimeType lists that type and not application/json (Tupu must not claim
  every JSON file).
- When update-mime-database (shared-mime-info, a dependency of GTK) is installed, it compiles
  the file into a private database without a word on stderr, and the database maps the glob to
  the type and the type to its parent.

Exit codes: 0 pass, 1 fail.
"""
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "http://www.freedesktop.org/standards/shared-mime-info"
TYPE = "application/x-tupu-graph+json"
GLOB = "*.tupu.json"
PARENT = "application/json"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE = os.environ.get("TUPU_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def check_mime_xml(path):
    root = ET.parse(path).getroot()
    check(root.tag == f"{{{NS}}}mime-info", f"root is {root.tag}, not mime-info in {NS}")
    types = root.findall(f"{{{NS}}}mime-type")
    if not check([t.get("type") for t in types] == [TYPE], f"declares {len(types)} types, "
                 f"{[t.get('type') for t in types]}, not just {TYPE}"):
        return
    mime = types[0]
    globs = [g.get("pattern") for g in mime.findall(f"{{{NS}}}glob")]
    check(globs == [GLOB], f"globs are {globs}, not [{GLOB}]")
    parents = [p.get("type") for p in mime.findall(f"{{{NS}}}sub-class-of")]
    check(parents == [PARENT], f"sub-class-of {parents}, not [{PARENT}]")
    comments = {c.get(XML_LANG): (c.text or "").strip() for c in mime.findall(f"{{{NS}}}comment")}
    check(comments.get(None), "no untranslated comment")
    with open(os.path.join(SOURCE, "po", "LINGUAS"), encoding="utf-8") as f:
        for lang in f.read().split():
            check(comments.get(lang) and comments[lang] != comments.get(None),
                  f"the comment is not translated into {lang}: {comments}")
    known = {f"{{{NS}}}{n}" for n in ("comment", "glob", "sub-class-of", "icon",
                                       "generic-icon", "acronym", "expanded-acronym")}
    for child in mime:
        check(child.tag in known, f"unknown element {child.tag}")


def check_desktop(path):
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(path, encoding="utf-8")
    types = [t for t in desktop["Desktop Entry"].get("MimeType", "").split(";") if t]
    check(types == [TYPE], f"the desktop file's MimeType is {types}, not [{TYPE}]")


def check_database(path):
    tool = shutil.which("update-mime-database")
    if tool is None:
        print("update-mime-database not found (package shared-mime-info): database not checked")
        return
    with tempfile.TemporaryDirectory() as tmp:
        packages = os.path.join(tmp, "mime", "packages")
        os.makedirs(packages)
        shutil.copy(path, packages)
        run = subprocess.run([tool, "-V", os.path.join(tmp, "mime")], capture_output=True,
                             text=True,
                             env=dict(os.environ, LC_ALL="C", XDG_DATA_DIRS=tmp))
        print(run.stdout.strip())
        # -V prints progress on stdout; anything on stderr is a complaint about the file (the
        # private folder is on XDG_DATA_DIRS, or it would warn that nobody can find it).
        check(run.returncode == 0 and not run.stderr.strip(),
              f"update-mime-database: exit {run.returncode}: {run.stderr.strip()}")
        with open(os.path.join(tmp, "mime", "globs2"), encoding="utf-8") as f:
            globs = [l.strip().split(":") for l in f if not l.startswith("#")]
        check(any(g[1:3] == [TYPE, GLOB] for g in globs), f"globs2 lacks {GLOB}: {globs}")
        with open(os.path.join(tmp, "mime", "subclasses"), encoding="utf-8") as f:
            subclasses = f.read().split("\n")
        check(f"{TYPE} {PARENT}" in subclasses, f"subclasses lacks {TYPE}: {subclasses}")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 1
    check_mime_xml(sys.argv[1])
    check_desktop(sys.argv[2])
    check_database(sys.argv[1])
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
