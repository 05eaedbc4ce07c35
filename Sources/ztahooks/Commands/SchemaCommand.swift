import ArgumentParser
import ZTAHooksCore

/// `ztahooks schema`: the site-file JSON Schema, for editors and other tools.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the site-file JSON Schema.",
        discussion: "The same file as schemas/site.schema.json; point an editor's YAML support at it."
    )

    func run() throws {
        StandardOutput.write(SiteSchema.json)
    }
}
