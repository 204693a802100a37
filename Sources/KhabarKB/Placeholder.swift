// KhabarKB: see the module's files.
