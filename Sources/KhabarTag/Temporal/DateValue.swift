import KhabarCore

/// What a date expression says, before the article's date resolves it.
struct DateValue: Sendable, Equatable {
  enum Calendar: Sendable, Equatable { case gregorian, hijri }

  /// A date stated relative to the day of writing.
  enum Relative: Sendable, Equatable {
    case none
    /// أمس (−1), اليوم (0), غدا (+1).
    case days(Int)
    /// يوم الجمعة; `direction` −1 for الماضي, +1 for المقبل, nil for plain.
    case weekday(Int, direction: Int?)
    /// الشهر الماضي, هذا العام: the period `offset` periods from the current one.
    case period(Period, offset: Int)
  }

  var calendar: Calendar = .gregorian
  var year: Int?
  var month: Int?
  var day: Int?
  /// الماضي / المقبل after a month with no year (سبتمبر الماضي).
  var direction: Int?
  var relative: Relative = .none
  /// A future verb comes just before (سيقام الأربعاء): an unmarked weekday or
  /// month is the next one, not the last one.
  var future = false
  /// How sure the grammar is that this is a date with this value.
  var cert: Double

  /// Certainties of the grammar's patterns, in one place.
  enum Cert {
    static let fullDate = 0.95
    static let monthYear = 0.95
    static let dayMonth = 0.9
    static let cuedYear = 0.9
    static let markedYear = 0.9
    static let prepositionYear = 0.75
    static let month = 0.8
    static let ambiguousMonth = 0.7
    static let relative = 0.85
    static let hijriNoMarker = 0.8
    /// Ceilings once a value is inferred from the article date.
    static let inferredYear = 0.75
    static let resolvedDay = 0.85
    static let resolvedWeekday = 0.7
    static let resolvedPeriod = 0.8
    /// Tabular Hijri → Gregorian can be a day or two off the observed calendar.
    static let tabularConversion = 0.85
  }

  /// The TEI value of this date: `when` (W3C), and for Hijri dates the
  /// calendar and `whenCustom`. Relative dates resolve only with `article`.
  func resolved(article: CivilDate?) -> (when: String?, calendar: String?, whenCustom: String?, cert: Double) {
    switch calendar {
    case .hijri:
      var year = self.year
      var cert = self.cert
      // رمضان المقبل: the year from the article's date in the Hijri calendar.
      if year == nil, let month, let article, let h = HijriCalendar.hijri(article),
        let y = directionalYear(month: month, reference: h)
      {
        year = y
        cert = min(cert, Cert.inferredYear)
      }
      let custom = ISODate.format(year: year, month: month, day: day)
      if let year, let month, let day, let g = HijriCalendar.gregorian(year: year, month: month, day: day) {
        return (ISODate.format(g), "hijri", custom, min(cert, Cert.tabularConversion))
      }
      return (nil, "hijri", custom, cert)
    case .gregorian:
      if year != nil || month != nil { return resolveExplicit(article: article) }
      guard let article else { return (nil, nil, nil, cert) }
      return resolveRelative(article: article)
    }
  }

  private func resolveExplicit(article: CivilDate?) -> (String?, String?, String?, Double) {
    if year != nil { return (ISODate.format(year: year, month: month, day: day), nil, nil, cert) }
    guard let month, let article else { return (ISODate.format(year: nil, month: month, day: day), nil, nil, cert) }
    let y = inferYear(month: month, article: article)
    if let day, day > CivilDate.daysInMonth(year: y, month: month) {
      return (ISODate.format(year: nil, month: month, day: day), nil, nil, cert)
    }
    return (ISODate.format(year: y, month: month, day: day), nil, nil, min(cert, Cert.inferredYear))
  }

  /// The year of a month (and day) written without one: the last one before
  /// the article for الماضي, the next one for المقبل, else the article's year
  /// unless that puts the date more than four months after the article (news
  /// looks back more often than ahead).
  private func inferYear(month: Int, article: CivilDate) -> Int {
    if let y = directionalYear(month: month, reference: (article.year, article.month, article.day)) { return y }
    let candidate = CivilDate(year: article.year, month: month, day: min(day ?? 1, 28))
    return candidate.dayNumber > article.dayNumber + 122 ? article.year - 1 : article.year
  }

  /// The year a direction word or a future verb gives a month (and day),
  /// relative to a reference date in the same calendar; nil without either.
  private func directionalYear(month: Int, reference: (year: Int, month: Int, day: Int)) -> Int? {
    let before: Bool, after: Bool
    if let day {
      before = (month, day) < (reference.month, reference.day)
      after = (month, day) > (reference.month, reference.day)
    } else {
      before = month < reference.month
      after = month > reference.month
    }
    switch direction {
    case .some(-1): return before ? reference.year : reference.year - 1
    case .some(1): return after ? reference.year : reference.year + 1
    case .some(0): return reference.year
    case nil where future: return before ? reference.year + 1 : reference.year
    default: return nil
    }
  }

  private func resolveRelative(article: CivilDate) -> (String?, String?, String?, Double) {
    switch relative {
    case .none:
      return (nil, nil, nil, cert)
    case .days(let offset):
      return (ISODate.format(article.adding(days: offset)), nil, nil, min(cert, Cert.resolvedDay))
    case .weekday(let target, let direction):
      let back = (article.weekday - target + 7) % 7
      let delta: Int
      switch direction {
      case .some(-1): delta = -(back == 0 ? 7 : back)
      case .some(1):
        let ahead = (target - article.weekday + 7) % 7
        delta = ahead == 0 ? 7 : ahead
      case nil where future:
        delta = (target - article.weekday + 7) % 7
      default: delta = -back
      }
      return (ISODate.format(article.adding(days: delta)), nil, nil, min(cert, Cert.resolvedWeekday))
    case .period(let period, let offset):
      switch period {
      case .year:
        return (ISODate.format(year: article.year + offset, month: nil, day: nil), nil, nil,
                min(cert, Cert.resolvedPeriod))
      case .month:
        let index = article.year * 12 + (article.month - 1) + offset
        let (y, m) = (index / 12, index % 12 + 1)
        return (ISODate.format(year: y, month: m, day: nil), nil, nil, min(cert, Cert.resolvedPeriod))
      case .week, .none:
        return (nil, nil, nil, cert)  // a week has no W3C date form
      }
    }
  }
}
