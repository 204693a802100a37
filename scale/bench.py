#!/usr/bin/env python3
"""make bench: Khabar end to end and per stage, against the Python peer, on real news.

Builds scale corpora of real Arabic news with shared/tools/make-scale-corpus, then for each size:
  * the floor: reading + NFC-normalising the same files (Python, as the peer's README measures it);
  * the peer (shared/peers/spacy-tei: spaCy + lxml) with 1 and 2 processes;
  * `khabar run` with --jobs 1 and --jobs 2 from an empty output folder (wall time, peak RSS of the
    coordinator and every stage process it waited for, via /usr/bin/time -v);
  * an immediate second run (nothing to do) and a re-run of one stage (`--only tag --force`);
  * the coordinator alone: every stage replaced by `cp` of its input (what chunking, per-file atomic
    commits, hashing and key journals cost with no stage work at all);
  * each stage alone on the whole corpus in one process (articles/s, tokens/s, MB/s, peak RSS).
Prints one Markdown table per size, with the ratios, and writes them to bench/work/results.md.

Usage: scale/bench.py [--sizes 1000,10000] [--shared ../shared] [--work bench/work] [--repeat 2] [--no-peer]
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".build" / "release"
STAGES = ["clean", "segment", "tag", "link", "export"]


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak RSS in MB, stdout)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, **kw)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-4000:])
        raise SystemExit(f"bench: command failed ({p.returncode}): {' '.join(map(str, cmd))}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return seconds, (int(m.group(1)) / 1024 if m else float("nan")), p.stdout


def corpus(shared, work, n):
    d = work / f"corpus-{n}"
    if not d.exists():
        subprocess.run([sys.executable, str(shared / "tools" / "make-scale-corpus"), "--articles", str(n),
                        "--out", str(d)], check=True, stdout=subprocess.DEVNULL)
    files = sorted(d.glob("*.txt"))
    return d, files, sum(f.stat().st_size for f in files)


def floor(files):
    start = time.perf_counter()
    for f in files:
        unicodedata.normalize("NFC", f.read_text(encoding="utf-8"))
    return time.perf_counter() - start


def peer_env(shared, work):
    venv = work / ".venv"
    py = venv / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-r",
                        str(shared / "peers" / "spacy-tei" / "requirements.lock.txt")], check=True)
    patterns = work / "patterns.jsonl"
    if not patterns.exists():
        subprocess.run([str(py), str(shared / "peers" / "spacy-tei" / "build_patterns.py"), "--out", str(patterns)],
                       check=True, stdout=subprocess.DEVNULL)
    return py, patterns


def records(stage_dir):
    """A stage's per-article outputs (not its hidden key journal, .keys.jsonl)."""
    return [f for f in stage_dir.glob("*.jsonl") if not f.name.startswith(".")]


def count_tokens(work_dir):
    tokens = 0
    for f in records(work_dir / "work" / "segment"):
        for line in f.open(encoding="utf-8"):
            rec = json.loads(line)
            tokens += len(rec["layers"]["tokens"]["kinds"])
    return tokens


def khabar_run(inp, out, jobs, extra=()):
    return timed([str(BIN / "khabar"), "run", "--config", str(ROOT / "pipeline.json"), "--input", str(inp),
                  "--out", str(out), "--jobs", str(jobs), "--quiet", *extra], cwd=ROOT)


