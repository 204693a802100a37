#!/usr/bin/env bash
# make test-spark: the Spark path and the sharded path must give byte-identical results to `khabar run`.
#
# Installs pyspark from PyPI into bench/work/spark-venv (Java 17 must be on the machine), then for the seeds
# and for N scale-corpus articles (needs ../shared): runs `khabar run`, the Spark driver in local[2] mode, and
# `khabar run --shard i/3` three times + `khabar register`, and compares every output byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
ARTICLES=${ARTICLES:-500}
WORK=bench/work
BIN=.build/release
mkdir -p "$WORK"
PY=$WORK/spark-venv/bin/python
if ! "$PY" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$WORK/spark-venv"
  "$WORK/spark-venv/bin/pip" install -q pyspark
fi

compare() {  # compare REF OTHER LABEL
  local ref=$1 other=$2 label=$3
  for f in tei tei-reading places.geojson network.gexf entities.csv; do
    if ! diff -r -q "$ref/$f" "$other/$f" >/dev/null; then
      echo "test-spark: FAIL: $label differs from khabar run in $f" >&2
      diff -r -q "$ref/$f" "$other/$f" | head -5 >&2
      exit 1
    fi
  done
  echo "test-spark: ok: $label is byte-identical to khabar run ($(ls "$ref/tei" | wc -l) TEI files + register + exports)"
}

# Every check writes into fresh folders, removed only at the end: ext4 creates files slowly right after a
# mass deletion, which would time the file system rather than the pipelines.
RUNS=$WORK/spark-runs/$(date +%s)-$$
trap 'rm -rf "$RUNS"' EXIT
rm -rf "$WORK"/spark-ref-* "$WORK"/spark-seeds "$WORK"/spark-scale* "$WORK"/shards-*  # older layout

check() {  # check INPUT LABEL
  local input=$1 label=$2
  local ref=$RUNS/$label/ref spark=$RUNS/$label/spark shards=$RUNS/$label/shards
  mkdir -p "$RUNS/$label"
  local t0=$(date +%s.%N)
  $BIN/khabar run --config pipeline.json --input "$input" --out "$ref" --quiet
  local t1=$(date +%s.%N)
  "$PY" scale/spark_pipeline.py --input "$input" --out "$spark" --bin "$BIN" --master 'local[2]' >/dev/null
  local t2=$(date +%s.%N)
  for i in 0 1 2; do $BIN/khabar run --config pipeline.json --input "$input" --out "$shards" --shard "$i/3" --quiet; done
  $BIN/khabar register --config pipeline.json --input "$input" --out "$shards" --quiet
  compare "$ref" "$spark" "spark ($label)"
  compare "$ref" "$shards" "3 shards + register ($label)"
  printf 'test-spark: %s: khabar run %.1f s, spark local[2] %.1f s (%.2f×)\n' "$label" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "($t2 - $t1) / ($t1 - $t0)" | bc -l)"
}

check seeds seeds
# A file over maxDocumentBytes (1 MiB): both drivers must cut it into the same parts.
split_input=$RUNS/split-input
mkdir -p "$split_input"
cp seeds/*.txt "$split_input/"
python3 - "$split_input/long.txt" <<'PY'
import glob, sys
text = "".join(open(p, encoding="utf-8").read() + "\n\n" for p in sorted(glob.glob("seeds/*.txt")))
line = "وصلت القوات إلى البوكمال " * 40000  # ~1 MB without a line break: cut at a space
open(sys.argv[1], "w", encoding="utf-8").write(text * 80 + line)
PY
check "$split_input" split
if [ -d "$SHARED/tools" ]; then
  corpus=$WORK/corpus-$ARTICLES
  [ -d "$corpus" ] || python3 "$SHARED/tools/make-scale-corpus" --articles "$ARTICLES" --out "$corpus" >/dev/null
  check "$corpus" "scale$ARTICLES"
else
  echo "test-spark: $SHARED not found: skipping the $ARTICLES-article check"
fi
