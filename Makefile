# Khabar — make targets
#
#   make                 build (release) and run the whole pipeline on seeds/ into out/
#   make test            build and run every test (unit, golden, end-to-end, TEI validation)
#   make run INPUT=dir OUT=dir [JOBS=n]   run the pipeline on another folder of .txt articles
#   make rerun STAGE=tag re-run exactly one stage on the existing upstream outputs
#   make validate        validate out/tei/*.xml with jing and xmllint (tei_all.rng)
#   make kb              rebuild data/kb from ../shared/gazetteer + data/curated
#   make train           retrain the NER model (data/models) from ../shared/corpora/anercorp train
#   make eval-segment    sentence / token / clitic F1 on UD Arabic PUD, and throughput
#   make eval-ner        precision / recall / F1 on the ANERcorp CAMeL test split, and tokens/s
#   make eval-link       linking accuracy on the hand-made gold set of the seeds
#   make bench           speed: end to end and per stage vs the Python peer (1k and 10k real articles)
#   make test-spark      Spark local[2] and 3 shards + register must equal khabar run byte for byte
#   make torture         large hostile inputs, kill -9 + rerun, JOBS=1 vs JOBS=2 (scale/torture.sh)
#   make fuzz            seeded mutation fuzzing of clean, segment, JSON (FUZZ_SECONDS, default 600)
#   make clean           remove build outputs and out/
#
# Tools and paths are variables: make SWIFT=/opt/swift/bin/swift SHARED=/path/to/shared

SWIFT  ?= swift
CONFIG ?= release
SHARED ?= ../shared
INPUT  ?= seeds
OUT    ?= out
JOBS   ?= 0
STAGE  ?=
BIN     = .build/$(CONFIG)
KHABAR  = $(BIN)/khabar

.PHONY: all build run rerun test validate kb train segment-stats eval-segment eval-ner eval-link bench test-spark clean

all: build
	$(KHABAR) run --config pipeline.json

build:
	$(SWIFT) build -c $(CONFIG)

run: build
	$(KHABAR) run --config pipeline.json --input $(INPUT) --out $(OUT) --jobs $(JOBS)

rerun: build
	@test -n "$(STAGE)" || { echo "usage: make rerun STAGE=clean|segment|tag|link|export" >&2; exit 64; }
	$(KHABAR) run --config pipeline.json --only $(STAGE) --force

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Both validators over every TEI file of the last run (analysis, reading, register).
# jing gives line:column messages; xmllint (libxml2) is the validator the tests use.
TEI_FILES = $(wildcard $(OUT)/tei/*.xml) $(wildcard $(OUT)/tei-reading/*.xml)
validate:
	@test -n "$(strip $(TEI_FILES))" || { echo "validate: no TEI files in $(OUT)/tei or $(OUT)/tei-reading (run make first)" >&2; exit 66; }
	@command -v jing >/dev/null || { echo "validate: jing not found (apt-get install jing)" >&2; exit 69; }
	@command -v xmllint >/dev/null || { echo "validate: xmllint not found (apt-get install libxml2-utils)" >&2; exit 69; }
	jing schemas/tei/tei_all.rng $(TEI_FILES)
	xmllint --noout --relaxng schemas/tei/tei_all.rng $(TEI_FILES)

# ISO_CODES: the install prefix of Debian's iso-codes (Arabic country names); `apt-get install iso-codes`.
ISO_CODES ?= /usr/share
kb:
	$(SWIFT) build -c $(CONFIG) --product khabar-kb
	$(BIN)/khabar-kb build --geonames $(SHARED)/gazetteer/geonames --curated data/curated \
	  --iso-codes $(ISO_CODES) --out data/kb

train: build
	$(BIN)/khabar-train --train $(SHARED)/corpora/anercorp/ANERCorp_CamelLab_train.txt \
	  --news $(SHARED)/corpora/news-sample/antcorpus-multisource-v2.1.tar.xz \
	  --geonames $(SHARED)/gazetteer/geonames/cities15000.txt --data data

eval-segment: build
	$(BIN)/khabar-eval segment --pud $(SHARED)/corpora/ud-arabic-pud/ar_pud-ud-test.conllu

segment-stats: build
	$(BIN)/khabar-eval segment-stats --news $(SHARED)/corpora/news-sample/antcorpus-multisource-v2.1.tar.xz --out data/segment

eval-ner: build
	$(BIN)/khabar-eval ner --test $(SHARED)/corpora/anercorp/ANERCorp_CamelLab_test.txt --data data

eval-link: all
	@echo "== linking after the whole pipeline (tagger's entities)"
	$(BIN)/khabar-eval link --gold data/gold/link-gold.tsv --linked $(OUT)/work/link --seeds $(INPUT)
	@echo "== the linker alone (gold spans as entities)"
	$(BIN)/khabar-eval link --gold data/gold/link-gold.tsv --oracle --seeds $(INPUT)

# BENCH_ARGS: e.g. --runs /dev/shm/khabar-bench (timed runs on tmpfs), --repeat 3, --sizes 1000
BENCH_ARGS ?=
bench: build
	python3 scale/bench.py --shared $(SHARED) $(BENCH_ARGS)

clean:
	rm -rf .build
	find $(OUT) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

test-spark: build
	SHARED=$(SHARED) scale/test-spark.sh

# The large hostile inputs, kill -9 and rerun, determinism across JOBS (scale/torture.sh).
torture: build
	SHARED=$(SHARED) BIN=$(BIN) scale/torture.sh

# Seeded mutation fuzzing of clean, segment and the JSON reader, plus libFuzzer on the JSON reader:
# FUZZ_SECONDS each, two at a time (scale/fuzz/README.md).
FUZZ_SECONDS ?= 600
FUZZ_SEED    ?= 1
fuzz: build
	python3 scale/fuzz/fuzz.py clean --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) --bin $(BIN) & p1=$$!; \
	python3 scale/fuzz/fuzz.py json --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) --bin $(BIN) & p2=$$!; \
	wait $$p1 && wait $$p2 || exit 1; \
	python3 scale/fuzz/fuzz.py segment --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) --bin $(BIN) & p3=$$!; \
	scale/fuzz/libfuzzer-json.sh $(FUZZ_SECONDS) || exit 1; wait $$p3
.PHONY: torture fuzz
