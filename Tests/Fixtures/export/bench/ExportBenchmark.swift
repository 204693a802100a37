// Export benchmark (not part of any target): see run.sh next to this file.
import KhabarCore
import KhabarExport
import Glibc

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

let path = CommandLine.arguments[1]
let n = Int(CommandLine.arguments[2]) ?? 1000
let bytes = try FileIO.read(path)
var docs: [Document] = []
for line in bytes.split(separator: 0x0A) { docs.append(try Document(jsonLine: Array(line))) }
var sink = 0
// Warm up.
for d in docs { sink &+= try TEIExporter.export(d).analysis.count }
var best = Double.infinity
for _ in 0..<5 {
  let t0 = now()
  for i in 0..<n { sink &+= try TEIExporter.export(docs[i % docs.count]).analysis.count }
  best = min(best, now() - t0)
}
let tokens = docs.map { (try? $0.require(Tokens.self).spans.count) ?? 0 }.reduce(0, +) / docs.count
print("articles: \(n) x5 (best, CPU time), mean tokens/article: \(tokens)")
print("export (both flavours): \(String(Int(best / Double(n) * 1e6))) µs/article, \(Int(Double(n) / best)) articles/s  [\(sink)]")
