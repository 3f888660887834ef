public import Foundation

/// A named span of time that OKRs run in, such as the quarter `2026-Q4`.
/// `start` is the first instant of the first day; `end` the first instant after the last day.
public struct Period: Sendable, Hashable {
    public var id: String
    public var firstDay: LocalDate
    public var lastDay: LocalDate
    public var timeZone: TimeZone

    public init(id: String, firstDay: LocalDate, lastDay: LocalDate, timeZone: TimeZone) {
        self.id = id
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.timeZone = timeZone
    }

    /// A calendar quarter (`2026-Q4`), half (`2026-H1`) or year (`2026`) from its id.
    public init?(named id: String, timeZone: TimeZone) {
        let text = id.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = text.split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        if parts.count == 1 {
            self.init(id: id, firstDay: LocalDate(year: year, month: 1, day: 1), lastDay: LocalDate(year: year, month: 12, day: 31), timeZone: timeZone)
            return
        }
        guard parts.count == 2, parts[1].count == 2, let number = Int(parts[1].dropFirst()) else { return nil }
        let months: Int
        switch parts[1].first {
        case "Q" where (1...4).contains(number): months = 3
        case "H" where (1...2).contains(number): months = 6
        default: return nil
        }
        let startMonth = (number - 1) * months + 1
        let endMonth = startMonth + months - 1
        self.init(
            id: id,
            firstDay: LocalDate(year: year, month: startMonth, day: 1),
            lastDay: LocalDate(year: year, month: endMonth, day: LocalDate.daysIn(month: endMonth, year: year)),
            timeZone: timeZone
        )
    }

    public var start: Date { firstDay.startOfDay(in: timeZone) }
    public var end: Date { lastDay.adding(days: 1).startOfDay(in: timeZone) }
    public var duration: TimeInterval { end.timeIntervalSince(start) }

    /// `e(t) = clamp((t - start) / (end - start), 0, 1)`.
    public func elapsedFraction(at instant: Date) -> Double {
        let total = duration
        guard total > 0 else { return 1 }
        return min(1, max(0, instant.timeIntervalSince(start) / total))
    }

    public func contains(_ instant: Date) -> Bool {
        instant >= start && instant < end
    }

    /// The number of whole weeks the period spans, rounded up (13 for a quarter).
    public var weekCount: Int {
        Int((duration / (7 * 86_400)).rounded(.up))
    }
}
