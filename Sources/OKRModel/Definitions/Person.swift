public import Foundation

/// A chat platform okrd can talk to. `console` and `webhook` have no people handles.
public enum Platform: String, Sendable, Hashable, Codable, CaseIterable {
    case slack, teams, discord, mattermost, googlechat, matrix, webhook, console
}

/// A day of the week, spelt `mon` ... `sun` in the configuration.
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public init?(abbreviation: String) {
        switch abbreviation.lowercased().prefix(3) {
        case "mon": self = .monday
        case "tue": self = .tuesday
        case "wed": self = .wednesday
        case "thu": self = .thursday
        case "fri": self = .friday
        case "sat": self = .saturday
        case "sun": self = .sunday
        default: return nil
        }
    }

    public var abbreviation: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1]
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let workweek: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
}

/// Someone who owns key results and answers check-ins.
public struct Person: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var timeZone: TimeZone
    public var workdays: Set<Weekday>
    public var manager: String?
    public var handles: [Platform: String]
    /// Days off: no prompts, no reminders, not counted toward staleness.
    public var holidays: Set<LocalDate>
    /// Planned absences from the configuration, as inclusive day ranges.
    public var away: [ClosedRange<LocalDate>]
    public var location: SourceLocation

    public init(
        id: String,
        name: String,
        timeZone: TimeZone,
        workdays: Set<Weekday> = Weekday.workweek,
        manager: String? = nil,
        handles: [Platform: String] = [:],
        holidays: Set<LocalDate> = [],
        away: [ClosedRange<LocalDate>] = [],
        location: SourceLocation = .unknown
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.workdays = workdays
        self.manager = manager
        self.handles = handles
        self.holidays = holidays
        self.away = away
        self.location = location
    }

    /// Whether `day` is a working day for this person (a workday, not a holiday, not away).
    public func works(on day: LocalDate, extraAway: [ClosedRange<LocalDate>] = []) -> Bool {
        guard let weekday = Weekday(rawValue: day.isoWeekday), workdays.contains(weekday) else { return false }
        if holidays.contains(day) { return false }
        return !(away + extraAway).contains { $0.contains(day) }
    }

    /// The instants this person is away (holidays and absences), as intervals in their time zone.
    public func awayIntervals(extra: [ClosedRange<LocalDate>] = []) -> [DateInterval] {
        let ranges = away + extra + holidays.map { $0...$0 }
        return ranges.map { range in
            DateInterval(start: range.lowerBound.startOfDay(in: timeZone), end: range.upperBound.adding(days: 1).startOfDay(in: timeZone))
        }
    }
}

/// A group of people who share objectives, a channel and a weekly rhythm.
public struct Team: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var members: [String]
    public var lead: String?
    public var destination: String
    public var escalation: String?
    public var timeZone: TimeZone
    public var schedule: TeamSchedule
    public var location: SourceLocation

    public init(
        id: String,
        name: String,
        members: [String],
        lead: String?,
        destination: String,
        escalation: String? = nil,
        timeZone: TimeZone,
        schedule: TeamSchedule = TeamSchedule(),
        location: SourceLocation = .unknown
    ) {
        self.id = id
        self.name = name
        self.members = members
        self.lead = lead
        self.destination = destination
        self.escalation = escalation
        self.timeZone = timeZone
        self.schedule = schedule
        self.location = location
    }
}
