public import Foundation

/// How much of a key result is expected to be done at each point of the period.
public enum Pace: Sendable, Hashable, CustomStringConvertible {
    /// Evenly: half the period gone, half the result expected.
    case linear
    /// Late: `x = e²`, the shape of a sales quarter that closes in its last weeks
    /// (half the period gone, a quarter of the result expected).
    case backloaded
    /// Explicit checkpoints `(day, expected fraction)`, interpolated linearly between them, starting
    /// from 0 at the period's start and reaching 1 at its end unless a point says otherwise.
    case points([PacePoint])

    /// Expected progress `x(t)` in 0...1.
    public func expected(at instant: Date, in period: Period) -> Double {
        let e = period.elapsedFraction(at: instant)
        switch self {
        case .linear:
            return e
        case .backloaded:
            return e * e
        case .points(let points):
            var knots: [(Date, Double)] = [(period.start, 0)]
            for point in points.sorted(by: { $0.day < $1.day }) {
                knots.append((point.day.startOfDay(in: period.timeZone), point.expected))
            }
            if !points.contains(where: { $0.day >= period.lastDay }) { knots.append((period.end, 1)) }
            if instant <= knots[0].0 { return knots[0].1 }
            for (left, right) in zip(knots, knots.dropFirst()) where instant <= right.0 {
                let span = right.0.timeIntervalSince(left.0)
                guard span > 0 else { return right.1 }
                let f = instant.timeIntervalSince(left.0) / span
                return left.1 + (right.1 - left.1) * f
            }
            return knots.last!.1
        }
    }

    public var description: String {
        switch self {
        case .linear: "linear"
        case .backloaded: "backloaded"
        case .points(let points): points.map { "\($0.day)=\(NumberText.plain($0.expected))" }.joined(separator: ",")
        }
    }
}

public struct PacePoint: Sendable, Hashable {
    public var day: LocalDate
    public var expected: Double

    public init(day: LocalDate, expected: Double) {
        self.day = day
        self.expected = expected
    }
}
