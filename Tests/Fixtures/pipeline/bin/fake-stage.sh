#!/usr/bin/env bash
# A fake Khabar stage for the coordinator's tests: the stage CLI
# (inputs, --output, --options, --skip-invalid, --errors, --artifacts,
# --data, --quiet, --describe) over JSON Lines, without any real logic.
# Sourced by the per-stage scripts, which set:
#   NAME, VERSION, REQUIRES, PROVIDES (JSON arrays), OPTIONS (JSON object),
#   BEHAVIOUR: pass | bad (skip records containing BAD) | crash (SIGSEGV when
#   any record contains CRASH) | export (also writes tei/<id>.xml artifacts)
# Each record gets "L_<name>":"<marker option or ok>" appended.
# FAKE_SLEEP=<seconds> makes every run sleep first (interrupt tests);
# FAKE_EXIT_<NAME>=<status> makes that stage fail at start (missing data);
# FAKE_LOG=<file> appends "<name> <record count>" per run (counts processes).
set -u
inputs=() output="" errors="" artifacts="" options="{}"
while [ $# -gt 0 ]; do
  case "$1" in
    --describe)
      printf '{"name":"%s","options":%s,"provides":%s,"requires":%s,"schema":1,"summary":"fake %s","version":"%s"}\n' \
        "$NAME" "$OPTIONS" "$PROVIDES" "$REQUIRES" "$NAME" "$VERSION"
      exit 0 ;;
    --output) output="$2"; shift ;;
    --options) options="$2"; shift ;;
    --errors) errors="$2"; shift ;;
    --artifacts) artifacts="$2"; shift ;;
    --data) shift ;;
    --skip-invalid|--quiet) ;;
    -*) echo "khabar-$NAME: error: unknown flag $1" >&2; exit 64 ;;
    *) inputs+=("$1") ;;
  esac
  shift
done
[ -n "${FAKE_SLEEP:-}" ] && sleep "$FAKE_SLEEP"
exitvar="FAKE_EXIT_${NAME^^}"
if [ -n "${!exitvar:-}" ]; then
  echo "khabar-$NAME: error: cannot start: data/x.tsv: No such file or directory" >&2
  exit "${!exitvar}"
fi
marker=$(printf '%s' "$options" | sed -n 's/.*"marker":"\([^"]*\)".*/\1/p')
[ -n "$marker" ] || marker=ok
[ ${#inputs[@]} -gt 0 ] || inputs=(-)
tmp="${output:-/dev/stdout}"
[ -n "$output" ] && tmp="$(dirname "$output")/.tmp-$$-out"
: > "$tmp"
errlines=""
count=0
for input in "${inputs[@]}"; do
  [ "$input" = "-" ] && input=/dev/stdin
  n=0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    [ -z "$line" ] && continue
    count=$((count + 1))
    id="?"
    [[ $line =~ ^\{\"id\":\"([^\"]*)\" ]] && id=${BASH_REMATCH[1]}
    case "$BEHAVIOUR:$line" in
      bad:*BAD*)
        echo "khabar-$NAME: error: $input:$n: record $id: record contains BAD" >&2
        errlines+="{\"id\":\"$id\",\"input\":\"$input\",\"line\":$n,\"message\":\"record contains BAD\"}"$'\n'
        continue ;;
      crash:*CRASH*)
        echo "khabar-$NAME: about to crash" >&2
        kill -SEGV $$ ;;
      export:*)
        mkdir -p "$artifacts/tei" "$artifacts/tei-reading"
        printf '<TEI>%s %s</TEI>\n' "$id" "${#line}" > "$artifacts/tei/$id.xml"
        printf '<TEI reading="1">%s</TEI>\n' "$id" > "$artifacts/tei-reading/$id.xml" ;;
    esac
    printf '%s\n' "${line%\}},\"L_$NAME\":\"$marker\"}" >> "$tmp"
  done < "$input"
done
[ -n "${FAKE_LOG:-}" ] && echo "$NAME $count" >> "$FAKE_LOG"
[ -n "$output" ] && mv "$tmp" "$output"
[ -n "$errors" ] && printf '%s' "$errlines" > "$errors"
exit 0
