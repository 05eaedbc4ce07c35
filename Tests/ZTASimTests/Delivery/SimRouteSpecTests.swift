import Testing
import ZTASim

@Suite struct SimRouteSpecTests {
    @Test func parsesHostsCaseInsensitivelyAndEveryLoopbackForm() throws {
        let routes = try SimRouteSpec.parse([
            "Hooks.Example.COM=127.0.0.1:9000", "b.example.com=127.3.2.1:1", "c.example.com=LocalHost:65535",
            "d.example.com=[::1]:8080",
        ])
        #expect(routes == [
            "hooks.example.com": SimRoute(address: "127.0.0.1", port: 9000),
            "b.example.com": SimRoute(address: "127.3.2.1", port: 1),
            "c.example.com": SimRoute(address: "localhost", port: 65535),
            "d.example.com": SimRoute(address: "[::1]", port: 8080),
        ])
        #expect(routes["hooks.example.com"]?.authority == "127.0.0.1:9000")
    }

    @Test(arguments: [
        ("hooks.example.com", "no '='"),
        ("hooks.example.com=127.0.0.1", "no port after the address"),
        ("hooks.example.com=127.0.0.1:0", "port '0' is not a number from 1 to 65535"),
        ("hooks.example.com=127.0.0.1:65536", "port '65536' is not a number from 1 to 65535"),
        ("hooks.example.com=127.0.0.1:80a", "port '80a' is not a number from 1 to 65535"),
        ("hooks.example.com=127.0.0.1:", "port '' is not a number from 1 to 65535"),
        ("hooks.example.com=10.0.0.1:80", "'10.0.0.1' is not a loopback address; routes deliver to this machine only"),
        ("hooks.example.com=example.org:80", "'example.org' is not a loopback address; routes deliver to this machine only"),
        ("hooks.example.com=127.0.0.010:80", "'127.0.0.010' is not a loopback address; routes deliver to this machine only"),
        ("hooks.example.com=127.0.0:80", "'127.0.0' is not a loopback address; routes deliver to this machine only"),
        ("hooks.example.com=127.0.0.256:80", "'127.0.0.256' is not a loopback address; routes deliver to this machine only"),
        ("hooks.example.com=::1:80", "'::1' is not a loopback address; routes deliver to this machine only"),
        ("=127.0.0.1:80", "'' is not a host name (letters, digits, '-', '_' and '.'; no port, no scheme)"),
        ("https://h.example.com=127.0.0.1:80", "'https://h.example.com' is not a host name (letters, digits, '-', '_' and '.'; no port, no scheme)"),
        ("h.example.com:443=127.0.0.1:80", "'h.example.com:443' is not a host name (letters, digits, '-', '_' and '.'; no port, no scheme)"),
        ("h..example.com=127.0.0.1:80", "'h..example.com' is not a host name (letters, digits, '-', '_' and '.'; no port, no scheme)"),
    ])
    func refusesWithTheProblem(value: String, problem: String) {
        #expect(throws: SimRouteSpec.Invalid(value: value, problem: problem)) { try SimRouteSpec.parse([value]) }
    }

    @Test func aHostRoutedTwiceIsRefused() {
        #expect(throws: SimRouteSpec.Invalid(value: "H.example.com=127.0.0.1:2", problem: "host h.example.com is routed twice")) {
            try SimRouteSpec.parse(["h.example.com=127.0.0.1:1", "H.example.com=127.0.0.1:2"])
        }
    }

    @Test func theMessageSaysWhatARouteLooksLike() {
        let error = SimRouteSpec.Invalid(value: "x", problem: "no '='")
        #expect(error.description == "--route x: no '=' (expected HOST=ADDR:PORT, ADDR an address in 127.0.0.0/8, localhost or [::1])")
    }
}
