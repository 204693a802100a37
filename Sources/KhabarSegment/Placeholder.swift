// KhabarSegment: see the module's files.
