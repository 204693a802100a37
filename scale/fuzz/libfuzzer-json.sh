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
swiftc -O -sanitize=fuzzer -parse-as-library -module-name KhabarCore -I Sources/CLibCrypto -lcrypto \
  $(find Sources/KhabarCore -name '*.swift') scale/fuzz/json-libfuzzer.swift -o "$WORK/fuzz-json"
cp Tests/Fixtures/fuzz/*/*.jsonl "$WORK/corpus/" 2>/dev/null || true
"$WORK/fuzz-json" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -seed=1 -print_final_stats=1 \
  -artifact_prefix="$WORK/artifacts/" "$WORK/corpus" 2>&1 | grep -E "^#[0-9]+ +(DONE|INITED)|stat::|ERROR|SUMMARY|crash-" || true
if ls "$WORK"/artifacts/crash-* "$WORK"/artifacts/oom-* "$WORK"/artifacts/timeout-* >/dev/null 2>&1; then
  echo "libfuzzer-json: CRASH, inputs in $WORK/artifacts" >&2
  exit 1
fi
# Keep up to 40 fixtures in all, spread over the corpus by size (each one added coverage).
python3 - "$WORK/corpus" Tests/Fixtures/fuzz/json-libfuzzer <<'PY'
import os, shutil, sys
src, dst = sys.argv[1:]
fs = sorted((os.path.getsize(f"{src}/{f}"), f) for f in os.listdir(src) if os.path.getsize(f"{src}/{f}") <= 4096)
room = max(0, 40 - len(os.listdir(dst)))  # at most 40 fixtures in all
for _, f in ([fs[i * len(fs) // room] for i in range(room)] if len(fs) > room else fs[:room]):
  shutil.copy(f"{src}/{f}", f"{dst}/{f[:16]}.jsonl")
PY
kept=$(ls Tests/Fixtures/fuzz/json-libfuzzer | wc -l)
echo "libfuzzer-json: no crash in $SECONDS_TO_RUN s; fixtures kept: $kept"
