#!/usr/bin/env python3
"""Runs the examples of docs/cli.md and checks that they print what the page shows.

    python3 scripts/cli_examples.py CLI --check   # exit 1 if an output differs (run by ctest)
    python3 scripts/cli_examples.py CLI --write   # rewrite the shown outputs from the actual ones

CLI is the built `clearance` executable. An example is a line `$ clearance ARGS`
inside a ```console block (a trailing backslash continues it on the next line;
`< FILE` feeds FILE to stdin), followed by what it prints: stdout, then stderr,
then `[exit N]` when the exit code N is not 0. Commands run from the repository
root. In a shown output a line `...` stands for any number of lines, and a line
ending in `...` for any line that starts with the text before it; --write
leaves a block with such a line as it is.
"""
import pathlib
import re
import shlex
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)


def examples(body):
    """Yields (command line as shown, shown output lines) for each `$ clearance` line."""
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ clearance"):
            i += 1
            continue
        command = [lines[i]]
        while command[-1].endswith("\\") and i + 1 < len(lines):
            i += 1
            command.append(lines[i])
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        yield "\n".join(command), output


def run(cli, command):
    words = shlex.split(command[2:].replace("\\\n", " "))[1:]
    stdin = subprocess.DEVNULL
    if "<" in words:
        at = words.index("<")
        stdin = open(ROOT / words[at + 1], "rb")
        words = words[:at] + words[at + 2:]
    done = subprocess.run([cli] + words, cwd=ROOT, stdin=stdin, capture_output=True, text=True)
    text = done.stdout + done.stderr
    lines = text.splitlines()
    if done.returncode != 0:
        lines.append(f"[exit {done.returncode}]")
    return lines


def matches(shown, actual):
    """True when the actual lines fit the shown ones, `...` lines being wildcards."""
    if not shown:
        return not actual
    head, rest = shown[0], shown[1:]
    if head == "...":
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    if not actual:
        return False
    if head.endswith("...") and head != "...":
        fits = actual[0].startswith(head[:-3])
    else:
        fits = actual[0] == head
    return fits and matches(rest, actual[1:])


def main(argv):
    if len(argv) != 3 or argv[2] not in ("--write", "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    cli, write = argv[1], argv[2] == "--write"
    text = DOC.read_text()
    failures = []
    count = 0

    def refill(block):
        nonlocal count
        body = block.group(1)
        out = []
        for command, shown in examples(body):
            count += 1
            actual = run(cli, command)
            if matches(shown, actual):
                out.append((command, shown))
                continue
            failures.append((command, shown, actual))
            elided = any(line.endswith("...") for line in shown)
            out.append((command, shown if elided or not write else actual))
        if not out:
            return block.group(0)
        prose = body[: body.index("$ clearance")]
        lines = [prose.rstrip("\n")] if prose.strip() else []
        for command, output in out:
            lines.append(command)
            lines.extend(output)
        return "```console\n" + "\n".join(lines) + "\n```\n"

    new = BLOCK.sub(refill, text)
    if write:
        DOC.write_text(new)
        print(f"docs/cli.md: {count} examples, {len(failures)} rewritten")
        return 0
    for command, shown, actual in failures:
        print(f"docs/cli.md: the example\n{command}\nshows\n" + "\n".join(shown) +
              "\nbut prints\n" + "\n".join(actual) + "\n", file=sys.stderr)
    if failures:
        print(f"{len(failures)} of {count} examples differ: fix them, or run "
              "python3 scripts/cli_examples.py build/src/clearance --write", file=sys.stderr)
        return 1
    print(f"docs/cli.md: {count} examples print what they show")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
