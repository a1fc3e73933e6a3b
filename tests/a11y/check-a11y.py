#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessible tree as a screen reader (Orca) sees it, through AT-SPI (issue 12).

Run under tests/gui/run-gui-test (Xvfb and a session bus; GTK starts the accessibility bus).
Starts the built app with its AT-SPI bridge on, drives it with real keys (xdotool), dumps the
tree at each step to the log, and checks:
  - no control on screen is unnamed or named after its GTK class ("GtkImage"), and no name
    shows a mnemonic underscore ("_Open");
  - the details control is a two-state control (a check box: GTK 4.8 has no toggle-button role);
  - the canvas's description holds the selection's level and position ("2 of 4"), and F6 puts
    the focus on the detail pane's title, a heading, whose description says the same;
  - the pane's section titles are headings and its links are named "中文 (English)";
  - the outline (F9), reached with F6, focuses the selected concept's row; rows are tree items
    named "中文 (English)" that say their level and position, and whether they have parts and
    show them (Right opens a row, and its expanded state says so); F6 goes on to the graph.
"""
import os
import re
import subprocess
import sys
import time

# Imported once the app is up (see main()), so that pyatspi's own first X connection, from the
# accessibility bus launcher, is never the X server's only client: Xvfb resets when its last
# client goes, and the app's connection then fails.
pyatspi = None

def control_roles():
    return {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_LINK, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_SPIN_BUTTON,
    }
CLASS_NAME = re.compile(r"^(Gtk|Adw|Tupu)[A-Z]\w*$")
MNEMONIC = re.compile(r"_\w")
TIMEOUT = 20 * int(os.environ.get("TUPU_TEST_TIMEOUT_SCALE", "1"))

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message, flush=True)


def states(acc):
    try:
        return acc.getState()
    except Exception:  # gone while we looked
        return None


def showing(acc):
    """On screen. GTK 4.8 sets no "showing" state on widgets, and every stack page's children are
    "visible": what is on screen has a size."""
    s = states(acc)
    if s is None or not s.contains(pyatspi.STATE_VISIBLE):
        return False
    try:
        extents = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    return extents.width > 0 and extents.height > 0


def walk(acc, depth=0):
    """(depth, accessible) for every showing descendant, in tree order. A stack's pages are
    not sized themselves in GTK 4.8, so the walk goes through hidden objects and only leaves them
    out of what it yields."""
    if depth == 0 or showing(acc):
        yield depth, acc
    for child in acc:
        if child is not None:
            yield from walk(child, depth + 1)


def describe(acc):
    s = states(acc)
    flags = [pyatspi.stateToString(x) for x in (pyatspi.STATE_FOCUSED, pyatspi.STATE_CHECKED,
                                                pyatspi.STATE_PRESSED)
             if s is not None and s.contains(x)]
    text = f"[{acc.getRoleName()}] {acc.name!r}"
    if acc.description:
        text += f" — {acc.description!r}"
    if flags:
        text += " (" + ", ".join(flags) + ")"
    return text


def dump(root, title):
    print(f"\n=== {title} ===", flush=True)
    for depth, acc in walk(root):
        print("  " * depth + describe(acc), flush=True)


def wait_for(what, predicate):
    end = time.time() + TIMEOUT
    while time.time() < end:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    raise SystemExit(f"timed out after {TIMEOUT} s waiting for {what}")


def find(root, predicate):
    for _, acc in walk(root):
        if predicate(acc):
            return acc
    return None


def focused(root):
    return find(root, lambda a: states(a) is not None and states(a).contains(pyatspi.STATE_FOCUSED))


def key(*keys):
    subprocess.run(["xdotool", "key", *keys], check=True)


def check_names(root, where):
    for _, acc in walk(root):
        role, name = acc.getRole(), acc.name or ""
        if role in control_roles():
            if not name.strip():
                fail(f"{where}: unnamed {acc.getRoleName()}")
            elif CLASS_NAME.match(name):
                fail(f"{where}: {acc.getRoleName()} named after its class: {name!r}")
        if MNEMONIC.search(name):
            fail(f"{where}: mnemonic underscore in the name {name!r} ({acc.getRoleName()})")


def check_row(row):
    """An outline row: a tree item named "中文 (English)", whose description says its level, and
    which says whether it has parts (expandable) and whether they are shown (expanded)."""
    print("outline row:", describe(row),
          [pyatspi.stateToString(x) for x in row.getState().getStates()], flush=True)
    if row.getRole() != pyatspi.ROLE_TREE_ITEM:
        fail(f"the outline's row {row.name!r} is a {row.getRoleName()}, not a tree item")
    if not re.match(r"^\S.* \(.+\)$", row.name or ""):
        fail(f"the outline's row is not named “中文 (English)”: {row.name!r}")
    if not re.search(r"level \d+", row.description or ""):
        fail(f"the row {row.name!r} does not say its level: {row.description!r}")
    s = states(row)
    has_parts = re.search(r"\d+ members?", row.description or "") is not None
    if has_parts != s.contains(pyatspi.STATE_EXPANDABLE):
        fail(f"the row {row.name!r} has parts: {has_parts}, but expandable: "
             f"{s.contains(pyatspi.STATE_EXPANDABLE)}")


def main():
    build_dir = os.environ["TUPU_BUILD_DIR"]
    env = dict(os.environ)
    # The rest of the suite turns the bridge off; this test is about it.
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    env.update(GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    app_process = subprocess.Popen([os.path.join(build_dir, "src", "tupu")], env=env)
    try:
        window = wait_for("the app's window", lambda: subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(app_process.pid)],
            capture_output=True, text=True).stdout.split())
        global pyatspi
        import pyatspi as module
        pyatspi = module
        run(app_process, window[-1])
    finally:
        app_process.terminate()
        app_process.wait(timeout=10)
    if failures:
        print(f"\n{len(failures)} problem(s)")
        return 1
    print("\nall checks passed")
    return 0


def run(app_process, window):
    def find_app():
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.get_process_id() == app_process.pid:
                return app
        return None

    app = wait_for("the app on the accessibility bus", find_app)
    frame = wait_for("the window", lambda: app.getChildCount() > 0 and app[0])
    canvas = wait_for("the concept graph", lambda: find(
        frame, lambda a: (a.name or "").startswith("Concept graph")))

    # No window manager here: give the window the focus, as clicking it would.
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True)

    dump(frame, "at start")
    check_names(frame, "at start")

    details = find(frame, lambda a: a.name == "Show Details")
    if details is None:
        fail("no control named “Show Details”")
    elif details.getRole() not in (pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_TOGGLE_BUTTON):
        fail(f"the details control is a {details.getRoleName()}, not a two-state control")
    elif not details.getState().contains(pyatspi.STATE_CHECKED):
        fail("the details control is not checked while the details are shown")

    # Into the canvas with Tab (it must be reachable), then the speech's root with Home.
    wait_for("Tab to reach the canvas", lambda: (key("Tab"), time.sleep(0.05),
                                                 focused(frame) == canvas)[-1])
    key("Home")
    wait_for("Home to select the root", lambda: "level 1" in (canvas.description or ""))
    key("Page_Down", "Page_Down")
    wait_for("Page Down to select a part", lambda: re.search(r"level 2, 2 of \d+",
                                                             canvas.description or ""))
    dump(frame, "Page Down twice: the report's second part")
    check_names(frame, "a part selected")
    print("canvas:", describe(canvas))

    # F6 to the pane: the title is a heading and says where the concept sits.
    key("F6")
    title = wait_for("F6 to focus the title", lambda: (lambda f: f if f is not None and
                                                       f.getRole() == pyatspi.ROLE_HEADING
                                                       else None)(focused(frame)))
    print("focused title:", describe(title))
    if not re.search(r"level 2, 2 of \d+", title.description or ""):
        fail(f"the title's description lacks level and position: {title.description!r}")

    headings = [a for _, a in walk(frame) if a.getRole() == pyatspi.ROLE_HEADING]
    if not {"Summary", "Contains"} <= {h.name for h in headings}:
        fail(f"section titles are not headings: {[h.name for h in headings]}")
    links = [a for _, a in walk(frame) if a.getRole() == pyatspi.ROLE_PUSH_BUTTON
             and re.match(r"^\S.* \(.+\)$", a.name or "")
             and ":" in (a.description or "")]
    if not links:
        fail("no link named “中文 (English)” with its relation in its description")
    else:
        print("a link:", describe(links[0]))

    # Follow the first link by keyboard: the focus lands on the new title.
    before = title.name
    wait_for("Tab to reach a link", lambda: (key("Tab"), time.sleep(0.05),
                                             focused(frame) in links)[-1])
    key("Return")
    new_title = wait_for("the new title to take the focus", lambda: (lambda f: f if f is not None
                         and f.getRole() == pyatspi.ROLE_HEADING and f.name != before
                         else None)(focused(frame)))
    dump(frame, "after following a link")
    print("focused title:", describe(new_title))
    check_names(frame, "after following a link")

    # The outline (F9), reached with F6 from the pane, on the selected concept's row. Its rows
    # are tree items named "中文 (English)" that say their level and position, and whether their
    # parts are shown; Right shows them, and says so.
    key("F9")
    key("F6")
    row = wait_for("F6 to reach the outline's selected row", lambda: (lambda f: f if f is not None
                   and (f.name or "").startswith(new_title.name + " (") else None)(focused(frame)))
    dump(frame, "the outline, its selected row focused")
    check_names(frame, "the outline")
    check_row(row)
    key("Down")
    row = wait_for("Down to the next row", lambda: (lambda f: f if f is not None and f != row
                   and f.getRole() == pyatspi.ROLE_TREE_ITEM else None)(focused(frame)))
    check_row(row)
    if not re.search(r"level \d+, \d+ of \d+", row.description or ""):
        fail(f"the row {row.name!r} does not say its level and position: {row.description!r}")
    collapsed = find(frame, lambda a: a.getRole() == pyatspi.ROLE_TREE_ITEM
                     and states(a).contains(pyatspi.STATE_EXPANDABLE)
                     and not states(a).contains(pyatspi.STATE_EXPANDED))
    if collapsed is None:
        fail("no row says it has parts not shown (expandable, not expanded)")
    else:
        while focused(frame) != collapsed:
            before = focused(frame)
            key("Down")
            wait_for("Down to move", lambda: focused(frame) != before)
        key("Right")
        wait_for("Right to say the row's parts are shown",
                 lambda: states(collapsed).contains(pyatspi.STATE_EXPANDED))
        print("opened:", describe(collapsed))
    key("F6")
    wait_for("F6 from the outline to the graph", lambda: focused(frame) == canvas)

    # The primary menu: flat sections, every item named without underscores.
    key("F10")
    menu = wait_for("the menu", lambda: find(app, lambda a: a.name == "Export as SVG…"))
    popover = menu.parent
    while popover is not None and popover.getRole() not in (pyatspi.ROLE_MENU, pyatspi.ROLE_WINDOW,
                                                            pyatspi.ROLE_FRAME):
        popover = popover.parent
    dump(popover or app, "the primary menu")
    check_names(popover or app, "the primary menu")
    key("Escape")


if __name__ == "__main__":
    sys.exit(main())
