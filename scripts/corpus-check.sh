#!/usr/bin/env bash
# Runs citekb over every real paper it can reach and fails on anything a valid paper must never
# meet: an internal error, a panic or crash, a refusal, or a file far slower than the rest.
#
# Usage: scripts/corpus-check.sh [PATH...]
#   PATH: files or folders of real papers (any format citekb reads). Without any, every set's
#   papers under ../shared/eval (eval/*/papers) and all of ../shared/fixtures.
#
# What it does:
#   1. `citekb extract` on each file alone (JOBS at a time), timed: the exit code, the failure
#      line and the wall time of each file go to $OUT/files.tsv.
#   2. `citekb ingest` of all the paths into one new catalog, then `citekb check` on it.
# It fails (exit 1) when any file
#   - has an internal error (a bug met while reading it, reported as "internal error"),
#   - crashes the process (a panic that escaped, an abort, a signal) or hangs past FILE_TIMEOUT,
#   - is refused for any reason other than holding no text to read (ACCEPTED_REFUSALS below:
#     a LaTeX file that only includes a PDF, a PDF without a readable text layer),
#   - takes more than SLOW_FACTOR times the median time of a file,
# or when ingest fails on a file extract did not refuse, or `citekb check` finds a problem.
#
# Env: BIN (default target/release/citekb, built with `cargo build --release --locked` when
# missing), JOBS (default: the number of cores), SLOW_FACTOR (default 100), FILE_TIMEOUT
# (seconds, default 600), OUT (default: a new temporary folder, kept; nothing is written in the
# repository).
set -uo pipefail
cd "$(dirname "$0")/.."

bin=${BIN:-target/release/citekb}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
slow_factor=${SLOW_FACTOR:-100}
file_timeout=${FILE_TIMEOUT:-600}
out=${OUT:-$(mktemp -d -t citekb-corpus.XXXXXX)}
mkdir -p "$out"

# Refusals a real file may get because there is no text in it to read: these are counted and
# listed, not failed. Any other refusal of a real paper is a failure.
ACCEPTED_REFUSALS='no text in the file|the text layer is unreadable'
# The panic another change fixes (multi-byte spaces before a dataset name): counted on its own,
# still a failure.
KNOWN_PANIC='is not a char boundary'

