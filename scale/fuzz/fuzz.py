#!/usr/bin/env python3
"""Seeded mutation fuzzer for the clean and segment stages and the JSON record reader.

Usage: scale/fuzz/fuzz.py TARGET [--seconds N] [--seed S] [--bin DIR] [--corpus DIR]
  TARGET  clean   mutated raw article text, wrapped in valid input records, through
                  khabar-clean and then khabar-segment
          segment valid segment-input records (clean's output) whose text, offsets
                  and layers are mutated, through khabar-segment
          json    byte-level mutations of valid record lines (the JSON reader,
                  Document(jsonLine:)), through khabar-clean and khabar-segment

Inputs go in batches (one process per batch, --skip-invalid) so a run does
thousands of executions per minute. A crash is a process killed by a signal, an
exit status other than 0 (ok) or 65 (bad data), or a batch that takes longer than
--timeout seconds; the batch is then cut in halves until one record is left,
saved under scale/fuzz/crashes/TARGET/, and the run exits 1.
New behaviour (a new kind of stderr message, or a new output shape) keeps the input
in --corpus (default Tests/Fixtures/fuzz/TARGET), at most --keep files, so
`make test` replays it. Deterministic for a given --seed.
"""
import argparse, glob, json, os, random, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OK = {0, 65}

# Characters that have broken text tools before: controls, XML-illegal, bidi,
# joiners, surrogate-adjacent, combining marks, Arabic presentation forms, digits.
SPECIAL = ["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\r", "\r\n", "\n\n", "\t", "\u007f",
           "\u0085", "\u00a0", "\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a",
           "\u202b", "\u202e", "\u2066", "\u2069", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff",
           "\ufdd0", "\U0001f600", "\U0010ffff", "\u0640", "\u0640\u0640\u0640", "\u064b", "\u0651\u064e",
           "\u0670", "\ufefb", "\ufdf2", "\ufe8d", "\u06cc", "\u06a9", "\u0660\u0661\u0662", "٫", "٬",
           "؟", "،", "؛", ".", "...", "!", "?", "«", "»", "\"", "'", "(", ")", "[", "]", "<", ">", "&",
           "]]>", "--", "<!--", "&amp;", "http://x.y/z?a=1", "a@b.c", "12:30", "1/2/2024", "و", "ال",
           "بال", "لل", " ", "  ", "\u0301", "e\u0301", "ﷺ", "\u0654", "\u0655", "أ", "إ", "آ", "ة", "ى"]


def seeds_text():
  texts = []
  for path in sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt"))):
    with open(path, encoding="utf-8") as f:
      texts.append(f.read())
  texts += ["", "a", "بغداد", "قال: «نعم».\n\nالمصدر: رويترز"]
  return texts


def mutate_text(rng, texts):
  base = rng.choice(texts)
  if base and rng.random() < 0.8:
    a = rng.randrange(len(base)); b = min(len(base), a + rng.choice([20, 80, 300, 1500]))
    s = list(base[a:b])
  else:
    s = list(base)
  for _ in range(rng.choice([1, 2, 4, 8, 16, 32])):
    op = rng.random()
    pos = rng.randrange(len(s) + 1)
    if op < 0.4:
      s[pos:pos] = list(rng.choice(SPECIAL))
    elif op < 0.55 and s:
      del s[pos:pos + rng.randrange(1, 10)]
    elif op < 0.7:
      s[pos:pos] = [chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0x600, 0x700),
                                    rng.randrange(0xfb50, 0xfe00), rng.randrange(0xfe70, 0xff00),
                                    rng.randrange(0x0, 0x20), rng.randrange(0x2000, 0x2070)]))]
    elif op < 0.8 and s:
      a = rng.randrange(len(s)); chunk = s[a:a + rng.randrange(1, 40)]
      s[pos:pos] = chunk * rng.choice([1, 2, 10, 100])
    elif op < 0.9:
      s[pos:pos] = list(rng.choice(SPECIAL) * rng.choice([2, 50, 1000]))
    elif s:
      other = rng.choice(texts)
      if other:
        a = rng.randrange(len(other)); s[pos:pos] = list(other[a:a + rng.randrange(1, 200)])
  return "".join(c for c in s if not 0xd800 <= ord(c) <= 0xdfff)


