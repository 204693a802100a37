/// A date found at tokens `first...last`.
struct DateMatch: Sendable {
  var first: Int
  var last: Int
  var value: DateValue
}

/// The date patterns, tried at each token in one left-to-right scan:
///
/// * explicit: `[day] month[/month] [year [marker]] [الماضي]` in either month
///   naming system or the Hijri one (27 تشرين الثاني/نوفمبر, 21 رمضان 1445 هـ);
/// * years: `عام 2014`, `في 2012`, `2003م`, `1445 هـ`, `عامي 2011 و2014`;
/// * numeric: `27/11/2017`, `2017-11-27`;
/// * relative: `يوم الجمعة`, `أمس`, `اليوم`, `الشهر الماضي`, `هذا العام`;
/// * each optionally led by a part-of-period word (منتصف عام 2014).
///
/// Patterns never cross a line break and never include a preposition or an
/// attached proclitic.
struct DateGrammar {
  let toks: [TemporalToken]

  /// All dates, left to right, without overlaps.
  func matches() -> [DateMatch] {
    var out: [DateMatch] = []
    var i = 0
    while i < toks.count {
      guard let m = match(at: i) else {
        i += 1
        continue
      }
      out.append(m)
      i = m.last + 1
      // Further years joined to a year: عامي 2011 و2014, 2011-2014, من 2011 إلى 2014.
      if m.value.month == nil, m.value.relative == .none, m.value.year != nil {
        while let next = joinedYear(after: i - 1, calendar: m.value.calendar, cert: m.value.cert) {
          out.append(next)
          i = next.last + 1
        }
      }
    }
    return out
  }

  // MARK: - Patterns

  /// Roles of a word that can begin a date (numbers can too).
  private static let startRoles: LexRoles = [
    .partOf, .monthWord, .weekday, .dayWord, .month, .monthHead, .hijriMonth, .hijriHead, .yearCue, .yearsCue,
    .relativeDay, .first, .period, .nearDemonstrative, .dayOrdinal,
  ]

  private static let ordinalRoles: LexRoles = [.ordinal, .dayAdjective]

  /// Roles of a word before a month or a year that make it a date.
  private static let cueRoles: LexRoles = [.cue, .partOf, .monthWord]

  private func match(at i: Int) -> DateMatch? {
    let t = toks[i]
    guard t.has(Self.startRoles) || t.number != nil || t.numericDate != nil else { return nil }
    if t.has(.partOf), follows(i + 1),
      var m = explicit(at: i + 1, cued: true) ?? year(at: i + 1, cued: true) ?? period(at: i + 1)
    {
      m.first = i
      return m
    }
    if t.has(.monthWord), follows(i + 1), var m = explicit(at: i + 1, cued: true), m.value.day == nil {
      m.first = i
      return m
    }
    if let date = t.numericDate {
      return DateMatch(first: i, last: i, value: DateValue(year: date.year, month: date.month, day: date.day,
                                                          cert: DateValue.Cert.fullDate))
    }
    return weekday(at: i) ?? explicit(at: i, cued: isCued(i)) ?? year(at: i, cued: isCued(i))
      ?? numeric(at: i) ?? relativeDay(at: i) ?? period(at: i)
  }

  /// `[day] month [/ month] [year [marker]] [direction]`; the second month
  /// may also follow with no separator (فبراير شباط) or in parentheses.
  private func explicit(at j: Int, cued: Bool) -> DateMatch? {
    var k = j
    var day: Int?
    if let d = toks[k].number?.plainInteger(digits: 1...2, in: 1...31), follows(k + 1), monthName(at: k + 1) != nil {
      day = d
      k += 1
    } else if toks[k].has(.dayOrdinal), follows(k + 2), toks[k + 1].has(.from), monthName(at: k + 2) != nil {
      day = Int(toks[k].lex.dayOrdinal)  // الرابع من مارس
      k += 2
    }
    guard let name = monthName(at: k) else { return nil }
    var value = DateValue(calendar: name.hijri ? .hijri : .gregorian, month: name.month, day: day, cert: 0)
    value.future = isFuture(before: j)
    k = name.last + 1
    var combined = false
    // نوفمبر/تشرين الثاني, تشرين الثاني (نوفمبر)
    let separator = k
    if !name.hijri, follows(separator), [0x2F, 0x28, 0x2D].contains(toks[separator].scalar), follows(separator + 1),
      let other = monthName(at: separator + 1), !other.hijri, other.month == name.month
    {
      combined = true
      k = other.last + 1
      if toks[separator].scalar == 0x28, follows(k), toks[k].scalar == 0x29 { k += 1 }
    } else if !name.hijri, follows(k), let other = monthName(at: k), !other.hijri, other.month == name.month {
      combined = true  // فبراير شباط
      k = other.last + 1
    }
    if let year = yearAfterMonth(at: k, hijri: name.hijri) {
      value.year = year.value
      k = year.next
      if year.marked || !name.hijri {
        value.cert = day == nil ? DateValue.Cert.monthYear : DateValue.Cert.fullDate
      } else {
        value.cert = DateValue.Cert.hijriNoMarker
      }
    } else if follows(k), toks[k].has(.direction) {
      value.direction = Int(toks[k].lex.offset)
      value.cert = day == nil ? DateValue.Cert.month : DateValue.Cert.dayMonth
      k += 1
    } else if day != nil {
      value.cert = DateValue.Cert.dayMonth
    } else if name.hijri {
      guard cued && isMonthWord(before: j) else { return nil }  // شهر رمضان
      value.cert = DateValue.Cert.month
    } else if name.ambiguous && !combined {
      guard cued else { return nil }
      value.cert = DateValue.Cert.ambiguousMonth
    } else {
      value.cert = DateValue.Cert.month
    }
    if let day {
      let limit = name.hijri ? 30 : (name.month == 2 ? 29 : CivilDate.daysInMonth(year: 2001, month: name.month))
      guard day <= limit else { return nil }
    }
    return DateMatch(first: j, last: k - 1, value: value)
  }

