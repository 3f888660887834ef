public import Foundation

/// The days a person works, in their own time zone: what decides when okrd mentions them and which
/// time counts toward a key result going stale.
public struct WorkWeek: Sendable, Hashable {
    public var workdays: Set<Weekday>
    public var timeZone: TimeZone

    public init(workdays: Set<Weekday>, timeZone: TimeZone) {
        self.workdays = workdays.isEmpty ? Weekday.workweek : workdays
        self.timeZone = timeZone
    }

    /// The share of a week that is work days (5/7 for Monday to Friday).
    public var share: Double { Double(workdays.count) / 7 }

    public func isWorkday(_ day: LocalDate) -> Bool {
        Weekday(rawValue: day.isoWeekday).map(workdays.contains) ?? false
    }

    /// The days off (whole local days that are not work days) that overlap `start..<end`.
    public func daysOff(from start: Date, to end: Date) -> [DateInterval] {
        guard end > start, workdays.count < 7 else { return [] }
        var intervals: [DateInterval] = []
        var day = LocalDate(start, in: timeZone)
        let last = LocalDate(end, in: timeZone)
        while day <= last {
            if !isWorkday(day) {
                let from = day.startOfDay(in: timeZone)
                let until = day.adding(days: 1).startOfDay(in: timeZone)
                if let current = intervals.last, current.end >= from {
                    intervals[intervals.count - 1] = DateInterval(start: current.start, end: until)
                } else {
                    intervals.append(DateInterval(start: from, end: until))
                }
            }
            day = day.adding(days: 1)
        }
        return intervals
    }
}

extension Person {
    public var workWeek: WorkWeek { WorkWeek(workdays: workdays, timeZone: timeZone) }
}
