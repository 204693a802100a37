import KhabarCore

/// What a word can be for the date and quantity grammars.
struct LexRoles: OptionSet, Sendable {
  let rawValue: UInt64
  /// A Gregorian month in one word (`month`): نوفمبر, آذار.
  static let month = LexRoles(rawValue: 1 << 0)
  /// A month name that is also a common word (مارس "practised", آب "father"):
  /// a date only with a cue around it.
  static let ambiguousMonth = LexRoles(rawValue: 1 << 1)
  /// First word of a two-word Levantine month (`head`: 1 كانون, 2 تشرين).
  static let monthHead = LexRoles(rawValue: 1 << 2)
  /// A Hijri month in one word (`month`): محرم, رمضان.
  static let hijriMonth = LexRoles(rawValue: 1 << 3)
  /// First word of a two-word Hijri month (`head`: 3 ربيع, 5 جمادى, 11 ذو).
  static let hijriHead = LexRoles(rawValue: 1 << 4)
  /// الأول / الثاني / الآخر … after a month head (`ordinal`: 1 first, 2 second).
  static let ordinal = LexRoles(rawValue: 1 << 5)
  /// القعدة / الحجة after ذو (`month`: 11 or 12).
  static let hijriTail = LexRoles(rawValue: 1 << 6)
  /// A day of the week (`weekday`: 0 Sunday … 6 Saturday).
  static let weekday = LexRoles(rawValue: 1 << 7)
  /// A word before which a weekday name is not a date (صلاة الجمعة, كلا الاثنين).
  static let weekdayBlocker = LexRoles(rawValue: 1 << 8)
  /// يوم: introduces a weekday (يوم الجمعة) or a relative day (يوم أمس).
  static let dayWord = LexRoles(rawValue: 1 << 9)
  /// شهر: introduces a month name (شهر رمضان).
  static let monthWord = LexRoles(rawValue: 1 << 10)
  /// أمس, اليوم, غدا (`offset` in days).
  static let relativeDay = LexRoles(rawValue: 1 << 11)
  /// الشهر, الأسبوع, العام, السنة: a period a direction word makes a date.
  static let period = LexRoles(rawValue: 1 << 12)
  /// الماضي, المقبل, الجاري … (`offset`: -1, +1, 0).
  static let direction = LexRoles(rawValue: 1 << 13)
  /// عام, العام, سنة: a following number is a year.
  static let yearCue = LexRoles(rawValue: 1 << 14)
  /// عامي, سنتي: "the years" of two following years.
  static let yearsCue = LexRoles(rawValue: 1 << 15)
  /// A preposition after which a plausible 4-digit number is a year (في, منذ …).
  static let cue = LexRoles(rawValue: 1 << 16)
  /// A part of a period that belongs to the date (منتصف عام 2014, صيف 2012).
  static let partOf = LexRoles(rawValue: 1 << 17)
  static let hijriMarker = LexRoles(rawValue: 1 << 18)
  static let gregorianMarker = LexRoles(rawValue: 1 << 19)
  /// هذا, هذه: with a period, the current one (هذا العام).
  static let nearDemonstrative = LexRoles(rawValue: 1 << 20)
  /// ذلك, هذا, نفس: اليوم after them is a day of the story, not today; nor
  /// is it in names such as روسيا اليوم, المصري اليوم.
  static let anaphoric = LexRoles(rawValue: 1 << 21)
  /// نفسه, ذاته: اليوم before them is anaphoric.
  static let same = LexRoles(rawValue: 1 << 22)
  /// A number word (`number`, `numberKind`).
  static let numberWord = LexRoles(rawValue: 1 << 23)
  /// A unit of measure (`unit`; `unitCount` 2 for a dual form like عامين).
  static let unit = LexRoles(rawValue: 1 << 24)
  /// مربع after a length unit: square.
  static let square = LexRoles(rawValue: 1 << 25)
  /// بالمئة, بالمائة: percent in one word.
  static let percentWord = LexRoles(rawValue: 1 << 26)
  /// المئة, المائة: percent after في (or with an attached ب).
  static let hundredth = LexRoles(rawValue: 1 << 27)
  /// من: links a month to its year (ديسمبر من عام 2017).
  static let from = LexRoles(rawValue: 1 << 28)
  /// أول: أول أمس.
  static let first = LexRoles(rawValue: 1 << 29)
  /// في: the في of في المئة.
  static let fi = LexRoles(rawValue: 1 << 30)
  /// التالي, الذي …: اليوم before them is a day of the story, not today, and a
  /// weekday before them is a weekday of a month (الجمعة الثالثة من مارس).
  static let dayAdjective = LexRoles(rawValue: 1 << 31)
  /// الأول … العاشر before من and a month (`dayOrdinal`): الرابع من مارس.
  static let dayOrdinal = LexRoles(rawValue: 1 << 32)

