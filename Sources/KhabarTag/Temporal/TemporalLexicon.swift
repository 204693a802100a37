import KhabarCore

/// The temporal vocabulary, looked up by the match key of a word without
/// allocating: the key's scalars are hashed (FNV-1a) on the fly and the hit
/// is verified scalar by scalar.
struct TemporalLexicon: Sendable {
  static let shared = TemporalLexicon()

  /// Longest key in the table, in scalars; longer words are not looked up.
  private(set) var maxKeyLength = 0
  private var keys: [[UInt32]] = []
  private var hashes: [UInt64] = []
  private var entries: [Lex] = []
  /// Open-addressing table of entry numbers (-1 empty), probed linearly.
  private var slots: [Int32] = []
  private var mask = 0

  /// The match-key scalars of `scalars[range]`, optionally after a virtual
  /// prefix (the ا of an article whose ل is all that is written, as in لل).
  struct Key {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var length = 0

    mutating func append(_ v: UInt32) {
      hash = (hash ^ UInt64(v)) &* 0x100_0000_01b3
      length += 1
    }

  }

  static func key(_ scalars: [Unicode.Scalar], _ range: Range<Int>, prefix: UInt32? = nil) -> Key {
    var key = Key()
    if let prefix { key.append(prefix) }
    for i in range {
      if let m = ArabicText.matchScalar(scalars[i].value) { key.append(m) }
    }
    return key
  }

  /// The entry whose key is the match key of `scalars[range]` (after `prefix`).
  func lookup(_ scalars: [Unicode.Scalar], _ range: Range<Int>, prefix: UInt32? = nil, key: Key) -> Lex? {
    guard key.length <= maxKeyLength, key.length > 0 else { return nil }
    var slot = Int(truncatingIfNeeded: key.hash) & mask
    var found = -1
    while slots[slot] >= 0 {
      if hashes[Int(slots[slot])] == key.hash {
        found = Int(slots[slot])
        break
      }
      slot = (slot + 1) & mask
    }
    guard found >= 0 else { return nil }
    let at = found
    let expected = keys[at]
    guard expected.count == key.length else { return nil }
    var j = 0
    if let prefix {
      guard expected[0] == prefix else { return nil }
      j = 1
    }
    for i in range {
      guard let m = ArabicText.matchScalar(scalars[i].value) else { continue }
      guard expected[j] == m else { return nil }
      j += 1
    }
    return entries[at]
  }

  /// Looks up a plain string (tests, tools).
  func lookup(_ word: String) -> Lex? {
    let scalars = Array(word.unicodeScalars)
    let key = Self.key(scalars, 0..<scalars.count)
    return lookup(scalars, 0..<scalars.count, key: key)
  }

