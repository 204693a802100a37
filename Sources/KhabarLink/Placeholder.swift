// KhabarLink: see the module's files.
