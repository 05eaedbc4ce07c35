import ArgumentParser

/// `--config`, on every command that reads site files: which project file holds the policy and
/// the defaults. Without it, `ztahooks.yaml` is searched for from the current directory up to the
/// repository root.
struct ProjectOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The project file with policy and defaults. Default: ztahooks.yaml in the current directory or the nearest parent up to the repository root.",
        valueName: "file"
    ))
    var file: String?
}
