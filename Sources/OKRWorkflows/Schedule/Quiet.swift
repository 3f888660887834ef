public import Foundation
public import OKRModel

/// When a message to a team may go out: not in the quiet hours of the team's time zone, and not on
/// a day none of its members works (if weekends are respected). Held messages wait; they are not
/// dropped.
public struct Quiet: Sendable {
    public let quietHours: QuietHours?
    public let respectWeekends: Bool
    public let organization: Organization

    public init(config: OKRConfig) {
        quietHours = config.escalation.quietHours
        respectWeekends = config.escalation.respectWeekends
        organization = config.organization
    }

    /// The first instant at or after `instant` when the team may be messaged.
    public func release(_ instant: Date, team: Team) -> Date {
        var candidate = instant
        let workdays = teamWorkdays(team)
        for _ in 0..<14 {
            if let quietHours, quietHours.contains(candidate, in: team.timeZone) {
                candidate = quietHours.end(after: candidate, in: team.timeZone)
                continue
            }
            let day = LocalDate(candidate, in: team.timeZone)
            if respectWeekends, let weekday = Weekday(rawValue: day.isoWeekday), !workdays.contains(weekday) {
                let next = day.adding(days: 1)
                let start = quietHours.map { $0.endMinute } ?? 9 * 60
                candidate = WallClock.instant(day: next, hour: start / 60, minute: start % 60, in: team.timeZone)
                continue
            }
            return candidate
        }
        return candidate
    }

    /// Days at least one member works.
    public func teamWorkdays(_ team: Team) -> Set<Weekday> {
        let days = team.members.compactMap { organization.person($0)?.workdays }.reduce(into: Set<Weekday>()) { $0.formUnion($1) }
        return days.isEmpty ? Weekday.workweek : days
    }
}

extension OKRConfig {
    /// Whether several okrd processes may share the store (PostgreSQL).
    public var isReplicated: Bool {
        if case .postgres = storage { return true }
        return false
    }
}
