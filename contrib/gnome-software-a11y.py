#!/usr/bin/python3
"""Drive GNOME Software's Updates page through the accessibility tree.

    contrib/gnome-software-a11y.py MODEL OLD NEW NOTES [--screenshot FILE.png] [--update]

Waits (bounded, polling the tree) for GNOME Software's Updates page to list
the device firmware row "MODEL OLD → NEW", saves the window with xwd, opens
the row's details as a user does (a click on the row: GTK 4.8 gives list
rows no accessible action) and checks that they show NOTES, closes them, and
with --update presses the row's "Update" button through its accessible action
and waits until the row is gone (the update is done) or shows an error.
Exit status 0 when every step passed; each step prints one line.
Needs python3-pyatspi, x11-apps (xwd), imagemagick (convert), a display.
"""
import argparse
import os
import subprocess
import sys
import time

import pyatspi

APP = "org.gnome.Software"


def walk(node):
    """Every node under node, depth first; nodes that vanish are skipped."""
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            yield from walk(child)


def poll(what, func, timeout):
    """func() until it returns something true, at most timeout seconds."""
    start = time.monotonic()
    while True:
        try:
            value = func()
        except Exception:  # the tree changes under us: try again
            value = None
        if value:
            return value
        if time.monotonic() - start > timeout:
            sys.exit(f"gnome-software-a11y: timed out after {timeout} s waiting for {what}")
        time.sleep(0.2)


def app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == APP:
            return a
    return None


def find(root, role, name):
    for n in walk(root):
        if n.getRoleName() == role and n.name == name:
            return n
    return None


def window(gs, name):
    """A top-level window of the application (no walk of the whole tree)."""
    for i in range(gs.childCount):
        w = gs.getChildAtIndex(i)
        if w is not None and w.getRoleName() == "frame" and w.name == name:
            return w
    return None


def labels(node):
    return [n.name for n in walk(node) if n.getRoleName() == "label"]


def firmware_row(page, model):
    """The Updates page's list item whose first label is the model."""
    for n in walk(page):
        if n.getRoleName() == "list item":
            names = labels(n)
            if names and names[0] == model:
                return n
    return None


def row_button(row):
    """The row's GsProgressButton and the label it shows."""
    for n in walk(row):
        if n.getRoleName() == "push button":
            return n, [x for x in labels(n) if x]
    return None, []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("notes", help="text the release notes must contain")
    parser.add_argument("--screenshot", metavar="FILE.png")
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    t0 = time.monotonic()

    def say(text):
        print(f"gnome-software-a11y: {time.monotonic() - t0:5.1f} s: {text}", flush=True)

    gs = poll(f"{APP} on the accessibility bus", app, 60)
    page = poll("the Updates page", lambda: find(gs, "filler", "Updates page"), 30)
    row = poll(f"an Updates page row for {args.model}", lambda: firmware_row(page, args.model), 60)
    shown = labels(row)
    say(f"listed: {' '.join(shown)}")
    if shown[:4] != [args.model, args.old, "→", args.new]:
        sys.exit(f"gnome-software-a11y: the row shows {shown}, not {args.model} {args.old} → {args.new}")
    button, text = row_button(row)
    if button is None or text != ["Update"]:
        sys.exit(f"gnome-software-a11y: the row has no Update button (it shows {text})")

    if args.screenshot:
        tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=True).stdout
        win = next((line.split()[0] for line in tree.splitlines()
                    if '"Software"' in line and " 1x1+" not in line), None)
        if win is None:
            sys.exit("gnome-software-a11y: no X window named Software")
        subprocess.run(f"xwd -id {win} -silent | convert xwd:- -strip '{args.screenshot}'", shell=True, check=True)
        say(f"saved {args.screenshot}")

    # the details a user gets by clicking the row: where the release notes are
    ext = row.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(ext.x + ext.width // 3, ext.y + ext.height // 2, "b1c")
    dialog = poll("the Update Details window", lambda: window(gs, "Update Details"), 20)
    notes = poll("the release notes", lambda: next((t for t in labels(dialog) if args.notes in t), None), 20)
    say("release notes: " + notes.replace("\n", " ").strip())
    if f"Version {args.new}" not in notes:
        sys.exit(f"gnome-software-a11y: the notes are not for version {args.new}")
    close = find(dialog, "push button", "Close")
    if close is None:
        sys.exit("gnome-software-a11y: the Update Details window has no Close button")
    close.queryAction().doAction(0)
    poll("the Update Details window to close",
         lambda: "closed" if window(gs, "Update Details") is None else None, 20)

    if not args.update:
        return
    button, text = row_button(row)
    button.queryAction().doAction(0)
    say("pressed Update")
    seen = set()

    def done():
        # GNOME Software 43.5 shows no error for a failed firmware update (the
        # button stays on "Installing"); its --verbose log ($GS_LOG) has it
        log = os.environ.get("GS_LOG")
        if log and os.path.exists(log):
            failed = [line for line in open(log, errors="replace") if "failed for action update" in line]
            if failed:
                sys.exit("gnome-software-a11y: GNOME Software: " + failed[0].strip())
        r = firmware_row(page, args.model)
        if r is None:
            return "gone"
        _, text = row_button(r)
        state = " ".join(text)
        if state not in seen:
            seen.add(state)
            say(f"the button shows {state!r}")
        return None
    poll("the update to finish (its row to go)", done, 120)
    say("the row is gone: the update finished")


if __name__ == "__main__":
    main()
