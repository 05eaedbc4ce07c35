import Foundation
import FuzzHarness
import ZTAHooksCore
import ZTAWebhooks

/// What a receiver built on ZTAWebhooks reads from the outside: a delivery's body and signature
/// header (from anyone on the network) and the secrets file and journal (from disk).
///
/// The input is a secrets file, a NUL byte, then a journal, read as the library reads them; the
/// journal is read a second time with each line wrapped in a record line with the right
/// checksum (the core's CRC-32), so that the fuzzer reaches the record decoder. The whole input
/// is also a delivery's body, and its first line a signature header.
@main
enum FuzzReceiverLibrary {
    static func main() {
        FuzzHarness.run(test)
    }

    @Sendable static func test(_ bytes: [UInt8]) {
        let (file, journal) = FuzzHarness.split(bytes)
        for lines in [journal, FuzzHarness.checksummed(journal)] {
            checkSecrets(file: Data(file), journal: Data(lines))
        }
        checkDelivery(bytes)
    }

    static func checkSecrets(file: Data, journal: Data) {
        do {
            let secrets = try WebhookSecrets(file: file, journal: journal)
            FuzzHarness.require(!secrets.description.contains("whsec_"), "the secrets' description shows a secret")
            for id in secrets.webhookIDs {
                do {
                    _ = try secrets.secret(forWebhookID: id)
                } catch {
                    FuzzHarness.require(!error.description.contains("whsec_"), "a lookup failure shows a secret")
                }
            }
        } catch {
            FuzzHarness.require(!error.description.contains("whsec_"), "a load failure quotes the file")
        }
    }

    /// A body signed with a secret verifies, and only a header of its own digest does.
    static func checkDelivery(_ bytes: [UInt8]) {
        if let event = try? WebhookEvent.decode(bytes) {
            _ = event.date
        }
        let secret = String(decoding: bytes.prefix(24), as: UTF8.self)
        let body = Array(bytes.dropFirst(24))
        let expected = WebhookSignature.header(body: body, secret: secret)
        FuzzHarness.require(WebhookSignature.verify(body: body, header: expected, secret: secret).isValid,
                            "a body does not verify with its own signature")
        FuzzHarness.require(WebhookSignature.verify(body: body, header: " " + expected.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=") + " ", secret: secret).isValid,
                            "an upper-case or padded signature is refused")
        let firstLine = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
        if WebhookSignature.verify(body: body, header: firstLine, secret: secret).isValid {
            FuzzHarness.require(firstLine.trimmingCharacters(in: .whitespaces).lowercased() == expected,
                                "a header that is not the body's digest verifies")
        }
    }
}
