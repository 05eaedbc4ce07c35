import Foundation
import ZTAHooksCore

/// Prints apply's progress: one plain line per action for CI logs, with a running count on a terminal.
actor ApplyPrinter: ApplyObserver {
    private let style: Style
    private let showCounts: Bool
    private let totalActions: Int
    private let output: HumanOutput
    private var done = 0
    /// The id each create and replace got, for `--format json`.
    private(set) var newIDs: [String: String] = [:]

    init(terminal: Terminal, totalActions: Int, output: HumanOutput = .standardOutput) {
        style = output.style(terminal)
        showCounts = output.isTTY(terminal)
        self.totalActions = totalActions
        self.output = output
    }

    func handle(_ event: ApplyEvent) async {
        switch event {
        case .siteStarted, .siteFinished:
            return
        case .actionSucceeded(let site, let action, let newId):
            done += 1
            if let newId, let name = action.name { newIDs[ApplyJSONRenderer.newIDKey(site: site, name: name)] = newId }
            emit(site, Self.describe(action, newId: newId, style: style))
        case .actionFailed(let site, let action, let message):
            done += 1
            emit(site, style.red("✗ \(action.kind.rawValue) \(action.displayName.displaySafe) failed: ") + message.displaySafe)
        case .recovered(let site, let name, let message):
            emit(site, style.yellow("↻ \(name.displaySafe): ") + message.displaySafe)
        case .warning(let site, _, let message):
            emit(site, style.yellow("! warning: ") + message.displaySafe)
        }
    }

    /// "7 of 30 changes done", for a run that stops early.
    var progress: String { "\(done) of \(totalActions) change\(totalActions == 1 ? "" : "s") done" }

    private func emit(_ site: String, _ text: String) {
        let counter = showCounts ? style.dim("[\(done)/\(totalActions)] ") : ""
        output.write("\(counter)\(site.displaySafe): \(text)\n")
    }

    private static func describe(_ action: PlannedAction, newId: String?, style: Style) -> String {
        switch action {
        case .create(let create):
            return style.green("+ created ") + "\(create.name.displaySafe) (\((newId ?? "?").displaySafe))"
        case .delete(let delete):
            return style.red("- deleted ") + PlanTextRenderer.label(delete)
        case .replace(let replace):
            return style.yellow("-/+ replaced ") + "\(replace.name.displaySafe) (\(replace.id.displaySafe) → \((newId ?? "?").displaySafe))"
        }
    }
}
