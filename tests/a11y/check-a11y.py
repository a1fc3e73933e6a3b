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
Then through the study views, by keyboard, the focus kept and named at each step:
  - the speech (F8): a text named "The Speech"; F6 to it puts its caret on the selected concept's
    passage (the detail pane's passage card); the guided tour (Alt+Page Down, Alt+Page Up)
    changes the selection, its buttons are named and its label says where it stands;
  - practice (Ctrl+P): the question is in the focused answer control's name or description; an
    answer (typed, or chosen with 1) moves the focus to a grade named "Good: 10 min", once,
    described by the verdict; 3 grades it; Escape shows the summary (a heading, Done focused),
    Escape again leaves practice with the focus in the window;
  - the progress overlay (Ctrl+Shift+M): its control is a check box whose checked state follows;
  - the Progress page, from the primary menu (F10, Down to "Progress…", Enter): its first focus
    is named, its chart is an image named "By Day" with a description; Escape closes it and the
    focus comes back to the window;
  - the detail pane's study part (F6, Tab): the states are radio buttons, one checked; Space
    checks "Learning"; the note is a text named "Note", takes typing, and Ctrl+Tab leaves it.
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
        # A method call the app is slow to answer (a layout on the main thread) would otherwise
        # make libatspi drop the app as gone (its default is 800 ms).
        from gi.repository import Atspi
        Atspi.set_timeout(TIMEOUT * 1000, TIMEOUT * 1000)
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
    wait_for("Escape to close the menu", lambda: focused(frame) is not None)

    walk_reading(frame, canvas)
    walk_practice(frame, canvas)
    walk_progress_overlay(frame)
    walk_progress_page(app, frame)
    walk_concept_study(frame, canvas)


def focus_is_named(frame, where):
    """The focus is somewhere in the window, on something that has a name."""
    f = focused(frame)
    if f is None:
        fail(f"{where}: the focus is lost (nothing in the window is focused)")
        return None
    print(f"{where}: focused:", describe(f), flush=True)
    if not (f.name or "").strip():
        fail(f"{where}: the focused {f.getRoleName()} has no name")
    return f


def wait_focus(frame, what, predicate):
    return wait_for(what, lambda: (lambda f: f if f is not None and predicate(f) else None)(
        focused(frame)))


def walk_reading(frame, canvas):
    """The Read view (F8) beside the graph, and the guided tour (Alt+Page Down / Up)."""
    key("F6")  # from wherever the menu left it, to a pane; back to the graph
    wait_for("F6 to reach the graph", lambda: (focused(frame) == canvas) or
             (key("F6"), time.sleep(0.1), focused(frame) == canvas)[-1])
    key("F8")
    speech = wait_for("F8 to show the speech", lambda: find(
        frame, lambda a: a.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_DOCUMENT_TEXT)
        and a.name == "The Speech"))
    dump(frame, "the speech (F8) beside the graph")
    check_names(frame, "the speech shown")
    focus_is_named(frame, "after F8")
    print("speech:", describe(speech), flush=True)
    # F6 from the graph to the speech: the keyboard (and a screen reader's caret) lands on the
    # selected concept's passage, not the speech's first line.
    key("F6")
    wait_focus(frame, "F6 to reach the speech", lambda f: f == speech)
    focus_is_named(frame, "the speech focused")
    text = speech.queryText()
    caret = text.caretOffset
    current = text.getText(caret, min(caret + 40, text.characterCount))
    print(f"speech caret at {caret} of {text.characterCount}: {current!r}", flush=True)
    passage = find(frame, lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON
                   and "passage" in (a.description or a.name or "").lower())
    if passage is not None:
        print("passage card:", describe(passage), flush=True)
    # The detail pane's passage card reads "Paragraph 2: <the passage>".
    quote = re.sub(r"^[^:]*: ", "", passage.name) if passage is not None else ""
    if passage is None:
        fail("the detail pane shows no passage card for the selected concept")
    elif not current or not quote.startswith(current[:10]):
        fail(f"F6 to the speech puts its caret at {caret}, {current[:10]!r}, not at the selected "
             f"concept's passage {quote[:10]!r}")
    key("F6")
    wait_for("F6 on from the speech", lambda: focused(frame) != speech)
    focus_is_named(frame, "F6 from the speech")

    # The guided tour: Alt+Page Down and Up step through the concepts in the speech's order.
    while focused(frame) != canvas:
        before = focused(frame)
        key("F6")
        wait_for("F6 to move", lambda: focused(frame) != before)
    before = canvas.description
    key("alt+Next")
    wait_for("Alt+Page Down to select the next concept",
             lambda: canvas.description and canvas.description != before)
    after_next = canvas.description
    dump(frame, "the tour: Alt+Page Down")
    check_names(frame, "the tour")
    focus_is_named(frame, "after Alt+Page Down")
    for label in ("Previous in the Speech", "Next in the Speech"):
        button = find(frame, lambda a: a.name == label)
        if button is None:
            fail(f"no tour button named “{label}”")
        elif button.getRole() != pyatspi.ROLE_PUSH_BUTTON:
            fail(f"the tour button “{label}” is a {button.getRoleName()}")
    position = find(frame, lambda a: a.getRole() == pyatspi.ROLE_LABEL
                    and re.match(r"^\d+ of \d+", a.name or ""))
    if position is None:
        fail("the tour bar does not say its position (“3 of 233”)")
    else:
        print("tour position:", describe(position), flush=True)
    key("alt+Prior")
    wait_for("Alt+Page Up to step back",
             lambda: canvas.description and canvas.description != after_next)
    print("back to:", canvas.description, "(was", before, ")", flush=True)
    reading = find(frame, lambda a: a.name == "Read the Speech")
    if reading is None or not states(reading).contains(pyatspi.STATE_CHECKED):
        fail("the “Read the Speech” control is missing or not checked while the speech is shown")
    key("F8")
    wait_for("F8 to put the speech away",
             lambda: reading is None or not states(reading).contains(pyatspi.STATE_CHECKED))
    focus_is_named(frame, "the speech put away")


