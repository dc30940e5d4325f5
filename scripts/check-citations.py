#!/usr/bin/env python3
"""Checks citekb's citation clustering against hand-labelled pairs of reference entries.

Usage (from the project root, after `cargo build --release`):
  scripts/check-citations.py [--labels tests/labels/gsap-citation-pairs.tsv] [--papers ../shared/eval/gsap/papers]

Ingests the papers into a temporary catalog, finds each labelled entry among the paper's
reference entries (by the hash of its letters and digits), and scores the pairs: a pair is
predicted "same" when both entries point to one canonical citation. Prints pairwise precision
and recall, with and without the pairs marked hard, and how many entries were not found.
"""
import argparse, os, sqlite3, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labels import sha  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", default="tests/labels/gsap-citation-pairs.tsv")
    ap.add_argument("--papers", default="../shared/eval/gsap/papers")
    ap.add_argument("--bin", default="target/release/citekb")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "catalog.db")
        subprocess.run([a.bin, "--db", db, "ingest", "--summary", a.papers], check=True, capture_output=True)
        conn = sqlite3.connect(db)
        entries = {}
        for source, raw, cid in conn.execute(
            "SELECT s.path, r.raw, r.citation_id FROM reference_entries r JOIN paper_sources s ON s.paper_id = r.paper_id"
        ):
            stem = os.path.splitext(os.path.basename(source))[0]
            entries[(stem, sha(raw))] = cid
    counts = {"all": [0, 0, 0], "clear": [0, 0, 0]}  # tp, fp, fn
    missing = 0
    for line in open(a.labels, encoding="utf-8"):
        if line.startswith("#") or line.startswith("a_paper\t") or not line.strip():
            continue
        ap_, ah, bp, bh, label, hard = (line.rstrip("\n").split("\t") + [""])[:6]
        ca, cb = entries.get((ap_, ah)), entries.get((bp, bh))
        if ca is None or cb is None:
            missing += 1
            predicted = False
        else:
            predicted = ca == cb
        for subset in ("all",) + (() if hard else ("clear",)):
            c = counts[subset]
            if predicted and label == "same":
                c[0] += 1
            elif predicted:
                c[1] += 1
                print(f"  wrong merge: {ap_} / {bp}", file=sys.stderr)
            elif label == "same":
                c[2] += 1
    for subset, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"{subset:5} pairs: precision {p:.3f} ({tp}/{tp + fp}), recall {r:.3f} ({tp}/{tp + fn})")
    print(f"pairs with an entry citekb split differently: {missing}")


if __name__ == "__main__":
    main()
