// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ztahooks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ztahooks", targets: ["ztahooks"]),
        .library(name: "ZTAHooksCore", targets: ["ZTAHooksCore"]),
        .library(name: "ZTAClient", targets: ["ZTAClient"]),
        .library(name: "ZTASim", targets: ["ZTASim"]),
        // For receivers written in Swift: signature verification, payload types, secret lookup.
        .library(name: "ZTAWebhooks", targets: ["ZTAWebhooks"]),
        // A local receiver of ZTA deliveries (what `ztahooks listen` serves), with a seam for observers.
        .library(name: "ZTAReceiver", targets: ["ZTAReceiver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // Already there through Hummingbird; named because the local pages name header fields.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Already there through Hummingbird; named because the emulator stops its server gracefully.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // `swift package generate-documentation --target ZTAWebhooks`: the receiver library's DocC.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // Spans of plan, apply and drift: the API (a no-op unless bootstrapped) in the core and client.
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        // The OTLP/HTTP exporter behind OTEL_EXPORTER_OTLP_ENDPOINT; OTLPHTTP only, so gRPC is not built.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // The pure core: site files, validation, schema, planning, rendering, secrets, apply engine.
        .target(
            name: "ZTAHooksCore",
            dependencies: [
                "ZTAJSON",
                "ZTASecretsFormat",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // libcurl for the client's transport: typed wrappers of its variadic calls (libcurl4-openssl-dev).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // The HTTP implementation of `WebhookAPI`, on libcurl's multi interface.
        .target(
            name: "ZTAClient",
            dependencies: [
                "ZTAHooksCore",
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // The ZTA API emulator. Deliberately independent of the core, so that a bug shared by
        // client and emulator cannot hide itself.
        .target(
            name: "ZTASim",
            dependencies: [
                "ZTAPages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The console's HTML, CSS and JavaScript, carried in the binary by scripts/embed-texts.
            exclude: ["Pages"]
        ),
        // What the local pages (the emulator's console, listen's inspector) share: the Host, Origin
        // and token checks, the hardened answers, the event stream. Hummingbird only.
        .target(
            name: "ZTAPages",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Any JSON value: a delivery's unknown data, an API answer checked against the contract.
        .target(name: "ZTAJSON"),
        // The secrets file on disk: its entries, the file's layout and the journal's lines, read and
        // written. One codec for the core that writes the file and the receiver library that reads
        // it; Foundation only, re-exported by the core.
        .target(name: "ZTASecretsFormat"),
        // The receiver side, for anyone's server: swift-crypto and the secrets file's codec only.
        .target(
            name: "ZTAWebhooks",
            dependencies: ["ZTAJSON", "ZTASecretsFormat", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // `listen` and `verify` without their flags: the server, the verification and forwarding of
        // each delivery, the records observers are told of (and a replay), the verdicts of `verify`.
        // ZTAClient for the forwarder's transport; the core for the secrets file with its journal.
        .target(
            name: "ZTAReceiver",
            dependencies: [
                "ZTAHooksCore",
                "ZTAClient",
                "ZTAWebhooks",
                "ZTAPages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The inspector's HTML, CSS and JavaScript, carried in the binary by scripts/embed-texts.
            exclude: ["Pages"]
        ),
        // The effectful edges every command shares, without argument parsing: the terminal and the
        // exit statuses, the API connection and the sandbox, the secrets file's custody and key,
        // the apply session with its signal trap and secret sinks, reports (job summary, Slack,
        // files), and each command's run as a value the executable fills in from its flags.
        .target(
            name: "ZTAHooksRuntime",
            dependencies: [
                "ZTAHooksCore",
                "ZTAClient",
                "ZTASim",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The trace export of plan, apply and drift: swift-otel bootstrapped only when
        // OTEL_EXPORTER_OTLP_ENDPOINT is set, and flushed with a bounded wait before the run ends.
        .target(
            name: "ZTATraceExport",
            dependencies: [
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Commands, flags, printing and exit statuses: each command reads its flags into a value of
        // ZTAHooksRuntime or ZTAReceiver, runs it, and maps how it ended to an exit status.
        .executableTarget(
            name: "ztahooks",
            dependencies: [
                "ZTAHooksCore",
                "ZTAHooksRuntime",
                "ZTATraceExport",
                "ZTAReceiver",
                "ZTAClient",
                "ZTASim",
                "ZTAWebhooks",
                "ZTAPages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // libFuzzer targets over the parsers that read untrusted bytes (scripts/fuzz). A plain
        // build links them as corpus replayers, so CI keeps them compiling.
        .target(name: "FuzzHarness", dependencies: ["ZTAHooksCore"], path: "Fuzz/FuzzHarness"),
        .executableTarget(name: "FuzzSiteFile", dependencies: ["FuzzHarness", "ZTAHooksCore"], path: "Fuzz/FuzzSiteFile"),
        .executableTarget(name: "FuzzAPIResponse", dependencies: ["FuzzHarness", "ZTAClient"], path: "Fuzz/FuzzAPIResponse"),
        .executableTarget(name: "FuzzSecretsFile", dependencies: ["FuzzHarness", "ZTAHooksCore"], path: "Fuzz/FuzzSecretsFile"),
        .executableTarget(
            name: "FuzzReceiverLibrary",
            dependencies: ["FuzzHarness", "ZTAHooksCore", "ZTAWebhooks"],
            path: "Fuzz/FuzzReceiverLibrary"
        ),
        // What the tests share: child processes awaited without holding a thread of the pool.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ZTAHooksCoreTests",
            dependencies: [
                "ZTAHooksCore",
                "TestSupport",
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "ZTAClientTests",
            dependencies: [
                "ZTAClient",
                "ZTASim",
                "ZTAHooksCore",
                "ZTAJSON",
                "TestSupport",
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "ZTASimTests",
            dependencies: [
                "ZTASim",
                "ZTAHooksCore",
                "ZTAJSON",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The core, the client and the emulator together: apply under real HTTP and injected faults.
        .testTarget(name: "IntegrationTests", dependencies: ["ZTAHooksCore", "ZTAClient", "ZTASim"]),
        .testTarget(name: "ztahooksTests", dependencies: ["ZTAHooksCore", "ZTASim", "ZTAWebhooks", "TestSupport"]),
        // When the environment asks for a trace; the trace itself is scripts/trace-test's.
        .testTarget(name: "ZTATraceExportTests", dependencies: ["ZTATraceExport"]),
        // The runtime's settings and ends, without a process or a terminal.
        .testTarget(name: "ZTAHooksRuntimeTests", dependencies: ["ZTAHooksRuntime", "ZTAHooksCore"]),
        // The receiver's seam through a real server on port 0; the core writes the secrets file.
        .testTarget(
            name: "ZTAReceiverTests",
            dependencies: [
                "ZTAReceiver",
                "ZTAHooksCore",
                "ZTAWebhooks",
                "ZTAPages",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "ZTAPagesTests",
            dependencies: [
                "ZTAPages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The library's tests; the core only writes fixture files with its real secrets writer.
        .testTarget(name: "ZTAWebhooksTests", dependencies: ["ZTAWebhooks", "ZTAHooksCore"]),
        // The README's receiver example, compiled, run against the router and fed by the emulator.
        .testTarget(
            name: "ZTAWebhooksExampleTests",
            dependencies: [
                "ZTAWebhooks",
                "ZTASim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