  /// A year after a month: `2017`, `1445 هـ`, `من عام 2017`, `عام 2017`.
  private func yearAfterMonth(at k: Int, hijri: Bool) -> (value: Int, marked: Bool, next: Int)? {
    var at = k
    if follows(at), toks[at].has(.from), follows(at + 1), toks[at + 1].has(.yearCue) {
      at += 2
    } else if follows(at), toks[at].has(.yearCue) {
      at += 1
    }
    guard follows(at), let n = toks[at].number else { return nil }
    let range = hijri ? 1...1700 : 1000...2200
    guard !n.isPercent, !n.hasFraction, (3...4).contains(n.integerDigits), let v = n.integer, range.contains(v)
    else { return nil }
    switch n.marker {
    case .hijri: return hijri ? (v, true, at + 1) : nil
    case .gregorian: return hijri ? nil : (v, true, at + 1)
    case .none: break
    }
    if follows(at + 1), toks[at + 1].has(hijri ? .hijriMarker : .gregorianMarker) {
      return (v, true, at + 2)
    }
    if follows(at + 1), toks[at + 1].has(hijri ? .gregorianMarker : .hijriMarker) { return nil }
    return (v, false, at + 1)
  }

  /// Years: after عام/العام/سنة, with a calendar marker, or after a preposition
  /// when the number is a plausible modern year.
  private func year(at j: Int, cued: Bool) -> DateMatch? {
    var k = j
    var cert = DateValue.Cert.prepositionYear
    var cueWord = false
    if toks[k].has(.yearCue) || toks[k].has(.yearsCue) {
      guard follows(k + 1) else { return nil }
      k += 1
      cueWord = true
      cert = DateValue.Cert.cuedYear
    }
    guard let n = toks[k].number, !n.isPercent, !n.hasFraction, let v = n.integer else { return nil }
    var calendar = DateValue.Calendar.gregorian
    var last = k
    let marker: CalendarMarker
    if n.marker != .none {
      marker = n.marker
    } else if follows(k + 1), toks[k + 1].has(.hijriMarker) {
      marker = .hijri
      last = k + 1
    } else if follows(k + 1), toks[k + 1].has(.gregorianMarker) {
      marker = .gregorian
      last = k + 1
    } else {
      marker = .none
    }
    switch marker {
    case .hijri:
      guard (1...1700).contains(v), cueWord || n.integerDigits >= 3 else { return nil }
      calendar = .hijri
      cert = DateValue.Cert.markedYear
    case .gregorian:
      // Without عام, a 3-digit number before م is more likely metres.
      guard (1...2200).contains(v), cueWord || n.integerDigits == 4 else { return nil }
      cert = DateValue.Cert.markedYear
    case .none:
      if cueWord {
        guard (3...4).contains(n.integerDigits), (100...2200).contains(v) else { return nil }
      } else {
        guard cued, n.integerDigits == 4, (1800...2100).contains(v), !startsMeasure(after: k),
          !continuesNumericDate(after: k)
        else { return nil }
      }
    }
    return DateMatch(first: j, last: last, value: DateValue(calendar: calendar, year: v, cert: cert))
  }

