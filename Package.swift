// swift-tools-version: 6.1
// Khabar: raw Arabic news → cleaned, segmented, tagged, linked TEI-XML.
//
// Dependency direction (arrows point at what a module imports):
//   khabar-<stage> → KhabarStage + the stage's logic module → KhabarCore
//   KhabarExport → CLibXML2 (the only module that touches libxml2)
//   KhabarCore → CLibCrypto (libcrypto's SHA-256, nothing else)
//   khabar (coordinator) → KhabarCoordinator → KhabarCore; it talks to the
//   stages only as processes, never by importing their logic.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "Khabar",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "khabar", targets: ["khabar"]),
    .executable(name: "khabar-clean", targets: ["khabar-clean"]),
    .executable(name: "khabar-segment", targets: ["khabar-segment"]),
    .executable(name: "khabar-tag", targets: ["khabar-tag"]),
    .executable(name: "khabar-link", targets: ["khabar-link"]),
    .executable(name: "khabar-export", targets: ["khabar-export"]),
    .executable(name: "khabar-register", targets: ["khabar-register"]),
    .executable(name: "khabar-kb", targets: ["khabar-kb"]),
    .executable(name: "khabar-train", targets: ["khabar-train"]),
    .executable(name: "khabar-eval", targets: ["khabar-eval"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // MARK: - Libraries (all logic lives here)
    .systemLibrary(
      name: "CLibCrypto", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
    .target(name: "KhabarCore", dependencies: ["CLibCrypto"], swiftSettings: swiftSettings),
    .target(
      name: "KhabarStage",
      dependencies: ["KhabarCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: swiftSettings),
    .target(name: "KhabarClean", dependencies: ["KhabarCore", "KhabarStage"], swiftSettings: swiftSettings),
    .target(name: "KhabarSegment", dependencies: ["KhabarCore", "KhabarStage"], swiftSettings: swiftSettings),
    .target(name: "KhabarKB", dependencies: ["KhabarCore"], swiftSettings: swiftSettings),
    .target(name: "CPrefetch"),
    .target(
      name: "KhabarTag", dependencies: ["KhabarCore", "KhabarStage", "KhabarSegment", "KhabarKB", "CPrefetch"],
      swiftSettings: swiftSettings),
    .target(name: "KhabarLink", dependencies: ["KhabarCore", "KhabarStage", "KhabarKB"], swiftSettings: swiftSettings),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
    .target(name: "KhabarExport", dependencies: ["KhabarCore", "KhabarStage", "CLibXML2"], swiftSettings: swiftSettings),
    .target(name: "KhabarCoordinator", dependencies: ["KhabarCore"], swiftSettings: swiftSettings),

    // MARK: - Executables (thin entry points)
    .executableTarget(name: "khabar-clean", dependencies: ["KhabarStage", "KhabarClean"], swiftSettings: swiftSettings),
    .executableTarget(name: "khabar-segment", dependencies: ["KhabarStage", "KhabarSegment"], swiftSettings: swiftSettings),
    .executableTarget(name: "khabar-tag", dependencies: ["KhabarStage", "KhabarTag"], swiftSettings: swiftSettings),
    .executableTarget(name: "khabar-link", dependencies: ["KhabarStage", "KhabarLink"], swiftSettings: swiftSettings),
    .executableTarget(name: "khabar-export", dependencies: ["KhabarStage", "KhabarExport"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "khabar-register",
      dependencies: ["KhabarStage", "KhabarExport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "khabar",
      dependencies: ["KhabarCoordinator", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "khabar-kb",
      dependencies: ["KhabarKB", "KhabarStage", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "khabar-train",
      dependencies: ["KhabarTag", "KhabarStage", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "khabar-eval",
      dependencies: [
        "KhabarClean", "KhabarSegment", "KhabarTag", "KhabarLink", "KhabarStage",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings),

    // MARK: - Tests
    .target(name: "KhabarTestSupport", dependencies: ["KhabarCore"], path: "Tests/KhabarTestSupport"),
    .testTarget(name: "KhabarCoreTests", dependencies: ["KhabarCore", "KhabarTestSupport"]),
    .testTarget(name: "KhabarStageTests", dependencies: ["KhabarStage", "KhabarTestSupport"]),
    .testTarget(name: "KhabarCleanTests", dependencies: ["KhabarClean", "KhabarStage", "KhabarTestSupport"]),
    .testTarget(name: "KhabarSegmentTests", dependencies: ["KhabarSegment", "KhabarStage", "KhabarTestSupport"]),
    .testTarget(name: "KhabarKBTests", dependencies: ["KhabarKB", "KhabarStage", "KhabarTestSupport"]),
    .testTarget(name: "KhabarTagTests", dependencies: ["KhabarTag", "KhabarStage", "KhabarTestSupport"]),
    .testTarget(name: "KhabarLinkTests", dependencies: ["KhabarLink", "KhabarStage", "KhabarTestSupport"]),
    .testTarget(name: "KhabarExportTests", dependencies: ["KhabarExport", "KhabarStage", "KhabarTestSupport"]),
    .testTarget(name: "KhabarCoordinatorTests", dependencies: ["KhabarCoordinator", "KhabarTestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["KhabarCore", "KhabarTestSupport"]),
  ]
)