def record(i, raw):
  return json.dumps({"id": f"fz{i}", "raw": raw, "schema": 1,
                     "source": {"bytes": len(raw.encode()), "path": f"fz{i}.txt", "sha256": "0" * 64}},
                    ensure_ascii=False, separators=(",", ":"))


def mutate_bytes(rng, line):
  b = bytearray(line)
  for _ in range(rng.choice([1, 1, 2, 3, 6])):
    op = rng.random(); pos = rng.randrange(len(b) + 1)
    if op < 0.25 and b:
      b[min(pos, len(b) - 1)] ^= 1 << rng.randrange(8)
    elif op < 0.4 and b:
      del b[pos:pos + rng.randrange(1, 20)]
    elif op < 0.6:
      b[pos:pos] = rng.choice([b"\\u", b"\\ud800", b"\\udc00\\ud800", b"\\", b"\"", b"{", b"}", b"[", b"]",
                               b",", b":", b"null", b"1e999", b"-0", b"99999999999999999999", b"\xff",
                               b"\xc3", b"\xe0\x80\x80", b"\xed\xa0\x80", b"\x00", b"\t", b" ", b"[" * 2000,
                               b"{\"a\":" * 500, b"\"layers\":{}", b"\"offsets\":[0,1,2]", b"-1", b"0.5"])
    elif op < 0.8 and b:
      a = rng.randrange(len(b)); chunk = b[a:a + rng.randrange(1, 60)]
      b[pos:pos] = chunk
    elif b:
      a = rng.randrange(len(b)); b[a:a + rng.randrange(1, 60)] = b""
  return bytes(b).replace(b"\n", b" ")


def mutate_record(rng, line, texts):
  """Semantic mutations of a segment-input record: text, offsets, layers."""
  try:
    d = json.loads(line)
  except Exception:
    return line
  op = rng.random()
  if op < 0.3 and "text" in d:
    d["text"] = mutate_text(rng, [d["text"]] + texts[:1])
  elif op < 0.5 and isinstance(d.get("offsets"), list):
    o = d["offsets"]
    for _ in range(rng.randrange(1, 4)):
      if o:
        o[rng.randrange(len(o))] = rng.choice([-1, 0, 1, 2**31, 2**63 - 1, len(d.get("text", "")) + 5, 3.5])
    if rng.random() < 0.3:
      del o[rng.randrange(len(o) + 1):]
  elif op < 0.7 and isinstance(d.get("layers"), dict) and d["layers"]:
    k = rng.choice(sorted(d["layers"]))
    d["layers"][k] = rng.choice([None, {}, [], 0, "x", {"spans": [[0, 2**40]]}, d["layers"][k]])
    if rng.random() < 0.5:
      del d["layers"][k]
  elif op < 0.8:
    k = rng.choice(["id", "schema", "source", "raw", "text", "meta", "provenance", "layers", "offsets"])
    if rng.random() < 0.5:
      d.pop(k, None)
    else:
      d[k] = rng.choice([None, 1, -1, "", [], {}, "\u0000", 1.5, True])
  else:
    d["text"] = "".join(rng.choice(SPECIAL) for _ in range(rng.randrange(0, 200)))
    d["offsets"] = list(range(len(d["text"]) + 1)) if rng.random() < 0.5 else d.get("offsets", [])
  return json.dumps(d, ensure_ascii=rng.random() < 0.2, separators=(",", ":")).encode()


