import Foundation
import Testing
@testable import ZTAWebhooks

/// Vectors computed apart from this code, with Python's `hmac` module:
/// `hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()`.
struct WebhookSignatureTests {
    static let body = Data(#"{"event":"pageview","timestamp":"2024-12-12T16:30:00.000Z","data":{"siteId":"site_abc123","path":"/blog/my-article","referrer":"https://google.com","country":"US","device":"desktop","browser":"Chrome"}}"#.utf8)
    static let secret = "whsec_xyz789"
    static let digest = "401aae18d3d06892f1946dd19a9725e4f59bd1467ab5cca35b23fdeddef0023a"

    @Test func theIndependentVectorVerifies() {
        #expect(WebhookSignature.verify(body: Self.body, header: "sha256=" + Self.digest, secret: Self.secret) == .valid)
    }

    @Test func headerComputesTheIndependentVector() {
        #expect(WebhookSignature.header(body: Self.body, secret: Self.secret) == "sha256=" + Self.digest)
        #expect(WebhookSignature.header(body: Data(), secret: Self.secret)
            == "sha256=0697786e6620151d19ebf3614d2e1e158dab209fac57ce3ffce61ef91263f0bb")
    }

    @Test func anEmptyBodyHasASignatureToo() {
        let header = "sha256=0697786e6620151d19ebf3614d2e1e158dab209fac57ce3ffce61ef91263f0bb"
        #expect(WebhookSignature.verify(body: Data(), header: header, secret: Self.secret) == .valid)
        #expect(WebhookSignature.verify(body: Self.body, header: header, secret: Self.secret) == .invalid(.mismatch))
    }

    @Test func bytesThatAreNotUTF8AreSignedAsTheyAre() {
        let body = Data([0xFF, 0x00, 0x80, 0x7B])
        let header = "sha256=47a17fe0910ec0abe7a2b1404061721b70d06e39ab193a435267fd33e6b822e1"
        #expect(WebhookSignature.verify(body: body, header: header, secret: Self.secret) == .valid)
    }

    @Test func uppercaseHexIsAccepted() {
        #expect(WebhookSignature.verify(body: Self.body, header: "sha256=" + Self.digest.uppercased(), secret: Self.secret) == .valid)
    }

    @Test func aTamperedBodyIsAMismatch() {
        var tampered = Self.body
        tampered[tampered.index(tampered.startIndex, offsetBy: 60)] ^= 0x01
        #expect(WebhookSignature.verify(body: tampered, header: "sha256=" + Self.digest, secret: Self.secret) == .invalid(.mismatch))
        // Re-serialising with a space changes the bytes, and so the signature.
        let reformatted = Data(String(decoding: Self.body, as: UTF8.self).replacingOccurrences(of: ":", with: ": ").utf8)
        #expect(WebhookSignature.verify(body: reformatted, header: "sha256=" + Self.digest, secret: Self.secret) == .invalid(.mismatch))
    }

    @Test func aWrongSecretIsAMismatch() {
        #expect(WebhookSignature.verify(body: Self.body, header: "sha256=" + Self.digest, secret: "whsec_other") == .invalid(.mismatch))
        // The secret is the whole `whsec_` string, not the part after the prefix.
        #expect(WebhookSignature.verify(body: Self.body, header: "sha256=" + Self.digest, secret: "xyz789") == .invalid(.mismatch))
        #expect(WebhookSignature.verify(body: Self.body,
                                        header: "sha256=888f9ac671219106ff10ec2989f94aa1711fac1bd591d60930fa23c059f8886b",
                                        secret: "whsec_other") == .valid)
    }

    @Test(arguments: [
        Self.digest,                                   // no prefix
        "sha256=" + Self.digest.dropLast(2),           // short
        "sha256=" + Self.digest + "00",                // long
        "sha256=" + Self.digest.dropLast() + "g",      // not hex
        "sha1=7e8e32729b32c9efe0850253ac76d9079e8a842f", // another scheme
        "SHA256=" + Self.digest,                       // the prefix is lowercase
        "sha256=",
        "",
    ])
    func malformedHeadersAreSaidToBeMalformed(header: String) {
        #expect(WebhookSignature.verify(body: Self.body, header: header, secret: Self.secret) == .invalid(.malformedHeader))
    }

    @Test func aMissingHeaderIsSaidToBeMissing() {
        #expect(WebhookSignature.verify(body: Self.body, header: nil, secret: Self.secret) == .invalid(.missingHeader))
    }

    @Test func aWrappedSecretVerifiesAndNeverPrints() {
        let secret = WebhookSecret(Self.secret)
        #expect(WebhookSignature.verify(body: Self.body, header: "sha256=" + Self.digest, secret: secret) == .valid)
        #expect(!"\(secret)".contains("whsec_"))
        #expect(!String(reflecting: secret).contains("whsec_"))
    }

    @Test func noFailureMessageQuotesTheDigest() {
        for failure in [WebhookSignature.Failure.missingHeader, .malformedHeader, .mismatch] {
            #expect(!failure.description.contains(Self.digest))
            #expect(!failure.description.isEmpty)
        }
    }
}
