#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rewrites flatpak/APP_ID.json for build-aux/flatpak-local-test, which has no network.

Usage: flatpak-local-manifest.py MANIFEST OUT_DIR RUNTIME SDK BRANCH GRAPHVIZ_TARBALL GTS_TARBALL

Everything but where the runtime and the sources come from is kept: finish-args, cleanup, every
module's build system, options, post-install checks and cleanup. What changes:
- runtime and sdk: the local runtime made from Debian 12 packages (RUNTIME, SDK at BRANCH);
- graphviz: GRAPHVIZ_TARBALL, a `git archive` of a release tag (no `configure`, so
  flatpak-builder runs its autogen.sh), pinned by its sha256. Its make_colortbl.py and
  entities.py are not executable, and 14.1.3's configure sets PYTHON3 (which the Makefiles run
  them with) only when it builds the Python bindings, so PYTHON3=python3 is set in the module's
  environment;
- gts: GTS_TARBALL (Debian's source of GTS, verified against its .dsc by the caller);
- noto-sans-cjk: Debian's fonts-noto-cjk files, which are the upstream files byte for byte: the
  manifest's own sha256 pins are kept, so flatpak-builder fails if they differ. Debian ships
  no copy of the upstream LICENSE file; its copyright file (which holds the OFL) stands in.
  The fontconfig rule beside the manifest is used as it is;
- tupu: a copy of the working tree (the files git tracks or would track: no build directories),
  and for Unicode's Unihan.zip (the pinyin table's input) Debian's unicode-data file
  Unihan_Readings.txt.bz2, the same database in another container, with -Dunihan= naming it.
Writes OUT_DIR/APP_ID.json and OUT_DIR/tupu-src/.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys

DEBIAN_FONTS = "/usr/share/fonts/opentype/noto"
DEBIAN_FONT_COPYRIGHT = "/usr/share/doc/fonts-noto-cjk/copyright"
DEBIAN_UNICODE = "/usr/share/unicode"
DEBIAN_UNIHAN_NAME = "Unihan_Readings.txt.bz2"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def copy_working_tree(top, dest):
    """The files git tracks or would track (not ignored), as they are now, uncommitted edits
    included."""
    listing = subprocess.run(["git", "-C", top, "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], check=True, capture_output=True).stdout
    if os.path.exists(dest):
        shutil.rmtree(dest)
    for rel in sorted(set(filter(None, listing.decode().split("\0")))):
        src = os.path.join(top, rel)
        if not os.path.lexists(src):  # deleted but not yet committed
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(src, os.path.join(dest, rel), follow_symlinks=False)


def local_font_sources(module, manifest_dir):
    sources = []
    for source in module["sources"]:
        if "url" not in source:  # a file of ours beside the manifest
            sources.append(dict(source, path=os.path.join(manifest_dir, source["path"])))
            continue
        name = os.path.basename(source["url"])
        if name == "LICENSE":
            sources.append({"type": "file", "path": DEBIAN_FONT_COPYRIGHT,
                            "dest-filename": "LICENSE", "sha256": sha256(DEBIAN_FONT_COPYRIGHT)})
        else:
            # The manifest's pin, unchanged: flatpak-builder checks Debian's bytes against it.
            sources.append({"type": "file", "path": os.path.join(DEBIAN_FONTS, name),
                            "sha256": source["sha256"]})
    return sources


def local_app_file(module, source):
    """Unicode's Unihan.zip (for the pinyin table) from Debian's unicode-data, the same Unihan
    database in another container (Unihan_Readings.txt.bz2), which -Dunihan= accepts too."""
    name = os.path.basename(source.get("url", source.get("path", "")))
    if name != "Unihan.zip":
        raise SystemExit(f"flatpak-local-manifest: no local stand-in for the app's source {name}")
    module["config-opts"] = [o for o in module.get("config-opts", [])
                             if not o.startswith("-Dunihan=")] + [f"-Dunihan={DEBIAN_UNIHAN_NAME}"]
    path = os.path.join(DEBIAN_UNICODE, DEBIAN_UNIHAN_NAME)
    return {"type": "file", "path": path, "sha256": sha256(path), "dest": source.get("dest", ".")}


def main():
    if len(sys.argv) != 8:
        print(__doc__)
        return 2
    manifest_path, out_dir, runtime, sdk, branch, graphviz_tarball, gts_tarball = sys.argv[1:]
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
    top = os.path.dirname(manifest_dir)
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)

    manifest["runtime"] = runtime
    manifest["sdk"] = sdk
    manifest["runtime-version"] = branch
    seen = set()
    for module in manifest["modules"]:
        name = module["name"]
        seen.add(name)
        if name == "graphviz":
            module["sources"] = [{"type": "archive", "path": graphviz_tarball,
                                  "sha256": sha256(graphviz_tarball)}]
            options = module.setdefault("build-options", {})
            options.setdefault("env", {})["PYTHON3"] = "python3"
        elif name == "gts":
            shell = [s for s in module["sources"] if s.get("type") == "shell"]
            module["sources"] = [{"type": "archive", "path": gts_tarball,
                                  "sha256": sha256(gts_tarball)}] + shell
        elif name == "noto-sans-cjk":
            module["sources"] = local_font_sources(module, manifest_dir)
        elif name == "tupu":
            copy_working_tree(top, os.path.join(out_dir, "tupu-src"))
            module["sources"] = [{"type": "dir", "path": "tupu-src"}] + [
                local_app_file(module, s) for s in module["sources"] if s.get("type") != "git"]
        else:
            print(f"flatpak-local-manifest: no local source for module {name}", file=sys.stderr)
            return 1
    missing = {"gts", "graphviz", "noto-sans-cjk", "tupu"} - seen
    if missing:
        print(f"flatpak-local-manifest: the manifest lacks {sorted(missing)}", file=sys.stderr)
        return 1
    out = os.path.join(out_dir, manifest["id"] + ".json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
