#!/usr/bin/env bash
# Coordinator overhead: N synthetic articles (about 3 KB of Arabic each)
# through five pass-through stages, cold run then an all-up-to-date re-run.
#   Tests/Fixtures/pipeline/bench/bench.sh [N] [khabar binary] [jobs]
set -euo pipefail
N=${1:-10000}
KHABAR=$(realpath "${2:-.build/release/khabar}")
JOBS=${3:-0}
BENCH=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in"
line="قالت مصادر محلية إن فصائل مسلحة انتشرت قرب معبر القائم البوكمال على الحدود العراقية السورية."
text=$(for _ in $(seq 1 18); do echo "$line"; done)
for i in $(seq 1 "$N"); do printf '%s\n%d\n' "$text" "$i" > "$WORK/in/article-$i.txt"; done
stages=""
for s in clean segment tag link export; do stages+="{\"name\":\"$s\",\"executable\":\"cat-$s\"},"; done
echo "{\"input\":\"in\",\"output\":\"out\",\"binDir\":\"$BENCH\",\"stages\":[${stages%,}]}" > "$WORK/pipeline.json"
cd "$WORK"
echo "$N articles, $(du -sh in | cut -f1), jobs=$JOBS"
s=$(date +%s.%N); "$KHABAR" run --jobs "$JOBS" --quiet; e=$(date +%s.%N)
echo "cold run:   $(echo "$e - $s" | bc) s"
s=$(date +%s.%N); "$KHABAR" run --jobs "$JOBS" --quiet; e=$(date +%s.%N)
echo "second run: $(echo "$e - $s" | bc) s (nothing to do)"
