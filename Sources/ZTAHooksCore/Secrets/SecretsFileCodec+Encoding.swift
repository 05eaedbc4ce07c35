extension SecretsFileCodec {
    /// The file's text, ending in a newline.
    public static func encode(_ snapshot: SecretsSnapshot) -> [UInt8] {
        let entries = sorted(snapshot.entries, by: entryKey)
        let intents = sorted(snapshot.unresolvedIntents, by: intentKey)
        var out = JSONWriter(capacity: 64 + 320 * (entries.count + intents.count))
        out.raw("{\n")
        if let encryption = snapshot.encryption {
            out.raw("  \"encryption\": {\"algorithm\": ")
            out.string(encryption.algorithm)
            out.raw(", \"keyId\": ")
            out.string(encryption.keyId)
            out.raw("},\n")
        }
        if !intents.isEmpty {
            out.raw("  \"pendingCreates\": [\n")
            for (index, intent) in intents.enumerated() {
                if index > 0 { out.raw(",\n") }
                write(intent, to: &out)
            }
            out.raw("\n  ],\n")
        }
        out.raw("  \"version\": \(version),\n")
        if entries.isEmpty {
            out.raw("  \"webhooks\": []\n")
        } else {
            out.raw("  \"webhooks\": [\n")
            for (index, entry) in entries.enumerated() {
                if index > 0 { out.raw(",\n") }
                write(entry, to: &out)
            }
            out.raw("\n  ]\n")
        }
        out.raw("}\n")
        return out.bytes
    }

    /// Keys in sorted order. `secret` is always written, `null` when unknown, as the contract shows;
    /// a sealed value is written instead of the plain text, never beside it.
    private static func write(_ entry: SecretEntry, to out: inout JSONWriter) {
        out.beginObject()
        if let adopted = entry.adopted {
            out.field("adopted")
            out.raw(adopted ? "true" : "false")
        }
        if let createdAt = entry.createdAt {
            out.field("createdAt")
            out.string(createdAt)
        }
        if let description = entry.webhookDescription {
            out.field("description")
            out.string(description)
        }
        out.field("events")
        out.stringArray(entry.events)
        if let handedOff = entry.handedOff {
            out.field("handedOff")
            out.raw(handedOff ? "true" : "false")
        }
        out.field("id")
        out.string(entry.id)
        out.field("name")
        out.string(entry.name)
        out.field("secret")
        out.secret(entry, spaced: true)
        out.field("siteId")
        out.string(entry.siteId)
        out.field("url")
        out.string(entry.url)
        out.endObject()
    }

    private static func write(_ intent: CreateIntent, to out: inout JSONWriter) {
        out.beginObject()
        out.field("events")
        out.stringArray(intent.events)
        out.field("intentId")
        out.string(intent.intentId)
        out.field("name")
        out.string(intent.name)
        out.field("siteId")
        out.string(intent.siteId)
        out.field("startedAt")
        out.string(intent.startedAt)
        out.field("url")
        out.string(intent.url)
        out.endObject()
    }
}
