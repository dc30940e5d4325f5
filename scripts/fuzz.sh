#!/usr/bin/env bash
# Runs each cargo-fuzz target for a while (default 30 s each) and fails at the first crash.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   TARGET: read_text references read_tei read_jats read_latex read_pdf callouts mentions (all
#   by default).
# Needs a nightly toolchain (rustup toolchain install nightly) and cargo-fuzz (installed here if
# missing; its first build of the targets takes several minutes).
# Seeds: each target's corpus (fuzz/corpus/TARGET, not kept in the repository) is seeded at run
# time with real files of its format from ../shared (eval papers and fixtures) where that folder
# is, so the fuzzer starts from real structure. Inputs may grow to MAX_LEN bytes (default 1 MiB),
# enough to reach the XML depth bound and the reference and callout paths of a whole paper.
# A crash leaves its input in fuzz/artifacts/TARGET/; make it a regression test (a unit test
# beside the code, with a small input written by hand) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=${*:-read_text references read_tei read_jats read_latex read_pdf callouts mentions}
max_len=${MAX_LEN:-1048576}
# One input may take this long: a 200 kB paper through the mention stage under the sanitizers
# takes about 15 s here, so 30 s left too little room on a busier machine.
unit_timeout=${UNIT_TIMEOUT:-120}
shared=../shared
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

# Real files of a target's format, a few of each kind under 200 kB (PDFs: 600 kB; the corpus grows from them;
# a bigger seed costs more than the timeout under the sanitizers, without finding more).
seeds() {
  local t=$1
  [[ -d $shared ]] || return 0
  case $t in
    read_text|callouts|mentions) find "$shared/eval/gsap/papers" "$shared/eval/linking/papers" -name '*.txt' -size -200k | head -n 40 ;;
    references) find "$shared/eval/refparse/papers" "$shared/eval/refsplit/papers" -name '*.txt' -size -200k | head -n 40 ;;
    read_tei) find "$shared/fixtures/tei" -name '*.xml' -size -200k ;;
    read_jats) find "$shared/fixtures/jats" -name '*ml' -size -200k ;;
    read_latex) find "$shared/eval/sota/papers" -name '*.tex' -size -200k | head -n 40 ;;
    read_pdf) find "$shared/fixtures/pdf" "$shared/eval/pdf/papers" -name '*.pdf' -size -600k ;;
  esac
}

# One build of every target (the first is long: the library with sanitizers), then each runs.
(cd fuzz && cargo +nightly fuzz build -O)
# Where cargo put them: CARGO_TARGET_DIR when set (absolute, or relative to fuzz/), else fuzz/target.
target_dir=${CARGO_TARGET_DIR:-target}
[[ $target_dir = /* ]] || target_dir=fuzz/$target_dir
bin_dir=$target_dir/$(rustc +nightly -vV | sed -n 's/^host: //p')/release

failed=0
for t in $targets; do
  corpus=fuzz/corpus/$t
  mkdir -p "$corpus" fuzz/artifacts
  { seeds "$t" || true; } | while read -r f; do cp -n "$f" "$corpus/" 2>/dev/null || true; done
  echo "== $t ($seconds s, $(find "$corpus" -type f | wc -l) inputs in the corpus)"
  mkdir -p "fuzz/artifacts/$t"
  if ! "$bin_dir/$t" "$corpus" -artifact_prefix="fuzz/artifacts/$t/" -max_total_time="$seconds" \
      -max_len="$max_len" -timeout="$unit_timeout" -rss_limit_mb=4096 -print_final_stats=1 >"fuzz/artifacts/$t.log" 2>&1; then
    echo "CRASH in $t: see fuzz/artifacts/$t.log and fuzz/artifacts/$t/"
    failed=1
  fi
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs' "fuzz/artifacts/$t.log" | tr '\n' ' '
  echo
done
exit $failed
