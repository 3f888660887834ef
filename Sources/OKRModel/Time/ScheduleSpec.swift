public import Foundation

/// When something recurs, in local wall-clock time: `mon 09:30`, `mon,thu 16:00`, `weekdays 08:45`,
/// `daily 09:00`, or a 5-field cron expression (`30 9 * * 1`).
///
/// Occurrences are computed in a time zone with these DST rules: a local time that does not exist
/// (spring forward) fires at the first instant after the gap; one that exists twice (fall back)
/// fires once, at its first occurrence.
public struct ScheduleSpec: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let rule: Cron

    /// One firing of a schedule: the instant and the local wall time it stands for.
    public struct Occurrence: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var instant: Date
        public var day: LocalDate
        public var hour: Int
        public var minute: Int

        public init(instant: Date, day: LocalDate, hour: Int, minute: Int) {
            self.instant = instant
            self.day = day
            self.hour = hour
            self.minute = minute
        }

        /// A stable name for this occurrence, e.g. `2026-11-23T09:30`, used to claim it once.
        public var key: String { "\(day)T" + String(format: "%02d:%02d", hour, minute) }
        public var description: String { key }

        public static func < (lhs: Occurrence, rhs: Occurrence) -> Bool {
            (lhs.instant, lhs.key) < (rhs.instant, rhs.key)
        }
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(parsing text: String) throws(ParseError) {
        self.text = text.trimmingCharacters(in: .whitespaces)
        let fields = self.text.split(whereSeparator: \.isWhitespace).map(String.init)
        if fields.count == 5 {
            rule = try Cron(fields: fields)
        } else if fields.count == 2 {
            rule = try Cron(weekdays: fields[0], time: fields[1])
        } else {
            throw ParseError(message: "expected a weekday and a time like \"mon 09:30\", or a 5-field cron expression like \"30 9 * * 1\"")
        }
    }

    public static func weekly(_ weekday: Weekday, hour: Int, minute: Int) -> ScheduleSpec {
        // Always valid: built from typed parts.
        try! ScheduleSpec(parsing: "\(weekday.abbreviation) " + String(format: "%02d:%02d", hour, minute))
    }

    public var description: String { text }

    public static func == (lhs: ScheduleSpec, rhs: ScheduleSpec) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The first occurrence strictly after `instant`.
    public func nextOccurrence(after instant: Date, in timeZone: TimeZone) -> Occurrence? {
        var day = LocalDate(instant, in: timeZone).adding(days: -1)
        // Eight years covers every expression that can match at all (29 February on a given weekday).
        for _ in 0..<(366 * 8 + 2) {
            for occurrence in occurrences(on: day, in: timeZone) where occurrence.instant > instant {
                return occurrence
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// Every occurrence in `(from, through]`, in order.
    public func occurrences(after from: Date, through: Date, in timeZone: TimeZone) -> [Occurrence] {
        var result: [Occurrence] = []
        var cursor = from
        while let next = nextOccurrence(after: cursor, in: timeZone), next.instant <= through {
            result.append(next)
            cursor = next.instant
        }
        return result
    }

    /// The occurrences whose local day is `day`, in order of their instants.
    public func occurrences(on day: LocalDate, in timeZone: TimeZone) -> [Occurrence] {
        guard rule.matches(day) else { return [] }
        var seen = Set<Date>()
        var result: [Occurrence] = []
        for hour in rule.hours {
            for minute in rule.minutes {
                let instant = WallClock.instant(day: day, hour: hour, minute: minute, in: timeZone)
                // Two wall times inside one DST gap map to the same instant: fire once.
                guard seen.insert(instant).inserted else { continue }
                result.append(Occurrence(instant: instant, day: day, hour: hour, minute: minute))
            }
        }
        return result.sorted()
    }

    /// Whether the schedule fires on `day` at all.
    public func fires(on day: LocalDate) -> Bool { rule.matches(day) }
}

/// Converting local wall-clock times to instants across DST transitions.
public enum WallClock {
    /// The instant of a local wall time. Nonexistent times (in a spring-forward gap) give the end of
    /// the gap; repeated times (fall back) give the earlier instant.
    public static func instant(day: LocalDate, hour: Int, minute: Int, in timeZone: TimeZone) -> Date {
        let naive = naiveSeconds(day: day, hour: hour, minute: minute)
        let offsets = Set([-14, -2, 0, 2, 14].map { timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: naive + Double($0) * 3600)) })
        let valid = offsets.compactMap { offset -> Date? in
            let candidate = Date(timeIntervalSince1970: naive - Double(offset))
            return timeZone.secondsFromGMT(for: candidate) == offset ? candidate : nil
        }
        if let first = valid.min() { return first }
        // In a gap: the wall time is skipped; fire when the clocks jump, at the transition.
        let before = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: naive - 86_400))
        let guess = Date(timeIntervalSince1970: naive - Double(before))
        return timeZone.nextDaylightSavingTimeTransition(after: guess.addingTimeInterval(-86_400)) ?? guess
    }

    /// The local hour and minute of `instant` in `timeZone`.
    public static func time(of instant: Date, in timeZone: TimeZone) -> (hour: Int, minute: Int) {
        let local = Int((instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))).rounded(.down))
        let second = local.floorMod(86_400)
        return (second / 3600, second / 60 % 60)
    }

    private static func naiveSeconds(day: LocalDate, hour: Int, minute: Int) -> Double {
        Double(day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60)
    }
}

