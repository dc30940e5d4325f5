#!/usr/bin/env bash
# Trains the two reference models from GROBID's annotated training files and measures them.
# Usage: scripts/train-reference-models.sh [GROBID_DIR] [FOLDS]
#   GROBID_DIR  default ../shared/train/grobid (reference-segmenter/ and citation/ inside)
#   FOLDS       cross-validation folds by file (default 3; 0 skips the held-out scores)
# Needs python-crfsuite (pip install python-crfsuite). Writes models/reference-segmenter.crfsuite
# and models/citation.crfsuite; the held-out scores go to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
grobid=${1:-../shared/train/grobid}
folds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c 'import pycrfsuite' 2>/dev/null || pip install --quiet python-crfsuite
cargo build --release --quiet --example train_reference_models
bin=target/release/examples/train_reference_models
"$bin" dump "$grobid" "$work/seqs" "$(( folds > 1 ? folds : 1 ))"
train() { # model, kind (segmenter|citation), folder left out
  python3 scripts/train-crf.py --out "$1" ${3:+--leave-out "$work/seqs/$2/$3"} "$work/seqs/$2"/fold*
}
if (( folds > 1 )); then
  for k in $(seq 0 $((folds - 1))); do
    train "$work/reference-segmenter-fold$k.crfsuite" segmenter "fold$k" &
    train "$work/citation-fold$k.crfsuite" citation "fold$k"
    wait
  done
  "$bin" score "$grobid" "$work" "$folds"
fi
train models/reference-segmenter.crfsuite segmenter &
train models/citation.crfsuite citation
wait
