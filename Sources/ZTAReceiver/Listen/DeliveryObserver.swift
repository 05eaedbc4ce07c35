import Foundation
import ZTAHooksCore

/// Told of every request `listen` answers, once its answer is decided and before it is sent:
/// the seam for anything that shows deliveries (the output lines, an inspector).
public protocol DeliveryObserver: Sendable {
    func delivered(_ record: DeliveryRecord) async
}

/// `listen`'s output: one line per delivery, text or JSON, written whole even when deliveries
/// arrive together.
public final class DeliveryLinePrinter: DeliveryObserver, @unchecked Sendable {
    private let json: Bool
    private let style: Style
    private let printBody: Bool
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var duplicateCount = 0

    /// Deliveries answered as duplicates so far (not passed on).
    public var duplicates: Int { lock.withLock { duplicateCount } }

    public init(json: Bool, style: Style, printBody: Bool, write: @escaping @Sendable (String) -> Void) {
        self.json = json
        self.style = style
        self.printBody = printBody
        self.write = write
    }

    public func delivered(_ record: DeliveryRecord) async {
        let line = json ? record.jsonLine(printBody: printBody) : record.textLine(style: style, printBody: printBody)
        lock.withLock {
            if record.duplicateOf != nil { duplicateCount += 1 }
            write(line)
        }
    }
}
