#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest, checked offline against Flathub's rules (../shared/notes/flatpak.md §4).

Usage: check-manifest.py APP_ID VERSION BUILT_METAINFO

The manifest (flatpak/APP_ID.json):
- is valid JSON; its id is APP_ID; the runtime is org.gnome.Platform/Sdk at a numeric branch; the
  command is the bare name `tupu`; no top-level `branch`;
- grants exactly --share=ipc --socket=wayland --socket=fallback-x11 --device=dri: no
  filesystem, network, device=all, x11 or bus name; no build step has the network;
- pins every source: archives and files by URL and a sha256 (no md5 or sha1), git by tag and
  a full commit, and nothing points at the working tree (`dir`);
- builds Graphviz so that its plugins load (`dot -c`, then a check that its plugin list
  `config<N>` exists, before anything else: 2.43 writes config6, 14.x config8), with GTS built
  before it and asked for (without GTS `overlap=false` means Voronoi instead of prism, which
  scatters twopi's rings), checked by a post-install that fails if prism is unsupported;
  bundles Noto Sans CJK Regular and Bold into /app/share/fonts with its licence, and the
  fontconfig rule that picks their SC face for Simplified Chinese (/app/etc/fonts/local.conf);
- builds Tupu from the tag vVERSION.
The release fits the manifest: the built metainfo's newest release is VERSION, dated and not in
the future; its summary has at most 35 characters; every screenshot is a PNG under
data/screenshots, at most 1000×700, referenced through the tag's raw URL.

Exit codes: 0 pass, 1 fail.
"""
import datetime
import json
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

SOURCE = os.environ.get("TUPU_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FINISH_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")
COMMIT = re.compile(r"^[0-9a-f]{40}$")
REPO_RAW = "https://raw.githubusercontent.com/tupu/tupu/"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def modules_of(modules, base):
    """Every module, nested ones and those in files of their own included."""
    for module in modules:
        if isinstance(module, str):
            path = os.path.join(base, module)
            with open(path, encoding="utf-8") as f:
                module = json.load(f)
            base = os.path.dirname(path)
        yield module
        yield from modules_of(module.get("modules", []), base)


def check_source(module, source):
    where = f"module {module.get('name')}: source {source.get('type')} {source.get('url', '')}"
    kind = source.get("type")
    if kind in ("archive", "file"):
        if "url" in source:
            check(source["url"].startswith("https://"), f"{where}: not https")
            check(SHA256.match(source.get("sha256", "")), f"{where}: no sha256")
            check(not {"md5", "sha1", "sha512"} & set(source), f"{where}: a hash other than sha256")
        else:
            check("path" in source, f"{where}: neither url nor path")
    elif kind == "git":
        check(COMMIT.match(source.get("commit", "")), f"{where}: no full commit")
        check(source.get("tag"), f"{where}: no tag")
        check("branch" not in source, f"{where}: a branch moves")
    elif kind in ("patch", "script", "inline", "shell"):
        check("url" not in source, f"{where}: a {kind} source downloads")
    else:
        check(False, f"{where}: source type {kind} is not pinned (Flathub builds from pins)")


def check_manifest(app_id, version):
    path = os.path.join(SOURCE, "flatpak", app_id + ".json")
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    check(manifest.get("id") == app_id, f"id is {manifest.get('id')}, not {app_id}")
    check(manifest.get("runtime") == "org.gnome.Platform", "the runtime is not org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", "the SDK is not org.gnome.Sdk")
    check(re.match(r"^\d+$", str(manifest.get("runtime-version", ""))),
          f"runtime-version {manifest.get('runtime-version')} is not a GNOME release")
    check(manifest.get("command") == "tupu", "the command is not the bare name tupu")
    check("branch" not in manifest, "a top-level branch (Flathub sets it)")

    args = manifest.get("finish-args", [])
    check(set(args) == FINISH_ARGS and len(args) == len(FINISH_ARGS),
          f"finish-args are {args}, not {sorted(FINISH_ARGS)}")
    for arg in args:
        check(not arg.startswith(("--filesystem", "--share=network", "--device=all",
                                  "--socket=x11", "--talk-name", "--system-talk-name")),
              f"permission {arg}")

    modules = list(modules_of(manifest.get("modules", []), os.path.dirname(path)))
    names = [m.get("name") for m in modules]
    check(names[-1:] == ["tupu"], f"the app is not the last module: {names}")
    for module in modules:
        build_args = module.get("build-options", {}).get("build-args", [])
        check("--share=network" not in build_args, f"module {module.get('name')} has the network")
        check(module.get("sources"), f"module {module.get('name')} has no sources")
        for source in module.get("sources", []):
            if isinstance(source, str):
                check(False, f"module {module.get('name')}: a source file {source} not checked")
                continue
            check_source(module, source)

    by_name = {m.get("name"): m for m in modules}
    graphviz = by_name.get("graphviz", {})
    post = graphviz.get("post-install", [])
    check(post[:2] == ["dot -c", "ls ${FLATPAK_DEST}/lib/graphviz/config[0-9]*"],
          f"Graphviz's plugins are not configured and checked first: {post[:2]}")
    check(any("pango" in c for c in post), "Graphviz's pango/cairo plugin is not checked")
    options = graphviz.get("config-opts", [])
    check(not any("with-pangocairo=no" in o or "without-pangocairo" in o for o in options),
          "Graphviz without pango/cairo")
    check("--with-gts" in options and "--without-gts" not in options,
          "Graphviz is not built with GTS (overlap=false would mean Voronoi, not prism)")
    check("gts" in names and "graphviz" in names and names.index("gts") < names.index("graphviz"),
          f"no GTS module before Graphviz: {names}")
    check(any("overlap=prism" in c and "unsupported" in c for c in post),
          "Graphviz's post-install does not check that prism overlap removal works")

    fonts = by_name.get("noto-sans-cjk", {})
    urls = [s.get("url", "") for s in fonts.get("sources", []) if isinstance(s, dict)]
    for face in ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "LICENSE"):
        check(any(u.endswith("/" + face) for u in urls), f"the font module lacks {face}")
    commands = " ".join(fonts.get("build-commands", []))
    check("${FLATPAK_DEST}/share/fonts" in commands, "the fonts are not in /app/share/fonts")
    check("share/licenses/${FLATPAK_ID}" in commands, "the fonts' licence is not installed")
    # Without a rule, fontconfig answers :lang=zh-cn with the collections' first face, JP.
    check("noto-sans-cjk.conf ${FLATPAK_DEST}/etc/fonts/local.conf" in commands
          and os.path.exists(os.path.join(SOURCE, "flatpak", "noto-sans-cjk.conf")),
          "flatpak/noto-sans-cjk.conf (Simplified Chinese first for zh-cn) is not installed "
          "as /app/etc/fonts/local.conf")

    app = by_name.get("tupu", {})
    tags = [s.get("tag") for s in app.get("sources", []) if isinstance(s, dict) and s.get("type") == "git"]
    check(tags == [f"v{version}"], f"the app is built from {tags}, not the tag v{version}")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def check_metainfo(path, version):
    root = ET.parse(path).getroot()
    summary = root.find("summary").text
    check(len(summary) <= 35, f"the summary has {len(summary)} characters: {summary}")
    releases = root.findall("releases/release")
    check(releases and releases[0].get("version") == version,
          f"the newest release is not {version}")
    if releases:
        date = datetime.date.fromisoformat(releases[0].get("date", "1970-01-01"))
        check(date <= datetime.date.today(), f"release {version} is dated in the future: {date}")
    shots = root.findall("screenshots/screenshot")
    check(shots, "no screenshots")
    for shot in shots:
        check(shot.find("caption") is not None, "a screenshot without caption")
        url = shot.find("image").text.strip()
        prefix = f"{REPO_RAW}v{version}/"
        if not check(url.startswith(prefix) and url.endswith(".png"),
                     f"screenshot {url} is not a PNG at the tag v{version}"):
            continue
        local = os.path.join(SOURCE, url[len(prefix):])
        size = png_size(local) if os.path.exists(local) else None
        if check(size, f"screenshot {url}: no PNG at {local}"):
            check(size[0] <= 1000 and size[1] <= 700, f"{local} is {size}, over 1000×700")


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 1
    app_id, version, metainfo = sys.argv[1:]
    check_manifest(app_id, version)
    check_metainfo(metainfo, version)
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
