import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

/// `ztahooks schema`: the site-file (or project-file) JSON Schema, for editors and other tools.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the site-file JSON Schema (or the project file's, with --project).",
        discussion: """
            The same files as schemas/site.schema.json and schemas/project.schema.json; point an editor's YAML support at them.

            Examples:
              ztahooks schema > schemas/site.schema.json
            """
    )

    @Flag(help: "Print the schema of the project file, ztahooks.yaml, instead.")
    var project = false

    func run() throws {
        StandardOutput.write(project ? ProjectSchema.json : SiteSchema.json)
    }
}
