extension SecretsFileCodec {
    /// The file's text, ending in a newline.
    public static func encode(_ snapshot: SecretsSnapshot) -> [UInt8] {
        let entries = sorted(snapshot.entries, by: entryKey)
        let intents = sorted(snapshot.unresolvedIntents, by: intentKey)
        let retired = sorted(snapshot.retired, by: retiredKey)
        var out = JSONWriter(capacity: 96 + 320 * (entries.count + intents.count) + 380 * retired.count)
        out.raw("{\n")
        if let api = snapshot.api {
            out.raw("  \"api\": ")
            out.string(api)
            out.raw(",\n")
        }
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
        if !retired.isEmpty {
            out.raw("  \"retired\": [\n")
            for (index, retiredEntry) in retired.enumerated() {
                if index > 0 { out.raw(",\n") }
                write(retiredEntry.entry, retired: retiredEntry, to: &out)
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
                write(entry, retired: nil, to: &out)
            }
            out.raw("\n  ]\n")
        }
        out.raw("}\n")
        return out.bytes
    }

    /// Keys in sorted order. `secret` is always written, `null` when unknown, as the contract shows;
    /// a sealed value is written instead of the plain text, never beside it.
    /// A retired entry is the same object with `reason` and `retiredAt` in their sorted places.
    private static func write(_ entry: SecretEntry, retired: RetiredEntry?, to out: inout JSONWriter) {
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
        if let retired {
            out.field("reason")
            out.string(retired.reason)
        }
        if let replaces = entry.replaces {
            out.field("replaces")
            out.string(replaces)
        }
        if let retired {
            out.field("retiredAt")
            out.string(retired.retiredAt)
        }
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
