import Foundation
import Testing
import ZTASim

@Suite struct DeliveryRoutingTests {
    static func options(routes: [String: SimRoute]) -> SimOptions {
        SimOptions(deliveryTimeScale: 1000, routes: routes)
    }

    @Test func aRoutedDeliveryKeepsPathQueryAndHost() async throws {
        let receiver = try await TestReceiver.start()
        let routes = try SimRouteSpec.parse(["HOOKS.example.com=127.0.0.1:\(receiver.port)"])
        try await SimHarness.with(Self.options(routes: routes)) { sim async throws in
            let url = "https://hooks.Example.com/zta/in%20box?team=a%20b&x=%2F1"
            let seeded = try await DeliveryTests.seed(sim, [SimWebhookSeed(siteId: "s", url: url, events: ["goal"], id: "wh_routed")])
            let records = try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(records.map(\.delivered) == [true])
            #expect(records.first?.url == url)
            #expect(records.first?.routedTo == "127.0.0.1:\(receiver.port)")
            let delivery = try #require(await receiver.log.deliveries.first)
            #expect(delivery.target == "/zta/in%20box?team=a%20b&x=%2F1")
            #expect(delivery.host == "hooks.Example.com")
            #expect(delivery.header("X-ZTA-Webhook-ID") == "wh_routed")
            #expect(delivery.header("X-ZTA-Signature") == SimSignature.header(body: delivery.body, secret: seeded[0].secret))
        }
        await receiver.stop()
    }

    @Test func theHostHeaderKeepsAPortThatIsNotTheDefault() async throws {
        let receiver = try await TestReceiver.start()
        let routes = try SimRouteSpec.parse(["a.example.com=localhost:\(receiver.port)"])
        try await SimHarness.with(Self.options(routes: routes)) { sim async throws in
            _ = try await DeliveryTests.seed(sim, [
                SimWebhookSeed(siteId: "s", url: "https://a.example.com:8443", events: ["goal"]),
                SimWebhookSeed(siteId: "s", url: "https://a.example.com:443/x", events: ["goal"]),
            ])
            let records = try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(records.map(\.delivered) == [true, true])
            let received = await receiver.log.deliveries.map { "\($0.host ?? "-") \($0.target)" }.sorted()
            #expect(received == ["a.example.com /x", "a.example.com:8443 /"])
        }
        await receiver.stop()
    }

    @Test func theIPv6LoopbackRouteReachesALocalReceiver() async throws {
        let receiver = try await TestReceiver.start()
        let routes = try SimRouteSpec.parse(["six.example.com=[::1]:\(receiver.port)"])
        try await SimHarness.with(Self.options(routes: routes)) { sim async throws in
            _ = try await DeliveryTests.seed(sim, [SimWebhookSeed(siteId: "s", url: "https://six.example.com/v6", events: ["alert"])])
            let records = try await DeliveryTests.publish(sim, #"{"event":"alert","siteId":"s","wait":true}"#)
            #expect(records.map(\.delivered) == [true])
            #expect(records.first?.routedTo == "[::1]:\(receiver.port)")
            #expect(await receiver.log.deliveries.map(\.target) == ["/v6"])
        }
        await receiver.stop()
    }

    @Test func anUnroutedURLIsDeliveredAsItIs() async throws {
        let receiver = try await TestReceiver.start()
        let routes = try SimRouteSpec.parse(["elsewhere.example.com=127.0.0.1:9"])
        try await SimHarness.with(Self.options(routes: routes)) { sim async throws in
            _ = try await DeliveryTests.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url + "?q=1", events: ["goal"])])
            let records = try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(records.map(\.delivered) == [true])
            #expect(records.first?.routedTo == nil)
            let delivery = try #require(await receiver.log.deliveries.first)
            #expect(delivery.target == "/hook?q=1")
            #expect(delivery.host == "127.0.0.1:\(receiver.port)")
        }
        await receiver.stop()
    }
}
