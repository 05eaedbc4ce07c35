import Foundation
import ZTAClient
import ZTAHooksCore
import ZTAJSON

/// What `doctor` gathers from the machine: the secrets file and key, the proxy, git, and the
/// contract round trip. The judgement is `DoctorChecks`'.
enum DoctorSecrets {
    static func facts(_ options: SecretsSettings, sandbox: Bool) -> DoctorSecretsFacts {
        let path = (try? options.path(sandbox: sandbox)) ?? ".ztahooks/secrets.json"
        var facts = DoctorSecretsFacts(path: path)
        var key: SecretsKey?
        do {
            key = try options.key()
            facts.keyId = key?.id
            facts.keySource = key?.source
        } catch {
            // The key source has said why on standard error; this line has always named only the exit code.
            facts.keyError = "the key could not be read: ExitCode(rawValue: \(error.status.rawValue))"
        }
        let exists = FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: path + ".journal")
        guard exists else { return facts }
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber {
            facts.mode = mode.uint32Value
        }
        do {
            facts.inspection = try SecretsStore.inspect(path: path, acceptEmptyFile: options.initSecrets)
        } catch {
            facts.readError = error.message
            return facts
        }
        if let key, facts.keyError == nil {
            // Opening every sealed value proves the key; a wrong one is named with both ids.
            do {
                _ = try SecretsStore.inspect(path: path, acceptEmptyFile: options.initSecrets, key: key)
            } catch {
                facts.keyError = error.message
            }
        }
        if let holder = facts.inspection?.holder, holder.isRunning { facts.lockHolder = holder.summary }
        return facts
    }

    /// The proxy a request to `url` goes through, without any user name or password in it.
    static func proxy(for url: URL) -> String? {
        guard let proxy = CurlProxySettings(environment: ProcessInfo.processInfo.environment).proxyURL(for: url.absoluteString),
              var components = URLComponents(string: proxy) else { return nil }
        components.user = nil
        components.password = nil
        return components.string
    }

    static func git(path: String, sealed: Bool) -> DoctorCheck {
        func git(_ arguments: [String]) -> Int32? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            process.waitUntilExit()
            return process.terminationStatus
        }
        let inRepository = git(["rev-parse", "--is-inside-work-tree"]) == 0
        return DoctorChecks.git(path: path, sealed: sealed, inRepository: inRepository,
                                tracked: inRepository && git(["ls-files", "--error-unmatch", "--", path]) == 0,
                                ignored: inRepository && git(["check-ignore", "-q", "--", path]) == 0)
    }

    /// Create, list, delete, list again on the scratch site; every answer against the contract.
    static func contract(site: String, client: ZTAHTTPClient) async -> DoctorCheck {
        func answer(_ outcome: Result<HTTPExchange, TransportFailure>) -> DoctorContract.Answer {
            switch outcome {
            case .success(let exchange): DoctorContract.Answer(status: exchange.status, body: Array(exchange.body))
            case .failure(let failure): DoctorContract.Answer(status: nil, body: [], failure: failure.detail)
            }
        }
        let url = DoctorContract.scratchURL(nonce: UUID().uuidString.lowercased())
        let request = CreateWebhookRequest(siteId: site, url: url, events: DoctorContract.scratchEvents,
                                           description: "ztahooks doctor --contract: deleted right away")
        let created = answer(await client.probe(.post, json: Array(request.jsonBody)))
        var problems = DoctorContract.problems(step: "create", created, statuses: [200, 201], schema: "WebhookCreated") {
            DoctorContract.createdMatches($0, url: url)
        }
        guard let id = created.status.flatMap({ (200...299).contains($0) ? JSONValue(parsing: created.body) : nil })?["webhook"]?["id"]?.stringValue else {
            if let status = created.status, !(200...299).contains(status) {
                let words = JSONValue(parsing: created.body)?["error"]?.stringValue.map { " \"\($0.displaySafe)\"" } ?? ""
                problems = ["create: the API refused it (\(status)\(words)); --site must be a site this token owns"]
            }
            return DoctorContract.check(site: site, problems: problems, leftBehind: nil)
        }
        let listed = answer(await client.probe(.get, query: ("siteId", site)))
        problems += DoctorContract.problems(step: "list", listed, statuses: [200], schema: "WebhookList") {
            DoctorContract.listing($0, id: id, expected: true)
        }
        let deleted = answer(await client.probe(.delete, query: ("id", id)))
        problems += DoctorContract.problems(step: "delete", deleted, statuses: [200], schema: "WebhookDeleted")
        let after = answer(await client.probe(.get, query: ("siteId", site)))
        problems += DoctorContract.problems(step: "list after delete", after, statuses: [200], schema: "WebhookList") {
            DoctorContract.listing($0, id: id, expected: false)
        }
        let gone = deleted.status.map { (200...299).contains($0) || $0 == 404 } ?? false
        return DoctorContract.check(site: site, problems: problems, leftBehind: gone ? nil : id)
    }
}
