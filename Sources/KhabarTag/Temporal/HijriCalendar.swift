/// The tabular (arithmetical) Islamic calendar, civil epoch.
///
/// Years of 354 or 355 days in a 30-year cycle whose leap years are 2, 5, 7,
/// 10, 13, 16, 18, 21, 24, 26 and 29; odd months have 30 days, even months 29,
/// and month 12 has 30 in a leap year. Day 1 of year 1 is Friday 16 July 622
/// (Julian) = 19 July 622 (proleptic Gregorian).
///
/// This is exact arithmetic for the tabular calendar. The calendar actually
/// used (sighting, or Saudi Umm al-Qura) can differ from it by a day or two,
/// which is why converted dates carry a lower certainty.
enum HijriCalendar {
  /// Days from 1970-01-01 to 1 Muharram 1 AH (Julian day 1948440).
  private static let epochDayNumber = 1_948_440 - 2_440_588

  static func isLeapYear(_ year: Int) -> Bool { (14 + 11 * year) % 30 < 11 }

  static func daysInMonth(year: Int, month: Int) -> Int {
    if month == 12 { return isLeapYear(year) ? 30 : 29 }
    return month % 2 == 1 ? 30 : 29
  }

  /// The Gregorian date of a Hijri date, or nil if the date does not exist.
  static func gregorian(year: Int, month: Int, day: Int) -> CivilDate? {
    guard year >= 1, (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day) else {
      return nil
    }
    let days = day - 1 + (59 * (month - 1) + 1) / 2 + (year - 1) * 354 + (3 + 11 * year) / 30
    return CivilDate(dayNumber: epochDayNumber + days)
  }

  /// The Hijri (year, month, day) of a Gregorian date on or after the epoch.
  static func hijri(_ date: CivilDate) -> (year: Int, month: Int, day: Int)? {
    let days = date.dayNumber - epochDayNumber
    guard days >= 0 else { return nil }
    var year = (30 * days + 10_646) / 10_631
    while let start = gregorian(year: year, month: 1, day: 1), start.dayNumber > date.dayNumber { year -= 1 }
    while let next = gregorian(year: year + 1, month: 1, day: 1), next.dayNumber <= date.dayNumber { year += 1 }
    var month = 1
    while month < 12, let next = gregorian(year: year, month: month + 1, day: 1), next.dayNumber <= date.dayNumber {
      month += 1
    }
    guard let first = gregorian(year: year, month: month, day: 1) else { return nil }
    return (year, month, date.dayNumber - first.dayNumber + 1)
  }
}
