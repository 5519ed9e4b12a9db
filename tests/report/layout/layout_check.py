#!/usr/bin/env python3
"""Renders every HTML and SVG report in headless Chromium and fails on the
layout errors layout_check.js detects (overflow past the viewport, text that
overlaps or leaves an SVG, an SVG far larger than its drawing).

    layout_check.py CLEARANCE_CLI [CHROMIUM]
    layout_check.py --files REPORT...     (check only these files)
    layout_check.py --bad REPORT...       (each must show a problem: the checker's own test)

Run from the repository root. Checks the reports the CLI writes now (diff
HTML, matrix HTML and SVG, folded and unfolded, with each --cell) and the
shipped examples/what-if/*.html|svg. Exits 77 (a skipped ctest) when no
Chromium is installed.
"""
import html
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
SKIP = 77
RULES = "rules/frontier-2026"
MATRIX = ["--rows", "country", "--cols", "use", "--where", "model=fable-5", "--where", "nationality=DE",
          "--date", "2027-01-01"]

# name -> clearance arguments; the output is the report.
GENERATED = {
    "diff.html": ["diff", f"{RULES}/base.yaml", f"{RULES}/allies-defensive.yaml", "--date", "2027-01-01",
                  "--format", "html"],
    "diff-all-dates.html": ["diff", f"{RULES}/base.yaml", f"{RULES}/hawks.yaml", "--all-dates", "--format", "html"],
    "matrix.html": ["matrix", f"{RULES}/allies-defensive.yaml", *MATRIX, "--format", "html"],
    "matrix.svg": ["matrix", f"{RULES}/allies-defensive.yaml", *MATRIX, "--format", "svg"],
    "matrix-folded-rule.svg": ["matrix", f"{RULES}/allies-defensive.yaml", *MATRIX, "--fold", "--cell", "rule",
                               "--format", "svg"],
    "matrix-group-outcome.html": ["matrix", f"{RULES}/allies-defensive.yaml", "--rows", "country", "--cols", "use",
                                  "--where", "model=frontier", "--where", "nationality=tier-1", "--fold", "--cell",
                                  "outcome", "--date", "2027-01-01", "--format", "html"],
    "matrix-group-outcome.svg": ["matrix", f"{RULES}/allies-defensive.yaml", "--rows", "country", "--cols", "use",
                                 "--where", "model=frontier", "--where", "nationality=tier-1", "--fold", "--cell",
                                 "outcome", "--date", "2027-01-01", "--format", "svg"],
}


def find_chromium(given):
    for name in [given, "chromium", "chromium-browser", "google-chrome"]:
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def page_for(report: pathlib.Path, script: str) -> str:
    """The report as an HTML page that runs the checks once it is laid out."""
    text = report.read_text(encoding="utf-8")
    tag = "<script>" + script + "</script>"
    if report.suffix == ".svg":
        svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
        return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><style>body{margin:0}</style></head><body>"
                + svg + tag + "</body></html>")
    return text.replace("</body>", tag + "</body>") if "</body>" in text else text + tag


def problems_of(chromium: str, page: pathlib.Path) -> list:
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--window-size=1280,1600", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120)
    found = re.findall(r'<pre id="layout-report">(.*?)</pre>', run.stdout, re.S)  # the last: the script's own
    if not found:
        return ["no layout report from chromium (exit %d): %s" % (run.returncode, run.stderr[-400:])]
    return json.loads(html.unescape(found[-1]))


def main() -> int:
    expect_bad = sys.argv[1] == "--bad"
    only = sys.argv[2:] if sys.argv[1] in ("--files", "--bad") else None
    cli = sys.argv[1]
    chromium = find_chromium(sys.argv[2] if len(sys.argv) > 2 and not only else None)
    if not chromium:
        print("SKIPPED: no chromium installed (apt-get install chromium); the report layouts were not checked")
        return SKIP
    script = (HERE / "layout_check.js").read_text(encoding="utf-8")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)
        reports = [pathlib.Path(f) for f in only] if only else []
        for name, args in ({} if only else GENERATED).items():
            result = subprocess.run([cli, *args], capture_output=True)
            if result.returncode >= 2:
                print(f"FAIL {name}: clearance {' '.join(args)} exited {result.returncode}")
                failures += 1
                continue
            (out / name).write_bytes(result.stdout)
            reports.append(out / name)
        if not only:
            examples = pathlib.Path("examples")
            reports += sorted(examples.rglob("*.html")) + sorted(examples.rglob("*.svg"))
        for report in reports:
            page = out / (report.name + ".check.html")
            page.write_text(page_for(report, script), encoding="utf-8")
            problems = problems_of(chromium, page)
            label = report.name if report.parent == out else str(report)
            if expect_bad:  # the checker must see what is wrong with each
                print(("found   " if problems else "MISSED  ") + label)
                failures += not problems
            else:
                print(("ok   " if not problems else "FAIL ") + label)
                failures += bool(problems)
            for p in problems:
                print("       " + p)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
