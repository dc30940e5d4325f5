#!/usr/bin/env python3
"""Measures how often citekb reports ordinary words of biomedicine as datasets.

Usage (from the project root, after `cargo build --release`):
  scripts/biomedical-words.py [--papers ../shared/eval/linking/papers] [--gold ../shared/eval/linking/gold.jsonl]
                              [--pred PRED.jsonl] [--top 30] [--show WORD]

Runs `citekb extract --format jsonl` on the papers (or reads `--pred`, a saved run) and prints:
- the share of papers in which citekb reports, as a dataset, any word of WORDS below (words,
  acronyms, organisms and units that biomedical papers write as words, not as data), with the
  count of papers for each word;
- the `--top` names citekb reports in the most papers, with that count, to be checked by eye:
  each should be a real dataset or database.
Where `--gold` is given (the linking set's gold, whose lines say each paper's `source`), only the
biomedical papers (PubMed Central and bioRxiv) are counted. `--show WORD` prints, for each paper
reporting WORD, the paper and the sentence of its first mention.
"""
import argparse, collections, json, os, re, subprocess, sys

# The words of the measure: none of them, written alone, is a dataset in a biomedical paper.
WORDS = [
    "DNA", "RNA", "Fisher", "HIV", "MR", "MRI", "CR", "CT", "PET", "EEG", "ECG", "Fish", "C3", "C4", "M1",
    "PC1", "PC2", "Adult", "ABC", "Davis", "Texas", "ASD", "BOLD", "COVID-19", "SARS-CoV-2", "cancer",
    "mouse", "human", "yeast",
]


def norm(s):
    return re.sub(r"[^0-9a-z]", "", s.lower())


def run(bin_path, papers):
    out = subprocess.run([bin_path, "extract", "--format", "jsonl", papers], capture_output=True, text=True)
    if out.returncode not in (0, 2):
        sys.exit(f"citekb extract failed ({out.returncode}): {out.stderr[:500]}")
    failed = [l for l in out.stderr.splitlines() if l.startswith("failed")]
    return out.stdout.splitlines(), failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--papers", default="../shared/eval/linking/papers")
    ap.add_argument("--gold", default="../shared/eval/linking/gold.jsonl")
    ap.add_argument("--bin", default="target/release/citekb")
    ap.add_argument("--pred", help="a saved `extract --format jsonl` run instead of running citekb")
    ap.add_argument("--save", help="write the run's JSON lines here")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--show", help="print the papers and sentences reporting this name")
    a = ap.parse_args()

    keep = None
    if a.gold and os.path.exists(a.gold):
        keep = set()
        with open(a.gold) as f:
            for line in f:
                g = json.loads(line)
                if g.get("source") in ("pmc", "biorxiv"):
                    keep.add(g["paper"])
    if a.pred:
        with open(a.pred) as f:
            lines, failed = f.read().splitlines(), []
    else:
        lines, failed = run(a.bin, a.papers)
        if a.save:
            with open(a.save, "w") as f:
                f.write("\n".join(lines) + "\n")

    words = {norm(w): w for w in WORDS}
    papers = 0
    with_word = 0
    per_word = collections.Counter()
    per_name = collections.Counter()
    for line in lines:
        p = json.loads(line)
        stem = os.path.splitext(os.path.basename(p["source"]))[0]
        if keep is not None and stem not in keep:
            continue
        papers += 1
        hit = set()
        names = set()
        for d in p.get("datasets", []):
            names.add(d["name"])
            for n in [d["name"]] + d.get("aliases", []):
                if norm(n) in words:
                    hit.add(words[norm(n)])
            if a.show and norm(a.show) in {norm(n) for n in [d["name"]] + d.get("aliases", [])}:
                ev = d.get("evidence") or [{}]
                text_sentence = " ".join(ev[0].get("sentence", "").split())[:300]
                print(f"  {stem}: {d['name']} ({d.get('role')}) {text_sentence}")
        per_name.update(names)
        per_word.update(hit)
        with_word += bool(hit)
    if not papers:
        sys.exit("no papers read")
    print(f"papers: {papers}  failed: {len(failed)}")
    print(f"with any word as a dataset: {with_word} ({100 * with_word / papers:.1f}%)")
    print("  " + ", ".join(f"{w} {c}" for w, c in per_word.most_common()))
    print(f"top {a.top} names (papers):")
    for name, c in per_name.most_common(a.top):
        print(f"  {c:4d}  {name}")
    for f in failed[:10]:
        print("  failed:", f)


if __name__ == "__main__":
    main()
