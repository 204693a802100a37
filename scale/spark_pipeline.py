#!/usr/bin/env python3
"""Run Khabar on Apache Spark: the same stage binaries, piped with RDD.pipe.

The stage contract (pure line-to-line JSON Lines filters on stdin/stdout, no state across records) is what
RDD.pipe expects, so nothing here re-implements a stage:

  1. the driver lists the input articles exactly as `khabar run` does (every *.txt below the folder,
     hidden names skipped, sorted by UTF-8 bytes, ids = file stems, colliding stems get -<8 hex>);
  2. executors read each file and build the input record (id, raw, source path/sha256/bytes); a file over
     maxDocumentBytes is split into parts exactly as the coordinator splits it;
  3. each partition's records are piped through one shell pipeline of khabar-clean | khabar-segment |
     khabar-tag | khabar-link | khabar-export (options from pipeline.json); export writes
     <out>/tei/<id>.xml and <out>/tei-reading/<id>.xml and passes each linked record on;
  4. the corpus register and the map / network / index exports are a reduce over the linked records:
     they are piped through khabar-register in one task (its output does not depend on record order).

Per-article outputs need no global pass: knowledge-base ids are stable and ids of names outside the
knowledge base derive from type + normalised name. The binaries are found in --bin (a shared path on a
cluster, or shipped with --files and found through SparkFiles); the data folder likewise (--data).

Usage:
  spark-submit scale/spark_pipeline.py --input seeds --out out-spark [--master local[2]]
  python3 scale/spark_pipeline.py --input seeds --out out-spark --bin .build/release --master local[2]
"""
import argparse
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def discover(spec):
    """The input files and their ids, as the coordinator's InputDiscovery assigns them."""
    base = spec
    while base.startswith("./") and len(base) > 2:
        base = base[2:]
    while len(base) > 1 and base.endswith("/"):
        base = base[:-1]
    paths = []
    if os.path.isdir(base):
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if not name.startswith(".") and name.endswith(".txt"):
                    rel = os.path.relpath(os.path.join(dirpath, name), base)
                    paths.append(base + "/" + rel)
    else:
        paths = [base]
    paths.sort(key=lambda p: p.encode("utf-8"))

    def stem(p):
        name = p.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        return name[:dot] if dot > 0 else name

    stems = [stem(p) for p in paths]
    counts = {}
    for s in stems:
        counts[s] = counts.get(s, 0) + 1
    ids = []
    for p, s in zip(paths, stems):
        h = hashlib.sha256(p.encode("utf-8")).hexdigest()
        if len(s.encode("utf-8")) > 150:
            short, n = "", 0
            for ch in s:
                n += len(ch.encode("utf-8"))
                if n > 140:
                    break
                short += ch
            ids.append(short + "-" + h[:8])
        elif counts[s] > 1:
            ids.append(s + "-" + h[:8])
        else:
            ids.append(s)
    return list(zip(paths, ids))


def part_cut(tail):
    """Where a part whose last bytes are `tail` ends (the coordinator's InputParts.cut): after the last
    blank line, else the last line break, else the last space or tab, else before the last UTF-8 lead byte."""
    last_break = None
    for i in range(len(tail) - 1, 0, -1):
        if tail[i] == 0x0A:
            if last_break is None:
                last_break = i
            if tail[i - 1] == 0x0A or (i >= 2 and tail[i - 1] == 0x0D and tail[i - 2] == 0x0A):
                return i + 1
    if last_break is not None:
        return last_break + 1
    space = max(tail.rfind(b" "), tail.rfind(b"\t"))
    if space > 0:
        return space + 1
    for i in range(len(tail) - 1, 0, -1):
        if tail[i] & 0xC0 != 0x80:
            return i
    return len(tail)


