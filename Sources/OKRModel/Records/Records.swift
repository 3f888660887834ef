public import Foundation

/// A check-in as stored, with where it came from.
public struct StoredCheckIn: Sendable, Hashable {
    public var id: Int64
    public var checkIn: CheckIn
    /// `cli`, `slack`, `matrix`, `page`, `demo`, ...
    public var source: String
    public var replyID: Int64?
    public var line: Int?

    public init(id: Int64, checkIn: CheckIn, source: String, replyID: Int64?, line: Int?) {
        self.id = id
        self.checkIn = checkIn
        self.source = source
        self.replyID = replyID
        self.line = line
    }
}

/// A KPI value reported in a reply.
public struct KPICheckIn: Sendable, Hashable {
    public var kpi: String
    public var author: String
    public var at: Date
    public var value: Double
    public var comment: String?

    public init(kpi: String, author: String, at: Date, value: Double, comment: String? = nil) {
        self.kpi = kpi
        self.author = author
        self.at = at
        self.value = value
        self.comment = comment
    }
}

/// Something in someone's way, attached to a key result when one was named.
public struct Blocker: Sendable, Hashable {
    public var id: Int64
    public var keyResult: String?
    public var author: String
    public var text: String
    public var at: Date
    public var resolvedAt: Date?
    public var line: Int?

    public init(id: Int64 = 0, keyResult: String?, author: String, text: String, at: Date, resolvedAt: Date? = nil, line: Int? = nil) {
        self.id = id
        self.keyResult = keyResult
        self.author = author
        self.text = text
        self.at = at
        self.resolvedAt = resolvedAt
        self.line = line
    }
}

/// A task someone committed to, with an owner and maybe a due date. Shown to people as `AI-<id>`.
public struct ActionItem: Sendable, Hashable {
    public var id: Int64
    public var owner: String
    public var author: String
    public var text: String
    public var due: LocalDate?
    public var keyResult: String?
    public var createdAt: Date
    public var doneAt: Date?
    public var line: Int?

    public init(id: Int64 = 0, owner: String, author: String, text: String, due: LocalDate?, keyResult: String?, createdAt: Date, doneAt: Date? = nil, line: Int? = nil) {
        self.id = id
        self.owner = owner
        self.author = author
        self.text = text
        self.due = due
        self.keyResult = keyResult
        self.createdAt = createdAt
        self.doneAt = doneAt
        self.line = line
    }

    public var reference: String { "AI-\(id)" }
}

/// A span of days someone is away (`ooo until DATE` from chat).
public struct AwayRecord: Sendable, Hashable {
    public var person: String
    public var from: LocalDate
    public var until: LocalDate
    public var source: String

    public init(person: String, from: LocalDate, until: LocalDate, source: String) {
        self.person = person
        self.from = from
        self.until = until
        self.source = source
    }
}

/// One answer someone sent, kept for deduplication of redelivered requests and for `undo`.
public struct Reply: Sendable, Hashable {
    public var id: Int64
    /// The platform's id for this delivery (Slack event id, Matrix event id, webhook-id); unique.
    public var deliveryID: String?
    public var author: String
    public var platform: String
    public var receivedAt: Date
    public var text: String
    public var undoneAt: Date?

    public init(id: Int64 = 0, deliveryID: String?, author: String, platform: String, receivedAt: Date, text: String, undoneAt: Date? = nil) {
        self.id = id
        self.deliveryID = deliveryID
        self.author = author
        self.platform = platform
        self.receivedAt = receivedAt
        self.text = text
        self.undoneAt = undoneAt
    }
}

/// Where a key result stands on the escalation ladder, persisted between evaluations.
public struct EscalationState: Sendable, Hashable {
    public var keyResult: String
    /// What the ladder remembers: level (0 none, 1 reminder, 2 at-risk alert, 3 escalation), since
    /// when, the last alert and its fingerprint, cycles at level 2, snooze, acknowledgement and why.
    public var memory: EscalationPolicy.Memory
    /// Who acknowledged it (the ladder itself only needs when).
    public var ackedBy: String?

    public init(keyResult: String, memory: EscalationPolicy.Memory = EscalationPolicy.Memory(), ackedBy: String? = nil) {
        self.keyResult = keyResult
        self.memory = memory
        self.ackedBy = ackedBy
    }
}

/// One occurrence of a team's schedule (prompt, reminder, digest...), claimed before it is acted on.
public struct Firing: Sendable, Hashable {
    public var team: String
    public var kind: String
    /// The occurrence's stable key, e.g. `2026-11-23T09:30`.
    public var occurrence: String
    public var dueAt: Date
    public var firedAt: Date
    /// `fired`, or `skipped` when it was missed beyond the catch-up window.
    public var outcome: String

    public init(team: String, kind: String, occurrence: String, dueAt: Date, firedAt: Date, outcome: String = "fired") {
        self.team = team
        self.kind = kind
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.firedAt = firedAt
        self.outcome = outcome
    }
}
