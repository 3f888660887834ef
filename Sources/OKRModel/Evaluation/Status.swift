import Foundation

/// Where a key result or objective stands against the pace of the period.
public enum Status: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case complete
    case onTrack = "on_track"
    case noData = "no_data"
    case atRisk = "at_risk"
    case inTrouble = "in_trouble"

    /// Severity order: complete < on track < no data < at risk < in trouble.
    public var severity: Int {
        switch self {
        case .complete: 0
        case .onTrack: 1
        case .noData: 2
        case .atRisk: 3
        case .inTrouble: 4
        }
    }

    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.severity < rhs.severity }

    /// Words for people: "on track", "at risk".
    public var label: String {
        switch self {
        case .complete: "complete"
        case .onTrack: "on track"
        case .noData: "no data"
        case .atRisk: "at risk"
        case .inTrouble: "in trouble"
        }
    }

    public var description: String { label }

    /// A coloured marker for chat: 🟢 🟡 🔴 ✅ ⚪.
    public var emoji: String {
        switch self {
        case .complete: "✅"
        case .onTrack: "🟢"
        case .noData: "⚪"
        case .atRisk: "🟡"
        case .inTrouble: "🔴"
        }
    }
}

/// What a person said about their own key result, beyond the numbers.
public enum ReportedStatus: String, Sendable, Hashable, Codable {
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case offTrack = "off_track"
    case blocked

    /// The status this report caps the computed one at, if it is worse.
    public var floor: Status? {
        switch self {
        case .onTrack: nil
        case .atRisk, .blocked: .atRisk
        case .offTrack: .inTrouble
        }
    }
}

/// A marker a key result can carry in `okrd status` and in messages.
public enum Flag: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case sandbagging
    case stale
    case noMovement = "no_movement"
    case confidenceDrop = "confidence_drop"
    case blocked
    case snoozed
    case ownerAway = "owner_away"

    public static func < (lhs: Flag, rhs: Flag) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
