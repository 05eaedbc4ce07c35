import Foundation
import ZTAHooksCore
import ZTAReceiver
import ZTAWebhooks
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Keeps every record it is told of, in order.
actor RecordingObserver: DeliveryObserver {
    private(set) var records: [DeliveryRecord] = []

    func delivered(_ record: DeliveryRecord) async {
        records.append(record)
    }
}

/// A `ListenServer` on a free loopback port over a secrets file in a temporary directory, with a
/// `RecordingObserver`; one webhook, `wh_ops1`, has a secret.
struct ReceiverHarness {
    static let webhookID = "wh_ops1"

    let directory: URL
    let secret: String
    let server: ListenServer
    let observer: RecordingObserver
    let url: String
    private let task: Task<Void, any Error>

    static func start() async throws -> ReceiverHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ztareceiver-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("secrets.json").path
        let secret = "whsec_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let store = try await SecretsStore.open(path: path, lockTimeout: .seconds(10))
        try await store.recordCreated(SecretEntry(siteId: "site_abc123", name: "ops-alerts", id: webhookID, url: "https://hooks.example.com/zta",
                                                  events: ["alert"], secret: secret, createdAt: "2026-11-29T20:00:00.000Z"), intentId: "int_0")
        try await store.close()

        let secrets = try ListenSecrets(path: path, acceptEmptyFile: false, key: nil, retiredGrace: .seconds(600)) { _ in }
        let observer = RecordingObserver()
        let (ports, ready) = AsyncStream.makeStream(of: Int.self)
        let server = ListenServer(host: "127.0.0.1", port: 0, idleTimeout: .seconds(60),
                                  receiver: DeliveryReceiver(secrets: secrets, forwarder: nil, observers: [observer]),
                                  handleSignals: false) { ready.yield($0) }
        let task = Task { try await server.run() }
        var bound = 0
        for await port in ports {
            bound = port
            break
        }
        return ReceiverHarness(directory: directory, secret: secret, server: server, observer: observer,
                               url: "http://127.0.0.1:\(bound)", task: task)
    }

    func stop() async {
        await server.stop()
        _ = await task.result
        try? FileManager.default.removeItem(at: directory)
    }

    /// Posts a delivery to `path`, signed with `secret`; the status of the answer.
    func deliver(_ body: String, path: String = "/zta", secret: String? = nil) async throws -> Int {
        let data = Data(body.utf8)
        var request = URLRequest(url: URL(string: url + path)!, timeoutInterval: 30)
        request.httpMethod = "POST"
        request.httpBody = data
        for (name, value) in [("Content-Type", "application/json"), ("X-ZTA-Event", "alert"), ("X-ZTA-Webhook-ID", Self.webhookID),
                              ("X-ZTA-Signature", WebhookSignature.header(body: data, secret: secret ?? self.secret))] {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    static let payload = #"{"event":"alert","timestamp":"2026-11-29T20:00:00.000Z","data":{"siteId":"site_abc123","alertName":"Traffic Spike"}}"#
}
