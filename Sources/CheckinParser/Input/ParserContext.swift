public import Foundation
public import OKRModel

/// Something a reply can report a value for: a key result or a KPI.
public struct Target: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case increase, decrease, threshold
        case milestone([String])
        /// A KPI, checked in like a key result but reported separately.
        case kpi
    }

    public var key: String
    public var title: String
    public var kind: Kind
    public var unit: MetricUnit
    public var owner: String?
    /// The value that means done (target, or the number of milestones); `done` reports it.
    public var goal: Double?
    /// The latest value reported so far, for `+5` and "no change"; nil before the first check-in.
    public var lastValue: Double?
    /// Where the key result started (milestones: 0), for plausibility and `+5` before any check-in.
    public var baseline: Double?
    /// The title of the objective it belongs to, so "Reseller channel: 3 of 5" can find it.
    public var group: String?

    public init(key: String, title: String, kind: Kind, unit: MetricUnit, owner: String? = nil, goal: Double? = nil, lastValue: Double? = nil,
                baseline: Double? = nil, group: String? = nil) {
        self.key = key
        self.title = title
        self.kind = kind
        self.unit = unit
        self.owner = owner
        self.goal = goal
        self.lastValue = lastValue
        self.baseline = baseline
        self.group = group
    }

    /// The value a relative update starts from: the last one reported, else the baseline.
    public var startingValue: Double? { lastValue ?? baseline ?? (isMilestone ? 0 : nil) }

    /// What it measures only adds up over the quarter: things won or signed (a count to increase)
    /// and money generated from nothing (revenue, pipeline built from a baseline of 0). A lower value
    /// than last week's is asked back unless the reply says it went down.
    public var accumulates: Bool {
        guard kind == .increase else { return false }
        switch unit {
        case .count: return true
        case .currency: return baseline == 0
        default: return false
        }
    }

    public var isMilestone: Bool { if case .milestone = kind { return true } else { return false } }

    public var milestoneCount: Int? { if case .milestone(let names) = kind { return names.count } else { return nil } }

    public var isKPI: Bool { if case .kpi = kind { return true } else { return false } }
}

/// A person a reply may mention, with their chat handles on every platform.
public struct KnownPerson: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Platform name (`slack`, `discord`, ...) to handle (`U02MARIA`, `80351110224678912`, ...).
    public var handles: [String: String]

    public init(id: String, name: String, handles: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.handles = handles
    }
}

/// An action item that is still open, so `done AI-12` and `- [x] text` can close it.
public struct OpenAction: Sendable, Hashable {
    public var id: Int64
    public var owner: String
    public var text: String
    public var target: String?

    public init(id: Int64, owner: String, text: String, target: String? = nil) {
        self.id = id
        self.owner = owner
        self.text = text
        self.target = target
    }
}

/// A blocker that is still open, so "blocker gone" and "legal signed off" can clear it.
public struct OpenBlocker: Sendable, Hashable {
    public var id: Int64
    public var target: String?
    public var author: String
    public var text: String

    public init(id: Int64, target: String?, author: String, text: String) {
        self.id = id
        self.target = target
        self.author = author
        self.text = text
    }
}

/// What okrd asked this person last and has not had an answer to: `yes` records the proposal, a
/// bare value answers it for its key result.
public struct PendingQuestion: Sendable, Hashable {
    public var target: String?
    public var proposal: Clarification.Proposal?

    public init(target: String?, proposal: Clarification.Proposal?) {
        self.target = target
        self.proposal = proposal
    }
}

/// Everything the parser needs to understand one person's replies.
public struct ParserContext: Sendable {
    /// The person id of the author.
    public var author: String
    /// The author's time zone: dates like "Friday" resolve in it.
    public var timeZone: TimeZone
    /// What the author may update, in the order the prompt numbered them (#1, #2, ...): their own
    /// key results first, then their teams'. KPIs may follow.
    public var targets: [Target]
    /// Known targets the author may not update, to explain a refusal instead of "unknown".
    public var otherTargets: [Target]
    public var people: [KnownPerson]
    /// Open action items the author may close (their own, ones they created, their reports', their
    /// team's when they lead it): `done AI-12` for others is checked by the caller, which knows every item.
    public var openActions: [OpenAction]
    public var openBlockers: [OpenBlocker]
    public var pending: PendingQuestion?
    /// The quarter is over: a key result named with only words after it ("KEY - what we learned")
    /// is a reflection, recorded with the value it ended at, not a statement missing its value.
    public var reflecting: Bool

    public init(author: String, timeZone: TimeZone, targets: [Target], otherTargets: [Target] = [], people: [KnownPerson] = [], openActions: [OpenAction] = [],
                openBlockers: [OpenBlocker] = [], pending: PendingQuestion? = nil, reflecting: Bool = false) {
        self.author = author
        self.timeZone = timeZone
        self.targets = targets
        self.otherTargets = otherTargets
        self.people = people
        self.openActions = openActions
        self.openBlockers = openBlockers
        self.pending = pending
        self.reflecting = reflecting
    }
}

/// Which chat platform's markup the text is in.
public enum Markup: String, Sendable, Hashable, CaseIterable {
    /// Plain text (CLI, generic webhook, check-in page).
    case plain
    /// Slack mrkdwn: `<@U123>`, `<mailto:..|..>`, `&amp;`, `*bold*`.
    case slack
    /// Mattermost markdown: `@name`, `**bold**`.
    case mattermost
    /// Discord markdown: `<@123>`, `<@!123>`, `**bold**`.
    case discord
    /// Microsoft Teams HTML: `<at>Name</at>`, `<p>`, entities.
    case teams
    /// Matrix: `formatted_body` HTML or the plain `body` with `> ` reply fallbacks.
    case matrixHTML
    case matrix
    case googlechat

    /// The platform name used in people's handles.
    var handlePlatform: String? {
        switch self {
        case .slack: "slack"
        case .mattermost: "mattermost"
        case .discord: "discord"
        case .teams: "teams"
        case .matrixHTML, .matrix: "matrix"
        case .googlechat: "googlechat"
        case .plain: nil
        }
    }
}