def split_large(files, limit):
    """Files over `limit` bytes become parts, as the coordinator makes them (maxDocumentBytes): items are
    (path, id, part) with part None or (index, count, offset, length)."""
    items = []
    for path, ident in files:
        size = os.path.getsize(path)
        if size <= limit:
            items.append((path, ident, None))
            continue
        starts, start, half = [0], 0, limit // 2
        with open(path, "rb") as f:
            while size - start > limit:
                f.seek(start + half)
                start += half + part_cut(f.read(limit - half))
                starts.append(start)
        ends = starts[1:] + [size]
        width = len(str(len(starts)))
        for k, (begin, end) in enumerate(zip(starts, ends)):
            items.append((path, f"{ident}.part-{k + 1:0{width}d}", (k + 1, len(starts), begin, end - begin)))
        sys.stderr.write(f"khabar-spark: {path} is {size} bytes, more than maxDocumentBytes ({limit}): "
                         f"processed as {len(starts)} documents\n")
    return items


def input_record(item):
    """The clean stage's input record for one file or part (one JSON line), or None (message on stderr)."""
    path, ident, part = item
    with open(path, "rb") as f:
        if part:
            f.seek(part[2])
            data = f.read(part[3])
        else:
            data = f.read()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as e:
        offset = e.start + (part[2] if part else 0)
        sys.stderr.write(f"khabar-spark: {path}: not valid UTF-8 at byte offset {offset}\n")
        return None
    source = {"bytes": len(data), "path": path, "sha256": hashlib.sha256(data).hexdigest()}
    if part:
        source["part"] = {"count": part[1], "index": part[0], "offset": part[2]}
    record = {"id": ident, "raw": raw, "schema": 1, "source": source}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def stage_command(binary, data, options=None, extra=()):
    cmd = [binary, "-", "--quiet", "--skip-invalid", "--data", data, *extra]
    if options:
        cmd += ["--options", json.dumps(options, ensure_ascii=False, separators=(",", ":"), sort_keys=True)]
    return " ".join(shlex.quote(c) for c in cmd)


class ClassArchive:
    """A class-data-sharing archive for the driver JVM (Java 13+): Spark loads ~9,000 classes at start, and
    mapping them from an archive written by an earlier run saves about a second of start-up. The first run
    writes the archive when its JVM exits (to a temporary name, renamed once the JVM is gone); a run whose
    Java or PySpark differs gets its own file; the JVM ignores an archive it cannot use."""

    def __init__(self, path):
        self.path = None if path == "none" else (path or self.default_path())
        self.pending = None

    @staticmethod
    def default_path():
        import pyspark
        java = shutil.which("java") or "java"
        if os.environ.get("JAVA_HOME"):
            java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
        key = f"{os.path.realpath(java)}|{pyspark.__version__}|{os.path.dirname(pyspark.__file__)}"
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(cache, "khabar", f"spark-driver-{hashlib.sha256(key.encode()).hexdigest()[:16]}.jsa")

    def java_options(self):
        if not self.path:
            return ""
        quiet = "-Xlog:disable -Xlog:all=error:stderr"  # the JVM's warnings would otherwise go to stdout
        if os.path.isfile(self.path):
            return f"{quiet} -XX:SharedArchiveFile={self.path}"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
        except OSError as e:  # no writable cache folder: run without an archive
            sys.stderr.write(f"khabar-spark: no class archive ({e})\n")
            self.path = None
            return ""
        self.pending = f"{self.path}.tmp-{os.getpid()}"
        return f"{quiet} -XX:ArchiveClassesAtExit={self.pending}"

    def keep(self):
        """After stop(): the JVM has exited, so the archive it wrote is complete."""
        if self.pending and os.path.isfile(self.pending):
            os.replace(self.pending, self.path)


