import KhabarCore

/// Builds a record by hand, as clean → segment → tag → link would leave it.
///
/// Sentence syntax: tokens separated by spaces; `+` after a proclitic
/// (`و+ال+قاهرة`; `ال+` is the article), `=` before an enclitic (`كتاب=ه`);
/// punctuation at a word's edge becomes its own token with no space.
struct ArticleFixture {
  private(set) var scalars: [Unicode.Scalar] = []
  var blocks = Blocks()
  var sentences = Sentences()
  var tokens = Tokens()
  var morphs = Morphs()
  var entities = Entities()
  var links = Links()
  var records = Records()
  var dates = Dates()
  var measures = Measures()
  var marks = Marks()
  var meta: [String: String] = [:]

  static let punctuation: Set<Unicode.Scalar> = Set("،.!?:؛()«»\"…-–".unicodeScalars)

  var text: String { String(String.UnicodeScalarView(scalars)) }

  /// Adds a block of `kind` made of `sentenceSpecs`, separated by single spaces.
  mutating func block(_ kind: String, _ sentenceSpecs: [String]) {
    if !scalars.isEmpty { scalars.append("\n") }
    let start = scalars.count
    for (i, spec) in sentenceSpecs.enumerated() {
      if i > 0 { scalars.append(" ") }
      sentence(spec)
    }
    blocks.spans.append(start, scalars.count)
    blocks.kinds.append(kind)
  }

  private mutating func sentence(_ spec: String) {
    let start = scalars.count
    for (i, word) in spec.split(separator: " ").enumerated() {
      if i > 0 { scalars.append(" ") }
      var w = Array(word.unicodeScalars)
      var lead: [Unicode.Scalar] = [], trail: [Unicode.Scalar] = []
      while let f = w.first, Self.punctuation.contains(f), w.count > 1 { lead.append(w.removeFirst()) }
      while let l = w.last, Self.punctuation.contains(l), w.count > 1 { trail.insert(w.removeLast(), at: 0) }
      for p in lead { punct(p) }
      if w.allSatisfy({ Self.punctuation.contains($0) }) {
        for p in w { punct(p) }
      } else {
        wordToken(w)
      }
      for p in trail { punct(p) }
    }
    sentences.spans.append(start, scalars.count)
  }

  private mutating func punct(_ p: Unicode.Scalar) {
    tokens.spans.append(scalars.count, scalars.count + 1)
    tokens.kinds.append(UInt8(ascii: "p"))
    morphs.spans.append(scalars.count, scalars.count + 1)
    morphs.roles.append(UInt8(ascii: "x"))
    scalars.append(p)
  }

  private mutating func wordToken(_ w: [Unicode.Scalar]) {
    let s = String(String.UnicodeScalarView(w))
    var prefixes = s.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
    let rest = prefixes.removeLast()
    var parts = rest.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
    let stem = parts.removeFirst()
    let start = scalars.count
    let split = !prefixes.isEmpty || !parts.isEmpty
    for p in prefixes { part(p, role: p == "ال" ? "a" : "p") }
    part(stem, role: split ? "s" : "x")
    for e in parts { part(e, role: "e") }
    tokens.spans.append(start, scalars.count)
    let isNumber = stem.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
    tokens.kinds.append(UInt8(ascii: isNumber ? "n" : "w"))
  }

  private mutating func part(_ p: String, role: Character) {
    morphs.spans.append(scalars.count, scalars.count + p.unicodeScalars.count)
    morphs.roles.append(role.asciiValue ?? 0)
    scalars.append(contentsOf: p.unicodeScalars)
  }

  /// Scalar range of the `occurrence`-th match of `s` in the text.
  func span(_ s: String, occurrence: Int = 0) -> Range<Int> {
    let needle = Array(s.unicodeScalars)
    var found = 0
    var i = 0
    while i + needle.count <= scalars.count {
      if Array(scalars[i..<(i + needle.count)]) == needle {
        if found == occurrence { return i..<(i + needle.count) }
        found += 1
      }
      i += 1
    }
    fatalError("fixture: \(s) not found")
  }

  mutating func entity(_ s: String, _ type: String, occurrence: Int = 0, cert: Double = 0.9, ref: String? = nil,
                       record: AuthorityRecord? = nil) {
    let r = span(s, occurrence: occurrence)
    entities.items.append(.init(start: r.lowerBound, end: r.upperBound, type: type, cert: cert, source: "model"))
    if let ref {
      links.items.append(.init(entity: entities.items.count - 1, ref: ref, cert: 0.8, method: "kb"))
      if let record { records.records[ref] = record }
    }
  }

