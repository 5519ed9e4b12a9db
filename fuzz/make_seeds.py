#!/usr/bin/env python3
"""Builds the fuzzers' seed corpora from rules/ and tests/data into OUT/<target>/.

Usage: make_seeds.py REPO_ROOT OUT

Policies and test files are bundled with the files they reach (include,
extends, a test file's policy) in the multi-file format of fuzz/harness.hpp:
a line "#%file NAME" starts each file. Standard library only.
"""
import hashlib
import os
import re
import sys

MARKER = "#%file "


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def references(text):
    """Paths named by include (block or flow list), extends and a test file's policy."""
    refs = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(extends|policy):\s*['\"]?([^'\"#\s]+\.ya?ml)", line)
        if m:
            refs.append(m.group(2))
        m = re.match(r"^include:\s*\[(.*)\]", line)
        if m:
            refs += [p.strip().strip("'\"") for p in m.group(1).split(",") if p.strip()]
        elif re.match(r"^include:\s*$", line):
            for follow in lines[i + 1:]:
                m = re.match(r"^\s+-\s+['\"]?([^'\"#\s]+)", follow)
                if not m:
                    break
                refs.append(m.group(1))
    return refs


def bundle(root_path, base_dir):
    """The root file and every file it reaches, named relative to base_dir."""
    seen, order, todo = set(), [], [os.path.normpath(root_path)]
    while todo:
        path = todo.pop(0)
        if path in seen or not os.path.isfile(path):
            continue
        seen.add(path)
        order.append(path)
        text = read(path)
        for ref in references(text):
            todo.append(os.path.normpath(os.path.join(os.path.dirname(path), ref)))
    parts = []
    for path in order:
        parts.append(MARKER + os.path.relpath(path, base_dir) + "\n" + read(path))
    return "".join(p if p.endswith("\n") else p + "\n" for p in parts)


def write(out_dir, text):
    os.makedirs(out_dir, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(data)


def yaml_files(folder):
    for dirpath, _, names in os.walk(folder):
        for name in sorted(names):
            if name.endswith(".yaml"):
                yield os.path.join(dirpath, name)


def main():
    repo, out = sys.argv[1], sys.argv[2]
    rules = os.path.join(repo, "rules")
    data = os.path.join(repo, "tests", "data")
    for path in yaml_files(rules):
        target = "test_file" if path.endswith(".test.yaml") else "load_policy"
        write(os.path.join(out, target), bundle(path, rules))
        for line in read(path).splitlines():
            m = re.match(r"^\s*when:\s*(.+?)\s*$", line)
            if m and not m.group(1).startswith("{"):
                write(os.path.join(out, "expression"), m.group(1).strip("'\""))
    broken = os.path.join(data, "broken")
    if os.path.isdir(broken):
        for name in sorted(os.listdir(broken)):
            path = os.path.join(broken, name)
            if name.endswith(".yaml"):
                with open(path, "rb") as f:
                    write(os.path.join(out, "load_policy"), f.read())
                for line in read(path).splitlines():
                    m = re.match(r"^\s*when:\s*(.+?)\s*$", line)
                    if m and not m.group(1).startswith("{"):
                        write(os.path.join(out, "expression"), m.group(1).strip("'\""))
            elif os.path.isfile(os.path.join(path, "root.yaml")):
                write(os.path.join(out, "load_policy"), bundle(os.path.join(path, "root.yaml"), path))
        queries = os.path.join(broken, "queries")
        for line in read(os.path.join(queries, "batch.jsonl")).splitlines():
            write(os.path.join(out, "batch_line"), line)
        csv = read(os.path.join(queries, "batch.csv")).splitlines()
        for row in csv[1:]:
            write(os.path.join(out, "batch_line"), csv[0] + "\n" + row)


if __name__ == "__main__":
    main()