def stop(sc):
    """Stop the Spark context and wait until the driver JVM has exited.

    SparkContext.stop() also shuts PySpark's accumulator server down, which polls for that once a second and so
    idles up to a second after the JVM side has stopped; this driver uses no accumulators, so it stops the
    JVM side, then closes the gateway's stdin (the JVM exits on end of file) and waits for the process."""
    gateway = sc._gateway
    accumulators = getattr(sc, "_accumulatorServer", None)
    if accumulators is not None:  # its handler reads end of file once the JVM is gone: expected here
        accumulators.handle_error = lambda request, address: None
    sc._jsc.stop()
    proc = getattr(gateway, "proc", None)
    if proc is None:  # a gateway this script did not start: the ordinary path
        sc.stop()
        return
    gateway.shutdown()
    proc.stdin.close()
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:  # the outputs are complete; do not leave the JVM behind
        sys.stderr.write("khabar-spark: the driver JVM did not exit within 60 s of stopping; killed\n")
        proc.kill()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True, help="folder of .txt articles")
    ap.add_argument("--out", required=True, help="output folder (tei/, tei-reading/, register, exports)")
    ap.add_argument("--config", default=str(ROOT / "pipeline.json"))
    ap.add_argument("--bin", default=str(ROOT / ".build" / "release"), help="folder of the khabar-* binaries")
    ap.add_argument("--data", default=str(ROOT / "data"), help="Khabar's data folder (KB, models)")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--partitions", type=int, default=0, help="input partitions (default: 2 × cores)")
    ap.add_argument("--class-archive", default=None, metavar="FILE",
                    help="class-data-sharing archive of the driver JVM: written by the first run, mapped by later "
                         "ones (default: ~/.cache/khabar/spark-driver-<java, pyspark>.jsa; 'none' to disable)")
    a = ap.parse_args()

    from pyspark import SparkConf, SparkContext  # imported here so --help works without pyspark

    conf = SparkConf().setAppName("khabar")
    conf.setIfMissing("spark.ui.enabled", "false")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    # The driver's JVM only moves records between the Python workers and the stage processes: C1 compiles
    # that well enough and starts ~2 s sooner than the default tiered JIT (applies when this script starts
    # the JVM, i.e. run with python3; under spark-submit use --driver-java-options).
    launches_jvm = "PYSPARK_GATEWAY_PORT" not in os.environ  # not under spark-submit, whose JVM runs already
    archive = ClassArchive(a.class_archive if launches_jvm else "none")
    conf.setIfMissing("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC " + archive.java_options())
    if a.master:
        conf.setMaster(a.master)
    if launches_jvm and conf.get("spark.master", "").startswith("local"):
        # Local workers: this interpreter, and the installed PySpark rather than its zip copy (see
        # khabar_spark_daemon.py: saves compiling PySpark's worker modules at every start). The JVM
        # started below inherits PYTHONPATH, which is how the workers find that module.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        conf.setIfMissing("spark.python.daemon.module", "khabar_spark_daemon")
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scale"), os.environ.get("PYTHONPATH")]))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")

    config = json.loads(Path(a.config).read_text(encoding="utf-8"))
    stages = config["stages"]
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    files = discover(a.input)
    if not files:
        raise SystemExit(f"khabar-spark: no *.txt files under {a.input}")
    files = split_large(files, config.get("maxDocumentBytes", 1 << 20))
    partitions = a.partitions or max(2, 2 * sc.defaultParallelism)

    # Every stage, export included, runs in one shell pipeline per partition: records flow from process to
    # process without passing through Python between stages. Export's output is the linked record plus its
    # exports layer, which is all the register needs.
    commands = []
    for stage in stages:
        binary = os.path.join(a.bin, stage.get("executable", "khabar-" + stage["name"]))
        extra = ["--artifacts", out] if stage["name"] == "export" else []
        commands.append(stage_command(binary, a.data, stage.get("options"), extra))
    pipeline = "bash -c " + shlex.quote("set -o pipefail; " + " | ".join(commands))

    records = sc.parallelize(files, min(partitions, len(files))).map(input_record).filter(lambda r: r is not None)
    finished = records.pipe(pipeline).cache()
    exported = finished.count()  # runs the partitions in parallel; the register reads them from the cache
    register = os.path.join(a.bin, config.get("register", {}).get("executable", "khabar-register"))
    finished.coalesce(1).pipe(" ".join(shlex.quote(c) for c in [register, "--out", out, "-"])).collect()
    stop(sc)
    archive.keep()
    print(json.dumps({"articles": len(files), "exported": exported, "out": out}))
    if exported != len(files):
        raise SystemExit(f"khabar-spark: {len(files) - exported} articles failed (see stderr)")


if __name__ == "__main__":
    main()
