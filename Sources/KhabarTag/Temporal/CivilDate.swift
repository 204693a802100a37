/// A day of the proleptic Gregorian calendar, with day-count arithmetic.
///
/// `dayNumber` counts days from 1970-01-01 (negative before it), using
/// Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms, so the
/// arithmetic is exact for any year.
struct CivilDate: Sendable, Equatable, Comparable {
  var year: Int
  var month: Int
  var day: Int

  init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `dayNumber` days after 1970-01-01.
  init(dayNumber: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    day = doy - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days from 1970-01-01 to this date.
  var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Day of the week: 0 Sunday … 6 Saturday.
  var weekday: Int {
    let w = (dayNumber + 4) % 7  // 1970-01-01 was a Thursday
    return w < 0 ? w + 7 : w
  }

  func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

  static func < (a: CivilDate, b: CivilDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Parses the leading `YYYY-MM-DD` of an ISO date or date-time
  /// (`2017-11-27`, `2017-11-27T08:00:00Z`); nil for anything less precise
  /// or invalid, so a partial article date never resolves a day.
  static func parseISO(_ text: String) -> CivilDate? {
    var fields = [0, 0, 0]
    var digits = [0, 0, 0]
    var field = 0
    for unit in text.utf8 {
      if unit >= 0x30 && unit <= 0x39 {
        fields[field] = fields[field] * 10 + Int(unit - 0x30)
        digits[field] += 1
        if digits[field] > (field == 0 ? 4 : 2) { return nil }
      } else if unit == 0x2D && field < 2 {  // "-"
        field += 1
      } else {
        break
      }
    }
    guard field == 2, digits == [4, 2, 2] else { return nil }
    let (y, m, d) = (fields[0], fields[1], fields[2])
    guard (1...12).contains(m), (1...daysInMonth(year: y, month: m)).contains(d) else { return nil }
    return CivilDate(year: y, month: m, day: d)
  }
}

/// W3C/TEI date strings (`2017`, `2017-11`, `2017-11-27`, `--11`, `--11-27`).
enum ISODate {
  static func format(year: Int?, month: Int?, day: Int?) -> String? {
    var out = ""
    if let year {
      guard year >= 0 else { return nil }
      out += pad(year, 4)
      if let month {
        out += "-" + pad(month, 2)
        if let day { out += "-" + pad(day, 2) }
      }
      return out
    }
    guard let month else { return nil }
    out = "--" + pad(month, 2)
    if let day { out += "-" + pad(day, 2) }
    return out
  }

  static func format(_ date: CivilDate) -> String? {
    format(year: date.year, month: date.month, day: date.day)
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
