/// Turns a sentence into hashed feature slots, identically for training and tagging.
///
/// Every token gets exactly `templateCount` features; each is a template id
/// mixed with a 64-bit value (word hashes, affixes, shape, word class,
/// gazetteer and trigger codes of the token and its neighbours), hashed into
/// `slotCount` slots. No strings are built.
public struct FeatureExtractor: Sendable {
  public static let templateCount = 74
  /// Features of a token that score label pairs (previous label, this label) instead of single labels.
  public static let edgeTemplateCount = 5
  /// Slots per token in `extract`'s output: the label features, then the edge features.
  public static let slotsPerToken = templateCount + edgeTemplateCount
  /// `1 << edgeBits` edge feature slots.
  public static let edgeBits = 16
  /// Values per token that a second pass adds (see `DocumentMemory`); zero in the first pass.
  public static let contextCount = 6
  /// Where a token's `contextCount` second-pass slots start among its `slotsPerToken`
  /// (their templates are `contextSlot + j` as well).
  static let contextSlot = 44
  public let lexicon: NERLexicon
  public let slotBits: Int

  /// Templates that name the word itself (word, stem, word bigrams): the ones
  /// training drops at random so rarer, general features learn too.
  public static let identityTemplates = [1, 6, 18, 19, 34]

  /// The slot a template takes for a placeholder "unknown word" value.
  public func unknownSlot(template: Int) -> Int32 {
    var h = 0x554E_4B4E_4F57_4E21 &+ (UInt64(template) &+ 1) &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 31
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 29
    return Int32(truncatingIfNeeded: h & (UInt64(1) << UInt64(slotBits) - 1))
  }

  public init(lexicon: NERLexicon, slotBits: Int) {
    self.lexicon = lexicon
    self.slotBits = slotBits
  }

  /// What the features need to know about one token.
  struct TokenInfo {
    var word: UInt64 = 0
    var stem: UInt64 = 0
    var clitics: UInt64 = 0
    var prefix: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var suffix: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var shape: UInt64 = 0
    var coarse: UInt64 = 0
    var fine: UInt64 = 0
    var finest: UInt64 = 0
    /// Clitic morphology: a bare ب/ك/ل before a non-article word, and a pronoun suffix (ه, ها, هم).
    var morphology: UInt64 = 0
    /// Nearest trigger class within three tokens to the left, with its distance.
    var leftTrigger: UInt64 = 0
    /// Classes of the clitic-stripped stem (coarse, fine, finest).
    var stemClasses: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var gazWord: UInt64 = 0
    var gazTag: UInt64 = 0
    var trigger: UInt64 = 0
    var length: UInt64 = 0
    var affix4: (UInt64, UInt64) = (0, 0)
    var trigrams: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static let start = TokenInfo.sentinel(0x5354_4152)
    static let end = TokenInfo.sentinel(0x454E_4421)
    static func sentinel(_ v: UInt64) -> TokenInfo {
      TokenInfo(word: v, stem: v, clitics: v, prefix: (v, v, v), suffix: (v, v, v), shape: v, coarse: v,
                fine: v, finest: v, morphology: v, leftTrigger: v, stemClasses: (v, v, v),  gazWord: v, gazTag: v,
                trigger: v, length: v, affix4: (v, v), trigrams: (v, v, v, v))
    }
  }

