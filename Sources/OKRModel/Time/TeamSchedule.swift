public import Foundation

/// A team's weekly rhythm, in the team's time zone.
public struct TeamSchedule: Sendable, Hashable {
    /// The weekly check-in prompt.
    public var prompt: ScheduleSpec?
    /// A reminder to those who have not answered the prompt yet.
    public var reminder: ScheduleSpec?
    /// The weekly digest for the team and its lead.
    public var digest: ScheduleSpec?

    public init(
        prompt: ScheduleSpec? = .weekly(.monday, hour: 9, minute: 30),
        reminder: ScheduleSpec? = .weekly(.wednesday, hour: 9, minute: 30),
        digest: ScheduleSpec? = .weekly(.friday, hour: 16, minute: 0)
    ) {
        self.prompt = prompt
        self.reminder = reminder
        self.digest = digest
    }
}

/// A daily window, in local time, during which okrd holds messages back (e.g. `19:00-08:00`).
public struct QuietHours: Sendable, Hashable, CustomStringConvertible {
    public var startMinute: Int
    public var endMinute: Int

    public init(startMinute: Int, endMinute: Int) {
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Parses `HH:MM-HH:MM`; the window may wrap past midnight.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end else { return nil }
        self.init(startMinute: start, endMinute: end)
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        return h * 60 + m
    }

    /// Whether the local time of `instant` in `timeZone` falls inside the window.
    public func contains(_ instant: Date, in timeZone: TimeZone) -> Bool {
        let time = WallClock.time(of: instant, in: timeZone)
        let minute = time.hour * 60 + time.minute
        if startMinute < endMinute { return minute >= startMinute && minute < endMinute }
        return minute >= startMinute || minute < endMinute
    }

    /// The first instant at or after `instant` that is outside the window.
    public func end(after instant: Date, in timeZone: TimeZone) -> Date {
        guard contains(instant, in: timeZone) else { return instant }
        var day = LocalDate(instant, in: timeZone)
        let time = WallClock.time(of: instant, in: timeZone)
        if startMinute > endMinute, time.hour * 60 + time.minute >= startMinute { day = day.adding(days: 1) }
        return WallClock.instant(day: day, hour: endMinute / 60, minute: endMinute % 60, in: timeZone)
    }

    public var description: String {
        String(format: "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60)
    }
}
