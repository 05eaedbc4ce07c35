/// Compact JSON with sorted keys, for journal records: one line each, written without
/// `JSONEncoder` because every create pays for it while sites wait.
extension JSONWriter {
    /// Starts a key of a compact object; `first` leaves out the separating comma.
    package mutating func key(_ name: StaticString, first: Bool = false) {
        raw(first ? "\"" : ",\"")
        raw(name)
        raw("\":")
    }

    /// An array of strings without spaces.
    package mutating func compactStringArray(_ values: [String]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(",") }
            string(value)
        }
        raw("]")
    }

    /// An entry as `SecretEntry`'s `Codable` conformance reads it; absent optionals are left out.
    package mutating func compact(_ entry: SecretEntry) {
        raw("{")
        var first = true
        if let adopted = entry.adopted {
            key("adopted", first: first)
            raw(adopted ? "true" : "false")
            first = false
        }
        if let createdAt = entry.createdAt {
            key("createdAt", first: first)
            string(createdAt)
            first = false
        }
        if let description = entry.webhookDescription {
            key("description", first: first)
            string(description)
            first = false
        }
        key("events", first: first)
        compactStringArray(entry.events)
        if let handedOff = entry.handedOff {
            key("handedOff")
            raw(handedOff ? "true" : "false")
        }
        key("id")
        string(entry.id)
        key("name")
        string(entry.name)
        if let replaces = entry.replaces {
            key("replaces")
            string(replaces)
        }
        if entry.hasSecret {
            key("secret")
            secret(entry, spaced: false)
        }
        key("siteId")
        string(entry.siteId)
        key("url")
        string(entry.url)
        raw("}")
    }

    package mutating func compact(_ intent: CreateIntent) {
        key("events", first: true)
        compactStringArray(intent.events)
        key("intentId")
        string(intent.intentId)
        key("name")
        string(intent.name)
        key("siteId")
        string(intent.siteId)
        key("startedAt")
        string(intent.startedAt)
        key("url")
        string(intent.url)
    }

    /// A journal record: `{"type": ...}` and its fields, keys sorted.
    package mutating func compact(_ record: SecretsJournalRecord) {
        raw("{")
        switch record {
        case .intent(let intent):
            key("intent", first: true)
            raw("{")
            compact(intent)
            raw("}")
            key("type")
            raw("\"intent\"")
        case .created(let entry, let intentId):
            key("entry", first: true)
            compact(entry)
            if let intentId {
                key("intentId")
                string(intentId)
            }
            key("type")
            raw("\"created\"")
        case .createFailed(let intentId):
            key("intentId", first: true)
            string(intentId)
            key("type")
            raw("\"createFailed\"")
        case .retired(let siteId, let id, let at, let reason):
            key("at", first: true)
            string(at)
            key("id")
            string(id)
            key("reason")
            string(reason)
            key("siteId")
            string(siteId)
            key("type")
            raw("\"retired\"")
        case .restored(let siteId, let id):
            key("id", first: true)
            string(id)
            key("siteId")
            string(siteId)
            key("type")
            raw("\"restored\"")
        case .handedOff(let siteId, let id):
            key("id", first: true)
            string(id)
            key("siteId")
            string(siteId)
            key("type")
            raw("\"handedOff\"")
        case .adopted(let entry):
            key("entry", first: true)
            compact(entry)
            key("type")
            raw("\"adopted\"")
        case .resolved(let intentIds):
            key("intentIds", first: true)
            compactStringArray(intentIds)
            key("type")
            raw("\"resolved\"")
        }
        raw("}")
    }
}
