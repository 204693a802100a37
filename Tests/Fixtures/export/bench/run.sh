#!/bin/sh
# In-process export benchmark: CPU time of TEIExporter.export (both flavours,
# including decoding the layers from the record) over a ~600-token article.
#
#   sh Tests/Fixtures/export/bench/run.sh [repetitions]
#
# It builds khabar-export in release, then links ExportBenchmark.swift
# against the release objects of KhabarExport and its dependencies (the
# package has no library products, so this is the lightest way to time the
# library in process). Prints µs/article and articles/s, best of 5 rounds.
set -e
cd "$(dirname "$0")/../../../.."
ROOT=$PWD
N=${1:-1000}
swift build -c release --product khabar-export >/dev/null
OUT=${TMPDIR:-/tmp}/khabar-export-bench
mkdir -p "$OUT"
cd .build/release
swiftc -O "$ROOT/Tests/Fixtures/export/bench/ExportBenchmark.swift" -I Modules \
  -Xcc -fmodule-map-file="$ROOT/Sources/CLibXML2/module.modulemap" -Xcc -I/usr/include/libxml2 \
  KhabarExport.build/*.o KhabarCore.build/*.o KhabarStage.build/*.o \
  ArgumentParser.build/*.o ArgumentParserToolInfo.build/*.o -lxml2 -o "$OUT/bench" 2>/dev/null
grep '"002_bbbbbbbbbbbbbbbb"' "$ROOT/Tests/Fixtures/export/articles.jsonl" > "$OUT/long.jsonl"
"$OUT/bench" "$OUT/long.jsonl" "$N"
"$OUT/bench" "$ROOT/Tests/Fixtures/export/articles.jsonl" "$N"
