#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// A register reduced in bounded memory, like an external sort: when the
/// register in memory outgrows its budget it is written out as a sorted run
/// (entities by id, edges by id pair) and emptied; at the end the runs are
/// merged into one run, which the writers stream (`RunRegister`). A run
/// holds exactly what the register's files need, so the files are the same
/// bytes however many runs there were.
///
/// Run format (JSON Lines, private to this file): `<name>.entities`, one
/// entity per line in byte order of id:
/// `{"a":[article ids, sorted, distinct],"i":id,"m":mentions,"r":record,"v":[[form,count],…]}`
/// and `<name>.edges`, `[source id, target id, weight]` sorted by source then target.
public final class RegisterRuns {
  /// Where the private folder for the runs is made, at the first spill.
  let parent: String
  /// The private folder (nil until the first spill; removed by `remove()`).
  private(set) var folder: String?
  private(set) var runs: [String] = []
  private(set) var articleCount = 0
  /// Runs merged at once (open files); more are merged in rounds.
  static let fanIn = 32

  /// Runs to be kept in a new private folder under `parent` (a temporary directory).
  public init(parent: String) { self.parent = parent }

  /// Removes the runs and their folder.
  public func remove() {
    guard let folder else { return }
    for name in (try? FileIO.list(folder)) ?? [] { FileIO.remove("\(folder)/\(name)") }
    rmdir(folder)
    self.folder = nil
  }

  private func privateFolder() throws -> String {
    if let folder { return folder }
    var template = Array("\(parent)/khabar-register-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard made != nil else {
      throw IOError(path: parent, reason: "cannot make a temporary folder for the register's runs: \(String(cString: strerror(errno)))")
    }
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    folder = path
    return path
  }

  /// Writes `register` out as one more run.
  func spill(_ register: CorpusRegister) throws {
    let name = "\(try privateFolder())/run-\(runs.count)"
    try FileIO.writeAtomically(to: "\(name).entities") { sink in
      try register.forEachEntityRecord { id, canonical, e in try sink.writeLine(Self.line(id, canonical, e)) }
    }
    try FileIO.writeAtomically(to: "\(name).edges") { sink in
      try register.forEachEdge { a, b, w in try sink.writeLine(Self.edgeLine(a, b, w)) }
    }
    runs.append(name)
    articleCount += register.articleCount
  }

  /// Merges every run into one and returns it as the register's contents.
  func merged() throws -> RunRegister {
    let folder = try privateFolder()
    var round = 0
    while runs.count > 1 {
      var next: [String] = []
      for start in stride(from: 0, to: runs.count, by: Self.fanIn) {
        let group = Array(runs[start..<min(runs.count, start + Self.fanIn)])
        guard group.count > 1 else {
          next += group
          continue
        }
        let name = "\(folder)/merge-\(round)-\(next.count)"
        try Self.merge(group, into: name)
        for run in group { FileIO.remove("\(run).entities"); FileIO.remove("\(run).edges") }
        next.append(name)
      }
      runs = next
      round += 1
    }
    guard let only = runs.first else {
      let empty = "\(folder)/empty"
      try FileIO.writeAtomically([], to: "\(empty).entities")
      try FileIO.writeAtomically([], to: "\(empty).edges")
      return try RunRegister(run: empty, articleCount: articleCount)
    }
    return try RunRegister(run: only, articleCount: articleCount)
  }

  // MARK: - Merging

  /// One entity as a run holds it.
  struct RunEntity {
    var id: String
    var canonical: [UInt8]
    var mentions: Int
    var articles: [String]
    var variants: [(form: String, count: Int)]
  }

  static func line(_ id: String, _ canonical: [UInt8], _ e: (mentions: Int, articles: [String], variants: [(form: String, count: Int)])) -> [UInt8] {
    var w = JSONWriter(capacity: 256)
    w.beginObject()
    w.key("a"); w.stringArray(e.articles)
    w.key("i"); w.string(id)
    w.key("m"); w.int(e.mentions)
    w.key("r"); w.raw(RawJSON(validated: canonical))
    w.key("v")
    w.beginArray()
    for v in e.variants {
      w.beginArray()
      w.string(v.form)
      w.int(v.count)
      w.endArray()
    }
    w.endArray()
    w.endObject()
    return w.bytes
  }

  static func parse(_ line: [UInt8]) throws -> RunEntity {
    var r = JSONReader(line)
    var e = RunEntity(id: "", canonical: [], mentions: 0, articles: [], variants: [])
    try r.beginObject()
    while let key = try r.nextKey() {
      switch key {
      case "a": e.articles = try r.readStringArray()
      case "i": e.id = try r.readString()
      case "m": e.mentions = try r.readInt()
      case "r": e.canonical = try r.readRaw().bytes
      case "v":
        try r.beginArray()
        while try r.nextElement() {
          try r.beginArray()
          try element(&r, "a surface form is [form, count]")
          let form = try r.readString()
          try element(&r, "a surface form is [form, count]")
          let count = try r.readInt()
          guard try !r.nextElement() else { throw r.error("a surface form is [form, count]") }
          e.variants.append((form, count))
        }
      default: try r.skipValue()
      }
    }
    try r.expectEnd()
    return e
  }

  static func edgeLine(_ a: String, _ b: String, _ weight: Int) -> [UInt8] {
    var w = JSONWriter(capacity: 64)
    w.beginArray()
    w.string(a)
    w.string(b)
    w.int(weight)
    w.endArray()
    return w.bytes
  }

