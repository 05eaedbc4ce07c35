/// The deliveries `listen --inspect` shows: the last `keep` in memory, numbered from 1, and never
/// more than `maxBodyBytes` of bodies in all (the oldest let theirs go first), so that a flood of
/// large deliveries cannot grow listen without bound. Told of each delivery as a `DeliveryObserver`.
public actor DeliveryInspector: DeliveryObserver {
    public struct Entry: Sendable {
        public var seq: Int
        public var record: DeliveryRecord
        /// The body was let go to keep memory bounded: the row stays, it cannot be replayed.
        public var bodyDropped = false
    }

    public let keep: Int
    public let maxBodyBytes: Int
    private var entries: [Entry] = []
    /// Index of the oldest entry in `entries` once it is full (a ring).
    private var head = 0
    private var bodyBytes = 0
    private var nextSeq = 1

    public init(keep: Int = 500, maxBodyBytes: Int = 64 << 20) {
        self.keep = max(keep, 1)
        self.maxBodyBytes = maxBodyBytes
        entries.reserveCapacity(min(self.keep, 4096))
    }

    public func delivered(_ record: DeliveryRecord) async {
        add(record)
    }

    /// Keeps a delivery; returns its number.
    @discardableResult
    public func add(_ record: DeliveryRecord) -> Int {
        let entry = Entry(seq: nextSeq, record: record)
        nextSeq += 1
        bodyBytes += record.body?.count ?? 0
        if entries.count < keep {
            entries.append(entry)
        } else {
            bodyBytes -= entries[head].record.body?.count ?? 0
            entries[head] = entry
            head = (head + 1) % keep
        }
        // Over the byte budget: the oldest bodies go (their rows stay); the newest is always kept.
        var offset = 0
        while bodyBytes > maxBodyBytes, offset < entries.count - 1 {
            let index = (head + offset) % entries.count
            if let body = entries[index].record.body, !body.isEmpty {
                bodyBytes -= body.count
                entries[index].record.body = nil
                entries[index].bodyDropped = true
            }
            offset += 1
        }
        return entry.seq
    }

    /// Oldest first.
    private var ordered: [Entry] {
        entries.count < keep ? entries : Array(entries[head...] + entries[..<head])
    }

    /// Newest first.
    public var newestFirst: [Entry] { ordered.reversed() }

    public func entry(seq: Int) -> Entry? {
        entries.first { $0.seq == seq }
    }

    /// Entries after `seq`, oldest first.
    public func after(seq: Int) -> [Entry] {
        ordered.filter { $0.seq > seq }
    }

    public var lastSeq: Int { nextSeq - 1 }

    /// The newest replay of `seq` kept, if any.
    public func newestReplay(of seq: Int) -> Entry? {
        ordered.last { $0.record.replayOf == seq }
    }
}
