/// Webhooks in creation order with changes applied by id: a snapshot, then its log's entries.
///
/// A `put` of a known id changes it in place, so the order stays the order of creation.
struct SimReplay {
    private var slots: [SimWebhook?] = []
    private var slotOfID: [String: Int] = [:]

    init(_ webhooks: [SimWebhook]) {
        for webhook in webhooks { apply(.put(webhook)) }
    }

    mutating func apply(_ entry: SimLogEntry) {
        switch entry {
        case .put(let webhook):
            if let slot = slotOfID[webhook.id] {
                slots[slot] = webhook
            } else {
                slotOfID[webhook.id] = slots.count
                slots.append(webhook)
            }
        case .delete(let id):
            if let slot = slotOfID.removeValue(forKey: id) { slots[slot] = nil }
        }
    }

    var webhooks: [SimWebhook] { slots.compactMap { $0 } }
}
