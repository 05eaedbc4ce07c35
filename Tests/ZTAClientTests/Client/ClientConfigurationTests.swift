import Foundation
import Testing
import ZTAHooksCore
@testable import ZTAClient

@Suite struct ClientConfigurationTests {
    private func resolve(apiURL: String? = nil, tokenFile: String? = nil, env: [String: String] = [:],
                         requireToken: Bool = true) throws(APIError) -> ClientConfiguration {
        try ClientConfiguration.resolve(apiURL: apiURL, tokenFile: tokenFile, environment: env, requireToken: requireToken)
    }

    private func message(_ body: () throws(APIError) -> ClientConfiguration) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.message
        }
    }

    @Test func defaultsToZTASWithTheEnvironmentToken() throws {
        let configuration = try resolve(env: ["ZTA_API_TOKEN": "tok_live_123"])
        #expect(configuration.baseURL.absoluteString == "https://ztas.io")
        #expect(configuration.token == "tok_live_123")
        #expect(configuration.timeout == .seconds(10))
        #expect(configuration.maxAttempts == 4)
        #expect(configuration.concurrency == 8)
        #expect(configuration.maxBodyBytes == 1_048_576)
    }

    @Test func flagBeatsEnvironmentForTheURL() throws {
        let configuration = try resolve(apiURL: "https://api.example.com/", env: [
            "ZTA_API_URL": "https://other.example.com", "ZTA_API_TOKEN": "t0ken",
        ])
        #expect(configuration.baseURL.absoluteString == "https://api.example.com")
        let fromEnvironment = try resolve(env: ["ZTA_API_URL": "HTTPS://Api.Example.com/prefix/", "ZTA_API_TOKEN": "t0ken"])
        #expect(fromEnvironment.baseURL.absoluteString == "https://Api.Example.com/prefix")
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://localhost:9000", "http://[::1]:8080", "http://127.3.4.5"])
    func plainHTTPIsAllowedOnLoopback(url: String) throws {
        #expect(try resolve(apiURL: url, requireToken: false).baseURL.scheme == "http")
    }

    @Test func plainHTTPElsewhereIsRefused() {
        #expect(message { () throws(APIError) in try resolve(apiURL: "http://ztas.io", requireToken: false) }
            == "--api-url \"http://ztas.io\" uses plain http://, which is allowed only for loopback hosts (localhost, 127.0.0.1, ::1); use https://")
        #expect(message { () throws(APIError) in try resolve(env: ["ZTA_API_URL": "http://127.0.0.1.evil.example"], requireToken: false) }
            == "ZTA_API_URL \"http://127.0.0.1.evil.example\" uses plain http://, which is allowed only for loopback hosts (localhost, 127.0.0.1, ::1); use https://")
    }

    @Test func otherBadURLsAreRefused() {
        #expect(message { () throws(APIError) in try resolve(apiURL: "ztas.io", requireToken: false) }
            == "--api-url \"ztas.io\" is not an absolute URL such as https://ztas.io")
        #expect(message { () throws(APIError) in try resolve(apiURL: "ftp://ztas.io", requireToken: false) }
            == "--api-url \"ftp://ztas.io\" must start with https://")
        #expect(message { () throws(APIError) in try resolve(apiURL: "https://ztas.io/?x=1", requireToken: false) }
            == "--api-url \"https://ztas.io/?x=1\" must not have a query or fragment")
    }

    @Test(arguments: ["http://127.0.0.1:99999", "http://127.0.0.1:0", "http://127.0.0.1:abc", "https://[::1]:65536",
                      "https://ztas.io:-1", "https://ztas.io:08080x", "https://ztas.io:123456/api"])
    func invalidPortsAreRefusedNamingTheSource(url: String) {
        let text = message { () throws(APIError) in try resolve(apiURL: url, requireToken: false) }
        #expect(text?.hasPrefix("--api-url \"\(url)\" has the port \"") == true, "\(text ?? "accepted")")
        #expect(text?.hasSuffix("\"; a port is a number from 1 to 65535") == true)
        let fromEnvironment = message { () throws(APIError) in try resolve(env: ["ZTA_API_URL": url], requireToken: false) }
        #expect(fromEnvironment?.hasPrefix("ZTA_API_URL \"\(url)\" has the port") == true)
    }

    @Test(arguments: ["http://127.0.0.1:1", "http://127.0.0.1:65535", "https://ztas.io:443/", "http://[::1]:8080/api", "http://localhost"])
    func validPortsAndNoPortAreAccepted(url: String) throws {
        #expect(try resolve(apiURL: url, requireToken: false).baseURL.host != nil)
    }

    @Test func portTextIsFoundOutsideIPv6Brackets() {
        #expect(ClientConfiguration.portText(of: "http://[::1]:8080/x") == "8080")
        #expect(ClientConfiguration.portText(of: "http://[::1]/x") == nil)
        #expect(ClientConfiguration.portText(of: "https://ztas.io") == nil)
        #expect(ClientConfiguration.portText(of: "https://ztas.io/a:b") == nil)
        #expect(ClientConfiguration.portText(of: "https://u:p@ztas.io:9/") == "9")
    }

    @Test func anIPv6AddressIsAcceptedSinceLibcurlReachesItAsItIs() throws {
        #expect(message { () throws(APIError) in try resolve(apiURL: "https://[2001:db8::1]:8443", requireToken: false) } == nil)
        // Messages name the address as it was configured.
        let url = try #require(URL(string: "http://[::1]:8080/api/webhooks?siteId=site_a"))
        #expect(CurlTransport.describe(url) == "[::1]:8080")
    }

    @Test func credentialsInTheURLAreRefusedWithoutEchoingThem() {
        let text = message { () throws(APIError) in try resolve(apiURL: "https://me:hunter2@ztas.io", requireToken: false) }
        #expect(text == "--api-url must not contain a user name or password; the token goes in ZTA_API_TOKEN or --token-file")
    }

    @Test func missingTokenNamesTheVariableAndTheFlag() {
        #expect(message { () throws(APIError) in try resolve() }
            == "no API token: set ZTA_API_TOKEN or pass --token-file PATH (or try --sandbox, which needs no account)")
        #expect(message { () throws(APIError) in try resolve(env: ["ZTA_API_TOKEN": "  "]) } != nil)
    }

    @Test func tokenIsOptionalWhenNotRequired() throws {
        #expect(try resolve(requireToken: false).token == nil)
    }

    @Test func tokenFileIsReadAndItsNewlineTrimmed() throws {
        let file = try TemporaryFile(contents: "tok_from_file\n")
        let configuration = try resolve(tokenFile: file.path, env: ["ZTA_API_TOKEN": "ignored"])
        #expect(configuration.token == "tok_from_file")
    }

    @Test func tokenFileProblemsNameThePathNeverTheContent() throws {
        let empty = try TemporaryFile(contents: "\n")
        #expect(message { () throws(APIError) in try resolve(tokenFile: empty.path) } == "the token file \(empty.path) is empty")

        let twoLines = try TemporaryFile(contents: "secret-one\nsecret-two\n")
        let text = message { () throws(APIError) in try resolve(tokenFile: twoLines.path) }
        #expect(text == "the token file \(twoLines.path) holds spaces, line breaks or non-ASCII characters; it should hold only the token")

        let missing = "/nonexistent/ztahooks-token"
        #expect(message { () throws(APIError) in try resolve(tokenFile: missing) }
            == "cannot read the token file /nonexistent/ztahooks-token: it does not exist")

        let directory = FileManager.default.temporaryDirectory.path
        #expect(message { () throws(APIError) in try resolve(tokenFile: directory) }
            == "cannot read the token file \(directory): it is a directory")
    }

    @Test func descriptionNeverShowsTheToken() {
        let configuration = ClientConfiguration(token: "tok_super_secret")
        #expect(!String(describing: configuration).contains("tok_super_secret"))
        #expect(!String(reflecting: configuration).contains("tok_super_secret"))
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("tok_super_secret"))
    }

    @Test func loopbackDetection() {
        #expect(ClientConfiguration.isLoopback(host: "127.0.0.1"))
        #expect(ClientConfiguration.isLoopback(host: "LOCALHOST"))
        #expect(ClientConfiguration.isLoopback(host: "[::1]"))
        #expect(!ClientConfiguration.isLoopback(host: "127.0.0.1.nip.io"))
        #expect(!ClientConfiguration.isLoopback(host: "128.0.0.1"))
        #expect(!ClientConfiguration.isLoopback(host: "127.0.0.256"))
        #expect(!ClientConfiguration.isLoopback(host: "localhost.evil.example"))
    }
}

/// A file in the temporary directory, removed when the value goes away.
final class TemporaryFile {
    let path: String

    init(contents: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-\(UUID().uuidString)").path
        try contents.write(toFile: path, atomically: false, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
