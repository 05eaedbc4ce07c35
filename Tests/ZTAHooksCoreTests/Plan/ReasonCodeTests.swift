import Foundation
import Testing
@testable import ZTAHooksCore

/// Scripts key on the codes beside the plan's sentences: each sentence must keep its code.
struct ReasonCodeTests {
    @Test(arguments: [
        (Reason.notLive, ReasonCode.notLive),
        (Reason.lostInFlight, .lostInFlight),
        (Reason.lostInFlightUnwanted, .lostInFlightUnwanted),
        (Reason.disabled, .disabled),
        (Rotation.reason, .rotationRequested),
        (Reason.eventsChanged(from: ["goal"], to: ["alert"]), .eventsChanged),
        (Reason.duplicate(of: "wh_1"), .duplicate),
        (Reason.notDeclared(in: "sites/a.yaml"), .notDeclared),
        (Reason.secretUnknown(site: "site_a", name: "x"), .secretUnknown),
        (Reason.adoptedSecret(site: "site_a", name: "x"), .adoptedSecret),
        (Reason.descriptionChanged(site: "site_a", name: "x"), .descriptionChanged),
        ("something a newer version says", .other),
    ])
    func eachSentenceHasItsCode(text: String, code: ReasonCode) {
        #expect(ReasonCode(classifying: text) == code)
    }

    /// A name or file that looks like another sentence does not change the code.
    @Test func quotedValuesDoNotConfuseTheCode() {
        #expect(ReasonCode(classifying: Reason.notDeclared(in: "duplicate of wh_1")) == .notDeclared)
        #expect(ReasonCode(classifying: Reason.duplicate(of: "not live")) == .duplicate)
    }

    @Test func thePlanJSONCarriesCodesBesideTheText() throws {
        let data = Data(PlanJSONRenderer.render(RichPlan.plan).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["formatVersion"] as? Int == 1)
        let sites = try #require(root["sites"] as? [[String: Any]])
        let alpha = sites[0]
        let actions = try #require(alpha["actions"] as? [[String: Any]])
        for action in actions {
            let reasons = try #require(action["reasons"] as? [String])
            #expect(action["reasonCodes"] as? [String] == reasons.map { ReasonCode(classifying: $0).rawValue })
            #expect(action["mintsSecret"] as? Bool == (action["action"] as? String != "delete"))
        }
        #expect(actions.compactMap { ($0["reasonCodes"] as? [String])?.first }
            == ["duplicate", "not-declared", "not-declared", "lost-in-flight-unwanted", "events-changed", "disabled", "lost-in-flight", "not-live"])
        let unchanged = try #require(alpha["unchanged"] as? [[String: Any]])
        #expect(unchanged.flatMap { $0["flagCodes"] as? [String] ?? [] } == ["secret-unknown", "adopted-secret"])
        #expect(alpha["noteCodes"] as? [String] == ["description-changed"])
        #expect(!(try #require(sites[1]["noteCodes"] as? [String]).contains("other")))
    }

    /// The codes are written, not read: a plan file still decodes to the plan it came from.
    @Test func aPlanFileWithCodesDecodesUnchanged() throws {
        let decoded = try PlanJSONRenderer.decode(Data(PlanJSONRenderer.render(RichPlan.plan).utf8))
        #expect(decoded == RichPlan.plan)
    }
}
