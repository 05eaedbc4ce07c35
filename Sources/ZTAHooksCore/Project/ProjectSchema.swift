/// The JSON Schema (draft 2020-12) of `ztahooks.yaml`, for editors that validate as you type.
///
/// Built from `ProjectFormat`, as `SiteSchema` is from `SiteFormat`; `schemas/project.schema.json`
/// is this text, and a test keeps the committed file equal to it.
public enum ProjectSchema {
    /// Pretty-printed, keys in a fixed order, ending with a newline.
    public static var json: String {
        document.rendered(indent: 0) + "\n"
    }

    private static var document: SchemaJSON {
        .object([
            ("$schema", "https://json-schema.org/draft/2020-12/schema"),
            ("title", "ztahooks project file"),
            ("description", .string(
                "A project's policy for its site files and the defaults of its commands. "
                    + "Checked in full by 'ztahooks validate'."
            )),
            ("type", "object"),
            ("additionalProperties", false),
            ("properties", .object(ProjectFormat.schemaKeys.compactMap { key in properties[key].map { (key, $0) } })),
        ])
    }

    private static var stringList: [(String, SchemaJSON)] { [
        ("type", "array"),
        ("minItems", 1),
        ("items", .object([("type", "string"), ("minLength", 1)])),
    ] }

    private static func integer(_ description: String, _ range: ClosedRange<Int>) -> SchemaJSON {
        .object([
            ("description", .string(description)),
            ("type", "integer"),
            ("minimum", .int(range.lowerBound)),
            ("maximum", .int(range.upperBound)),
        ])
    }

    private static var sink: SchemaJSON { .object([
        ("description", "A command run without a shell: one string split into words at blanks, with '...', \"...\" and \\ quoting as in a shell and nothing expanded (write sh -c '...' for a shell), or a list of argv strings."),
        ("oneOf", [.object([("type", "string"), ("minLength", 1)]), .object(stringList)]),
    ]) }

    private static var properties: [String: SchemaJSON] {
        [
            "allowedHosts": .object([
                ("description", "Hosts webhook URLs may use: exact hosts, or *.example.com for any subdomain (not the apex). Any host when absent."),
                ("type", "array"),
                ("minItems", 1),
                ("uniqueItems", true),
                ("items", .object([("type", "string"), ("pattern", .string(hostPattern))])),
            ]),
            "maxWebhooksPerSite": integer("At most this many webhooks in one site file.", ProjectFormat.webhooksPerSiteRange),
            "requireDescription": .object([
                ("description", "Every webhook must have a description."),
                ("type", "boolean"),
                ("default", false),
            ]),
            "paths": .object([("description", "Site files or directories read when a command gets no PATH; relative to this file.")] + stringList),
            "maxDeletes": integer("The default of apply --max-deletes.", ProjectFormat.maxDeletesRange),
            "concurrency": .object([
                ("description", "The default of --concurrency: sites fetched or applied at once, or auto (the default), which grows while answers stay fast and halves on 429 or 503."),
                ("oneOf", [
                    .object([("type", "integer"), ("minimum", .int(ProjectFormat.concurrencyRange.lowerBound)),
                             ("maximum", .int(ProjectFormat.concurrencyRange.upperBound))]),
                    .object([("const", "auto")]),
                ]),
            ]),
            "secretsFile": .object([
                ("description", "The default secrets file, relative to this file; --secrets-file and ZTA_SECRETS_FILE win."),
                ("type", "string"),
                ("minLength", 1),
            ]),
            "onSecret": sink,
            "onDelete": sink,
            "retiredKeep": .object([
                ("description", "How long the secrets file keeps the secrets of deleted webhooks (as retired entries): whole numbers with units s, m, h, d, w, e.g. 30d or 1d12h. Default 30d."),
                ("type", "string"),
                ("pattern", "^([0-9]+[smhdw])+$"),
                ("default", "30d"),
            ]),
        ]
    }

    /// An exact host or `*.` and a host; the validator also checks label lengths.
    static let hostPattern = "^(\\*\\.)?([A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?\\.?$|^\\[[0-9A-Fa-f:.]+\\]$"
}
