public import Foundation
public import OKRModel

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
    /// 0 none, 1 reminder to owner, 2 at-risk alert to the team, 3 escalation to the manager.
    public var level: Int
    /// When it reached the current level.
    public var since: Date?
    public var lastAlertAt: Date?
    /// A fingerprint of what the last alert said (level, status, flags): a change means a new alert.
    public var lastFingerprint: String?
    /// Check-in cycles (prompts) spent at level 2.
    public var cyclesAtLevel: Int
    public var snoozedUntil: Date?
    public var ackedAt: Date?
    public var ackedBy: String?
    public var lastStatus: String?

    public init(keyResult: String, level: Int = 0, since: Date? = nil, lastAlertAt: Date? = nil, lastFingerprint: String? = nil,
                cyclesAtLevel: Int = 0, snoozedUntil: Date? = nil, ackedAt: Date? = nil, ackedBy: String? = nil, lastStatus: String? = nil) {
        self.keyResult = keyResult
        self.level = level
        self.since = since
        self.lastAlertAt = lastAlertAt
        self.lastFingerprint = lastFingerprint
        self.cyclesAtLevel = cyclesAtLevel
        self.snoozedUntil = snoozedUntil
        self.ackedAt = ackedAt
        self.ackedBy = ackedBy
        self.lastStatus = lastStatus
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
