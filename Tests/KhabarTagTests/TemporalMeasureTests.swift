import KhabarCore
import Testing

@testable import KhabarTag

private typealias M = TemporalTestText.FoundMeasure

private func measures(_ text: String) -> [M] { TemporalTestText.measures(text) }

@Suite("Temporal: quantities")
struct TemporalMeasureTests {
  @Test("digits and a unit", arguments: [
    ("تبعد مسافة 300 كيلومتر عن", "300 كيلومتر", "300", "km"),
    ("تبلغ 372 ميلًا بين", "372 ميلًا", "372", "mi"),
    ("مع فرار نحو 2000 جندي سوري", "2000 جندي", "2000", "soldier"),
    ("بعد إغلاق دام 6 سنوات", "6 سنوات", "6", "year"),
    ("على بعد 25 كلم من", "25 كلم", "25", "km"),
    ("نحو 40 كم", "40 كم", "40", "km"),
    ("مقتل 12 شخصا", "12 شخصا", "12", "person"),
    ("سقط 7 قتلى", "7 قتلى", "7", "dead"),
    ("أرسلت 500 مقاتل", "500 مقاتل", "500", "fighter"),
    ("بلغت 3.5 مليار دولار", "3.5 مليار دولار", "3500000000", "USD"),
    ("نحو 50 ألف نازح", "50 ألف نازح", "50000", "displaced"),
    ("بنسبة 50%", "50%", "50", "percent"),
    ("ارتفع 20 في المئة", "20 في المئة", "20", "percent"),
    ("ارتفع 15 بالمئة", "15 بالمئة", "15", "percent"),
    ("ارتفع 7 %", "7 %", "7", "percent"),
    ("مساحة 100 كيلومتر مربع", "100 كيلومتر مربع", "100", "km2"),
    ("على بعد ١٢ ميلًا", "١٢ ميلًا", "12", "mi"),
    ("بعد 1,500 جندي", "1,500 جندي", "1500", "soldier"),
    ("بعد ٢٫٥ كيلومتر", "٢٫٥ كيلومتر", "2.5", "km"),
    ("بدفع 218,5 مليون دولار", "218,5 مليون دولار", "218500000", "USD"),
    ("نحو 2.22 تريليون ريال", "2.22 تريليون ريال", "2220000000000", "riyal"),
    ("قبل 3 أسابيع", "3 أسابيع", "3", "week"),
    ("قبل 48 ساعة", "48 ساعة", "48", "hour"),
    ("قبل 10 أيام", "10 أيام", "10", "day"),
  ])
  func digits(text: String, surface: String, quantity: String, unit: String) {
    #expect(measures(text) == [M(surface: surface, quantity: quantity, unit: unit)])
  }

  @Test("number words", arguments: [
    ("استمر أكثر من ثلاثة أعوام على", "ثلاثة أعوام", "3", "year"),
    ("ثلاث سنوات", "ثلاث سنوات", "3", "year"),
    ("عشرة أيام", "عشرة أيام", "10", "day"),
    ("مئة جندي", "مئة جندي", "100", "soldier"),
    ("مائة جندي", "مائة جندي", "100", "soldier"),
    ("ألف مقاتل", "ألف مقاتل", "1000", "fighter"),
    ("ثلاثة آلاف جندي", "ثلاثة آلاف جندي", "3000", "soldier"),
    ("خمسة وعشرون قتيلا", "خمسة وعشرون قتيلا", "25", "dead"),
    ("ثلاثة عشر شخصا", "ثلاثة عشر شخصا", "13", "person"),
    ("مئة وخمسون عنصرا", "مئة وخمسون عنصرا", "150", "member"),
    ("ثلاث مئة مقاتل", "ثلاث مئة مقاتل", "300", "fighter"),
    ("ألفي جندي", "ألفي جندي", "2000", "soldier"),
    ("مليون دولار", "مليون دولار", "1000000", "USD"),
    ("خمسمائة و خمسين دولار", "خمسمائة و خمسين دولار", "550", "USD"),
  ])
  func words(text: String, surface: String, quantity: String, unit: String) {
    #expect(measures(text) == [M(surface: surface, quantity: quantity, unit: unit)])
  }

  @Test("dual forms and واحد")
  func dualAndOne() {
    #expect(measures("ومنذ نحو عامين استعادت") == [M(surface: "عامين", quantity: "2", unit: "year")])
    #expect(measures("بعد أقل من أسبوعين من") == [M(surface: "أسبوعين", quantity: "2", unit: "week")])
    #expect(measures("في أقل من يوم واحد") == [M(surface: "يوم واحد", quantity: "1", unit: "day")])
    #expect(measures("ساعتين") == [M(surface: "ساعتين", quantity: "2", unit: "hour")])
  }

  @Test("not quantities")
  func notQuantities() {
    #expect(measures("في عام 2014 سيطر") == [])  // a year
    #expect(measures("ثلاث قواعد أميركية") == [])  // not a unit
    #expect(measures("آلاف الجنود") == [])  // vague
    #expect(measures("قبل أيام") == [])  // no number
    #expect(measures("عملية الفجر 3، فسيطروا") == [])
    #expect(measures("أحد الجنود") == [])  // أحد alone is not a number
    #expect(measures("قبل 30\nيوما") == [])  // across a line break
  }

  @Test("a number that is a date is not a quantity")
  func dateNumbers() {
    let result = TemporalTestText.run("في 6 ديسمبر 2024 فر 2000 جندي")
    #expect(result.dates.map(\.surface) == ["6 ديسمبر 2024"])
    #expect(result.measures == [M(surface: "2000 جندي", quantity: "2000", unit: "soldier")])
  }

  @Test("quantity strings are exact plain ASCII decimals")
  func decimalFormatting() {
    #expect(DecimalQuantity(mantissa: 2000, exponent: 0).text == "2000")
    #expect(DecimalQuantity(mantissa: 35, exponent: -1).text == "3.5")
    #expect(DecimalQuantity(mantissa: 25, exponent: -2).text == "0.25")
    #expect(DecimalQuantity(mantissa: 250, exponent: -2).text == "2.5")
    #expect(DecimalQuantity(mantissa: 5, exponent: -3).text == "0.005")
    #expect(DecimalQuantity(mantissa: 16148, exponent: -2).scaled(by: 1e9)?.text == "161480000000")
    #expect(DecimalQuantity(mantissa: 1, exponent: 0).scaled(by: 2000) == nil)
    // Binary floating point would print 161480000000.00003 and 32799999999.999996 here.
    #expect(measures("بلغ 161.48 مليار دولار") == [M(surface: "161.48 مليار دولار", quantity: "161480000000", unit: "USD")])
    #expect(measures("بنحو 32.8 مليار دولار") == [M(surface: "32.8 مليار دولار", quantity: "32800000000", unit: "USD")])
    #expect(measures("بلغ 99999999999999999999 دولار") == [])  // too long to be exact: left out
  }

  @Test("names that look like units")
  func unitLookalikes() {
    #expect(measures("لاعب ميلان وإنتر ميلان") == [])
  }
}
