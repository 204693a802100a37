internal import CLibCrypto

/// SHA-256 (FIPS 180-4), for source-file digests and cache keys, computed by
/// libcrypto (OpenSSL), which uses the CPU's SHA extensions where present —
/// the coordinator hashes every record and artifact it writes, so this is on
/// the hot path. Foundation on Linux has no CryptoKit.
public struct SHA256: Sendable {
  /// What was fed while it is short (hashed in Swift at the end, so a run
  /// that only hashes a few small things never initialises libcrypto).
  private var pending: [UInt8] = []
  /// libcrypto's context, once more than `streamThreshold` bytes came.
  private var context: Context?

  /// Bytes kept in `pending` before hashing moves to libcrypto.
  static let streamThreshold = 1 << 16

  public init() {}

  public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    if context == nil, pending.count + bytes.count <= Self.streamThreshold {
      pending.append(contentsOf: bytes)
      return
    }
    let context = uniqueContext()
    if bytes.withContiguousStorageIfAvailable({ context.update($0) }) == nil {
      Array(bytes).withUnsafeBufferPointer { context.update($0) }
    }
  }

  /// The 32-byte digest. The hasher must not be updated afterwards.
  public mutating func finalize() -> [UInt8] {
    guard context != nil else { return pending.withUnsafeBufferPointer { SoftwareSHA256.digest($0) } }
    return uniqueContext().finalize()
  }

  /// The libcrypto context, started with what is pending the first time and
  /// copied first when another hasher shares it.
  private mutating func uniqueContext() -> Context {
    guard var owned = context else {
      let started = Context()
      pending.withUnsafeBufferPointer { started.update($0) }
      pending = []
      context = started
      return started
    }
    context = nil  // so `owned` is the only reference when nobody else holds it
    if !isKnownUniquelyReferenced(&owned) { owned = owned.copy() }
    context = owned
    return owned
  }

  /// Below this many bytes a one-shot digest is computed in Swift
  /// (`SoftwareSHA256`): libcrypto's per-call set-up costs more than the
  /// few blocks of a name or a cache-key text.
  static let shortMessage = 1024

  /// The digest of an array (the common case; a concrete overload, so
  /// callers in other modules do not go through unspecialised generic code).
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { oneShot($0) }
  }

  public static func hex(_ bytes: [UInt8]) -> String { hexString(hash(bytes)) }

  public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
    if let digest = bytes.withContiguousStorageIfAvailable({ oneShot($0) }) { return digest }
    return Array(bytes).withUnsafeBufferPointer { oneShot($0) }
  }

  /// Lower-case hex digest.
  public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    hexString(hash(bytes))
  }

  public static func hex(_ string: String) -> String {
    var string = string
    return string.withUTF8 { hexString(oneShot($0)) }
  }

  private static func oneShot(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    if p.count < shortMessage { return SoftwareSHA256.digest(p) }
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    let ok = digest.withUnsafeMutableBufferPointer { d in
      EVP_Digest(p.baseAddress, p.count, d.baseAddress, &length, EVP_sha256(), nil)
    }
    precondition(ok == 1 && length == 32, "libcrypto SHA-256 failed")
    return digest
  }

  /// An EVP digest context (owned; freed with the last reference).
  private final class Context: @unchecked Sendable {
    let ctx: OpaquePointer

    init() {
      guard let ctx = EVP_MD_CTX_new() else { fatalError("libcrypto: out of memory") }
      precondition(EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1, "libcrypto SHA-256 init failed")
      self.ctx = ctx
    }

    private init(copying other: Context) {
      guard let ctx = EVP_MD_CTX_new() else { fatalError("libcrypto: out of memory") }
      precondition(EVP_MD_CTX_copy_ex(ctx, other.ctx) == 1, "libcrypto SHA-256 copy failed")
      self.ctx = ctx
    }

    func copy() -> Context { Context(copying: self) }

    func update(_ p: UnsafeBufferPointer<UInt8>) {
      guard p.count > 0 else { return }
      precondition(EVP_DigestUpdate(ctx, p.baseAddress, p.count) == 1, "libcrypto SHA-256 update failed")
    }

    func finalize() -> [UInt8] {
      var digest = [UInt8](repeating: 0, count: 32)
      var length: UInt32 = 0
      let ok = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(ctx, $0.baseAddress, &length) }
      precondition(ok == 1 && length == 32, "libcrypto SHA-256 final failed")
      return digest
    }

    deinit { EVP_MD_CTX_free(ctx) }
  }
}

public func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
  let digits = Array("0123456789abcdef".utf8)
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count * 2)
  for b in bytes {
    out.append(digits[Int(b >> 4)])
    out.append(digits[Int(b & 0xF)])
  }
  return String(decoding: out, as: UTF8.self)
}
