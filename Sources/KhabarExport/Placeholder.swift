// KhabarExport: see the module's files.
