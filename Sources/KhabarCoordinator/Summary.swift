/// The one-screen report at the end of `khabar run`.
enum Summary {
  static func lines(_ r: RunResult, options: RunOptions, session: Session) -> [String] {
    var out: [String] = []
    let processedFiles = r.stages.map(\.stats.processed).max() ?? 0
    let rate = r.seconds > 0 ? Double(processedFiles) / r.seconds : 0
    var head = "khabar: \(r.files) files"
    if let shard = options.shard { head += " (shard \(shard))" }
    head += " in \(Console.format(r.seconds)) s"
    if processedFiles > 0 { head += ", \(Console.format(rate)) articles/s" }
    out.append(head)
    out.append(pad("  stage", 12) + lpad("processed", 11) + lpad("up to date", 12) + lpad("failed", 8) + lpad("time", 10))
    for (name, s) in r.stages {
      out.append(pad("  \(name)", 12) + lpad("\(s.processed)", 11) + lpad("\(s.upToDate)", 12)
        + lpad("\(s.failed)", 8) + lpad("\(Console.format(s.seconds)) s", 10))
    }
    let complete = r.stages.last.map { $0.stats.processed + $0.stats.upToDate } ?? 0
    out.append("  total: \(r.files) files: \(complete) complete, \(r.failures.count) failed")
    out.append("  register: \(r.register)")
    let inputFailures = r.failures.filter { $0.stage == "input" }.count
    if inputFailures > 0 { out.append("  inputs that could not be read: \(inputFailures)") }
    if r.failures.isEmpty {
      out.append("  all files succeeded")
    } else {
      out.append("  FAILED: \(r.failures.count) files (listed in \(session.layout.failures(shard: options.shard))):")
      for f in r.failures.prefix(20) { out.append("    \(f.path): \(f.stage): \(f.message)") }
      if r.failures.count > 20 { out.append("    … and \(r.failures.count - 20) more") }
    }
    let o = session.layout.out
    out.append("  outputs: \(o)/tei/ and \(o)/tei-reading/ (TEI), \(o)/work/<stage>/<id>.jsonl (records)")
    return out
  }

  static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
  static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s }
}
