import Testing
@testable import ZTAHooksCore

/// `allowedHosts` entries: exact hosts, and `*.domain` for one or more labels below it.
struct HostPatternTests {
    @Test(arguments: [
        ("hooks.example.com", "hooks.example.com", true),
        ("hooks.example.com", "HOOKS.Example.com.", true),
        ("hooks.example.com.", "hooks.example.com", true),
        ("hooks.example.com", "evil-hooks.example.com", false),
        ("hooks.example.com", "hooks.example.com.evil.net", false),
        ("*.example.com", "a.example.com", true),
        ("*.example.com", "a.b.example.com", true),
        ("*.example.com", "example.com", false),
        ("*.example.com", "badexample.com", false),
        ("*.example.com", ".example.com", false),
        ("*.Example.COM", "A.example.com.", true),
        ("[::1]", "[::1]", true),
    ])
    func matching(_ pattern: String, _ host: String, _ expected: Bool) throws {
        #expect(try HostPattern(parsing: pattern).matches(host: host) == expected)
    }

    @Test func theHostOfAURLLeavesOutUserinfoAndPort() {
        #expect(HostPattern.host(ofURL: "https://Hooks.Example.com:8443/a?b#c") == "Hooks.Example.com")
        #expect(HostPattern.host(ofURL: "https://u@hooks.example.com/") == "hooks.example.com")
        #expect(HostPattern.host(ofURL: "https://[2001:db8::1]:443/x") == "[2001:db8::1]")
        #expect(HostPattern.host(ofURL: "https://hooks.example.com") == "hooks.example.com")
        #expect(HostPattern.host(ofURL: "not a url") == nil)
    }

    @Test func aPatternPrintsAsItIsWrittenNormalised() throws {
        #expect(try HostPattern(parsing: "*.Internal.example.com.").description == "*.internal.example.com")
        #expect(try HostPattern(parsing: "Hooks.example.com").description == "hooks.example.com")
    }
}
