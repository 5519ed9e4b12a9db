#!/usr/bin/env python3
"""Keeps docs/language.md showing the files of docs/examples verbatim.

    python3 scripts/docs_examples.py --write   # refill every example block
    python3 scripts/docs_examples.py --check   # exit 1 if a block differs (run by ctest)

A block is a line `<!-- example: PATH -->` followed by a fenced code block; its
content is the file at PATH (relative to the repository root).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "language.md"
BLOCK = re.compile(r"(<!-- example: (?P<path>[^ ]+) -->\n```(?P<lang>\w*)\n)(?P<body>.*?)(```\n)", re.S)


def refill(text):
    missing = []

    def one(m):
        path = ROOT / m.group("path")
        if not path.is_file():
            missing.append(m.group("path"))
            return m.group(0)
        body = path.read_text()
        if not body.endswith("\n"):
            body += "\n"
        return m.group(1) + body + m.group(5)

    return BLOCK.sub(one, text), missing


def main(argv):
    if len(argv) != 2 or argv[1] not in ("--write", "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    text = DOC.read_text()
    new, missing = refill(text)
    for path in missing:
        print(f"docs/language.md: no such example file: {path}", file=sys.stderr)
    if missing:
        return 1
    shown = {m.group("path") for m in BLOCK.finditer(text)}
    if argv[1] == "--write":
        DOC.write_text(new)
        return 0
    if new != text:
        print("docs/language.md does not show docs/examples as they are: "
              "run python3 scripts/docs_examples.py --write", file=sys.stderr)
        return 1
    print(f"docs/language.md shows {len(shown)} example files as they are")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
