import ArgumentParser
import Foundation
import ZTAClient
import ZTAHooksRuntime
import ZTASim

/// `ztahooks sim …`: the ZTA API emulator.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the ZTA API emulator.",
        subcommands: [Serve.self]
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the ZTA webhooks API on a local port, with optional fault injection.",
            discussion: """
                Answers GET, POST and DELETE /api/webhooks as the ZTA API does. Without --token every \
                site is owned and no token is needed. Control endpoints under /_sim/ (state, seed, \
                disable, enable, reset, faults, stats, publish, deliveries) need no token in either mode: \
                keep the emulator on loopback. The console at / shows sites, webhooks, deliveries and \
                faults live, and publishes events, re-enables webhooks and switches faults. Requests \
                naming a host other than localhost, 127.x.x.x or [::1] get 421, and changes sent from \
                another origin 403, unless --allow-remote. --route HOST=ADDR:PORT sends deliveries for \
                https://HOST/... to a local receiver. Prints "ZTA API emulator listening on URL" once \
                ready (and the console's URL on standard error); stops on Ctrl-C or SIGTERM.

                Examples:
                  ztahooks sim serve --port 8787 --state sim.json
                  ztahooks sim serve --port 0 --fail-rate 0.2 --route hooks.example.com=127.0.0.1:9000
                """
        )

        @Option(help: ArgumentHelp("Port to listen on; 0 picks a free one.", valueName: "port"))
        var port: Int = 8787

        @Option(help: ArgumentHelp("Address to bind.", valueName: "address"))
        var host: String = "127.0.0.1"

        @Option(name: .customLong("state"), help: ArgumentHelp("Keep the state in this JSON file across restarts.", valueName: "file"))
        var statePath: String?

        @Option(
            name: .customLong("token"),
            help: ArgumentHelp("Require bearer tokens; this one owns these sites. Repeatable.", valueName: "token:site,site...")
        )
        var tokens: [String] = []

        @Option(help: ArgumentHelp("Delay every API answer by this many milliseconds.", valueName: "milliseconds"))
        var latencyMs: Int = 0

        @Option(help: ArgumentHelp("Answer this fraction (0 to 1) of API requests with 500, 502 or 503.", valueName: "fraction"))
        var failRate: Double = 0

        @Option(help: ArgumentHelp("Allow this many API requests per second (a token bucket); answer 429 with Retry-After beyond it, at once.", valueName: "n/s"))
        var rateLimit: String?

        @Option(help: ArgumentHelp("Requests the rate limit lets through at once after a quiet spell (default: one second's worth).", valueName: "n"))
        var burst: Int?

        @Option(help: ArgumentHelp("Store this fraction (0 to 1) of creates, then close the connection without answering.", valueName: "fraction"))
        var dropAfterCommit: Double = 0

        @Option(help: ArgumentHelp("Seed for repeatable faults, ids and secrets.", valueName: "n"))
        var seed: UInt64?

        @Option(help: ArgumentHelp("Status of a successful create: 200 as documented, or 201 to test clients against that quirk.", valueName: "status"))
        var createStatus: Int = 200

        @Flag(help: "Include each webhook's secret in list answers, as the document's own example does.")
        var listIncludesSecrets = false

        @Flag(help: "Serve any Host and bind any address: the console and /_sim/ take no token, so only on a network you trust.")
        var allowRemote = false

        @Flag(help: "Do not log each request to standard error.")
        var quiet = false

        @OptionGroup var delivery: DeliveryOptions

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
            guard allowRemote || ClientConfiguration.isLoopback(host: host) else {
                throw ValidationError(
                    "--host \(host) is not a loopback address: the emulator's control endpoints and console need no token. Add --allow-remote to serve it anyway."
                )
            }
            guard latencyMs >= 0 else { throw ValidationError("--latency-ms must not be negative.") }
            guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate must be between 0 and 1.") }
            guard (0...1).contains(dropAfterCommit) else {
                throw ValidationError("--drop-after-commit must be between 0 and 1.")
            }
            if let rateLimit, Self.perSecond(rateLimit) == nil {
                throw ValidationError("--rate-limit must be a whole number of requests per second, at least 1, such as 100/s.")
            }
            if let burst {
                guard rateLimit != nil else { throw ValidationError("--burst needs --rate-limit.") }
                guard burst >= 1 else { throw ValidationError("--burst must be at least 1.") }
            }
            guard [200, 201].contains(createStatus) else { throw ValidationError("--create-status must be 200 or 201.") }
            do {
                _ = try SimTokenSpec.parse(tokens)
            } catch {
                throw ValidationError(error.description)
            }
        }

        /// `100/s` or `100`: requests a second, at least 1.
        static func perSecond(_ text: String) -> Int? {
            let number = text.hasSuffix("/s") ? String(text.dropLast(2)) : text
            guard let value = Int(number), value >= 1 else { return nil }
            return value
        }

        func run() async throws {
            let options = try delivery.applied(to: SimOptions(
                tokens: tokens.isEmpty ? nil : try SimTokenSpec.parse(tokens),
                statePath: statePath,
                latency: .milliseconds(latencyMs),
                failRate: failRate,
                rateLimit: rateLimit.flatMap(Self.perSecond),
                rateBurst: burst,
                dropAfterCommit: dropAfterCommit,
                seed: seed,
                createStatus: createStatus,
                listIncludesSecrets: listIncludesSecrets,
                allowRemote: allowRemote
            ))
            do {
                try await runSimServer(host: host, port: port, options: options, quiet: quiet)
            } catch let error as SimError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(ExitStatus.failure.rawValue)
            }
        }
    }
}