  private mutating func add(_ words: String, _ configure: (inout Lex) -> Void) {
    for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      let scalars = ArabicText.matchKey(word).unicodeScalars.map(\.value)
      var hash = Key()
      for v in scalars { hash.append(v) }
      if let at = hashes.firstIndex(of: hash.hash) {
        precondition(keys[at] == scalars, "temporal lexicon: hash collision on \(word)")
        configure(&entries[at])
      } else {
        var lex = Lex()
        configure(&lex)
        keys.append(scalars)
        hashes.append(hash.hash)
        entries.append(lex)
        maxKeyLength = max(maxKeyLength, scalars.count)
      }
    }
  }

  /// Builds the open-addressing table once every word is added.
  private mutating func buildSlots() {
    var size = 16
    while size < entries.count * 4 { size *= 2 }
    mask = size - 1
    slots = [Int32](repeating: -1, count: size)
    for (n, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(n)
    }
  }

  private init() {
    // Gregorian months: Egyptian/Gulf names, Maghrebi names, Levantine names.
    let months: [(Int, String)] = [
      (1, "يناير ينايِر جانفي"), (2, "فبراير فبرايِر فيفري"), (3, "آذار"), (4, "أبريل إبريل ابريل أفريل نيسان"),
      (5, "مايو أيار"), (6, "يونيو يونيه حزيران"), (7, "يوليو يوليه يوليوز جويلية"),
      (8, "أغسطس أغسطوس غشت"), (9, "سبتمبر سيبتمبر شتنبر أيلول"), (10, "أكتوبر أوكتوبر"),
      (11, "نوفمبر نونبر"), (12, "ديسمبر دجنبر"), (2, "شباط"),
    ]
    for (m, names) in months { add(names) { $0.roles.insert(.month); $0.month = Int8(m) } }
    // Month names that are also everyday words or names: need a cue.
    let ambiguous: [(Int, String)] = [(3, "مارس"), (8, "آب أوت"), (7, "تموز"), (5, "ماي"), (6, "جوان")]
    for (m, names) in ambiguous {
      add(names) { $0.roles.formUnion([.month, .ambiguousMonth]); $0.month = Int8(m) }
    }
    add("نيسان") { $0.roles.insert(.ambiguousMonth) }
    add("كانون") { $0.roles.insert(.monthHead); $0.head = 1 }
    add("تشرين") { $0.roles.insert(.monthHead); $0.head = 2 }
    add("الأول الأولى أول") { $0.roles.insert(.ordinal); $0.ordinal = 1 }  // تشرين أول
    add("الثاني الثانية الآخر الآخرة الأخير الأخيرة ثاني ثان") { $0.roles.insert(.ordinal); $0.ordinal = 2 }
    add("أول") { $0.roles.insert(.first) }
    let dayOrdinals = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"]
    for (n, word) in dayOrdinals.enumerated() { add(word) { $0.roles.insert(.dayOrdinal); $0.dayOrdinal = Int8(n + 1) } }

    // Hijri months.
    let hijri: [(Int, String)] = [
      (1, "محرم المحرم"), (2, "صفر"), (7, "رجب"), (8, "شعبان"), (9, "رمضان"), (10, "شوال"),
    ]
    for (m, names) in hijri { add(names) { $0.roles.insert(.hijriMonth); $0.month = Int8(m) } }
    add("ربيع") { $0.roles.insert(.hijriHead); $0.head = 3 }
    add("جمادى جمادي") { $0.roles.insert(.hijriHead); $0.head = 5 }
    add("ذو ذي ذا") { $0.roles.insert(.hijriHead); $0.head = 11 }
    add("القعدة") { $0.roles.insert(.hijriTail); $0.month = 11 }
    add("الحجة") { $0.roles.insert(.hijriTail); $0.month = 12 }
    add("هـ ه هجري هجرية الهجري الهجرية للهجرة الهجرة") { $0.roles.insert(.hijriMarker) }
    add("م ميلادي ميلادية الميلادي الميلادية للميلاد") { $0.roles.insert(.gregorianMarker) }

    // Days, relative days and periods.
    let weekdays = ["الأحد", "الاثنين الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
    for (d, names) in weekdays.enumerated() { add(names) { $0.roles.insert(.weekday); $0.weekday = Int8(d) } }
    add("صلاة خطبة خطيب كلا الواحد") { $0.roles.insert(.weekdayBlocker) }
    add("يوم") { $0.roles.insert(.dayWord) }
    add("شهر") { $0.roles.insert(.monthWord) }
    add("أمس الأمس البارحة") { $0.roles.insert(.relativeDay); $0.offset = -1 }
    add("اليوم") { $0.roles.insert(.relativeDay); $0.offset = 0 }
    add("غدا غداً") { $0.roles.insert(.relativeDay); $0.offset = 1 }
    add("الأسبوع الاسبوع") { $0.roles.insert(.period); $0.period = .week }
    add("الشهر") { $0.roles.insert(.period); $0.period = .month }
    add("العام السنة") { $0.roles.insert(.period); $0.period = .year }
    add("الماضي الماضية المنصرم المنصرمة الفائت الفائتة") { $0.roles.insert(.direction); $0.offset = -1 }
    add("المقبل المقبلة القادم القادمة") { $0.roles.insert(.direction); $0.offset = 1 }
    add("الجاري الجارية الحالي الحالية") { $0.roles.insert(.direction); $0.offset = 0 }
    add("عام العام سنة السنة") { $0.roles.insert(.yearCue) }
    add("عامي سنتي") { $0.roles.insert(.yearsCue) }
    add("في منذ حتى خلال قبل بعد بين من إلى") { $0.roles.insert(.cue) }
    add("من") { $0.roles.insert(.from) }
    add("سوف لن") { $0.roles.insert(.futureWord) }
    add("في") { $0.roles.insert(.fi) }
    add("منتصف مطلع أواخر أوائل أواسط نهاية بداية مستهل صيف شتاء ربيع خريف") { $0.roles.insert(.partOf) }
    add("هذا هذه") { $0.roles.insert(.nearDemonstrative) }
    add("ذلك تلك نفس هذا هذه المصري روسيا أخبار") { $0.roles.insert(.anaphoric) }
    add("نفسه ذاته") { $0.roles.insert(.same) }
    add("""
      التالي السابق الموالي الثالث الرابع الخامس السادس السابع الثالثة الرابعة الخامسة الوطني العالمي الدولي الذي
      المحدد المقرر الموعود
      """)
    { $0.roles.insert(.dayAdjective) }

    // Number words.
    let numbers: [(Double, NumberKind, String)] = [
      (1, .digit, "واحد واحدة"), (1, .teenHead, "أحد إحدى"), (2, .digit, "اثنان اثنين اثنتان اثنتين"),
      (2, .teenHead, "اثنا اثنتا اثني اثنتي"),
      (3, .digit, "ثلاث ثلاثة"), (4, .digit, "أربع أربعة"), (5, .digit, "خمس خمسة"), (6, .digit, "ست ستة"),
      (7, .digit, "سبع سبعة"), (8, .digit, "ثمان ثماني ثمانية"), (9, .digit, "تسع تسعة"), (10, .ten, "عشر عشرة"),
      (20, .plain, "عشرون عشرين"), (30, .plain, "ثلاثون ثلاثين"), (40, .plain, "أربعون أربعين"),
      (50, .plain, "خمسون خمسين"), (60, .plain, "ستون ستين"), (70, .plain, "سبعون سبعين"),
      (80, .plain, "ثمانون ثمانين"), (90, .plain, "تسعون تسعين"), (100, .hundred, "مئة مائة"),
      (200, .plain, "مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي"),
      (300, .plain, "ثلاثمئة ثلاثمائة"), (400, .plain, "أربعمئة أربعمائة"), (500, .plain, "خمسمئة خمسمائة"),
      (600, .plain, "ستمئة ستمائة"), (700, .plain, "سبعمئة سبعمائة"),
      (800, .plain, "ثمانمئة ثمانمائة ثمانيمئة ثمانيمائة"), (900, .plain, "تسعمئة تسعمائة"),
      (1000, .scale, "ألف"), (1000, .vagueScale, "آلاف"), (2000, .plain, "ألفان ألفين ألفا ألفي"),
      (1_000_000, .scale, "مليون"), (1_000_000, .vagueScale, "ملايين"),
      (2_000_000, .plain, "مليونان مليونين مليونا مليوني"),
      (1_000_000_000, .scale, "مليار بليون"), (1_000_000_000, .vagueScale, "مليارات"),
      (2_000_000_000, .plain, "ملياران مليارين مليارا ملياري"),
      (1_000_000_000_000, .scale, "تريليون ترليون"), (1_000_000_000_000, .vagueScale, "تريليونات"),
    ]
    for (value, kind, names) in numbers {
      add(names) { $0.roles.insert(.numberWord); $0.number = value; $0.numberKind = kind }
    }

    // Units: singular, accusative, plural and dual (count 2) forms.
    let units: [(Unit, String, String)] = [
      (.km, "كيلومتر كيلومترا كيلومترات كلم كم", "كيلومترين كيلومتران"),
      (.mi, "ميل ميلا أميال", ""),  // not ميلان: Milan
      (.m, "متر مترا أمتار", "مترين متران"),
      (.hectare, "هكتار هكتارا هكتارات", ""),
      (.dunam, "دونم دونما دونمات", ""),
      (.kg, "كيلوغرام كيلوغراما كيلوغرامات كيلوجرام كيلوجراما كغ كلغ", ""),
      (.tonne, "طن طنا أطنان", "طنين"),
      (.barrel, "برميل برميلا براميل", ""),
      (.soldier, "جندي جنديا جنود", "جنديين"),
      (.fighter, "مقاتل مقاتلا مقاتلين مقاتلون", ""),
      (.member, "عنصر عنصرا عناصر", "عنصرين"),
      (.person, "شخص شخصا أشخاص", "شخصين"),
      (.civilian, "مدني مدنيا مدنيين مدنيون", ""),
      (.child, "طفل طفلا أطفال", "طفلين"),
      (.dead, "قتيل قتيلا قتلى", "قتيلين"),
      (.wounded, "جريح جريحا جرحى", "جريحين"),
      (.displaced, "نازح نازحا نازحين نازحون", ""),
      (.refugee, "لاجئ لاجئا لاجئين لاجئون", ""),
      (.family, "عائلة عائلات أسرة أسر", "عائلتين"),
      (.detainee, "معتقل معتقلا معتقلين", ""),
      (.usd, "دولار دولارا دولارات", "دولارين"),
      (.eur, "يورو", ""),
      (.dinar, "دينار دينارا دنانير", ""),
      (.lira, "ليرة ليرات", ""),
      (.riyal, "ريال ريالا ريالات", ""),
      (.minute, "دقيقة دقائق", "دقيقتين دقيقتان"),
      (.hour, "ساعة ساعات", "ساعتين ساعتان"),
      (.day, "يوم يوما أيام", "يومين يومان"),
      (.week, "أسبوع أسبوعا أسابيع", "أسبوعين أسبوعان"),
      (.month, "شهر شهرا أشهر شهور", "شهرين شهران"),
      (.year, "عام عاما أعوام سنة سنوات سنين", "عامين عامان سنتين سنتان"),
      (.decade, "عقد عقود", "عقدين"),
      (.vehicle, "آلية آليات", ""),
      (.tank, "دبابة دبابات", ""),
      (.airstrike, "غارة غارات", "غارتين"),
      (.missile, "صاروخ صاروخا صواريخ", "صاروخين"),
      (.aircraft, "طائرة طائرات", "طائرتين"),
    ]
    for (unit, forms, duals) in units {
      add(forms) { $0.roles.insert(.unit); $0.unit = unit }
      add(duals) { $0.roles.insert(.unit); $0.unit = unit; $0.unitCount = 2 }
    }
    add("مربع مربعا مربعة") { $0.roles.insert(.square) }
    add("بالمئة بالمائة") { $0.roles.insert(.percentWord) }
    add("المئة المائة") { $0.roles.insert(.hundredth) }
    buildSlots()
  }
}
