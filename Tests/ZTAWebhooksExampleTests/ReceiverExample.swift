// The README's receiver example, compiled here so that it cannot rot. Between the two marker
// lines this file and the README's snippet must stay equal: ReceiverExampleTests compares them.
// README example: begin
// Kept equal to Tests/ZTAWebhooksExampleTests/ReceiverExample.swift by a test.
import Hummingbird
import ZTAWebhooks

extension HTTPFields {
    /// The value of the header `name` (case-insensitive), if the request has it.
    func value(of name: String) -> String? {
        first { $0.name.canonicalName == name.lowercased() }?.value
    }
}

/// `POST /zta/webhooks`: 401 unless the delivery is signed with its webhook's secret.
func addWebhookRoute<Context: RequestContext>(to router: Router<Context>, secretsFile: String) {
    router.post("/zta/webhooks") { request, context -> HTTPResponse.Status in
        // Verify the bytes exactly as received; 1 MB is the API's payload limit.
        let body = Array(try await request.body.collect(upTo: 1_048_576).readableBytesView)
        // Read per delivery (file and journal): a webhook created a moment ago is known at once.
        let secrets = try WebhookSecrets(contentsOfFile: secretsFile)
        guard let webhookID = request.headers.value(of: "X-ZTA-Webhook-ID"),
              let secret = try? secrets.secret(forWebhookID: webhookID),
              WebhookSignature.verify(body: body, header: request.headers.value(of: "X-ZTA-Signature"), secret: secret).isValid
        else { return .unauthorized }
        guard let event = try? WebhookEvent.decode(body) else { return .badRequest }
        switch event.data {
        case .alert(let alert):
            context.logger.info("alert \(alert.alertName ?? alert.alertId) on \(alert.siteId)")
        default:
            context.logger.info("\(event.type) at \(event.timestamp)")
        }
        return .ok
    }
}
// README example: end