  mutating func date(_ s: String, when: String?, calendar: String? = nil, whenCustom: String? = nil, occurrence: Int = 0) {
    let r = span(s, occurrence: occurrence)
    dates.items.append(.init(start: r.lowerBound, end: r.upperBound, when: when, calendar: calendar,
                             whenCustom: whenCustom, cert: 0.85))
  }

  mutating func measure(_ s: String, quantity: String, unit: String, occurrence: Int = 0) {
    let r = span(s, occurrence: occurrence)
    measures.items.append(.init(start: r.lowerBound, end: r.upperBound, quantity: quantity, unit: unit))
  }

  mutating func mark(_ s: String, kind: String, occurrence: Int = 0) {
    let r = span(s, occurrence: occurrence)
    marks.spans.append(r)
    marks.kinds.append(kind)
  }

  func document(id: String) -> Document {
    let t = text
    let bytes = Array("raw \(id)".utf8)
    var d = Document(id: id, source: .init(path: "seeds/\(id).txt", sha256: SHA256.hex(bytes), bytes: bytes.count),
                     text: t)
    d.meta = meta
    d.set(blocks)
    d.set(sentences)
    d.set(tokens)
    d.set(morphs)
    d.set(marks)
    if !entities.items.isEmpty { d.set(entities) }
    if !links.items.isEmpty { d.set(links) }
    if !records.records.isEmpty { d.set(records) }
    if !dates.items.isEmpty { d.set(dates) }
    if !measures.items.isEmpty { d.set(measures) }
    for (stage, version) in [("clean", "1.0.0"), ("segment", "1.2.0"), ("tag", "0.9.0-beta"), ("link", "1.0.0")] {
      d.provenance.append(.init(stage: stage, version: version, options: "0123456789abcdef"))
    }
    return d
  }
}

/// The fixture articles every export test uses.
enum Fixtures {
  static let qaim = AuthorityRecord(type: "place", ar: ["القائم"], en: "Al-Qa'im", ids: ["geonames": "98182", "wikidata": "Q1530"],
                                    geo: [34.3686, 41.0944], precision: "city", country: "IQ")
  static let bukamal = AuthorityRecord(type: "place", ar: ["البوكمال", "أبو كمال"], en: "Abu Kamal",
                                       ids: ["wikidata": "Q1012580"], geo: [34.4539, 40.9184], country: "SY")
  static let soleimani = AuthorityRecord(type: "person", ar: ["قاسم سليماني"], en: "Qasem Soleimani",
                                         ids: ["wikidata": "Q1367424"])
  static let kataib = AuthorityRecord(type: "org", ar: ["كتائب حزب الله"], en: "Kata'ib Hezbollah", ids: ["wikidata": "Q1739293"])
  static let hezbollah = AuthorityRecord(type: "org", ar: ["حزب الله"], en: "Hezbollah", ids: ["wikidata": "Q41053"])
  static let nilPerson = AuthorityRecord(type: "person", ar: ["أبو علي <&> الساعدي"])
  static let ashura = AuthorityRecord(type: "misc", ar: ["عاشوراء"], en: "Ashura", ids: ["wikidata": "Q215173"])

  /// Every element the exporter knows: title, byline, dateline, notes,
  /// marks, all entity types, nesting and overlap, Hijri date, measure,
  /// markup-like text, emoji, diacritics and an XML-illegal character.
  static func full(id: String = "000_9549ff9fa15f7dea") -> Document {
    var f = ArticleFixture()
    f.meta = ["title": "اشتباكات قرب القائم والبوكمال", "url": "https://example.org/a?x=1&y=2"]
    f.block("title", ["اشتباكات قرب ال+قائم و+ال+بوكمال"])
    f.block("byline", ["بغداد - أحمد عَلِيّ"])
    f.block("dateline", ["ال+قائم ١٢ مارس ٢٠٢٤"])
    f.block("paragraph", [
      "قال قاسم سليماني إن كتائب حزب الله دخلت ال+قائم في ٢١ رمضان ١٤٤٥ هـ .",
      "و+قطع مقاتلو=ها ٣٠ كيلومترا نحو ال+بوكمال 🚀 (غيتي) .",
    ])
    f.block("paragraph", ["كتب أحدهم: a<b && c ]]> d -- e \u{1} f وَالسَّلامُ .", "حضر أبو علي <&> الساعدي ذكرى عاشوراء ."])
    f.block("caption", ["صورة من ال+قائم"])
    f.entity("القائم", "LOC", occurrence: 0, cert: 0.97, ref: "wd.Q1530", record: qaim)
    f.entity("البوكمال", "LOC", occurrence: 0, ref: "wd.Q1012580", record: bukamal)
    f.entity("القائم", "LOC", occurrence: 1, ref: "wd.Q1530")
    f.entity("قاسم سليماني", "PER", cert: 0.99, ref: "wd.Q1367424", record: soleimani)
    f.entity("كتائب حزب الله", "ORG", ref: "wd.Q1739293", record: kataib)
    f.entity("حزب الله", "ORG", ref: "wd.Q41053", record: hezbollah)  // nested in كتائب حزب الله
    f.entity("الله دخلت", "MISC")  // overlaps كتائب حزب الله without nesting: dropped
    f.entity("القائم", "LOC", occurrence: 2, ref: "wd.Q1530")
    f.entity("البوكمال", "LOC", occurrence: 1, ref: "wd.Q1012580")
    f.entity("أبو علي <&> الساعدي", "PER", cert: 0.6, ref: "nil.person.abu-ali-al-saadi", record: nilPerson)
    f.entity("عاشوراء", "MISC", ref: "wd.Q215173", record: ashura)
    f.entity("القائم", "LOC", occurrence: 3, ref: "wd.Q1530")
    f.entity("هـ . و", "MISC")  // crosses a sentence boundary: dropped
    f.date("١٢ مارس ٢٠٢٤", when: "2024-03-12")
    f.date("٢١ رمضان ١٤٤٥ هـ", when: "2024-03-31", calendar: "hijri", whenCustom: "1445-09-21")
    f.measure("٣٠ كيلومترا", quantity: "30", unit: "km")
    f.mark("(غيتي)", kind: "credit")
    return f.document(id: id)
  }

