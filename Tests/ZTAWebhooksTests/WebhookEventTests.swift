import Foundation
import Testing
import ZTAWebhooks

/// The bodies are the API document's examples, character for character.
struct WebhookEventTests {
    @Test func thePageviewExample() throws {
        let event = try WebhookEvent.decode(Data("""
            {
              "event": "pageview",
              "timestamp": "2024-12-12T16:30:00.000Z",
              "data": {
                "siteId": "site_abc123",
                "path": "/blog/my-article",
                "referrer": "https://google.com",
                "country": "US",
                "device": "desktop",
                "browser": "Chrome"
              }
            }
            """.utf8))
        #expect(event.type == "pageview")
        #expect(event.timestamp == "2024-12-12T16:30:00.000Z")
        #expect(event.data == .pageview(PageviewData(siteId: "site_abc123", path: "/blog/my-article", referrer: "https://google.com",
                                                     country: "US", device: "desktop", browser: "Chrome")))
        #expect(event.data.siteId == "site_abc123")
    }

    @Test func theCustomEventExample() throws {
        let event = try WebhookEvent.decode(Data("""
            {
              "event": "event",
              "timestamp": "2024-12-12T16:30:00.000Z",
              "data": {
                "siteId": "site_abc123",
                "action": "signup_click",
                "category": "conversion",
                "label": "hero_button",
                "value": 1,
                "path": "/pricing"
              }
            }
            """.utf8))
        #expect(event.data == .custom(CustomEventData(siteId: "site_abc123", action: "signup_click", category: "conversion",
                                                      label: "hero_button", value: 1, path: "/pricing")))
    }

    @Test func theGoalExample() throws {
        let event = try WebhookEvent.decode(Data("""
            {
              "event": "goal",
              "timestamp": "2024-12-12T16:30:00.000Z",
              "data": {
                "siteId": "site_abc123",
                "goalId": "goal_abc123",
                "goalName": "Newsletter Signup",
                "path": "/thank-you",
                "value": 1
              }
            }
            """.utf8))
        #expect(event.data == .goal(GoalData(siteId: "site_abc123", goalId: "goal_abc123", goalName: "Newsletter Signup",
                                             path: "/thank-you", value: 1)))
    }

    @Test func theAlertExample() throws {
        let event = try WebhookEvent.decode(Data("""
            {
              "event": "alert",
              "timestamp": "2024-12-12T16:30:00.000Z",
              "data": {
                "siteId": "site_abc123",
                "alertId": "alert_abc123",
                "alertName": "Traffic Spike",
                "condition": "pageviews > 1000",
                "currentValue": 1543,
                "threshold": 1000
              }
            }
            """.utf8))
        #expect(event.data == .alert(AlertData(siteId: "site_abc123", alertId: "alert_abc123", alertName: "Traffic Spike",
                                               condition: "pageviews > 1000", currentValue: 1543, threshold: 1000)))
    }

    @Test func theEmulatorsSessionEnd() throws {
        let event = try WebhookEvent.decode(Data(#"""
            {"event":"session_end","timestamp":"2024-12-12T16:30:00.000Z","data":{"siteId":"site_abc123","sessionId":"sess_abc123","duration":342,"pageviews":5}}
            """#.utf8))
        #expect(event.data == .sessionEnd(SessionEndData(siteId: "site_abc123", sessionId: "sess_abc123", duration: 342, pageviews: 5)))
    }

    @Test func aSessionEndOfAnotherShapeStillDecodes() throws {
        let event = try WebhookEvent.decode(Data(#"""
            {"event":"session_end","timestamp":"2024-12-12T16:30:00.000Z","data":{"duration":"5m","pages":["/a"]}}
            """#.utf8))
        #expect(event.data == .sessionEnd(SessionEndData()))
        #expect(event.data.siteId == nil)
    }

    @Test func fractionsAreKept() throws {
        let event = try WebhookEvent.decode(Data(#"""
            {"event":"alert","timestamp":"2024-12-12T16:30:00.000Z","data":{"siteId":"s","alertId":"a","currentValue":12.75,"threshold":0.5}}
            """#.utf8))
        guard case .alert(let alert) = event.data else { Issue.record("not an alert: \(event.data)"); return }
        #expect(alert.currentValue == 12.75)
        #expect(alert.threshold == 0.5)
        #expect(alert.alertName == nil)
    }

    @Test func unknownFieldsAreIgnored() throws {
        let event = try WebhookEvent.decode(Data(#"""
            {"event":"goal","timestamp":"2024-12-12T16:30:00.000Z","id":"evt_1","data":{"siteId":"s","goalId":"g","currency":"EUR","nested":{"a":[1,2]}}}
            """#.utf8))
        #expect(event.data == .goal(GoalData(siteId: "s", goalId: "g")))
    }

    @Test func anUnknownTypeKeepsItsData() throws {
        let event = try WebhookEvent.decode(Data(#"""
            {"event":"form_submit","timestamp":"2024-12-12T16:30:00.000Z","data":{"siteId":"site_abc123","fields":3,"ok":true,"tags":["a",null]}}
            """#.utf8))
        #expect(event.type == "form_submit")
        #expect(event.data == .unknown(type: "form_submit", data: .object([
            "siteId": .string("site_abc123"), "fields": .number(3), "ok": .bool(true), "tags": .array([.string("a"), .null]),
        ])))
        #expect(event.data.siteId == "site_abc123")
    }

    @Test func anUnknownTypeWithoutDataDecodes() throws {
        let event = try WebhookEvent.decode(Data(#"{"event":"ping","timestamp":"2024-12-12T16:30:00.000Z"}"#.utf8))
        #expect(event.data == .unknown(type: "ping", data: .null))
    }

    @Test func aKnownTypeWithoutItsRequiredFieldFails() {
        #expect(throws: DecodingError.self) {
            try WebhookEvent.decode(Data(#"{"event":"pageview","timestamp":"2024-12-12T16:30:00.000Z","data":{"path":"/"}}"#.utf8))
        }
    }

    @Test func theTimestampReadsAsADate() throws {
        let event = WebhookEvent(type: "ping", timestamp: "2024-12-12T16:30:00.250Z", data: .unknown(type: "ping", data: .null))
        #expect(event.date == Date(timeIntervalSince1970: 1_734_021_000.25))
        var whole = event
        whole.timestamp = "2024-12-12T16:30:00Z"
        #expect(whole.date == Date(timeIntervalSince1970: 1_734_021_000))
        whole.timestamp = "yesterday"
        #expect(whole.date == nil)
    }
}
