// KhabarCoordinator: see the module's files.
