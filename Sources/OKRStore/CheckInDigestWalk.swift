import Foundation
import OKRModel

/// How both stores read `Store.checkInDigest`. Per key result, week by week and newest first: the
/// week's last check-in, then, when that one has none, the week's last value and last confidence
/// (a seek each, bounded below by about the week's start and kept only if it falls in that week);
/// then the first check-ins whose value passes the completion bound. Its cost grows with the weeks
/// a key result was reported in, not with its check-ins.
///
/// Pure: `next()` says which read comes next, `take(_:)` gets its rows, and the store runs the
/// reads in one read transaction:
///
///     var walk = CheckInDigestWalk(requests, weeks: weeks, through: through)
///     while let read = walk.next() { walk.take(try fetch(read)) }
///     return walk.result
struct CheckInDigestWalk {
    enum Read: Equatable {
        /// Check-ins of the key result at or before `upTo`, newest first (by `at`, then id),
        /// skipping `offset`, at most `limit`.
        case newest(keyResult: String, upTo: Double, offset: Int, limit: Int)
        /// The newest check-in in `from...upTo` that has a value.
        case newestValue(keyResult: String, upTo: Double, from: Double)
        /// The newest check-in in `from...upTo` that has a confidence.
        case newestConfidence(keyResult: String, upTo: Double, from: Double)
        /// The oldest check-ins at or before `upTo` whose value passes `bound`, at most `limit`.
        case reaching(keyResult: String, bound: ValueBound, upTo: Double, limit: Int)
    }

    /// Rows per `newest` read: a week's rows met on the way to the week before are skipped.
    static let page = 16

    private enum Phase {
        case newest(upper: Double, done: Int?, offset: Int)
        case value(Week)
        case confidence(Week)
        case completions
    }

    private struct Week {
        let last: StoredCheckIn
        let number: Int
        /// About the week's start, two hours early (time zones): rows before it are of another week.
        let start: Double
    }

    private let requests: [HistoryRequest]
    private let weeks: WeekCalendar
    private let through: Double
    private var index = 0
    private var phase: Phase
    private var found: [Int64: StoredCheckIn] = [:]

    init(_ requests: [HistoryRequest], weeks: WeekCalendar, through: Date) {
        self.requests = requests
        self.weeks = weeks
        self.through = through.timeIntervalSince1970
        phase = .newest(upper: self.through, done: nil, offset: 0)
    }

    /// What was found, sorted by time.
    var result: [StoredCheckIn] {
        found.values.sorted { ($0.checkIn.at, $0.id) < ($1.checkIn.at, $1.id) }
    }

    /// The next read, or nil when the walk is over.
    mutating func next() -> Read? {
        while index < requests.count {
            let request = requests[index]
            switch phase {
            case .newest(let upper, _, let offset):
                return .newest(keyResult: request.keyResult, upTo: upper, offset: offset, limit: Self.page)
            case .value(let week):
                if week.last.checkIn.value == nil {
                    return .newestValue(keyResult: request.keyResult, upTo: week.last.checkIn.at.timeIntervalSince1970, from: week.start)
                }
                phase = .confidence(week)
            case .confidence(let week):
                if week.last.checkIn.confidence == nil {
                    return .newestConfidence(keyResult: request.keyResult, upTo: week.last.checkIn.at.timeIntervalSince1970, from: week.start)
                }
                weekBefore(week)
            case .completions:
                if let bound = request.completion {
                    return .reaching(keyResult: request.keyResult, bound: bound, upTo: through, limit: 8)
                }
                nextRequest()
            }
        }
        return nil
    }

    /// Takes the rows of the read `next()` returned last.
    mutating func take(_ rows: [StoredCheckIn]) {
        switch phase {
        case .newest(let upper, let done, let offset):
            if let last = rows.first(where: { row in done.map { weeks.week(of: row.checkIn.at) < $0 } ?? true }) {
                found[last.id] = last
                let number = weeks.week(of: last.checkIn.at)
                let start = weeks.approximateStart(of: number, near: last.checkIn.at).timeIntervalSince1970 - 7_200
                phase = .value(Week(last: last, number: number, start: start))
            } else if rows.count == Self.page {
                phase = .newest(upper: upper, done: done, offset: offset + rows.count)
            } else {
                phase = .completions
            }
        case .value(let week):
            keep(rows.first, in: week)
            phase = .confidence(week)
        case .confidence(let week):
            keep(rows.first, in: week)
            weekBefore(week)
        case .completions:
            for row in rows { found[row.id] = row }
            nextRequest()
        }
    }

    private mutating func keep(_ row: StoredCheckIn?, in week: Week) {
        if let row, weeks.week(of: row.checkIn.at) == week.number { found[row.id] = row }
    }

    /// Goes on from a little after the week's start (the rows of this week met on the way are skipped).
    private mutating func weekBefore(_ week: Week) {
        phase = .newest(upper: min(week.start + 4 * 3_600, week.last.checkIn.at.timeIntervalSince1970), done: week.number, offset: 0)
    }

    private mutating func nextRequest() {
        index += 1
        phase = .newest(upper: through, done: nil, offset: 0)
    }
}
