import Testing
@testable import ZTAHooksCore

struct WebhookURLTests {
    @Test(arguments: [
        ("https://hooks.example.com/x", "https://hooks.example.com/x"),
        ("HTTPS://Hooks.Example.COM:443/x", "https://hooks.example.com/x"),
        ("https://hooks.example.com:8443/x", "https://hooks.example.com:8443/x"),
        ("http://LOCALHOST:80/a?B=C", "http://localhost/a?B=C"),
        ("https://hooks.example.com", "https://hooks.example.com/"),
        ("https://hooks.example.com?q=1", "https://hooks.example.com?q=1"),
        ("https://user:pw@Hooks.example.com/Path", "https://hooks.example.com/Path"),
        ("https://hooks.example.com/Case/Kept", "https://hooks.example.com/Case/Kept"),
        ("not a url", "not a url"),
    ])
    func normalisesSchemeHostAndDefaultPortOnly(raw: String, expected: String) {
        #expect(WebhookURL.normalized(raw) == expected)
    }
}