  /// A year joined to the year ending at `last`: و2014, - 2014, إلى 2014.
  private func joinedYear(after last: Int, calendar: DateValue.Calendar, cert: Double) -> DateMatch? {
    var k = last + 1
    guard follows(k) else { return nil }
    if toks[k].scalar == 0x2D || toks[k].scalar == 0x2013 || (toks[k].has(.cue) && toks[k].number == nil)
      || (toks[k].kind == UInt8(ascii: "w") && toks[k].scalar == 0x0648)
    {
      k += 1
      guard follows(k) else { return nil }
    } else if toks[k].proclitic != 0x0648 {
      return nil
    }
    guard let n = toks[k].number, n.integerDigits == 4, !n.isPercent, !n.hasFraction, let v = n.integer,
      !startsMeasure(after: k)
    else { return nil }
    switch n.marker {
    case .none: guard (calendar == .hijri ? 1000...1700 : 1800...2100).contains(v) else { return nil }
    case .hijri: guard calendar == .hijri else { return nil }
    case .gregorian: guard calendar == .gregorian else { return nil }
    }
    var end = k
    if follows(k + 1), toks[k + 1].has(calendar == .hijri ? .hijriMarker : .gregorianMarker) { end = k + 1 }
    return DateMatch(first: k, last: end, value: DateValue(calendar: calendar, year: v, cert: cert))
  }

  /// `27/11/2017` or `2017-11-27` written as number, separator, number, separator, number.
  private func numeric(at j: Int) -> DateMatch? {
    guard j + 4 < toks.count, toks[j].number != nil else { return nil }
    let sep = toks[j + 1].scalar
    guard [0x2F, 0x2D, 0x2E].contains(sep), toks[j + 3].scalar == sep else { return nil }
    for k in (j + 1)...(j + 4) where toks[k].start != toks[k - 1].end { return nil }
    guard let a = toks[j].number, let b = toks[j + 2].number, let c = toks[j + 4].number else { return nil }
    let y: Int, m: Int, d: Int
    if let year = a.plainInteger(digits: 4...4, in: 1000...2200), let month = b.plainInteger(digits: 1...2, in: 1...12),
      let day = c.plainInteger(digits: 1...2, in: 1...31)
    {
      (y, m, d) = (year, month, day)
    } else if let day = a.plainInteger(digits: 1...2, in: 1...31),
      let month = b.plainInteger(digits: 1...2, in: 1...12),
      let year = c.plainInteger(digits: 4...4, in: 1000...2200)
    {
      (y, m, d) = (year, month, day)
    } else {
      return nil
    }
    guard d <= CivilDate.daysInMonth(year: y, month: m) else { return nil }
    var last = j + 4
    var value = DateValue(year: y, month: m, day: d, cert: DateValue.Cert.fullDate)
    if follows(last + 1), toks[last + 1].has(.hijriMarker) {
      guard d <= 30 else { return nil }
      value.calendar = .hijri
      last += 1
    } else if follows(last + 1), toks[last + 1].has(.gregorianMarker) {
      last += 1
    }
    return DateMatch(first: j, last: last, value: value)
  }

  /// `[يوم] الجمعة [الماضي]`, merged with a date written after it
  /// (`الجمعة 8 ديسمبر`, `الجمعة، 8 ديسمبر`).
  private func weekday(at i: Int) -> DateMatch? {
    var k = i
    if toks[k].has(.dayWord), follows(k + 1), toks[k + 1].has(.weekday) { k += 1 }
    guard toks[k].has(.weekday) else { return nil }
    if i > 0, follows(i), toks[i - 1].has(.weekdayBlocker) { return nil }
    let weekday = Int(toks[k].lex.weekday)
    k += 1
    if follows(k), toks[k].has(Self.ordinalRoles) { return nil }  // الجمعة الثالثة من مارس
    var dateAt = k
    if follows(dateAt), toks[dateAt].scalar == 0x060C || toks[dateAt].scalar == 0x2C { dateAt += 1 }
    if follows(dateAt), var m = explicit(at: dateAt, cued: true) ?? numeric(at: dateAt), m.value.day != nil {
      m.first = i
      return m
    }
    var direction: Int?
    if follows(k), toks[k].has(.direction) {
      direction = Int(toks[k].lex.offset)
      k += 1
    }
    var value = DateValue(relative: .weekday(weekday, direction: direction), cert: DateValue.Cert.relative)
    value.future = isFuture(before: i)
    return DateMatch(first: i, last: k - 1, value: value)
  }

