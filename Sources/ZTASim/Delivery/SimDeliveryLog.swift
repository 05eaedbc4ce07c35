/// Finished deliveries, oldest first, the most recent `capacity` only, so that an emulator left
/// running under a steady stream of events keeps a bounded memory.
struct SimDeliveryLog {
    /// Records kept; older ones are forgotten.
    static let defaultCapacity = 10_000

    let capacity: Int
    /// A ring: once full, `next` is both where the newest record goes and where the oldest sits.
    private var storage: [SimDeliveryRecord] = []
    private var next = 0

    init(capacity: Int = Self.defaultCapacity) {
        self.capacity = max(capacity, 1)
    }

    mutating func append(_ record: SimDeliveryRecord) {
        if storage.count < capacity {
            storage.append(record)
        } else {
            storage[next] = record
            next = (next + 1) % capacity
        }
    }

    /// Oldest first.
    var records: [SimDeliveryRecord] {
        Array(storage[next...] + storage[..<next])
    }

    /// Records of one webhook or one site (or both, or neither), oldest first.
    func records(webhookId: String?, siteId: String?) -> [SimDeliveryRecord] {
        records.filter { record in
            (webhookId.map { $0 == record.webhookId } ?? true) && (siteId.map { $0 == record.siteId } ?? true)
        }
    }

    mutating func removeAll() {
        storage = []
        next = 0
    }
}