/// A parsed cron-like rule: sets of minutes, hours, days of month, months and weekdays.
private struct Cron: Sendable, Hashable {
    var minutes: [Int]
    var hours: [Int]
    var daysOfMonth: Set<Int>
    var months: Set<Int>
    var weekdays: Set<Int>  // ISO: Monday 1 ... Sunday 7
    var domRestricted: Bool
    var dowRestricted: Bool

    init(fields: [String]) throws(ScheduleSpec.ParseError) {
        minutes = try Self.field(fields[0], name: "minute", range: 0...59).sorted()
        hours = try Self.field(fields[1], name: "hour", range: 0...23).sorted()
        daysOfMonth = try Self.field(fields[2], name: "day of month", range: 1...31)
        months = try Self.field(fields[3], name: "month", range: 1...12, names: Self.monthNames)
        let dow = try Self.field(fields[4], name: "day of week", range: 0...7, names: Self.dayNames)
        weekdays = Set(dow.map { $0 == 0 ? 7 : $0 })
        domRestricted = fields[2] != "*"
        dowRestricted = fields[4] != "*"
    }

    init(weekdays text: String, time: String) throws(ScheduleSpec.ParseError) {
        let parts = time.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else {
            throw ScheduleSpec.ParseError(message: "\"\(time)\" is not a time; write 24-hour HH:MM like 09:30")
        }
        minutes = [minute]
        hours = [hour]
        daysOfMonth = Set(1...31)
        months = Set(1...12)
        domRestricted = false
        dowRestricted = true
        switch text.lowercased() {
        case "daily", "everyday":
            weekdays = Set(1...7)
        case "weekdays":
            weekdays = Set(1...5)
        default:
            var days = Set<Int>()
            for item in text.split(separator: ",") {
                let bounds = item.split(separator: "-")
                let resolved = bounds.compactMap { Weekday(abbreviation: String($0)).map(\.rawValue) }
                guard resolved.count == bounds.count, (1...2).contains(resolved.count) else {
                    throw ScheduleSpec.ParseError(message: "\"\(item)\" is not a weekday; use mon, tue, wed, thu, fri, sat, sun, a list like mon,thu, daily or weekdays")
                }
                if resolved.count == 1 {
                    days.insert(resolved[0])
                } else {
                    var day = resolved[0]
                    while true {
                        days.insert(day)
                        if day == resolved[1] { break }
                        day = day % 7 + 1
                    }
                }
            }
            weekdays = days
        }
    }

    func matches(_ day: LocalDate) -> Bool {
        guard months.contains(day.month) else { return false }
        let domMatch = daysOfMonth.contains(day.day)
        let dowMatch = weekdays.contains(day.isoWeekday)
        switch (domRestricted, dowRestricted) {
        case (true, true): return domMatch || dowMatch
        case (true, false): return domMatch
        case (false, true): return dowMatch
        case (false, false): return true
        }
    }

    private static let monthNames = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let dayNames = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]

    private static func field(_ text: String, name: String, range: ClosedRange<Int>, names: [String: Int] = [:]) throws(ScheduleSpec.ParseError) -> Set<Int> {
        func value(_ token: Substring) throws(ScheduleSpec.ParseError) -> Int {
            if let number = Int(token), range.contains(number) { return number }
            if let named = names[token.lowercased()] { return named }
            throw ScheduleSpec.ParseError(message: "\"\(token)\" is not a valid \(name) (allowed \(range.lowerBound)-\(range.upperBound))")
        }
        var result = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(stepParts.count) else { throw ScheduleSpec.ParseError(message: "\"\(item)\" is not a valid \(name) field") }
            var step = 1
            if stepParts.count == 2 {
                guard let parsed = Int(stepParts[1]), parsed > 0 else { throw ScheduleSpec.ParseError(message: "\"\(stepParts[1])\" is not a valid step in the \(name) field") }
                step = parsed
            }
            let base = stepParts[0]
            let lower: Int
            let upper: Int
            if base == "*" {
                lower = range.lowerBound
                upper = range.upperBound
            } else if base.contains("-") {
                let bounds = base.split(separator: "-")
                guard bounds.count == 2 else { throw ScheduleSpec.ParseError(message: "\"\(base)\" is not a valid range in the \(name) field") }
                lower = try value(bounds[0])
                upper = try value(bounds[1])
                guard lower <= upper else { throw ScheduleSpec.ParseError(message: "the range \"\(base)\" in the \(name) field runs backwards") }
            } else {
                lower = try value(base)
                upper = stepParts.count == 2 ? range.upperBound : lower
            }
            result.formUnion(stride(from: lower, through: upper, by: step))
        }
        return result
    }
}