  static func parseEdge(_ line: [UInt8]) throws -> (a: String, b: String, weight: Int) {
    var r = JSONReader(line)
    try r.beginArray()
    try element(&r, "an edge is [source, target, weight]")
    let a = try r.readString()
    try element(&r, "an edge is [source, target, weight]")
    let b = try r.readString()
    try element(&r, "an edge is [source, target, weight]")
    let weight = try r.readInt()
    guard try !r.nextElement() else { throw r.error("an edge is [source, target, weight]") }
    try r.expectEnd()
    return (a, b, weight)
  }

  /// Moves to the next element of an array, which must have one.
  private static func element(_ r: inout JSONReader, _ shape: String) throws {
    guard try r.nextElement() else { throw r.error(shape) }
  }

  /// Merges sorted runs into one: equal ids combined (mentions and form
  /// counts summed, article lists united, the record whose JSON sorts first
  /// kept), equal edges' weights summed.
  static func merge(_ runs: [String], into name: String) throws {
    try FileIO.writeAtomically(to: "\(name).entities") { sink in
      let heads = try runs.map { try LineCursor("\($0).entities") { try parse($0) } }
      while let first = heads.indices.filter({ heads[$0].current != nil }).min(by: {
        UTF8Order.precedes(heads[$0].current!.id, heads[$1].current!.id)
      }) {
        let id = heads[first].current!.id
        var canonical: [UInt8]?, mentions = 0, lists: [[String]] = [], forms: [String: Int] = [:]
        for k in heads.indices where heads[k].current?.id == id {
          let e = heads[k].current!
          if canonical.map({ e.canonical.lexicographicallyPrecedes($0) }) ?? true { canonical = e.canonical }
          mentions += e.mentions
          lists.append(e.articles)
          for v in e.variants { forms[v.form, default: 0] += v.count }
          try heads[k].advance()
        }
        let variants = UTF8Order.sorted(forms.keys).map { ($0, forms[$0] ?? 0) }
        try sink.writeLine(line(id, canonical ?? [], (mentions, unite(lists), variants)))
      }
    }
    try FileIO.writeAtomically(to: "\(name).edges") { sink in
      let heads = try runs.map { try LineCursor("\($0).edges") { try parseEdge($0) } }
      func precedes(_ x: (a: String, b: String, weight: Int), _ y: (a: String, b: String, weight: Int)) -> Bool {
        x.a != y.a ? UTF8Order.precedes(x.a, y.a) : UTF8Order.precedes(x.b, y.b)
      }
      while let first = heads.indices.filter({ heads[$0].current != nil }).min(by: {
        precedes(heads[$0].current!, heads[$1].current!)
      }) {
        let (a, b, _) = heads[first].current!
        var weight = 0
        for k in heads.indices where heads[k].current.map({ $0.a == a && $0.b == b }) ?? false {
          weight += heads[k].current!.weight
          try heads[k].advance()
        }
        try sink.writeLine(edgeLine(a, b, weight))
      }
    }
  }

  /// Sorted lists of ids → one sorted list, each id once.
  static func unite(_ lists: [[String]]) -> [String] {
    lists.count > 1 ? CorpusRegister.sortedDistinct(lists.flatMap { $0 }) : lists.first ?? []
  }
}

/// The parsed line a run file is at (the file is closed at its end or when
/// the cursor goes).
final class LineCursor<Value> {
  private var reader: LineReader
  private var fd: Int32
  private let path: String
  private let parse: ([UInt8]) throws -> Value
  private(set) var current: Value?

  init(_ path: String, parse: @escaping ([UInt8]) throws -> Value) throws {
    fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw IOError.errno(path) }
    self.path = path
    self.parse = parse
    reader = LineReader(fd: fd, path: path)
    try advance()
  }

  deinit { if fd >= 0 { close(fd) } }

  func advance() throws {
    guard let line = try reader.next() else {
      current = nil
      if fd >= 0 { close(fd) }
      fd = -1
      return
    }
    do { current = try parse(line) } catch { throw IOError(path: path, reason: "line \(reader.lineNumber): \(error)") }
  }

  /// The number of lines of the file at `path`.
  static func count(_ path: String) throws -> Int where Value == Void {
    let cursor = try LineCursor(path) { _ in () }
    var n = 0
    while cursor.current != nil {
      n += 1
      try cursor.advance()
    }
    return n
  }
}

/// A register held as one sorted run on disk (see `RegisterRuns`).
struct RunRegister: RegisterContents, Sendable {
  let run: String
  let articleCount: Int
  let entityCount: Int
  let edgeCount: Int

  init(run: String, articleCount: Int) throws {
    self.run = run
    self.articleCount = articleCount
    entityCount = try LineCursor<Void>.count("\(run).entities")
    edgeCount = try LineCursor<Void>.count("\(run).edges")
  }

  func forEachEntity(where keep: (Int) -> Bool, _ body: (RegisterEntity) throws -> Void) throws {
    let cursor = try LineCursor("\(run).entities") { $0 }  // lines parsed only when kept
    var position = 0
    while let line = cursor.current {
      defer { position += 1 }
      try cursor.advance()
      guard keep(position) else { continue }
      let e = try RegisterRuns.parse(line)
      var r = JSONReader(e.canonical)
      let record = try AuthorityRecord(from: &r)
      var variants: [String: Int] = [:]
      for v in e.variants { variants[v.form, default: 0] += v.count }
      try body(RegisterEntity(id: e.id, record: record, variants: variants, mentions: e.mentions, articles: e.articles))
    }
  }

  func forEachEdge(_ body: (String, String, Int) throws -> Void) throws {
    let cursor = try LineCursor("\(run).edges") { try RegisterRuns.parseEdge($0) }
    while let (a, b, w) = cursor.current {
      try body(a, b, w)
      try cursor.advance()
    }
  }
}