def run_stage(binary, lines, timeout, workdir):
  path = os.path.join(workdir, "in.jsonl")
  with open(path, "wb") as f:
    f.write(b"\n".join(lines) + b"\n")
  try:
    p = subprocess.run([binary, "--skip-invalid", "--quiet", "--artifacts", workdir, path],
                       capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr
  except subprocess.TimeoutExpired:
    return "timeout", b"", b""


def crashed(status):
  return status == "timeout" or status not in OK


def shrink(binary, lines, timeout, workdir):
  while len(lines) > 1:
    half = len(lines) // 2
    for part in (lines[:half], lines[half:]):
      if crashed(run_stage(binary, part, timeout, workdir)[0]):
        lines = part
        break
    else:
      return lines
  return lines


def signature(stderr):
  kinds = set()
  for line in stderr.decode("utf-8", "replace").splitlines():
    line = re.sub(r"[0-9]+", "N", line)
    line = re.sub(r"\"[^\"]*\"|'[^']*'", "S", line)
    line = re.sub(r"fzN|<stdin>|/\S+", "P", line)
    kinds.add(line[:120])
  return kinds


def shape(stdout):
  shapes = set()
  for line in stdout.splitlines():
    try:
      d = json.loads(line)
    except Exception:
      shapes.add("unparsable-output"); continue
    t = d.get("text", "")
    layers = d.get("layers", {})
    key = (min(len(t).bit_length(), 12), tuple(sorted(layers)))
    shapes.add(repr(key))
  return shapes


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("target", choices=["clean", "segment", "json"])
  ap.add_argument("--seconds", type=float, default=600)
  ap.add_argument("--seed", type=int, default=1)
  ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"))
  ap.add_argument("--corpus", default=None)
  ap.add_argument("--batch", type=int, default=200)
  ap.add_argument("--timeout", type=float, default=60)
  ap.add_argument("--keep", type=int, default=40)
  a = ap.parse_args()
  corpus = a.corpus or os.path.join(ROOT, "Tests", "Fixtures", "fuzz", a.target)
  os.makedirs(corpus, exist_ok=True)
  rng = random.Random(a.seed)
  texts = seeds_text()
  clean, segment = os.path.join(a.bin, "khabar-clean"), os.path.join(a.bin, "khabar-segment")
  for b in (clean, segment):
    if not os.access(b, os.X_OK):
      sys.exit(f"fuzz: {b} not found (run: swift build -c release)")
  work = tempfile.mkdtemp(prefix="khabar-fuzz-")
  # Valid segment inputs: clean's output on the seeds.
  base = [record(i, t).encode() for i, t in enumerate(texts)]
  st, cleaned, err = run_stage(clean, base, a.timeout, work)
  if st != 0:
    sys.exit(f"fuzz: clean fails on the seeds: {st} {err.decode()[:500]}")
  valid_clean = cleaned.splitlines()
  seen, kept = set(), len(os.listdir(corpus))
  start, execs, batches = time.time(), 0, 0
  while time.time() - start < a.seconds:
    batches += 1
    if a.target == "clean":
      raws = [mutate_text(rng, texts) for _ in range(a.batch)]
      lines = [record(execs + i, r).encode() for i, r in enumerate(raws)]
      chain = [clean, segment]
    elif a.target == "segment":
      lines = [mutate_record(rng, rng.choice(valid_clean), texts) for _ in range(a.batch)]
      chain = [segment]
    else:
      pool = base + valid_clean
      lines = [mutate_bytes(rng, rng.choice(pool)) for _ in range(a.batch)]
      chain = [clean, segment]
    feed = lines
    for binary in chain:
      st, out, err = run_stage(binary, feed, a.timeout, work)
      execs += len(feed)
      name = os.path.basename(binary)
      if crashed(st):
        culprit = shrink(binary, feed, a.timeout, work)
        cdir = os.path.join(ROOT, "scale", "fuzz", "crashes", a.target)
        os.makedirs(cdir, exist_ok=True)
        path = os.path.join(cdir, f"{name}-seed{a.seed}-batch{batches}.jsonl")
        with open(path, "wb") as f:
          f.write(b"\n".join(culprit) + b"\n")
        print(f"fuzz {a.target}: CRASH in {name} (status {st}); input saved to {path}\n"
              f"{err.decode('utf-8', 'replace')[-2000:]}", file=sys.stderr)
        sys.exit(1)
      new = {f"{name}:{k}" for k in signature(err) | shape(out)} - seen
      if new and kept < a.keep:
        seen |= new
        # Keep the smallest input of the batch that is still interesting enough: one line per file.
        small = min(feed, key=len)
        if len(small) <= 8192:
          ext = "txt" if a.target == "clean" and binary == clean else "jsonl"
          data = small
          if ext == "txt":
            data = json.loads(small)["raw"].encode()
          path = os.path.join(corpus, f"s{a.seed}-{batches:05d}-{name[7:]}.{ext}")
          with open(path, "wb") as f:
            f.write(data if ext == "txt" else data + b"\n")
          kept += 1
      else:
        seen |= new
      feed = out.splitlines() if out else []
      if not feed:
        break
  secs = time.time() - start
  print(f"fuzz {a.target}: seed {a.seed}, {secs / 60:.1f} min, {execs} executions "
        f"({execs / secs:.0f}/s), {batches} batches, 0 crashes, corpus {kept} files in {corpus}")


if __name__ == "__main__":
  main()
