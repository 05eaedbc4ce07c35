import Foundation
import ZTAHooksCore

/// Reads a plan saved by `plan --out`, for `apply --plan`.
public enum SavedPlanFile {
    public static func read(_ path: String) throws(CommandExit) -> (plan: Plan, path: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardError.write("error: cannot read the saved plan \(path)\n")
            throw CommandExit(.failure)
        }
        do {
            return (try PlanJSONRenderer.decode(data), path)
        } catch {
            StandardError.write("error: \(path) is not a ztahooks plan: \(error)\n")
            throw CommandExit(.failure)
        }
    }
}
