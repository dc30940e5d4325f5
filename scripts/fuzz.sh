#!/usr/bin/env bash
# Runs each cargo-fuzz target for a while (default 30 s each) and stops at the first crash.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs a nightly toolchain (rustup toolchain install nightly) and cargo-fuzz (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=${*:-read_text references read_tei read_jats read_latex read_pdf}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
for t in $targets; do
  echo "== $t ($seconds s)"
  mkdir -p "fuzz/corpus/$t"
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 2>&1 | tail -n 3
done