  /// Roles still recognised after stripping an unsplit proclitic (وأمس, بالسبت).
  static let strippable: LexRoles = [
    .month, .ambiguousMonth, .monthHead, .hijriMonth, .hijriHead, .weekday, .dayWord, .monthWord,
    .relativeDay, .period, .yearCue, .yearsCue, .cue, .partOf, .nearDemonstrative,
  ]
}

/// How a number word combines with its neighbours (ثلاثة عشر, خمسة وعشرون, ثلاثة آلاف).
enum NumberKind: UInt8, Sendable {
  case none
  /// 1…9 (and 1, 2 in واحد, اثنان).
  case digit
  /// 1 or 2 that is a number only before عشر (أحد عشر, اثنا عشر).
  case teenHead
  /// عشر, عشرة: 10, or +10 after a digit word.
  case ten
  /// 20…90, 200…900, 2000 (joined with و).
  case plain
  /// مئة: 100, or ×100 after a digit word (ثلاث مئة).
  case hundred
  /// ألف, مليون, مليار: multiplies what precedes.
  case scale
  /// آلاف, ملايين: multiplies what precedes, vague on its own.
  case vagueScale
}

/// The grammatical facts the temporal grammars need about one word.
struct Lex: Sendable {
  var roles: LexRoles = []
  var month: Int8 = 0
  var head: Int8 = 0
  var ordinal: Int8 = 0
  var dayOrdinal: Int8 = 0
  var weekday: Int8 = 0
  var offset: Int8 = 0
  var period: Period = .none
  var number: Double = 0
  var numberKind: NumberKind = .none
  var unit: Unit = .none
  var unitCount: Int8 = 0

  static let empty = Lex()
}

/// Periods named by a definite noun (الشهر الماضي).
enum Period: UInt8, Sendable {
  case none, week, month, year
}

/// Normalised English unit names (TEI `measure/@unit`).
enum Unit: UInt8, Sendable, CaseIterable {
  case none, km, mi, m, km2, m2, hectare, dunam, kg, tonne, barrel
  case soldier, fighter, member, person, civilian, child, dead, wounded, displaced, refugee, family, detainee
  case usd, eur, dinar, lira, riyal
  case minute, hour, day, week, month, year, decade
  case percent, vehicle, tank, airstrike, missile, aircraft

  var name: String {
    switch self {
    case .none: ""
    case .km: "km"
    case .mi: "mi"
    case .m: "m"
    case .km2: "km2"
    case .m2: "m2"
    case .hectare: "ha"
    case .dunam: "dunam"
    case .kg: "kg"
    case .tonne: "t"
    case .barrel: "barrel"
    case .soldier: "soldier"
    case .fighter: "fighter"
    case .member: "member"
    case .person: "person"
    case .civilian: "civilian"
    case .child: "child"
    case .dead: "dead"
    case .wounded: "wounded"
    case .displaced: "displaced"
    case .refugee: "refugee"
    case .family: "family"
    case .detainee: "detainee"
    case .usd: "USD"
    case .eur: "EUR"
    case .dinar: "dinar"
    case .lira: "lira"
    case .riyal: "riyal"
    case .minute: "minute"
    case .hour: "hour"
    case .day: "day"
    case .week: "week"
    case .month: "month"
    case .year: "year"
    case .decade: "decade"
    case .percent: "percent"
    case .vehicle: "vehicle"
    case .tank: "tank"
    case .airstrike: "airstrike"
    case .missile: "missile"
    case .aircraft: "aircraft"
    }
  }

  /// The square unit of a length (كيلومتر مربع).
  var squared: Unit? {
    switch self {
    case .km: .km2
    case .m: .m2
    default: nil
    }
  }
}

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
