public import OKRModel

/// A self-reported status word: `on track`, `at risk`, `off track`, `blocked`.
public enum StatusWord: String, Sendable, Hashable {
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case offTrack = "off_track"
    case blocked
}

/// A new value (with confidence, status and comment) for one key result or KPI, which the parser
/// is sure of. A check-in always has a value: what only names a key result is asked back.
public struct ParsedCheckIn: Sendable, Hashable {
    public var target: String
    /// In the target's unit: currency as an amount, percent as 45, milestones as the count done.
    public var value: Double
    public var confidence: Int?
    public var status: StatusWord?
    public var comment: String?
    public var line: Int
    /// Whether the target is a KPI rather than a key result.
    public var isKPI: Bool
    /// How the value was written, for the confirmation: `+2` records 5 from 3.
    public var relative: Double?

    public init(target: String, value: Double, confidence: Int? = nil, status: StatusWord? = nil, comment: String? = nil, line: Int, isKPI: Bool = false, relative: Double? = nil) {
        self.target = target
        self.value = value
        self.confidence = confidence
        self.status = status
        self.comment = comment
        self.line = line
        self.isKPI = isKPI
        self.relative = relative
    }
}

public struct ParsedBlocker: Sendable, Hashable {
    public var target: String?
    public var text: String
    public var line: Int

    public init(target: String?, text: String, line: Int) {
        self.target = target
        self.text = text
        self.line = line
    }
}

/// "unblocked", "blocker resolved": the open blockers of a key result (or of the author, when
/// none is named) are marked resolved.
public struct ResolvedBlocker: Sendable, Hashable {
    public var target: String?
    public var line: Int

    public init(target: String?, line: Int) {
        self.target = target
        self.line = line
    }
}

public struct ParsedAction: Sendable, Hashable {
    public var owner: String
    public var text: String
    public var due: LocalDate?
    public var target: String?
    public var line: Int

    public init(owner: String, text: String, due: LocalDate?, target: String?, line: Int) {
        self.owner = owner
        self.text = text
        self.due = due
        self.target = target
        self.line = line
    }
}

public struct ParsedCommand: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case snooze, ack, ooo, help, undo, done
        /// `yes`, `y`, 👍: record what okrd proposed in its last question.
        case confirm
        /// `no`: drop okrd's last question without recording anything.
        case decline
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

/// Something the parser is not sure of, asked back instead of recorded: "‘win rate 0.31’ is far
/// below the 25-40 % range: did you mean 31 %?". A line with a clarification records nothing for
/// that statement.
public struct Clarification: Sendable, Hashable {
    /// What okrd offers to record when the person answers yes (stored as is with the open question).
    public typealias Proposal = OpenQuestion.Proposal

    public var line: Int
    public var question: String
    public var proposal: Proposal?
    /// Further proposals the same "yes" records ("28 / 8.1 / 10" proposed as three key results in
    /// the prompt's order: one question, three values).
    public var alsoProposed: [Proposal]
    /// The key result or KPI the question is about, when known.
    public var target: String?

    public init(line: Int, question: String, proposal: Proposal? = nil, alsoProposed: [Proposal] = [], target: String? = nil) {
        self.line = line
        self.question = question
        self.proposal = proposal
        self.alsoProposed = alsoProposed
        self.target = target
    }

    /// Everything a "yes" to this question records.
    public var proposals: [Proposal] { (proposal.map { [$0] } ?? []) + alsoProposed }
}

public struct ParseError: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Everything understood in one reply: what the parser is sure of (recorded), what it asks back,
/// and a precise error for each part it did not understand.
public struct ParseResult: Sendable, Hashable {
    public var checkIns: [ParsedCheckIn] = []
    public var blockers: [ParsedBlocker] = []
    public var resolvedBlockers: [ResolvedBlocker] = []
    public var actions: [ParsedAction] = []
    public var commands: [ParsedCommand] = []
    public var clarifications: [Clarification] = []
    public var errors: [ParseError] = []

    public init() {}

    public var isEmpty: Bool {
        checkIns.isEmpty && blockers.isEmpty && resolvedBlockers.isEmpty && actions.isEmpty && commands.isEmpty && clarifications.isEmpty && errors.isEmpty
    }

    /// Whether the reply says anything okrd acts on or asks about (chatter and questions do not).
    public var saysSomething: Bool {
        !checkIns.isEmpty || !blockers.isEmpty || !resolvedBlockers.isEmpty || !actions.isEmpty || !commands.isEmpty || !clarifications.isEmpty
    }
}