def walk_practice(frame, canvas):
    """Practice (Ctrl+P) in the detail pane's place: a question by keyboard, its answer, a grade,
    the summary (Escape), and back (Escape)."""
    key("ctrl+p")
    panel = wait_for("Ctrl+P to show practice", lambda: find(
        frame, lambda a: a.name == "Practice" and showing(a)))
    for card in range(2):
        f = wait_focus(frame, "the question to take the focus",
                       lambda f: f.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_PUSH_BUTTON,
                                                 pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TEXT))
        dump(frame, f"practice: question {card + 1}")
        check_names(frame, f"practice, question {card + 1}")
        focus_is_named(frame, f"practice, question {card + 1}")
        # What is asked reaches a screen reader with the control it is answered in.
        print("answering in:", describe(f), flush=True)
        # The question: the first label after the card count and the Stop button's own.
        prompt = find(panel, lambda a: a.getRole() == pyatspi.ROLE_LABEL and a.name
                      and not re.match(r"^Card \d+ of \d+$", a.name)
                      and a.parent.getRole() != pyatspi.ROLE_PUSH_BUTTON)
        if prompt is None:
            fail("no label in the practice panel holds the question")
        elif prompt.name not in (f.description or "") + (f.name or ""):
            fail(f"the question {prompt.name!r} is not in the focused control's name or "
                 f"description: {describe(f)}")
        if f.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT):
            subprocess.run(["xdotool", "type", "--delay", "50", "不知道"], check=True)
            key("Return")
        elif f.getRole() == pyatspi.ROLE_PUSH_BUTTON:
            key("1")
        else:
            key("Return")
        graded = wait_focus(frame, "the answer to move the focus to a grade",
                            lambda f: re.match(r"^(Again|Hard|Good|Easy): ", f.name or ""))
        dump(frame, f"practice: answer {card + 1} checked")
        check_names(frame, f"practice, answer {card + 1}")
        print("grade focused:", describe(graded), flush=True)
        if not re.search(r"Right|Wrong|Near Miss", graded.description or ""):
            fail(f"the grade button does not say how the answer fared: {describe(graded)}")
        for grade in ("Again", "Hard", "Good", "Easy"):
            button = find(frame, lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON
                          and (a.name or "").startswith(grade + ": "))
            if button is None:
                fail(f"no grade button named “{grade}: …”")
            elif button.name.count(grade) != 1:
                fail(f"the grade button's name says its grade twice: {button.name!r}")
        before = graded.name
        key("3")
        wait_for("a grade to go on", lambda: focused(frame) is None or focused(frame) != graded
                 or not showing(graded))
        time.sleep(0.3)
        focus_is_named(frame, f"practice, graded {card + 1}")
        if find(frame, lambda a: a.name == "Done" and showing(a)):
            break
    key("Escape")
    done = wait_focus(frame, "Escape to show the summary", lambda f: f.name == "Done")
    dump(frame, "practice: the session's summary")
    check_names(frame, "practice, the summary")
    headings = [a.name for _, a in walk(panel) if a.getRole() == pyatspi.ROLE_HEADING]
    if "Session Summary" not in headings:
        fail(f"the summary's title is not a heading: {headings}")
    key("Escape")
    wait_for("Escape to leave practice", lambda: focused(frame) != done)
    time.sleep(0.3)
    f = focus_is_named(frame, "practice left")
    if f is not None and f != canvas:
        print("practice left the focus on", describe(f), flush=True)


def walk_progress_overlay(frame):
    """Ctrl+Shift+M: the graph coloured by mastery; its header toggle is a two-state control."""
    toggle = find(frame, lambda a: a.name == "Show Progress")
    if toggle is None:
        fail("no control named “Show Progress”")
        return
    print("progress toggle:", describe(toggle), flush=True)
    if toggle.getRole() not in (pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_TOGGLE_BUTTON):
        fail(f"the progress control is a {toggle.getRoleName()}, not a two-state control")
    was = states(toggle).contains(pyatspi.STATE_CHECKED)
    key("ctrl+shift+m")
    wait_for("Ctrl+Shift+M to check the progress control",
             lambda: states(toggle).contains(pyatspi.STATE_CHECKED) != was)
    dump(frame, "the progress overlay toggled")
    check_names(frame, "the progress overlay")
    focus_is_named(frame, "the progress overlay toggled")
    key("ctrl+shift+m")
    wait_for("Ctrl+Shift+M again to uncheck it",
             lambda: states(toggle).contains(pyatspi.STATE_CHECKED) == was)


