import ArgumentParser
import Foundation
import ZTAHooksCore

/// Reads a plan saved by `plan --out`, for `apply --plan`.
enum SavedPlanFile {
    static func read(_ path: String) throws -> (plan: Plan, path: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardError.write("error: cannot read the saved plan \(path)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        do {
            return (try PlanJSONRenderer.decode(data), path)
        } catch {
            StandardError.write("error: \(path) is not a ztahooks plan: \(error)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}
