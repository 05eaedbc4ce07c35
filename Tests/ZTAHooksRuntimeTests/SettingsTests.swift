import Foundation
import Testing
import ZTAHooksCore
import ZTAHooksRuntime

/// What the flags' settings resolve to, before anything is opened.
struct SettingsTests {
    @Test func theSecretsFileIsTheFlagThenTheVariableThenTheDefault() throws {
        let variable = ["ZTA_SECRETS_FILE": "env.json"]
        #expect(try SecretsSettings(secretsFile: "flag.json").path(sandbox: false, environment: variable) == "flag.json")
        #expect(try SecretsSettings().path(sandbox: false, environment: variable) == "env.json")
        #expect(try SecretsSettings().path(sandbox: false, environment: [:]) == ".ztahooks/secrets.json")
        #expect(try SecretsSettings().path(sandbox: true, environment: [:]) == ".ztahooks/sandbox-secrets.json")
    }

    @Test func theSandboxRefusesTheRealSecretsFileOfTheEnvironment() {
        do {
            _ = try SecretsSettings().path(sandbox: true, environment: ["ZTA_SECRETS_FILE": "real.json"])
            Issue.record("the sandbox took ZTA_SECRETS_FILE")
        } catch {
            #expect(error.message.hasPrefix("ZTA_SECRETS_FILE is set, and --sandbox keeps its own secrets file"))
        }
    }

    @Test func theProjectFileDefaultsWhatNoFlagSays() {
        var project = ProjectFile(path: "repo/ztahooks.yaml")
        project.secretsFile = ".ztahooks/prod.json"
        project.concurrency = .fixed(3)
        #expect(SecretsSettings().defaulted(by: project, sandbox: false, environment: [:]).secretsFile == "repo/.ztahooks/prod.json")
        #expect(SecretsSettings().defaulted(by: project, sandbox: true, environment: [:]).secretsFile == nil)
        #expect(SecretsSettings().defaulted(by: project, sandbox: false, environment: ["ZTA_SECRETS_FILE": "env.json"]).secretsFile == nil)
        #expect(SecretsSettings(secretsFile: "flag.json").defaulted(by: project, sandbox: false, environment: [:]).secretsFile == "flag.json")
        #expect(APISettings().defaulted(by: project).sitesAtOnce == .fixed(3))
        #expect(APISettings(concurrency: .auto).defaulted(by: project).sitesAtOnce == .auto)
        #expect(APISettings(concurrency: .fixed(5)).defaulted(by: project).sitesAtOnce == .fixed(5))
        #expect(APISettings().sitesAtOnce == .auto)
    }

    @Test func theSandboxNeverHandsSecretsToTheProjectsSinks() throws {
        var project = ProjectFile(path: "ztahooks.yaml")
        project.onSecret = try SinkCommand(parsing: "store-secret")
        #expect(SinkSettings().sinks(project: project, sandbox: false).onSecret != nil)
        #expect(SinkSettings().sinks(project: project, sandbox: true).onSecret == nil)
        #expect(SinkSettings(onSecret: "other").sinks(project: project, sandbox: true).onSecret != nil)
    }

    @Test func triggerReachesOnlyThePlainHTTPOfTheEmulator() throws {
        #expect(try TriggerRun.emulatorURL(apiURL: "http://127.0.0.1:8787").absoluteString == "http://127.0.0.1:8787")
        #expect(throws: UsageError.self) { try TriggerRun.emulatorURL(apiURL: "https://ztas.io") }
    }

    @Test func aStatusOtherThanSuccessEndsTheCommand() {
        #expect(throws: Never.self) { try ExitStatus.success.exit() }
        #expect { try ExitStatus.refused.exit() } throws: { ($0 as? CommandExit)?.status == .refused }
        #expect(ExitStatus.stopped(by: SIGINT) == .interrupted)
        #expect(ExitStatus.stopped(by: SIGTERM) == .terminated)
    }
}