  /// A short article with no optional layers.
  static func plain(id: String = "plain-1") -> Document {
    var f = ArticleFixture()
    f.block("paragraph", ["هذا نص قصير بلا كيانات ."])
    return f.document(id: id)
  }
}

extension Fixtures {
  /// A byline between paragraphs, a title after one, a dateline at the end,
  /// a sentence crossing two blocks and a token outside every sentence.
  static func awkwardBlocks() -> Document {
    var f = ArticleFixture()
    f.block("paragraph", ["أولا ."])
    f.block("byline", ["كاتب ما"])
    f.block("title", ["عنوان متأخر"])
    f.block("paragraph", ["ثانيا ."])
    f.block("dateline", ["دمشق"])
    f.entity("دمشق", "LOC")
    var d = f.document(id: "awkward 1/ü")
    // One sentence spanning the byline and the title blocks.
    var s = try! d.require(Sentences.self)
    let b = try! d.require(Blocks.self)
    s.spans = Spans(flat: [s.spans[0].lowerBound, s.spans[0].upperBound, b.spans[1].lowerBound, b.spans[2].upperBound,
                           s.spans[3].lowerBound, s.spans[3].upperBound])
    d.set(s)
    return d
  }

  /// Only a title: the body still needs a paragraph.
  static func headOnly() -> Document {
    var f = ArticleFixture()
    f.block("title", ["عنوان فقط"])
    return f.document(id: "head-only")
  }
}

extension Fixtures {
  /// A news-sized article (~600 tokens, ~100 annotations) for the benchmark input.
  static func long(id: String = "002_bbbbbbbbbbbbbbbb") -> Document {
    var f = ArticleFixture()
    let paragraphs = 12
    for _ in 0..<paragraphs {
      f.block("paragraph", [
        "قال قاسم سليماني إن كتائب حزب الله دخلت ال+قائم في ٢١ رمضان ١٤٤٥ هـ بعد معارك عنيفة مع مسلحين قرب الحدود .",
        "و+قطع مقاتلو=ها ٣٠ كيلومترا نحو ال+بوكمال (غيتي) ، و+قال مصدر محلي إن ال+وضع لا يزال متوترا .",
        "و+أضاف أن ال+قوات ال+عراقية تراقب ال+طريق بين ال+مدينتين منذ أسابيع .",
      ])
    }
    for k in 0..<paragraphs {
      f.entity("قاسم سليماني", "PER", occurrence: k, ref: "wd.Q1367424", record: soleimani)
      f.entity("كتائب حزب الله", "ORG", occurrence: k, ref: "wd.Q1739293", record: kataib)
      f.entity("حزب الله", "ORG", occurrence: k, ref: "wd.Q41053", record: hezbollah)
      f.entity("القائم", "LOC", occurrence: k, ref: "wd.Q1530", record: qaim)
      f.entity("البوكمال", "LOC", occurrence: k, ref: "wd.Q1012580", record: bukamal)
      f.date("٢١ رمضان ١٤٤٥ هـ", when: "2024-03-31", calendar: "hijri", whenCustom: "1445-09-21", occurrence: k)
      f.measure("٣٠ كيلومترا", quantity: "30", unit: "km", occurrence: k)
      f.mark("(غيتي)", kind: "credit", occurrence: k)
    }
    return f.document(id: id)
  }
}
