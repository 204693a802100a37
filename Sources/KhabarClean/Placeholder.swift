// KhabarClean: see the module's files.
