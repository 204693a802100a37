/// Gives the heap's free pages back to the system (glibc's `malloc_trim`;
/// nothing elsewhere). A chunk's records are tens of megabytes, allocated and
/// freed once per stage on whichever thread runs the chunk; without this the
/// coordinator's resident size follows the high-water mark of every thread's
/// heap and grows with the length of the run.
enum HeapTrim {
  static func now() {
    #if canImport(Glibc)
    _ = glibcMallocTrim(0)
    #endif
  }
}

#if canImport(Glibc)
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
