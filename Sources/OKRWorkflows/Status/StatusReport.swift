public import Foundation
public import OKRModel

/// `okrd status`: progress against expected per objective and key result at one instant.
public struct StatusReport: Sendable {
    public var asOf: Date
    public var period: Period
    public var elapsed: Double
    public var objectives: [ObjectiveReport]
    public var escalation: [String: EscalationLevelInfo]
    public var timeZone: TimeZone

    public init(snapshot: Snapshot, team: String?) {
        asOf = snapshot.at
        period = snapshot.organization.period
        elapsed = period.elapsedFraction(at: snapshot.at)
        objectives = snapshot.objectiveReports(team: team)
        timeZone = team.flatMap { snapshot.organization.team($0)?.timeZone } ?? period.timeZone
        var levels: [String: EscalationLevelInfo] = [:]
        for (key, state) in snapshot.escalation where state.memory.level > 0 {
            levels[key] = EscalationLevelInfo(level: state.memory.level, since: state.memory.since, reason: state.memory.reason)
        }
        escalation = levels
    }
}

/// Where a key result stands on the escalation ladder, for `okrd status`.
public struct EscalationLevelInfo: Sendable, Hashable {
    public var level: Int
    public var since: Date?
    public var reason: String?
}
