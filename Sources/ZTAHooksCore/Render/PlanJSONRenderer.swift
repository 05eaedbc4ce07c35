import Foundation

/// The machine format of a plan: stable keys, sorted, pretty-printed. Also the saved-plan format.
public enum PlanJSONRenderer {
    public static func render(_ plan: Plan) -> String {
        stable(plan)
    }

    /// Sorted keys, pretty-printed, slashes as they are: the layout of every JSON report.
    static func stable(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }
}
