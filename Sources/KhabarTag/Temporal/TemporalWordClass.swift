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
  /// هـ, هجري, للهجرة after a Hijri year.
  static let hijriMarker = LexRoles(rawValue: 1 << 18)
  /// م, ميلادي, للميلاد after a Gregorian year.
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
  /// سوف, لن: the verb after it is future, so a weekday or month after it is ahead.
  static let futureWord = LexRoles(rawValue: 1 << 33)

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