  /// `أمس`, `يوم أمس`, `أول أمس`, `أمس الأول`, `غدا`, and `اليوم` when it
  /// means today (not `ذلك اليوم`, `اليوم نفسه`, `اليوم التالي`); a weekday
  /// right after joins the date (اليوم الجمعة, أمس الخميس).
  private func relativeDay(at i: Int) -> DateMatch? {
    var k = i
    var extra = 0
    if toks[k].has(.dayWord) || toks[k].has(.first), follows(k + 1), toks[k + 1].has(.relativeDay),
      toks[k + 1].lex.offset == -1
    {
      if toks[k].has(.first) { extra = -1 }
      k += 1
    }
    guard toks[k].has(.relativeDay) else { return nil }
    var offset = Int(toks[k].lex.offset) + extra
    if offset == 0 {
      if i > 0, follows(i), toks[i - 1].has(.anaphoric) { return nil }
      if follows(k + 1) {
        let next = toks[k + 1]
        if next.has(.weekday) {
          k += 1
        } else if next.has(.same) || next.has(.ordinal) || next.has(.dayAdjective) {
          return nil
        }
      }
    } else if offset == -1, extra == 0, follows(k + 1), toks[k + 1].has(.ordinal), toks[k + 1].lex.ordinal == 1 {
      offset = -2  // أمس الأول
      k += 1
    } else if follows(k + 1), toks[k + 1].has(.weekday) {
      k += 1  // أمس الجمعة, غدا السبت
    }
    return DateMatch(first: i, last: k, value: DateValue(relative: .days(offset), cert: DateValue.Cert.relative))
  }

  /// `الشهر الماضي`, `العام المقبل`, `هذا العام`.
  private func period(at i: Int) -> DateMatch? {
    guard follows(i + 1) else { return nil }
    let period: Period
    let offset: Int
    if toks[i].has(.nearDemonstrative), toks[i + 1].has(.period) {
      (period, offset) = (toks[i + 1].lex.period, 0)
    } else if toks[i].has(.period), toks[i + 1].has(.direction) {
      (period, offset) = (toks[i].lex.period, Int(toks[i + 1].lex.offset))
    } else {
      return nil
    }
    let value = DateValue(relative: .period(period, offset: offset), cert: DateValue.Cert.relative)
    return DateMatch(first: i, last: i + 1, value: value)
  }

  // MARK: - Helpers

  private struct MonthName {
    var month: Int
    var hijri: Bool
    var ambiguous: Bool
    var last: Int
  }

  /// A month name in one or two words at `k`.
  private func monthName(at k: Int) -> MonthName? {
    guard k < toks.count else { return nil }
    let t = toks[k]
    if t.has(.month) {
      return MonthName(month: Int(t.lex.month), hijri: false, ambiguous: t.has(.ambiguousMonth), last: k)
    }
    if t.has(.hijriMonth) { return MonthName(month: Int(t.lex.month), hijri: true, ambiguous: false, last: k) }
    guard follows(k + 1) else { return nil }
    let next = toks[k + 1]
    if t.has(.monthHead), next.has(.ordinal) {
      let first = next.lex.ordinal == 1
      let month = t.lex.head == 1 ? (first ? 12 : 1) : (first ? 10 : 11)  // كانون / تشرين
      return MonthName(month: month, hijri: false, ambiguous: false, last: k + 1)
    }
    if t.has(.hijriHead) {
      if t.lex.head == 11, next.has(.hijriTail) {
        return MonthName(month: Int(next.lex.month), hijri: true, ambiguous: false, last: k + 1)
      }
      if t.lex.head != 11, next.has(.ordinal) {
        let month = Int(t.lex.head) + (next.lex.ordinal == 1 ? 0 : 1)
        return MonthName(month: month, hijri: true, ambiguous: false, last: k + 1)
      }
    }
    return nil
  }

  /// Token `k` exists and no line break separates it from the previous one.
  private func follows(_ k: Int) -> Bool { k < toks.count && !toks[k].breakBefore }

  /// The previous word is a preposition or period word that makes a month or year likely.
  private func isCued(_ i: Int) -> Bool {
    guard i > 0, follows(i) else { return false }
    return toks[i - 1].has(Self.cueRoles)
  }

  /// A future verb (سـ split off by the segmenter) or سوف/لن among the three
  /// words before `i`, in the same sentence.
  private func isFuture(before i: Int) -> Bool {
    var k = i
    while k > 0 && k > i - 4 && !toks[k].breakBefore {
      k -= 1
      let t = toks[k]
      if t.kind == UInt8(ascii: "p") && [0x2E, 0x061F, 0x21, 0x3F].contains(t.scalar) { return false }
      if t.isFuture || t.has(.futureWord) { return true }
    }
    return false
  }

  private func isMonthWord(before j: Int) -> Bool {
    j > 0 && follows(j) && toks[j - 1].has(.monthWord)
  }

  /// A unit follows the number at `k` (2000 جندي), so it is a quantity.
  private func startsMeasure(after k: Int) -> Bool {
    guard follows(k + 1) else { return false }
    let next = toks[k + 1]
    return next.has(.unit) || next.has(.percentWord) || next.scalar == 0x25 || next.scalar == 0x066A
  }

  /// The number at `k` is the start of `2017/11/27`.
  private func continuesNumericDate(after k: Int) -> Bool { numeric(at: k) != nil }
}
