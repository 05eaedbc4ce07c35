/// The JSON Schema (draft 2020-12) of a site file, for editors that validate as you type.
///
/// Built from the validator's own constants (`SiteFormat`, `APILimits`, `EventType`), so that
/// the schema and the validator agree; `schemas/site.schema.json` is this text, and a test keeps
/// the committed file equal to it.
public enum SiteSchema {
    /// Pretty-printed, keys in a fixed order, ending with a newline.
    public static var json: String {
        document.rendered(indent: 0) + "\n"
    }

    private static var document: SchemaJSON {
        .object([
            ("$schema", "https://json-schema.org/draft/2020-12/schema"),
            ("title", "ztahooks site file"),
            ("description", .string(
                "One Zero Trust Analytics site and the webhooks it should have. "
                    + "Checked in full by 'ztahooks validate'."
            )),
            ("type", "object"),
            ("required", ["site", "webhooks"]),
            ("additionalProperties", false),
            ("properties", .object([
                ("site", .object([
                    ("description", "The ZTA site ID, such as site_abc123."),
                    ("type", "string"),
                    ("pattern", .string(SiteFormat.sitePattern)),
                ])),
                ("prune", .object([
                    ("description", "Delete live webhooks of this site that the file does not declare."),
                    ("type", "boolean"),
                    ("default", true),
                ])),
                ("webhooks", .object([
                    ("description", "The webhooks the site should have. An empty list deletes every live webhook on apply and needs --allow-empty."),
                    ("type", "array"),
                    ("maxItems", .int(APILimits.maxWebhooksPerSite)),
                    ("items", .object([("$ref", "#/$defs/webhook")])),
                ])),
            ])),
            ("$defs", .object([
                ("webhook", webhook),
                ("eventType", .object([
                    ("description", "An event type the ZTA API delivers."),
                    ("enum", .array(EventType.allCases.map { .string($0.rawValue) })),
                ])),
            ])),
        ])
    }

    private static var webhook: SchemaJSON {
        .object([
            ("type", "object"),
            ("required", ["name", "url", "events"]),
            ("additionalProperties", false),
            ("properties", .object([
                ("name", .object([
                    ("description", "The local handle: keys the secrets file and the output. Unique in the site."),
                    ("type", "string"),
                    ("maxLength", .int(SiteFormat.nameMaxLength)),
                    ("pattern", .string(SiteFormat.namePattern)),
                ])),
                ("url", .object([
                    ("description", "The receiver: an absolute https URL without credentials or fragment. Unique in the site; it identifies the webhook."),
                    ("type", "string"),
                    ("format", "uri"),
                    ("pattern", .string(SiteFormat.urlPattern)),
                ])),
                ("events", .object([
                    ("description", "The event types to deliver."),
                    ("type", "array"),
                    ("minItems", 1),
                    ("maxItems", .int(APILimits.maxEventsPerWebhook)),
                    ("uniqueItems", true),
                    ("items", .object([("$ref", "#/$defs/eventType")])),
                ])),
                ("description", .object([
                    ("description", "Sent to the API on create; the API never returns it."),
                    ("type", "string"),
                    ("maxLength", .int(SiteFormat.descriptionMaxLength)),
                ])),
            ])),
        ])
    }
}