if (($# > 0)); then
  roots=("$@")
else
  roots=()
  for d in ../shared/eval/*/papers ../shared/fixtures; do
    [[ -d $d ]] && roots+=("$d")
  done
  if ((${#roots[@]} == 0)); then
    echo "corpus-check: no corpus: ../shared/eval and ../shared/fixtures are missing; give PATHs" >&2
    exit 1
  fi
fi

if [[ ! -x $bin ]]; then
  if [[ -z ${BIN:-} ]]; then
    cargo build --release --locked || exit 1
  else
    echo "corpus-check: BIN=$bin is not an executable" >&2
    exit 1
  fi
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# Every file under the roots, hidden ones aside (as a folder walk skips them).
find "${roots[@]}" -name '.*' -prune -o -type f -print0 | sort -z >"$out/files.list"
total=$(tr -cd '\0' <"$out/files.list" | wc -c)
echo "corpus-check: $total files under ${roots[*]}; results in $out"

# One file: `extract` alone, timed. Prints: milliseconds, exit code, path, first stderr line.
extract_one() {
  local file=$1 err start ms rc line
  err=$(mktemp)
  start=$(date +%s%N)
  timeout --kill-after=10 "$FILE_TIMEOUT" "$BIN" extract --format jsonl "$file" >/dev/null 2>"$err"
  rc=$?
  ms=$((($(date +%s%N) - start) / 1000000))
  # The failure line, or a panic's first line when one escaped.
  line=$(grep -m1 -E 'failed|panicked|internal error|error' "$err" | tr '\t' ' ')
  rm -f "$err"
  printf '%s\t%s\t%s\t%s\n' "$ms" "$rc" "$file" "$line"
}
export -f extract_one
export BIN=$bin FILE_TIMEOUT=$file_timeout

xargs -0 -P "$jobs" -n 1 bash -c 'extract_one "$1"' _ <"$out/files.list" >"$out/files.tsv"

# Triage: each file gets one verdict; the failing ones are listed.
# The median time of a file, and the slowest, bound any one file.
cut -f1 "$out/files.tsv" | sort -n >"$out/times"
median=$(awk '{ t[NR] = $1 } END { if (NR) print (NR % 2 ? t[(NR + 1) / 2] : int((t[NR / 2] + t[NR / 2 + 1]) / 2)); else print 0 }' "$out/times")
slowest=$(tail -n 1 "$out/times")
awk -F'\t' -v accepted="$ACCEPTED_REFUSALS" -v known="$KNOWN_PANIC" -v factor="$slow_factor" \
  -v out="$out" -v median="$median" -v slowest="${slowest:-0}" '
  { ms[NR] = $1; rc[NR] = $2; file[NR] = $3; line[NR] = $4; n = NR }
  END {
    bound = median * factor
    ok = internal = known_panic = crash = timeout = refused = accepted_n = slow = 0
    for (i = 1; i <= n; i++) {
      verdict = ""
      if (rc[i] == 124 || rc[i] == 137) { timeout++; verdict = "timeout" }
      else if (rc[i] != 0 && rc[i] != 2) { crash++; verdict = "crash (exit " rc[i] ")" }
      else if (line[i] ~ /panicked/) { crash++; verdict = "panic" }
      else if (line[i] ~ /internal error/) {
        if (line[i] ~ known) { known_panic++; verdict = "internal error (known)" }
        else { internal++; verdict = "internal error" }
      }
      else if (rc[i] == 2 && line[i] ~ accepted) { accepted_n++; print file[i] "\t" line[i] > (out "/no-text.tsv") }
      else if (rc[i] == 2) { refused++; verdict = "refused" }
      else ok++
      if (ms[i] > bound && bound > 0) { slow++; verdict = verdict (verdict ? ", " : "") "slow (" ms[i] " ms)" }
      if (verdict != "") print verdict "\t" file[i] "\t" line[i] > (out "/failures.tsv")
    }
    printf "extract: %d files: %d read, %d without text (accepted), %d refused, %d internal errors (+%d known char-boundary), %d crashes, %d timeouts, %d slow\n", n, ok, accepted_n, refused, internal, known_panic, crash, timeout, slow
    printf "time per file: median %d ms, slowest %d ms, bound %d ms (%d x median)\n", median, slowest, bound, factor
    exit (internal + known_panic + crash + timeout + refused + slow) > 0
  }' "$out/files.tsv"
extract_failed=$?
if [[ -s $out/no-text.tsv ]]; then
  echo "files without text to read (accepted):"
  sed 's/^/  /' "$out/no-text.tsv"
fi
if [[ -s $out/failures.tsv ]]; then
  echo "FAILURES:"
  sed 's/^/  /' "$out/failures.tsv"
fi
echo "slowest files:"
sort -t$'\t' -k1,1nr "$out/files.tsv" | head -n 5 | awk -F'\t' '{ printf "  %8d ms  %s\n", $1, $3 }'

# Ingest everything into one new catalog: it must fail on no file but those without text.
catalog=$out/catalog.db
rm -f "$catalog" "$catalog"-wal "$catalog"-shm
start=$(date +%s)
"$bin" --db "$catalog" ingest --summary "${roots[@]}" >"$out/ingest.out" 2>"$out/ingest.err"
ingest_rc=$?
echo "ingest: exit $ingest_rc in $(($(date +%s) - start)) s: $(tail -n 1 "$out/ingest.out")"
ingest_failed=0
if ((ingest_rc != 0 && ingest_rc != 2)); then
  echo "FAILURE: ingest exited $ingest_rc"
  sed 's/^/  /' "$out/ingest.err" | head -n 20
  ingest_failed=1
fi
# Every failure ingest reports must be a file extract found without text.
while IFS= read -r line; do
  [[ -z $line ]] && continue
  if ! grep -qE "$ACCEPTED_REFUSALS" <<<"$line"; then
    echo "FAILURE: ingest: $line"
    ingest_failed=1
  fi
done <"$out/ingest.err"
if ! "$bin" --db "$catalog" check >"$out/check.out" 2>&1; then
  echo "FAILURE: citekb check found a problem in the catalog:"
  sed 's/^/  /' "$out/check.out"
  ingest_failed=1
fi

if ((extract_failed || ingest_failed)); then
  echo "corpus-check: FAILED"
  exit 1
fi
echo "corpus-check: passed"