  /// Slots, `slotsPerToken` per token, token after token; `context` holds
  /// `contextCount` second-pass values per token (nil in the first pass).
  public func extract(_ sentence: NERSentence, context: [UInt64]? = nil) -> [Int32] {
    let n = sentence.count
    guard n > 0 else { return [] }
    var info = tokenInfo(sentence)
    markGazetteerSpans(sentence, &info)
    let mask = UInt64(1) << UInt64(slotBits) - 1
    let edgeMask = UInt64(1) << UInt64(Self.edgeBits) - 1
    // Every slot is written below, so the array is not zeroed first.
    return [Int32](unsafeUninitializedCapacity: n * Self.slotsPerToken) { buf, count in
      for t in 0..<n {
        let p2 = t >= 2 ? info[t - 2] : .start
        let p1 = t >= 1 ? info[t - 1] : .start
        let c = info[t]
        let n1 = t + 1 < n ? info[t + 1] : .end
        let n2 = t + 2 < n ? info[t + 2] : .end
        var k = t * Self.slotsPerToken
        var slotMask = mask
        @inline(__always) func put(_ template: UInt64, _ value: UInt64) {
          buf.initializeElement(at: k, to: Self.slot(template, value, mask: slotMask))
          k += 1
        }
        @inline(__always) func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* 0x100_0000_01b3) ^ (b &+ 0x632B_E59B) }
        put(0, 1)
        put(1, c.word)
        put(2, p1.word)
        put(3, n1.word)
        put(4, p2.word)
        put(5, n2.word)
        put(6, c.stem)
        put(7, p1.stem)
        put(8, n1.stem)
        put(9, c.clitics)
        put(10, c.prefix.0)
        put(11, c.prefix.1)
        put(12, c.prefix.2)
        put(13, c.suffix.0)
        put(14, c.suffix.1)
        put(15, c.suffix.2)
        put(16, c.shape)
        put(17, pair(pair(p1.shape, c.shape), n1.shape))
        put(18, pair(p1.word, c.word))
        put(19, pair(c.word, n1.word))
        put(20, c.coarse)
        put(21, c.fine)
        put(22, p1.fine)
        put(23, n1.fine)
        put(24, p1.coarse)
        put(25, n1.coarse)
        put(26, c.gazTag)
        put(27, p1.gazTag)
        put(28, n1.gazTag)
        put(29, c.gazWord)
        put(30, p1.trigger)
        put(31, p2.trigger)
        put(32, n1.trigger)
        put(33, c.trigger)
        put(34, pair(p1.stem, c.stem))
        put(35, pair(c.length, c.clitics))
        put(36, pair(p1.fine, c.fine))
        put(37, n2.stem)
        put(38, p2.stem)
        put(39, pair(t == 0 ? 1 : 0, c.coarse))
        put(40, n1.suffix.1)
        put(41, pair(c.coarse, c.gazWord))
        put(42, pair(c.fine, n1.coarse))
        put(43, pair(p1.gazTag, pair(c.gazTag, n1.gazTag)))
        assert(k == t * Self.slotsPerToken + Self.contextSlot)
        for j in 0..<Self.contextCount {
          put(UInt64(Self.contextSlot + j), context?[t * Self.contextCount + j] ?? 0)
        }
        put(50, c.affix4.0)
        put(51, c.affix4.1)
        put(52, c.trigrams.0)
        put(53, c.trigrams.1)
        put(54, c.trigrams.2)
        put(55, c.trigrams.3)
        put(56, pair(p1.stem, c.fine))
        put(57, pair(c.fine, n1.stem))
        put(58, c.finest)
        put(59, p1.finest)
        put(60, n1.finest)
        put(61, c.stemClasses.0)
        put(62, c.stemClasses.1)
        put(63, c.stemClasses.2)
        put(64, p2.fine)
        put(65, n2.fine)
        put(66, p2.coarse)
        put(67, n2.coarse)
        put(68, pair(c.fine, n1.fine))
        put(69, pair(pair(p1.coarse, c.coarse), n1.coarse))
        put(70, c.leftTrigger)
        put(72, p1.stemClasses.1)
        put(73, n1.stemClasses.1)
        put(74, c.morphology)
        slotMask = edgeMask
        put(100, c.coarse)
        put(101, c.fine)
        put(102, c.gazTag << 8 | c.gazWord)
        put(103, c.shape)
        put(104, c.suffix.1)
        precondition(k == (t + 1) * Self.slotsPerToken, "a token's slots must all be written")
      }
      count = n * Self.slotsPerToken
    }
  }

  /// The slots `extract(sentence, context: context)` gives, from the sentence's `extract(sentence)`:
  /// only the second-pass slots change, so the second pass need not look at the words again.
  public func withContext(_ slots: [Int32], _ context: [UInt64]) -> [Int32] {
    let C = Self.contextCount, n = slots.count / Self.slotsPerToken
    precondition(context.count == n * C)
    let mask = UInt64(1) << UInt64(slotBits) - 1
    var out = slots
    for t in 0..<n {
      for j in 0..<C {
        let template = Self.contextSlot + j
        out[t * Self.slotsPerToken + template] = Self.slot(UInt64(template), context[t * C + j], mask: mask)
      }
    }
    return out
  }

  /// The slot of a template's value: the two mixed and hashed, then masked.
  @inline(__always)
  static func slot(_ template: UInt64, _ value: UInt64, mask: UInt64) -> Int32 {
    var h = value &+ (template &+ 1) &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 31
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 29
    return Int32(truncatingIfNeeded: h & mask)
  }

  // MARK: - Token information

  func tokenInfo(_ sentence: NERSentence) -> [TokenInfo] {
    let s = sentence.scalars
    var infos: [TokenInfo] = []
    infos.reserveCapacity(sentence.count)
    for r in sentence.tokens {
      var info = TokenInfo()
      let a = LightStemmer.analyze(s, r)
      let stemStart = r.lowerBound + a.stemOffset
      info.word = WordHash.of(s, r)
      info.stem = WordHash.of(s, stemStart..<r.upperBound)
      info.clitics = UInt64(a.procliticCode) << 8 | UInt64(a.articleLength)
      let stemLength = r.upperBound - stemStart
      for k in 1...3 {
        let pre = stemLength >= k ? WordHash.of(s, stemStart..<stemStart + k) : UInt64(k)
        let suf = stemLength >= k ? WordHash.of(s, r.upperBound - k..<r.upperBound) : UInt64(k)
        switch k {
        case 1: info.prefix.0 = pre; info.suffix.0 = suf
        case 2: info.prefix.1 = pre; info.suffix.1 = suf
        default: info.prefix.2 = pre; info.suffix.2 = suf
        }
      }
      info.length = UInt64(min(stemLength, 9))
      info.affix4 = stemLength >= 4
        ? (WordHash.of(s, stemStart..<stemStart + 4), WordHash.of(s, r.upperBound - 4..<r.upperBound)) : (4, 4)
      // Character trigrams of the stem: the first two (the first marked as word-initial) and the last two (the last marked final).
      if stemLength >= 3 {
        let first = WordHash.of(s, stemStart..<stemStart + 3, seed: 0x5E)
        let second = stemLength >= 4 ? WordHash.of(s, stemStart + 1..<stemStart + 4) : 1
        let last = WordHash.of(s, r.upperBound - 3..<r.upperBound, seed: 0x24)
        let penultimate = stemLength >= 4 ? WordHash.of(s, r.upperBound - 4..<r.upperBound - 1) : 2
        info.trigrams = (first, second, last, penultimate)
      } else {
        info.trigrams = (3, 3, 3, 3)
      }
      info.shape = Self.shape(s, r)
      // Lookup forms: the word, then without the proclitics found, then also without a bare ب/ك/ل.
      var forms = (r.lowerBound, r.lowerBound + a.procliticLength, r.lowerBound)
      let afterWaw = r.lowerBound + (a.procliticCode == LightStemmer.waw || a.procliticCode == LightStemmer.fa ? 1 : 0)
      if a.articleLength == 0, r.upperBound - afterWaw >= 4,
        s[afterWaw] == LightStemmer.ba || s[afterWaw] == LightStemmer.kaf || s[afterWaw] == LightStemmer.lam
      {
        forms.2 = afterWaw + 1
      }
      let ha: UInt32 = 0x0647, alif: UInt32 = 0x0627, mim: UInt32 = 0x0645
      let last = r.count >= 4 ? s[r.upperBound - 1] : 0, beforeLast = r.count >= 4 ? s[r.upperBound - 2] : 0
      let pronoun: UInt64 = last == ha ? 1 : (beforeLast == ha && (last == alif || last == mim)) ? 2 : 0
      info.morphology = (forms.2 != r.lowerBound ? 1 : 0) | pronoun << 1 | (a.procliticLength > 0 ? 8 : 0)
      var cluster: UInt32?
      var gaz: UInt32 = 0
      // Each distinct form once: the first with a word class gives it; every one adds its name types.
      func lookUp(_ start: Int) {
        let h = start == r.lowerBound ? info.word : WordHash.of(s, start..<r.upperBound)
        if cluster == nil { cluster = lexicon.clusters[h] }
        gaz |= lexicon.names[h] ?? 0
      }
      lookUp(forms.0)
      if forms.1 != forms.0 { lookUp(forms.1) }
      if forms.2 != forms.0 && forms.2 != forms.1 { lookUp(forms.2) }
      if let cluster {
        info.coarse = UInt64(NERLexicon.classColumn(cluster, 0))
        info.fine = UInt64(NERLexicon.classColumn(cluster, 1)) | 0x10000
        info.finest = UInt64(NERLexicon.classColumn(cluster, 2)) | 0x20000
      }
      if let stemCluster = lexicon.clusters[WordHash.of(s, stemStart..<r.upperBound, seed: NERLexicon.stemSeed)] ?? cluster {
        info.stemClasses = (UInt64(NERLexicon.classColumn(stemCluster, 0)) | 0x30000,
                            UInt64(NERLexicon.classColumn(stemCluster, 1)) | 0x40000,
                            UInt64(NERLexicon.classColumn(stemCluster, 2)) | 0x50000)
      }
      info.gazWord = UInt64(gaz)
      info.trigger = UInt64(lexicon.triggers[info.stem] ?? 0)
      infos.append(info)
    }
    for t in infos.indices {
      for d in 1...3 where t - d >= 0 && infos[t - d].trigger != 0 {
        infos[t].leftTrigger = infos[t - d].trigger << 4 | UInt64(d)
        break
      }
    }
    return infos
  }

  /// Greedy longest-first matching of gazetteer names over the sentence:
  /// sets `gazTag` to `mask << 2 | 1` on a name's first token and `| 2` on the rest.
  func markGazetteerSpans(_ sentence: NERSentence, _ infos: inout [TokenInfo]) {
    let s = sentence.scalars, tokens = sentence.tokens, n = tokens.count
    let maxWords = lexicon.maxNameWords
    var t = 0
    while t < n {
      let first = tokens[t]
      guard !first.isEmpty else {
        t += 1
        continue
      }
      let a = LightStemmer.analyze(s, first)
      var best = 0
      var bestMask: UInt32 = 0
      // The whole token, then (when it has proclitics) its stem.
      let stem = first.lowerBound + a.procliticLength
      for start in stride(from: first.lowerBound, through: stem, by: max(1, a.procliticLength)) {
        var h = WordHash.of(s, start..<first.upperBound)
        if let m = lexicon.names[h], best < 1 {
          best = 1
          bestMask = m
        }
        var length = 1
        while length < maxWords && t + length < n && lexicon.namePrefixes[h] != nil {
          h = WordHash.add(h, 0x20)
          h = WordHash.of(s, tokens[t + length], seed: h)
          length += 1
          if let m = lexicon.names[h], length > best {
            best = length
            bestMask = m
          }
        }
      }
      if best == 0 {
        t += 1
        continue
      }
      infos[t].gazTag = UInt64(bestMask) << 2 | 1
      for k in 1..<best { infos[t + k].gazTag = UInt64(bestMask) << 2 | 2 }
      t += best
    }
  }

  /// Classes of the token's scalars (Arabic letter, digit, Latin, other), runs collapsed, plus a length bucket.
  static func shape(_ s: [UInt32], _ r: Range<Int>) -> UInt64 {
    var code: UInt64 = 0
    var last: UInt64 = 0
    var runs = 0
    for i in r {
      let v = s[i]
      let cls: UInt64
      if (0x0621...0x06FF).contains(v) { cls = 1 } else if (0x30...0x39).contains(v) { cls = 2 } else if (0x61...0x7A).contains(v) || (0xC0...0x24F).contains(v) { cls = 3 } else { cls = 4 }
      if cls != last && runs < 4 {
        code = code << 3 | cls
        last = cls
        runs += 1
      }
    }
    let length = r.count
    let bucket: UInt64 = length <= 3 ? UInt64(length) : length <= 5 ? 4 : length <= 8 ? 5 : 6
    return code << 4 | bucket
  }
}
