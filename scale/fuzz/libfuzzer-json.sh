#!/usr/bin/env bash
# Coverage-guided fuzzing of the JSON record reader with libFuzzer:
#   scale/fuzz/libfuzzer-json.sh [SECONDS]   (default $FUZZ_SECONDS or 600)
# Builds KhabarCore's sources with the harness (swiftc -sanitize=fuzzer), seeds
# the corpus with Tests/Fixtures/fuzz/*/ and every JSON line of the seeds' work
# outputs, and copies new small inputs libFuzzer keeps back into
# Tests/Fixtures/fuzz/json-libfuzzer/ (at most 40, ≤ 4 KB) for `make test` to replay.
set -eu
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-${FUZZ_SECONDS:-600}}
WORK=${FUZZ_WORK:-/tmp/khabar-libfuzzer-json}
mkdir -p "$WORK/corpus" "$WORK/artifacts" Tests/Fixtures/fuzz/json-libfuzzer
swiftc -O -sanitize=fuzzer -parse-as-library -module-name KhabarCore \
  $(find Sources/KhabarCore -name '*.swift') scale/fuzz/json-libfuzzer.swift -o "$WORK/fuzz-json"
cp Tests/Fixtures/fuzz/*/*.jsonl "$WORK/corpus/" 2>/dev/null || true
"$WORK/fuzz-json" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -seed=1 -print_final_stats=1 \
  -artifact_prefix="$WORK/artifacts/" "$WORK/corpus" 2>&1 | grep -E "^#[0-9]+ +(DONE|INITED)|stat::|ERROR|SUMMARY|crash-" || true
if ls "$WORK"/artifacts/crash-* "$WORK"/artifacts/oom-* "$WORK"/artifacts/timeout-* >/dev/null 2>&1; then
  echo "libfuzzer-json: CRASH, inputs in $WORK/artifacts" >&2
  exit 1
fi
# Keep the smallest new inputs (by coverage they were all interesting).
kept=$(ls Tests/Fixtures/fuzz/json-libfuzzer | wc -l)
for f in $(ls -S -r "$WORK/corpus"); do
  [ "$kept" -ge 40 ] && break
  [ "$(stat -c %s "$WORK/corpus/$f")" -le 4096 ] || continue
  [ -e "Tests/Fixtures/fuzz/json-libfuzzer/$f.jsonl" ] && continue
  cp "$WORK/corpus/$f" "Tests/Fixtures/fuzz/json-libfuzzer/$f.jsonl"; kept=$((kept + 1))
done
echo "libfuzzer-json: no crash in $SECONDS_TO_RUN s; fixtures kept: $kept"
