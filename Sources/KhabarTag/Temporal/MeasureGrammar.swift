/// A quantity found at tokens `first...last`.
struct MeasureMatch: Sendable {
  var first: Int
  var last: Int
  var quantity: DecimalQuantity
  var unit: Unit
}

/// Quantities: a number (digits, optionally times ألف/مليون, or number words
/// such as ثلاثة آلاف, خمسة وعشرون) followed by a unit, `50%`, a dual unit on
/// its own (عامين → 2 year), or a unit followed by واحد (يوم واحد → 1 day).
/// Tokens that belong to a date are skipped, so a year is never a quantity.
struct MeasureGrammar {
  let toks: [TemporalToken]

  func matches(skipping inDate: [Bool]) -> [MeasureMatch] {
    var out: [MeasureMatch] = []
    var i = 0
    while i < toks.count {
      if !inDate[i], let m = match(at: i), !(m.first...m.last).contains(where: { inDate[$0] }) {
        out.append(m)
        i = m.last + 1
      } else {
        i += 1
      }
    }
    return out
  }

  private static let startRoles: LexRoles = [.numberWord, .unit]

  private func match(at i: Int) -> MeasureMatch? {
    let t = toks[i]
    guard t.number != nil || t.has(Self.startRoles) else { return nil }
    if let n = t.number {
      guard n.marker == .none else { return nil }
      guard var value = n.exact else { return nil }
      if n.isPercent { return MeasureMatch(first: i, last: i, quantity: value, unit: .percent) }
      var last = i
      if follows(i + 1), toks[i + 1].has(.numberWord),
        toks[i + 1].lex.numberKind == .scale || toks[i + 1].lex.numberKind == .vagueScale,
        let scaled = value.scaled(by: toks[i + 1].lex.number)
      {
        value = scaled  // 3.5 مليار, 50 ألف
        last = i + 1
      }
      guard let (unit, end) = unit(at: last + 1) else { return nil }
      return MeasureMatch(first: i, last: end, quantity: value, unit: unit)
    }
    if t.has(.numberWord), let (value, last) = numberWords(at: i), let (unit, end) = unit(at: last + 1) {
      return MeasureMatch(first: i, last: end, quantity: value, unit: unit)
    }
    if t.has(.unit) {
      if t.lex.unitCount == 2, !(i > 0 && follows(i) && (toks[i - 1].number != nil || toks[i - 1].has(.numberWord))) {
        return MeasureMatch(first: i, last: i, quantity: .integer(2), unit: t.lex.unit)  // عامين
      }
      if follows(i + 1), toks[i + 1].has(.numberWord), toks[i + 1].lex.number == 1,
        toks[i + 1].lex.numberKind == .digit
      {
        return MeasureMatch(first: i, last: i + 1, quantity: .integer(1), unit: t.lex.unit)  // يوم واحد
      }
    }
    return nil
  }

  /// The unit at `k`, in one or two tokens (كيلومتر مربع, في المئة, %).
  private func unit(at k: Int) -> (Unit, Int)? {
    guard follows(k) else { return nil }
    let t = toks[k]
    if t.scalar == 0x25 || t.scalar == 0x066A || t.has(.percentWord) { return (.percent, k) }
    if t.has(.hundredth), t.proclitic == 0x0628 { return (.percent, k) }  // بـ + المئة, split
    if t.has(.fi), follows(k + 1), toks[k + 1].has(.hundredth), toks[k + 1].proclitic == 0 { return (.percent, k + 1) }
    guard t.has(.unit) else { return nil }
    if let square = t.lex.unit.squared, follows(k + 1), toks[k + 1].has(.square) { return (square, k + 1) }
    return (t.lex.unit, k)
  }

  /// A number written in words from `i`: digits add up (خمسة وعشرون), teens
  /// take عشر (ثلاثة عشر), مئة after a digit multiplies (ثلاث مئة), and scale
  /// words multiply what precedes (ثلاثة آلاف). Nil for a vague word alone
  /// (آلاف) or a teen head alone (أحد).
  private func numberWords(at i: Int) -> (DecimalQuantity, Int)? {
    if toks[i].proclitic == 0x0648, i > 0, follows(i), toks[i - 1].has(.numberWord) {
      return nil  // inside a number phrase that did not parse as a whole
    }
    var total = 0.0
    var current = 0.0
    var previous = NumberKind.none
    var last = i - 1
    var k = i
    scan: while k < toks.count, k == i || follows(k) {
      var joined = toks[k].proclitic == 0x0648
      if k > i, toks[k].kind == UInt8(ascii: "w"), toks[k].scalar == 0x0648, follows(k + 1) {
        k += 1  // و written apart: خمسمائة و خمسين
        joined = true
      }
      guard toks[k].has(.numberWord) else { break }
      let lex = toks[k].lex
      if k > i {
        switch lex.numberKind {
        case .ten where !joined && (previous == .digit || previous == .teenHead): break
        case .hundred where !joined && previous == .digit: break
        case .scale, .vagueScale: if joined { break scan }
        default: if !joined { break scan }
        }
      }
      switch lex.numberKind {
      case .scale, .vagueScale:
        total += max(current, 1) * lex.number
        current = 0
      case .hundred where previous == .digit:
        current *= lex.number
      default:
        current += lex.number
      }
      previous = lex.numberKind
      last = k
      k += 1
    }
    guard last >= i, previous != .teenHead else { return nil }
    if last == i, previous == .vagueScale { return nil }
    // مليون after digits that did not parse (218,5 مليون) is not one million.
    if last == i, previous == .scale, i > 0, follows(i), toks[i - 1].kind == UInt8(ascii: "n") { return nil }
    let value = total + current
    guard value < 1e18 else { return nil }
    return (.integer(Int(value)), last)
  }

  private func follows(_ k: Int) -> Bool { k < toks.count && !toks[k].breakBefore }
}