def input_records(files, dst):
    """The clean stage's input records, as the coordinator makes them."""
    for f in files:
        data = f.read_bytes()
        rec = {"id": f.stem, "raw": data.decode("utf-8"), "schema": 1,
               "source": {"bytes": len(data), "path": str(f), "sha256": hashlib.sha256(data).hexdigest()}}
        dst.write((json.dumps(rec, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode())


def coordinator_alone(inp, work, out, jobs):
    """`khabar run` with every stage replaced by a shell script that answers --describe as the real stage
    does and copies its input to its output: the input records pass through unchanged (smaller than the
    real stages' records), no register."""
    stages = work / "pass-stages"
    stages.mkdir(exist_ok=True)
    config = json.loads((ROOT / "pipeline.json").read_text(encoding="utf-8"))
    for stage in config["stages"]:
        described = subprocess.run([str(BIN / f"khabar-{stage['name']}"), "--describe"], capture_output=True,
                                   text=True, check=True).stdout.strip()
        script = stages / f"pass-{stage['name']}"
        script.write_text("#!/bin/sh\n"
                          f"if [ \"$1\" = --describe ]; then cat <<'EOF'\n{described}\nEOF\nexit 0; fi\n"
                          'exec cp "$1" "$3"\n', encoding="utf-8")
        script.chmod(0o755)
        stage["executable"] = str(script)
    path = stages / "pipeline.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return timed([str(BIN / "khabar"), "run", "--config", str(path), "--input", str(inp), "--out", str(out),
                  "--jobs", str(jobs), "--quiet", "--no-register"], cwd=ROOT)


