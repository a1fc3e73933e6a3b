#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""CPU time of `tupu --export x.svg` on the built-in graph against `dot -Tsvg` on the same graph's
DOT export, each run a fresh process, the two alternating, median of N runs (user + system time
of the child, from wait4). Prints both figures and the ratio on one line. See README.md here.

Usage: cli-svg.py TUPU [RUNS]"""
import os
import statistics
import subprocess
import sys
import tempfile


def cpu_seconds(argv):
    """Runs argv with output thrown away; returns its user + system CPU time."""
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"cli-svg: {' '.join(argv)} failed with status {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def main():
    tupu = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    env_note = "GSETTINGS_BACKEND=memory"
    os.environ["GSETTINGS_BACKEND"] = "memory"
    os.environ.pop("DISPLAY", None)
    os.environ.pop("WAYLAND_DISPLAY", None)
    with tempfile.TemporaryDirectory(prefix="tupu-cli-svg-") as tmp:
        dot_file = os.path.join(tmp, "speech.dot")
        subprocess.run([tupu, "--export", dot_file], check=True)
        tupu_argv = [tupu, "--export", os.path.join(tmp, "tupu.svg")]
        dot_argv = ["dot", "-Tsvg", dot_file, "-o", os.path.join(tmp, "dot.svg")]
        # One untimed run of each warms the page cache and fontconfig's caches.
        cpu_seconds(tupu_argv)
        cpu_seconds(dot_argv)
        tupu_times, dot_times = [], []
        for _ in range(runs):
            tupu_times.append(cpu_seconds(tupu_argv))
            dot_times.append(cpu_seconds(dot_argv))
    t = statistics.median(tupu_times) * 1000
    d = statistics.median(dot_times) * 1000
    print(f"CLI SVG export of the built-in graph, CPU time (user + system), median of {runs}, "
          f"alternating ({env_note}): tupu --export x.svg {t:.0f} ms, dot -Tsvg on its DOT "
          f"export {d:.0f} ms, ratio {t / d:.2f} (goal: at most 1.20)")


if __name__ == "__main__":
    main()
