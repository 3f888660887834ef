public import Foundation

/// Weeks as check-ins are grouped by: Monday to Sunday in one time zone, numbered since
/// 1969-12-29 (a Monday).
public struct WeekCalendar: Sendable, Hashable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public func week(of instant: Date) -> Int {
        let local = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        let days = Int((local / 86_400).rounded(.down))
        return (days + 3).floorDiv(7)
    }

    /// About when `week` starts: Monday midnight with the offset in force at `near`. Off by a
    /// time change at most (an hour or two), so callers check with `week(of:)`.
    public func approximateStart(of week: Int, near: Date) -> Date {
        Date(timeIntervalSince1970: Double(week * 7 - 3) * 86_400 - Double(timeZone.secondsFromGMT(for: near)))
    }
}
