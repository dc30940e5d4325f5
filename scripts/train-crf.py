#!/usr/bin/env python3
"""Trains one CRF (CRFsuite, through python-crfsuite) from sequences in CRFsuite's text format.

Usage: train-crf.py --out MODEL [--leave-out FOLDER] FOLDER...
Each FOLDER holds files of sequences (one item a line: label, then tab-separated attributes; a
blank line between sequences), as `cargo run --example train_reference_models -- dump` writes
them, a folder a cross-validation fold; --leave-out names the held-out one.
"""
import argparse, glob, os, sys, time

import pycrfsuite

# Elastic-net regularisation: L1 keeps the model small, L2 smooth; L-BFGS stops when the
# likelihood has flattened, or at the bound.
C1, C2, MAX_ITERATIONS = (float(os.environ.get("CRF_C1", 0.05)), float(os.environ.get("CRF_C2", 0.01)), 300)


def sequences(path):
    items, labels = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if items:
                yield items, labels
            items, labels = [], []
            continue
        label, *attrs = line.split("\t")
        labels.append(label)
        items.append({a.replace("\\:", ":").replace("\\\\", "\\"): 1.0 for a in attrs})
    if items:
        yield items, labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--leave-out", default="")
    ap.add_argument("folders", nargs="+")
    a = ap.parse_args()
    t = pycrfsuite.Trainer(verbose=False)
    n = 0
    left_out = os.path.abspath(a.leave_out) if a.leave_out else None
    files = [f for d in a.folders if os.path.abspath(d) != left_out for f in sorted(glob.glob(os.path.join(d, "*.txt")))]
    for f in files:
        for items, labels in sequences(f):
            t.append(pycrfsuite.ItemSequence(items), labels)
            n += 1
    t.set_params({"c1": C1, "c2": C2, "max_iterations": MAX_ITERATIONS, "feature.possible_transitions": True})
    start = time.time()
    t.train(a.out)
    print(f"{a.out}: {n} sequences, {time.time() - start:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
