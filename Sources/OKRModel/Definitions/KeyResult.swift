import Foundation

/// A measurable outcome of an objective, as defined in the configuration.
public struct KeyResult: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Move a value up from baseline to target.
        case increase
        /// Move a value down from baseline to target.
        case decrease
        /// Stay at or above (or at or below) the target.
        case threshold
        /// Complete a list of named milestones.
        case milestone
    }

    /// Which side of a threshold is healthy, or which way a KPI should go.
    public enum Direction: String, Sendable, Hashable, Codable {
        case atLeast = "at_least"
        case atMost = "at_most"
    }

    public var key: String
    public var title: String
    public var owner: String?
    public var kind: Kind
    public var unit: MetricUnit
    public var baseline: Double?
    public var target: Double?
    /// Only for `threshold`: the healthy side. Defaults to `at_least`.
    public var direction: Direction
    public var weight: Double
    public var pace: Pace
    /// Only for `milestone`.
    public var milestones: [String]
    public var location: SourceLocation
    /// Whether the configuration named a unit (lint flags key results that do not).
    public var unitGiven: Bool = true

    public var id: String { key }

    public init(
        key: String,
        title: String,
        owner: String?,
        kind: Kind,
        unit: MetricUnit = .count,
        baseline: Double? = nil,
        target: Double? = nil,
        direction: Direction = .atLeast,
        weight: Double = 1,
        pace: Pace = .linear,
        milestones: [String] = [],
        location: SourceLocation = .unknown
    ) {
        self.key = key
        self.title = title
        self.owner = owner
        self.kind = kind
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.direction = direction
        self.weight = weight
        self.pace = pace
        self.milestones = milestones
        self.location = location
    }

    /// The value the key result starts from: its baseline, or 0 milestones done.
    public var startValue: Double {
        kind == .milestone ? 0 : (baseline ?? 0)
    }

    /// The value that means done: the target, or every milestone.
    public var goalValue: Double {
        kind == .milestone ? Double(milestones.count) : (target ?? 0)
    }

    /// Raw progress of `value` (not clamped: may exceed 1 or go below 0).
    ///
    /// - increase / decrease: `(c - b) / (g - b)`, which works for both directions.
    /// - threshold: 1 while on the healthy side, else the fraction of the way from baseline to the
    ///   threshold (0 if the baseline itself was healthy).
    /// - milestone: done / total.
    public func progress(of value: Double) -> Double {
        switch kind {
        case .increase, .decrease:
            let b = baseline ?? 0
            guard let g = target, g != b else { return value == (target ?? b) ? 1 : 0 }
            return (value - b) / (g - b)
        case .threshold:
            guard let g = target else { return 0 }
            if isHealthy(value) { return 1 }
            guard let b = baseline, !isHealthy(b), g != b else { return 0 }
            return min((value - b) / (g - b), 0.999_999)
        case .milestone:
            guard !milestones.isEmpty else { return 0 }
            return value / Double(milestones.count)
        }
    }

    /// A one-sided bound every value that completes the key result passes (`progress(of:) >= 1`,
    /// loosened a little so that rounding cannot exclude one): lets a store find the first
    /// completion with an index instead of reading the history. Values passing it are checked with
    /// `progress(of:)`. Nil when no value can complete it.
    public var completionBound: ValueBound? {
        let slack = 1e-6
        switch kind {
        case .increase, .decrease:
            let b = baseline ?? 0
            guard let g = target else { return .atLeast(b - slack * max(1, abs(b))) }
            if g == b { return .atLeast(g - slack * max(1, abs(g))) }
            let edge = b + (1 - slack) * (g - b)
            return g > b ? .atLeast(edge) : .atMost(edge)
        case .threshold:
            guard let g = target else { return nil }
            return direction == .atLeast ? .atLeast(g - slack * max(1, abs(g))) : .atMost(g + slack * max(1, abs(g)))
        case .milestone:
            guard !milestones.isEmpty else { return nil }
            return .atLeast(Double(milestones.count) * (1 - slack))
        }
    }

    /// For thresholds: whether `value` is on the healthy side of the target.
    public func isHealthy(_ value: Double) -> Bool {
        guard let g = target else { return false }
        switch direction {
        case .atLeast: return value >= g
        case .atMost: return value <= g
        }
    }

    /// The value that corresponds to a given progress (inverse of ``progress(of:)`` for linear kinds).
    public func value(atProgress fraction: Double) -> Double {
        let b = startValue
        return b + (goalValue - b) * fraction
    }

    /// Formats a value in this key result's unit; milestones as "2 of 4".
    public func format(_ value: Double) -> String {
        if kind == .milestone {
            return "\(NumberText.plain(value)) of \(milestones.count)"
        }
        return unit.format(value)
    }
}

/// A one-sided bound on a value.
public enum ValueBound: Sendable, Hashable {
    case atLeast(Double)
    case atMost(Double)
}
