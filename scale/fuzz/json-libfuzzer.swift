// libFuzzer entry point for the JSON record reader (KhabarCore's JSONReader,
// JSONValue and Document(jsonLine:)), compiled into the KhabarCore sources by
// scale/fuzz/libfuzzer-json.sh. Any trap is a bug: bad bytes must only throw.
@_cdecl("LLVMFuzzerTestOneInput")
public func khabarFuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let document = try? Document(jsonLine: bytes) {
    _ = document.jsonLine()
  }
  if let value = try? JSONValue.parse(bytes) {
    _ = value.canonicalBytes
  }
  var reader = JSONReader(bytes)
  if (try? reader.beginObject()) != nil {
    var steps = 0
    while steps < 10_000, (try? reader.nextKey()) != nil {
      steps += 1
      _ = try? reader.skipValue()
    }
  }
  return 0
}
