/// One line of `ztahooks doctor`: what was checked, how it stands, and how to fix it.
public struct DoctorCheck: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, Comparable {
        case ok, warn, fail

        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .ok ? 0 : self == .warn ? 1 : 2 }
    }

    /// A stable name for scripts: `project-file`, `site-files`, `api`, `site-access`, `clock`,
    /// `secrets-file`, `secrets`, `key`, `git`, `contract`.
    public var check: String
    public var status: Status
    /// What was found, in one sentence; never a secret or the token.
    public var message: String
    /// What to do, when something is to be done.
    public var fix: String?

    public init(_ check: String, _ status: Status, _ message: String, fix: String? = nil) {
        self.check = check
        self.status = status
        self.message = message
        self.fix = fix
    }

    private enum CodingKeys: String, CodingKey {
        case check, status, message, fix
    }

    /// Every key always present (`fix` null when there is none): scripts see one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(check, forKey: .check)
        try c.encode(status, forKey: .status)
        try c.encode(message, forKey: .message)
        try c.encode(fix, forKey: .fix)
    }

    /// The words a person reads in the check's column: "site access", "secrets file".
    public var title: String { check.replacingOccurrences(of: "-", with: " ") }
}

/// Every check of one `doctor` run, in order.
public struct DoctorReport: Hashable, Sendable {
    public var checks: [DoctorCheck]

    public init(checks: [DoctorCheck]) {
        self.checks = checks
    }

    public func count(_ status: DoctorCheck.Status) -> Int { checks.count { $0.status == status } }

    /// Whether anything failed: doctor then exits 1.
    public var failed: Bool { checks.contains { $0.status == .fail } }
}