def per_stage(out, work, files, articles, tokens, mb):
    """Each stage alone, one process, over the whole corpus (its real upstream outputs)."""
    rows = []
    upstream = {"segment": "clean", "tag": "segment", "link": "tag", "export": "link"}
    for stage in STAGES:
        merged = work / f"stage-input-{stage}.jsonl"
        with merged.open("wb") as dst:
            if stage == "clean":
                input_records(files, dst)
            else:
                for f in sorted(records(out / "work" / upstream[stage])):
                    dst.write(f.read_bytes())
        args = [str(BIN / f"khabar-{stage}"), str(merged), "--output", str(work / f"stage-output-{stage}.jsonl")]
        if stage == "export":
            args += ["--artifacts", str(work / "stage-artifacts")]
        secs, rss, _ = timed(args, cwd=ROOT)
        in_mb = merged.stat().st_size / 1e6
        rows.append((stage, secs, articles / secs, tokens / secs, in_mb / secs, rss))
        merged.unlink()
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--runs", type=Path, default=None,
                    help="where the timed runs write (default WORK/runs); e.g. a tmpfs folder to keep the file "
                         "system's own costs out")
    ap.add_argument("--repeat", type=int, default=2,
                    help="end-to-end runs per configuration, interleaved; the table shows the fastest of each")
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    if not a.shared.exists():
        raise SystemExit(f"bench: {a.shared} not found (needs shared/tools and the news sample)")
    py, patterns = (None, None) if a.no_peer else peer_env(a.shared, a.work)
    report = []
    # Every run writes into fresh folders of this invocation; older invocations' outputs are deleted at
    # the end, not before a timed run: ext4 allocates inodes slowly right after mass deletions, which
    # would time the file system's recovery from `rm -rf` instead of the pipelines.
    runs = a.runs or a.work / "runs"
    here = runs / f"{int(time.time())}-{os.getpid()}"
    here.mkdir(parents=True, exist_ok=True)
    for n in [int(s) for s in a.sizes.split(",")]:
        inp, files, size = corpus(a.shared, a.work, n)
        mb = size / 1e6
        lines = [f"\n### {n:,} articles ({mb:.1f} MB)\n",
                 "| what | wall s | articles/s | tokens/s | MB/s | peak RSS MB | ratio |",
                 "|---|---:|---:|---:|---:|---:|---|"]
        fl = floor(files)
        # Each configuration `repeat` times, the rounds interleaved (this machine's speed drifts from
        # minute to minute); each keeps its fastest wall time and its largest peak RSS.
        results, peer, walls = {}, {}, {}
        for r in range(max(1, a.repeat)):
            for jobs in (1, 2):
                secs, rss, stdout = khabar_run(inp, here / f"out-{n}-j{jobs}" / f"r{r}", jobs)
                walls.setdefault(f"khabar JOBS={jobs}", []).append(secs)
                best = results.get(jobs)
                results[jobs] = (min(secs, best[0]) if best else secs, max(rss, best[1]) if best else rss, stdout)
            if py:
                for jobs in (1, 2):
                    pout = here / f"peer-{n}-j{jobs}" / f"r{r}"
                    secs, rss, stdout = timed([str(py), str(a.shared / "peers" / "spacy-tei" / "peer_tei.py"),
                                               "--in", str(inp), "--out", str(pout), "--jobs", str(jobs),
                                               "--patterns", str(patterns)])
                    walls.setdefault(f"peer {jobs}", []).append(secs)
                    best = peer.get(jobs)
                    summary = json.loads(stdout.strip().splitlines()[-1])
                    peer[jobs] = (min(secs, best[0]) if best else secs, max(rss, best[1]) if best else rss, summary)
        out = here / f"out-{n}-j1" / "r0"
        tokens = count_tokens(out)
        second, second_rss, _ = khabar_run(inp, out, 1)
        rerun, rerun_rss, _ = khabar_run(inp, out, 1, ["--only", "tag", "--force", "--no-register"])
        alone, alone_rss, _ = coordinator_alone(inp, here, here / f"out-{n}-pass", 1)
        identical = subprocess.run(["diff", "-r", "-q", str(out / "tei"), str(here / f"out-{n}-j2" / "r0" / "tei")],
                                   capture_output=True).returncode == 0
        lines.append(f"| floor: read + NFC (Python) | {fl:.2f} | {n / fl:,.0f} | {tokens / fl:,.0f} | {mb / fl:.1f} | – | |")
        for jobs in (1, 2):
            secs, rss, _ = results[jobs]
            ratio = ""
            if jobs in peer:
                ratio = f"{peer[jobs][0] / secs:.1f}× the peer at {jobs} process{'es' if jobs > 1 else ''}"
            if jobs == 2:
                ratio += f"; {results[1][0] / secs:.2f}× JOBS=1"
            lines.append(f"| khabar run, JOBS={jobs} | {secs:.2f} | {n / secs:,.0f} | {tokens / secs:,.0f} | "
                         f"{mb / secs:.1f} | {rss:.0f} | {ratio} |")
        for jobs, (secs, rss, summary) in sorted(peer.items()):
            lines.append(f"| peer (spaCy + lxml), {jobs} process{'es' if jobs > 1 else ''} | {secs:.2f} | "
                         f"{n / secs:,.0f} | {summary.get('tokens', 0) / secs:,.0f} | {mb / secs:.1f} | {rss:.0f} | |")
        lines.append(f"| second run (nothing to do), JOBS=1 | {second:.2f} | | | | {second_rss:.0f} | "
                     f"{100 * second / results[1][0]:.1f}% of the first |")
        lines.append(f"| re-run one stage (tag), JOBS=1 | {rerun:.2f} | {n / rerun:,.0f} | {tokens / rerun:,.0f} | | "
                     f"{rerun_rss:.0f} | |")
        lines.append(f"| coordinator alone (every stage `cp`), JOBS=1 | {alone:.2f} | {n / alone:,.0f} | | | "
                     f"{alone_rss:.0f} | {100 * alone / results[1][0]:.0f}% of the run; "
                     + (f"bounds khabar at {peer[1][0] / alone:.1f}× the peer |" if 1 in peer else "|"))
        for stage, secs, aps, tps, mbps, rss in per_stage(out, here, files, n, tokens, mb):
            lines.append(f"| stage {stage} alone (1 process) | {secs:.2f} | {aps:,.0f} | {tps:,.0f} | {mbps:.1f} | "
                         f"{rss:.0f} | |")
        lines.append(f"\nTokens: {tokens:,} (Khabar's tokens layer). TEI identical for JOBS=1 and JOBS=2: "
                     f"{'yes' if identical else 'NO'}. End-to-end rows: the fastest of {max(1, a.repeat)} interleaved "
                     f"runs (all, s: " + "; ".join(f"{k} " + ", ".join(f"{v:.2f}" for v in vs)
                                                  for k, vs in walls.items()) + ").")
        print("\n".join(lines), flush=True)
        report += lines
    (a.work / "results.md").write_text("\n".join(report) + "\n", encoding="utf-8")
    for old in runs.iterdir():
        if old != here:
            shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":
    main()
