// KhabarTag: see the module's files.
