#!/usr/bin/env python3
"""Checks citekb's reference splitting and title parsing against a labelled sample.

Usage (from the project root, after `cargo build --release`):
  scripts/check-references.py [--labels tests/labels/gsap-references.tsv] [--papers ../shared/eval/gsap/papers]

The labels hold, for random offsets in each paper's reference list, hashes of the true entry and
of its title (see the file's header). An entry counts as split right when citekb extracts an entry
with the same letters and digits; its title counts as right when that entry's parsed title has the
same letters and digits as the true title. Prints both rates and the misses.
"""
import argparse, json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labels import sha  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", default="tests/labels/gsap-references.tsv")
    ap.add_argument("--papers", default="../shared/eval/gsap/papers")
    ap.add_argument("--bin", default="target/release/citekb")
    a = ap.parse_args()
    labels = []
    for line in open(a.labels, encoding="utf-8"):
        if line.startswith("#") or line.startswith("paper\t") or not line.strip():
            continue
        paper, offset, entry, title = line.rstrip("\n").split("\t")
        labels.append((paper, int(offset), entry, title))
    out = subprocess.run([a.bin, "extract", "--format", "jsonl", a.papers], capture_output=True, text=True).stdout
    refs = {}
    for line in out.splitlines():
        p = json.loads(line)
        stem = os.path.splitext(os.path.basename(p["source"]))[0]
        refs[stem] = [(sha(r["raw"]), sha(r["title"] or "")) for r in p["references"]]
    entries_ok = titles_ok = n = 0
    misses = []
    for paper, offset, entry, title in labels:
        if entry == "-":
            continue
        n += 1
        found = [t for (e, t) in refs.get(paper, []) if e == entry]
        if found:
            entries_ok += 1
            if title in found:
                titles_ok += 1
            else:
                misses.append(f"{paper}@{offset}: title")
        else:
            misses.append(f"{paper}@{offset}: entry boundaries")
    print(f"entries split right: {entries_ok}/{n} = {entries_ok / n:.3f}")
    print(f"entries and titles right: {titles_ok}/{n} = {titles_ok / n:.3f}")
    for m in misses:
        print("  miss", m, file=sys.stderr)


if __name__ == "__main__":
    main()
