import Foundation

/// The machine format of a plan: stable keys, sorted, pretty-printed. Also the saved-plan format.
public enum PlanJSONRenderer {
    public static func render(_ plan: Plan) -> String {
        StableJSON.render(plan)
    }

    public static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }
}
