/// The slug used in `kh.<type>.<slug>` ids.
public enum KBSlug {
  /// Lower-cased ASCII letters and digits kept; every other run of characters becomes "-"; ends trimmed.
  public static func slug(_ label: String) -> String {
    var out = ""
    var pendingDash = false
    for u in label.unicodeScalars {
      let v = u.value
      let c: UnicodeScalar?
      if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) {
        c = u
      } else if (0x41...0x5A).contains(v) {
        c = UnicodeScalar(v + 0x20)
      } else {
        c = nil
      }
      if let c {
        if pendingDash, !out.isEmpty { out.append("-") }
        pendingDash = false
        out.unicodeScalars.append(c)
      } else {
        pendingDash = true
      }
    }
    return out
  }
}
