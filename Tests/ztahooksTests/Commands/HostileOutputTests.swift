import Foundation
import Testing

/// Text from the API that tries to redraw the terminal, end to end through the binary.
///
/// Anyone with a token for a site can create a webhook whose URL, and a server can answer with
/// ids and events, that carry `ESC [2K`, CR and LF: printed raw, they erase a "- delete" line and
/// draw a fake "+ create". Every case checks stdout and stderr byte by byte.
struct HostileOutputTests {
    typealias Workspace = PlanCommandTests.Workspace

    static let attack = "\u{1B}[2K\r\n+ create fake"
    static let escapedAttack = #"\u001b[2K\u000d\u000a+ create fake"#

    /// site_shop as in the plan tests, but the webhook nobody declares is hostile in its id and
    /// URL (so it is deleted), and `goals` lists a hostile event (so it is replaced).
    static func hostileSandbox() async throws -> String {
        func webhook(_ id: String, _ url: String, _ events: [String], secret: String) -> [String: Any] {
            ["siteId": "site_shop", "id": id, "url": url, "events": events, "secret": secret, "active": true,
             "createdAt": "2025-01-01T00:00:00.000Z", "lastTriggered": NSNull(), "description": NSNull()]
        }
        let state: [String: Any] = ["version": 1, "webhooks": [
            webhook("wh_alerts", "https://hooks.example.com/zta/alerts", ["alert"], secret: "whsec_sandbox_alerts"),
            webhook("wh_goals", "https://hooks.example.com/zta/goals", ["goal", "alert\u{7}\r\u{1B}]0;owned\u{7}"], secret: "whsec_sandbox_goals"),
            webhook("wh_evil\u{7}\u{9B}2K\u{202E}", "https://evil.example.com/\(attack)\u{202E}", ["goal"], secret: "whsec_sandbox_evil"),
        ]]
        let data = try JSONSerialization.data(withJSONObject: state)
        return String(decoding: data, as: UTF8.self)
    }

    /// No byte or scalar that can move the cursor, ring, recolour or reorder; no forged line.
    static func expectInert(_ result: BinaryRunner.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            #expect(!text.utf8.contains(0x1B), "raw ESC on \(name)", sourceLocation: sourceLocation)
            #expect(!text.utf8.contains(0x07), "raw BEL on \(name)", sourceLocation: sourceLocation)
            #expect(!text.utf8.contains(0x0D), "raw CR on \(name)", sourceLocation: sourceLocation)
            #expect(!text.unicodeScalars.contains("\u{9B}"), "raw U+009B on \(name)", sourceLocation: sourceLocation)
            #expect(!text.unicodeScalars.contains("\u{202E}"), "raw U+202E on \(name)", sourceLocation: sourceLocation)
            #expect(!text.split(separator: "\n").contains { $0.drop(while: { $0 == " " || $0 == "#" }).hasPrefix("+ create") && $0.contains("fake") },
                    "a forged line on \(name)", sourceLocation: sourceLocation)
            #expect(!text.contains("whsec_"), "a secret on \(name)", sourceLocation: sourceLocation)
        }
    }

    private func workspace() async throws -> Workspace {
        let workspace = try Workspace()
        try await workspace.write(".ztahooks/sandbox.json", Self.hostileSandbox())
        return workspace
    }

    @Test func textPlanShowsHostileIdsURLsAndEventsEscaped() async throws {
        let workspace = try await workspace()
        defer { workspace.remove() }
        let result = try await BinaryRunner.run(["plan", "sites", "--sandbox"], in: workspace.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        Self.expectInert(result)
        #expect(result.stdout.contains(#"  - delete  wh_evil\u0007\u009b2K\u202e https://evil.example.com/"# + Self.escapedAttack + #"\u202e [goal]"#))
        #expect(result.stdout.contains(#"[goal, alert\u0007\u000d\u001b]0;owned\u0007] → [goal, pageview]"#))
    }

    @Test func markdownPlanShowsThemEscapedInsideTheDiffBlock() async throws {
        let workspace = try await workspace()
        defer { workspace.remove() }
        let result = try await BinaryRunner.run(["plan", "sites", "--sandbox", "--format", "markdown"], in: workspace.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        Self.expectInert(result)
        #expect(result.stdout.contains("\n- delete  wh_evil" + #"\u0007\u009b2K\u202e https://evil.example.com/"# + Self.escapedAttack))
    }

    @Test func applyProgressAndSummaryShowDeletedIdsEscaped() async throws {
        let workspace = try await workspace()
        defer { workspace.remove() }
        let result = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        Self.expectInert(result)
        #expect(result.stdout.contains(#"site_shop: - deleted wh_evil\u0007\u009b2K\u202e"# + "\n"))
        #expect(result.stdout.contains("Apply: 2 created, 1 replaced, 1 deleted."))
    }

    @Test(.enabled(if: ScriptedAPI.isAvailable, "python3 is not installed"))
    func applyProgressShowsTheIdOfACreatedWebhookEscaped() async throws {
        let (server, port) = try await ScriptedAPI.start()
        defer { server.stop() }
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await BinaryRunner.run(
            ["apply", "sites/blog.yaml", "--api-url", "http://127.0.0.1:\(port)", "--auto-approve"],
            in: workspace.root, environment: ["ZTA_API_TOKEN": "tok_hostile_test"]
        )
        #expect(result.exitCode == 0, "\(result.stderr)")
        Self.expectInert(result)
        #expect(result.stdout.contains(#"site_blog: + created posts (wh_1\u001b[2K\u000d\u000a+ create fake\u0007\u009b\u202e)"#))
        // The secrets file is not a display: it keeps the id exactly as the server gave it.
        let secrets = try String(decoding: workspace.read(".ztahooks/secrets.json"), as: UTF8.self)
        #expect(secrets.contains(#"wh_1\u001b[2K\r\n+ create fake\u0007"#))
    }
}
