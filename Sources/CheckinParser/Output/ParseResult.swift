public import OKRModel

/// A self-reported status word: `on track`, `at risk`, `off track`, `blocked`.
public enum StatusWord: String, Sendable, Hashable {
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case offTrack = "off_track"
    case blocked
}

/// A new value (and/or confidence, status, comment) for one key result or KPI.
public struct ParsedCheckIn: Sendable, Hashable {
    public var target: String
    /// In the target's unit: currency as an amount, percent as 45, milestones as the count done.
    /// Nil when the line only reported confidence, a status word or a comment.
    public var value: Double?
    public var confidence: Int?
    public var status: StatusWord?
    public var comment: String?
    public var line: Int
    /// Whether the target is a KPI rather than a key result.
    public var isKPI: Bool
}

public struct ParsedBlocker: Sendable, Hashable {
    public var target: String?
    public var text: String
    public var line: Int
}

public struct ParsedAction: Sendable, Hashable {
    public var owner: String
    public var text: String
    public var due: LocalDate?
    public var target: String?
    public var line: Int
}

public struct ParsedCommand: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case snooze, ack, ooo, help, undo, done
    }

    public var kind: Kind
    public var target: String?
    /// Ooo: the first day away, when it is not today.
    public var from: LocalDate?
    /// Snooze: the last day of the snooze; ooo: the last day away.
    public var until: LocalDate?
    /// `done AI-12`: the action item closed.
    public var action: Int64?
    public var line: Int

    public init(kind: Kind, target: String? = nil, from: LocalDate? = nil, until: LocalDate? = nil, action: Int64? = nil, line: Int) {
        self.kind = kind
        self.target = target
        self.from = from
        self.until = until
        self.action = action
        self.line = line
    }
}

public struct ParseError: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
}

/// Everything understood in one reply, and a precise error for each line that was not.
public struct ParseResult: Sendable, Hashable {
    public var checkIns: [ParsedCheckIn] = []
    public var blockers: [ParsedBlocker] = []
    public var actions: [ParsedAction] = []
    public var commands: [ParsedCommand] = []
    public var errors: [ParseError] = []

    public init() {}

    public var isEmpty: Bool {
        checkIns.isEmpty && blockers.isEmpty && actions.isEmpty && commands.isEmpty && errors.isEmpty
    }
}