def walk_progress_page(app, frame):
    """The Progress page, from the primary menu by keyboard; Escape closes it."""
    key("F10")
    wait_for("the menu", lambda: find(app, lambda a: a.name == "Export as SVG…"))
    for _ in range(30):
        f = focused(app)
        if f is not None and f.name == "Progress…":
            break
        key("Down")
        time.sleep(0.15)
    else:
        fail("Down never reaches the menu's “Progress…”")
        key("Escape")
        return
    key("Return")
    page = wait_for("the Progress page", lambda: next(
        (w for w in app if w is not None and w.name == "Progress" and showing(w)), None))
    wait_focus(page, "the Progress page to take the focus", lambda f: True)
    dump(page, "the Progress page")
    check_names(page, "the Progress page")
    focus_is_named(page, "the Progress page")
    chart = find(page, lambda a: a.name == "By Day" and a.getRole() != pyatspi.ROLE_HEADING)
    if chart is None:
        fail("the progress chart is not named “By Day”")
    else:
        print("chart:", describe(chart), flush=True)
        # A screen reader passes over fillers: the chart is a picture, with its words.
        if chart.getRole() != pyatspi.ROLE_IMAGE:
            fail(f"the progress chart is a {chart.getRoleName()}, not an image")
        if not (chart.description or "").strip():
            fail("the progress chart has no description")
    key("Escape")
    wait_for("Escape to close the Progress page", lambda: not showing(page))
    wait_for("the focus back in the window", lambda: focused(frame))
    focus_is_named(frame, "the Progress page closed")


def walk_concept_study(frame, canvas):
    """The detail pane's study part: the concept's state and a note, by keyboard."""
    for _ in range(6):
        if focused(frame) == canvas:
            break
        key("F6")
        time.sleep(0.2)
    key("Home")
    wait_for("Home to select the root", lambda: "level 1" in (canvas.description or ""))
    key("F6")
    wait_focus(frame, "F6 to focus the title", lambda f: f.getRole() == pyatspi.ROLE_HEADING)
    states_group = None
    for _ in range(60):
        f = focused(frame)
        if f is not None and f.name in ("New", "Learning", "Known"):
            states_group = f
            break
        key("Tab")
        time.sleep(0.1)
    if states_group is None:
        fail("Tab never reaches the concept's state (New, Learning, Known)")
        return
    dump(frame, "the detail pane's study part")
    check_names(frame, "the study part")
    buttons = [a for _, a in walk(frame) if a.name in ("New", "Learning", "Known")
               and a.getRole() in control_roles()]
    for b in buttons:
        print("state:", describe(b), flush=True)
        if b.getRole() not in (pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON,
                               pyatspi.ROLE_CHECK_BOX):
            fail(f"the state “{b.name}” is a {b.getRoleName()}, not one of a choice "
                 f"(radio button)")
    if not any(states(b).contains(pyatspi.STATE_CHECKED) for b in buttons):
        fail("no state says it is the concept's (checked)")
    learning = next((b for b in buttons if b.name == "Learning"), None)
    for _ in range(3):
        if learning is None or focused(frame) == learning:
            break
        key("Tab")
        time.sleep(0.2)
    if learning is not None and focused(frame) != learning:
        fail(f"the keyboard does not reach the state “Learning”: {describe(focused(frame))}")
    key("space")
    if learning is not None:
        # Pressed, if it has not the radio button's checked state (which fails above).
        wait_for("Space to make the concept “Learning”",
                 lambda: states(learning).contains(pyatspi.STATE_CHECKED)
                 or states(learning).contains(pyatspi.STATE_PRESSED))
        if not states(learning).contains(pyatspi.STATE_CHECKED):
            fail("the state “Learning” chosen does not say it is checked")
    note = None
    for _ in range(10):
        key("Tab")
        time.sleep(0.1)
        f = focused(frame)
        if f is not None and f.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY):
            note = f
            break
    if note is None:
        fail("Tab never reaches the note")
        return
    print("note:", describe(note), flush=True)
    if note.name != "Note":
        fail(f"the note is not named “Note”: {note.name!r}")
    subprocess.run(["xdotool", "type", "--delay", "50", "remember this"], check=True)
    wait_for("the note to take the text",
             lambda: "remember this" in note.queryText().getText(0, -1))
    dump(frame, "a note typed")
    check_names(frame, "a note typed")
    # Out of the note by keyboard: Tab is text there only if the note accepts tabs.
    key("ctrl+Tab")
    time.sleep(0.2)
    if focused(frame) == note:
        key("Tab")
        time.sleep(0.2)
    if focused(frame) == note:
        fail("the note traps the keyboard: neither Tab nor Ctrl+Tab leaves it")
    focus_is_named(frame, "out of the note")


if __name__ == "__main__":
    sys.exit(main())
