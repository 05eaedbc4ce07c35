import ArgumentParser
import Foundation
import ZTAHooksCore
import ZTAHooksRuntime

/// `--on-secret`, `--on-delete` and `--sink-timeout`: the commands an apply hands secrets to.
struct SinkOptions: ParsableArguments {
    @Option(name: .customLong("on-secret"), help: ArgumentHelp(
        "After each create, once the secret is in the secrets file, run CMD with the secret on stdin and ZTA_SITE_ID, ZTA_WEBHOOK_NAME, "
            + "ZTA_WEBHOOK_ID, ZTA_WEBHOOK_URL, ZTA_WEBHOOK_EVENTS (and ZTA_REPLACES, the id it replaced) set; a replace deletes the old webhook only after it succeeded. "
            + "Split into words without a shell (write `sh -c '...'` for one). Default: onSecret in ztahooks.yaml.", valueName: "cmd"))
    var onSecret: String?

    @Option(name: .customLong("on-delete"), help: ArgumentHelp(
        "After each delete, run CMD with the same variables and no stdin, e.g. to remove the old secret from a store. "
            + "Default: onDelete in ztahooks.yaml.", valueName: "cmd"))
    var onDelete: String?

    @Option(name: .customLong("sink-timeout"), help: ArgumentHelp(
        "Kill a sink command (and its process group) that runs longer than this, and count it as failed (default 30s).",
        valueName: "duration"))
    var sinkTimeout: String = "30s"

    func validate() throws {
        for (flag, text) in [("--on-secret", onSecret), ("--on-delete", onDelete)] {
            guard let text else { continue }
            do throws(SinkCommand.Problem) {
                _ = try SinkCommand(parsing: text)
            } catch {
                throw ValidationError("\(flag): \(error.message)")
            }
        }
        let seconds: Int
        do {
            seconds = try DurationText.seconds(sinkTimeout)
        } catch {
            throw ValidationError("--sink-timeout: \(error.message)")
        }
        guard seconds > 0 else { throw ValidationError("--sink-timeout must be more than 0s") }
    }

    var settings: SinkSettings {
        SinkSettings(onSecret: onSecret, onDelete: onDelete, sinkTimeout: sinkTimeout)
    }
}
