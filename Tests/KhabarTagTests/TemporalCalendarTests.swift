import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarTag

@Suite("Temporal: calendars and Hijri dates")
struct TemporalCalendarTests {
  @Test("Gregorian day numbers: known days and weekdays")
  func civilDates() {
    #expect(CivilDate(year: 1970, month: 1, day: 1).dayNumber == 0)
    #expect(CivilDate(year: 2000, month: 3, day: 1).dayNumber == 11_017)
    #expect(CivilDate(year: 2017, month: 11, day: 3).weekday == 5)  // a Friday
    #expect(CivilDate(year: 2024, month: 12, day: 8).weekday == 0)  // a Sunday
    #expect(CivilDate(year: 1969, month: 12, day: 31).weekday == 3)  // a Wednesday
    #expect(CivilDate(year: 2024, month: 3, day: 1).adding(days: -1) == CivilDate(year: 2024, month: 2, day: 29))
  }

  @Test("Gregorian day numbers round-trip")
  func civilRoundTrip() {
    let seed = UInt64.random(in: 0...UInt64.max)
    var rng = SeededRandom(seed: seed)
    for _ in 0..<2000 {
      let n = Int.random(in: -800_000...800_000, using: &rng)
      #expect(CivilDate(dayNumber: n).dayNumber == n, "seed \(seed), day \(n)")
    }
  }

  @Test("tabular Hijri → Gregorian at known points")
  func tabularHijri() {
    // Epoch: 1 Muharram 1 AH = 16 July 622 Julian = 19 July 622 proleptic Gregorian.
    #expect(HijriCalendar.gregorian(year: 1, month: 1, day: 1) == CivilDate(year: 622, month: 7, day: 19))
    // These two agree with the Umm al-Qura calendar.
    #expect(HijriCalendar.gregorian(year: 1445, month: 1, day: 1) == CivilDate(year: 2023, month: 7, day: 19))
    #expect(HijriCalendar.gregorian(year: 1445, month: 9, day: 1) == CivilDate(year: 2024, month: 3, day: 11))
    // Leap years of the 30-year cycle.
    #expect((1...30).filter(HijriCalendar.isLeapYear) == [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29])
    #expect(HijriCalendar.gregorian(year: 1445, month: 2, day: 30) == nil)
    #expect(HijriCalendar.gregorian(year: 1445, month: 13, day: 1) == nil)
  }

  @Test("tabular Hijri round-trips and months follow each other")
  func hijriRoundTrip() {
    let seed = UInt64.random(in: 0...UInt64.max)
    var rng = SeededRandom(seed: seed)
    for _ in 0..<1000 {
      let y = Int.random(in: 1...1700, using: &rng), m = Int.random(in: 1...12, using: &rng)
      let d = Int.random(in: 1...HijriCalendar.daysInMonth(year: y, month: m), using: &rng)
      guard let g = HijriCalendar.gregorian(year: y, month: m, day: d) else {
        Issue.record("seed \(seed): \(y)-\(m)-\(d) has no Gregorian date")
        continue
      }
      let back = HijriCalendar.hijri(g)
      #expect(back?.year == y && back?.month == m && back?.day == d, "seed \(seed): \(y)-\(m)-\(d)")
      if let next = HijriCalendar.gregorian(year: y, month: m, day: d).map({ $0.adding(days: 1) }) {
        let h = HijriCalendar.hijri(next)
        let expected = d < HijriCalendar.daysInMonth(year: y, month: m) ? (y, m, d + 1) : (m == 12 ? (y + 1, 1, 1) : (y, m + 1, 1))
        #expect(h?.year == expected.0 && h?.month == expected.1 && h?.day == expected.2, "seed \(seed)")
      }
    }
  }

  typealias D = TemporalTestText.FoundDate

  @Test("Hijri dates in the text", arguments: [
    ("في 21 رمضان 1445 هـ", D(surface: "21 رمضان 1445 هـ", when: "2024-03-31", calendar: "hijri", whenCustom: "1445-09-21")),
    ("في 1 محرم 1445هـ", D(surface: "1 محرم 1445هـ", when: "2023-07-19", calendar: "hijri", whenCustom: "1445-01-01")),
    ("في 10 ذو الحجة 1444 هجري", D(surface: "10 ذو الحجة 1444 هجري", when: "2023-06-29", calendar: "hijri", whenCustom: "1444-12-10")),
    ("في 12 ربيع الأول 1446 هـ", D(surface: "12 ربيع الأول 1446 هـ", when: "2024-09-16", calendar: "hijri", whenCustom: "1446-03-12")),
    ("مطلع جمادى الآخرة 1440 هـ", D(surface: "مطلع جمادى الآخرة 1440 هـ", when: nil, calendar: "hijri", whenCustom: "1440-06")),
    ("في ذي القعدة 1443 للهجرة", D(surface: "ذي القعدة 1443 للهجرة", when: nil, calendar: "hijri", whenCustom: "1443-11")),
    ("عام 1445 هـ", D(surface: "عام 1445 هـ", when: nil, calendar: "hijri", whenCustom: "1445")),
    ("سنة 1258م", D(surface: "سنة 1258م", when: "1258", calendar: nil, whenCustom: nil)),
    ("في شهر رمضان", D(surface: "شهر رمضان", when: nil, calendar: "hijri", whenCustom: "--09")),
  ])
  func hijriInText(text: String, expected: D) {
    #expect(TemporalTestText.dates(text) == [expected])
  }

  @Test("a Hijri month with a direction word takes its year from the article date")
  func hijriRelative() {
    // 4 May 2018 = 18 Sha'ban 1439 (tabular): the coming Ramadan is 1439's, the last one 1438's.
    let next = TemporalTestText.dates("للعرض في شهر رمضان المقبل", articleDate: "2018-05-04")
    #expect(next == [D(surface: "شهر رمضان المقبل", when: nil, calendar: "hijri", whenCustom: "1439-09")])
    let last = TemporalTestText.dates("في رمضان الماضي", articleDate: "2018-05-04")
    #expect(last == [D(surface: "رمضان الماضي", when: nil, calendar: "hijri", whenCustom: "1438-09")])
    let unresolved = TemporalTestText.dates("في شهر رمضان المقبل")
    #expect(unresolved == [D(surface: "شهر رمضان المقبل", when: nil, calendar: "hijri", whenCustom: "--09")])
  }

  @Test("Hijri month names alone are not dates")
  func hijriNames() {
    #expect(TemporalTestText.dates("قال رمضان إن") == [])
    #expect(TemporalTestText.dates("رقم صفر") == [])
    #expect(TemporalTestText.dates("هذا محرم شرعا") == [])
  }

  @Test("a Hijri-marked year is not the year of a Gregorian month")
  func markerMismatch() {
    #expect(TemporalTestText.dates("في نوفمبر 1445 هـ") == [
      D(surface: "نوفمبر", when: "--11"), D(surface: "1445 هـ", when: nil, calendar: "hijri", whenCustom: "1445"),
    ])
  }
}
