// swift-tools-version:6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "okrd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "okrd", targets: ["okrd"]),
        .executable(name: "okrd-bench", targets: ["okrd-bench"]),
        .executable(name: "okrd-fuzz", targets: ["okrd-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // cairo's header only (apt libcairo2-dev): the library is loaded when a chart is drawn.
        .systemLibrary(name: "CCairo"),
        .target(
            name: "CurlHTTP",
            dependencies: ["CCurl"],
            swiftSettings: upcoming
        ),
        .target(
            name: "OKRModel",
            swiftSettings: upcoming
        ),
        .target(
            name: "CheckinParser",
            dependencies: ["OKRModel"],
            swiftSettings: upcoming
        ),
        .target(
            name: "ChatPlatforms",
            dependencies: ["OKRModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: upcoming
        ),
        .target(
            name: "OKRStore",
            dependencies: [
                "OKRModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "OKRWorkflows",
            dependencies: ["OKRModel", "CheckinParser", "ChatPlatforms", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: upcoming
        ),
        .target(
            name: "OKRDaemon",
            dependencies: [
                "OKRModel", "CheckinParser", "ChatPlatforms", "OKRStore", "OKRWorkflows", "CurlHTTP", "CCairo",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "okrd",
            dependencies: [
                "OKRDaemon", "OKRWorkflows", "OKRModel", "OKRStore", "CheckinParser", "CurlHTTP", "ChatPlatforms",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "okrd-bench",
            dependencies: ["OKRModel", "CheckinParser", "OKRStore", "OKRWorkflows", "OKRDaemon", "CurlHTTP", "ChatPlatforms", "OKRTestSupport"],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "okrd-fuzz",
            dependencies: ["CheckinParser", "OKRModel"],
            swiftSettings: upcoming
        ),

        // Tests
        .target(
            name: "OKRTestSupport",
            dependencies: [
                "CurlHTTP",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/OKRTestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(name: "CurlHTTPTests", dependencies: ["CurlHTTP", "OKRTestSupport"], swiftSettings: upcoming),
        .testTarget(name: "OKRModelTests", dependencies: ["OKRModel"], swiftSettings: upcoming),
        .testTarget(
            name: "CheckinParserTests",
            dependencies: ["CheckinParser", "OKRModel", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["FuzzCorpus"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "OKRWorkflowsTests",
            dependencies: ["OKRWorkflows", "OKRDaemon", "CheckinParser", "OKRModel", "ChatPlatforms"],
            swiftSettings: upcoming
        ),
        .testTarget(name: "ChatPlatformsTests", dependencies: ["ChatPlatforms", "OKRModel"], exclude: ["Golden"], swiftSettings: upcoming),
        .testTarget(
            name: "OKRStoreTests",
            dependencies: ["OKRStore", "OKRModel", "OKRTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "OKRDaemonTests",
            dependencies: [
                "OKRDaemon", "OKRWorkflows", "OKRModel", "OKRStore", "CurlHTTP", "OKRTestSupport", "ChatPlatforms", "CheckinParser",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Golden"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "okrdTests",
            dependencies: ["OKRTestSupport", "OKRStore", "OKRWorkflows", "OKRDaemon", "ChatPlatforms", "OKRModel", "CurlHTTP"],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)
