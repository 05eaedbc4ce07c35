import Foundation

/// The machine format of a drift report, for `--format json` and `--report`: stable keys,
/// sorted, pretty-printed.
public enum DriftJSONRenderer {
    public static func render(_ report: DriftReport) -> String {
        StableJSON.render(report)
    }

    public static func decode(_ data: Data) throws -> DriftReport {
        try JSONDecoder().decode(DriftReport.self, from: data)
    }
}
