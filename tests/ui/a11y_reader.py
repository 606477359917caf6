"""Reads the accessibility tree of a running application over AT-SPI (as Orca does).

    /usr/bin/python3 tests/ui/a11y_reader.py APP_NAME OUT.json

Runs under the system Python, which has pyatspi (Debian: python3-pyatspi); the app runs
under the project's venv. Writes every node that is showing on screen: role, name,
description, the names of the nodes that label it, and whether it can take the focus.
Rows of tables and trees are not descended into (their cells are data). Asserts nothing.
"""
import json
import sys
import time

import pyatspi

CONTAINERS_NOT_WALKED = {"table", "tree table", "tree", "list", "list box", "page tab list", "menu bar"}


def find_app(name, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    return None


def node_info(node):
    states = node.getState()
    labelled_by = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            labelled_by += [relation.getTarget(i).name for i in range(relation.getNTargets())]
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "labelled_by": labelled_by,
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "showing": states.contains(pyatspi.STATE_SHOWING),
    }


def walk(node, out, depth=0):
    if node is None or depth > 60:
        return
    info = node_info(node)
    if not info["showing"] and depth > 1:
        return
    out.append(info)
    if info["role"] in CONTAINERS_NOT_WALKED:
        return
    for child in node:
        walk(child, out, depth + 1)


def main():
    name, out_path = sys.argv[1], sys.argv[2]
    app = find_app(name)
    nodes = []
    if app is not None:
        for window in app:
            walk(window, nodes)
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump({"found": app is not None, "nodes": nodes}, out, ensure_ascii=False)


if __name__ == "__main__":
    main()
