#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The run build must configure with only what `build-aux/install-deps` (without --test) installs.

A fresh Debian 12 has just its required packages; the development and CI machines have many
more, which once hid that `build-aux/run` needed xdotool. This check rebuilds the fresh view on
this machine: it takes the build packages that install-deps lists, closes them over their
dependencies (plus Debian's essential and required packages, which every system has), links
only those packages' programs into a private PATH and their pkg-config files into a private
PKG_CONFIG_LIBDIR, and runs `meson setup` there with the options `build-aux/run` uses.

It must also be able to fail: in the same restricted view, configuring with the GUI tests
enabled must fail (their xdotool is a test-only package), or the restriction is broken.

The build also reads data files that are neither programs nor pkg-config files (Unihan's
readings, for the pinyin table): the defaults of meson_options.txt that name a file under /usr.
Each must belong to one of those packages. That check proves it can fail on xdotool's program,
which a test-only package installs.

Exit codes: 0 pass, 1 fail, 77 skip (not a Debian system, or a build package not installed).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SOURCE = os.environ.get("TUPU_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN_DIRS = ("/usr/bin", "/bin", "/usr/sbin", "/sbin")
PC_DIRS = re.compile(r"^/usr/(lib|share)/([^/]+/)?pkgconfig/[^/]+\.pc$")


def installed_packages():
    """name -> (essential or required, [dependency groups], [provided names])"""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f",
         "${Package}\t${db:Status-Status}\t${Essential}\t${Priority}\t${Pre-Depends}"
         "\t${Depends}\t${Provides}\n"],
        check=True, capture_output=True, text=True).stdout
    packages = {}
    for line in out.splitlines():
        name, status, essential, priority, predepends, depends, provides = line.split("\t")
        if status != "installed":
            continue
        groups = [g for g in (predepends + "," + depends).split(",") if g.strip()]
        alternatives = [[strip_version(a) for a in g.split("|")] for g in groups]
        provided = [strip_version(p) for p in provides.split(",") if p.strip()]
        packages[name] = (essential == "yes" or priority == "required", alternatives, provided)
    return packages


def strip_version(spec):
    return re.sub(r"\s*\(.*?\)", "", spec).strip().split(":")[0]


def closure(roots, packages):
    providers = {}
    for name, (_, _, provided) in packages.items():
        for p in provided:
            providers.setdefault(p, []).append(name)
    todo = list(roots)
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for alternatives in packages[name][1]:
            # apt takes the first alternative it can; take the first one installed here.
            for alt in alternatives:
                chosen = alt if alt in packages else next(iter(providers.get(alt, [])), None)
                if chosen:
                    todo.append(chosen)
                    break
    return seen


def link_files(packages, root):
    bindir = os.path.join(root, "bin")
    pcdir = os.path.join(root, "pkgconfig")
    os.makedirs(bindir)
    os.makedirs(pcdir)
    out = subprocess.run(["dpkg", "-L", *sorted(packages)], capture_output=True, text=True).stdout
    for path in out.splitlines():
        if os.path.dirname(path) in BIN_DIRS and os.access(path, os.X_OK) and not os.path.isdir(path):
            dest = os.path.join(bindir, os.path.basename(path))
        elif PC_DIRS.match(path):
            dest = os.path.join(pcdir, os.path.basename(path))
        else:
            continue
        if not os.path.lexists(dest):
            os.symlink(path, dest)
    return bindir, pcdir


def system_data_files():
    """The defaults of meson_options.txt's options that name files under /usr."""
    with open(os.path.join(SOURCE, "meson_options.txt"), encoding="utf-8") as options:
        return re.findall(r"value:\s*'(/usr/[^']+)'", options.read())


def owners(path):
    out = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
    if out.returncode != 0:
        return []
    # "unicode-data: /usr/share/…", or "pkg1, pkg2: path"; names may carry ":arch"
    names = out.stdout.splitlines()[0].rsplit(": ", 1)[0]
    return [name.strip().split(":")[0] for name in names.split(",")]


def foreign_files(paths, allowed):
    """The paths no allowed package installs, each with what it comes from."""
    problems = []
    for path in paths:
        packages = owners(path)
        if not any(p in allowed for p in packages):
            problems.append(f"{path} ({', '.join(packages) or 'no package'})")
    return problems


def configure(bindir, pcdir, build, options):
    env = {"PATH": bindir, "PKG_CONFIG_LIBDIR": pcdir, "HOME": os.path.dirname(build),
           "LANG": "C.UTF-8"}
    return subprocess.run(["meson", "setup", build, SOURCE, *options], env=env,
                          capture_output=True, text=True)


def main():
    if not shutil.which("dpkg-query"):
        print("SKIP: not a Debian system")
        return 77
    build_pkgs = subprocess.run([os.path.join(SOURCE, "build-aux", "install-deps"), "--list"],
                                check=True, capture_output=True, text=True).stdout.split()
    options = subprocess.run([os.path.join(SOURCE, "build-aux", "run"), "--setup-options"],
                             check=True, capture_output=True, text=True).stdout.split()
    packages = installed_packages()
    missing = [p for p in build_pkgs if p not in packages]
    if missing:
        print(f"SKIP: build packages not installed here: {' '.join(missing)}")
        return 77
    base = [name for name, (required, _, _) in packages.items() if required] + ["apt"]
    allowed = closure(build_pkgs + base, packages)
    print(f"{len(allowed)} packages: the build list's {len(build_pkgs)}, their dependencies, "
          f"and Debian's required ones")

    data_files = system_data_files()
    foreign = foreign_files(data_files, allowed)
    if foreign:
        print("FAIL: the build reads files that build-aux/install-deps' build list does not "
              "install: " + "; ".join(foreign))
        return 1
    print(f"ok: the build's data files come from the build packages: {' '.join(data_files)}")
    if not foreign_files([shutil.which("xdotool") or "/usr/bin/xdotool"], allowed):
        print("FAIL: xdotool's program passed as a build package's file: the data file check "
              "proves nothing")
        return 1

    with tempfile.TemporaryDirectory(prefix="tupu-run-deps-") as root:
        bindir, pcdir = link_files(allowed, root)
        run = configure(bindir, pcdir, os.path.join(root, "run-build"), options)
        if run.returncode != 0:
            print(run.stdout + run.stderr)
            print(f"FAIL: `meson setup {' '.join(options)}` (build-aux/run's configure step) "
                  "needs something build-aux/install-deps does not install (see above)")
            return 1
        print(f"ok: meson setup {' '.join(options)} with only the build packages")

        enabled = configure(bindir, pcdir, os.path.join(root, "gui-build"),
                            options + ["-Dgui_tests=enabled"])
        if enabled.returncode == 0:
            print("FAIL: configuring with -Dgui_tests=enabled succeeded in the restricted view: "
                  "the view is not restricted, so this check proves nothing")
            return 1
        print("ok: with -Dgui_tests=enabled the restricted configure fails, as it must")
    return 0


if __name__ == "__main__":
    sys.exit(main())
