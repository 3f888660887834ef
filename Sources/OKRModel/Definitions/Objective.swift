import Foundation

/// A qualitative goal owned by a team, measured by its key results.
public struct Objective: Sendable, Hashable, Identifiable {
    public var key: String
    public var title: String
    public var team: String
    /// The parent objective (possibly outside this configuration) this one contributes to.
    public var alignedTo: String?
    public var topLevel: Bool
    public var owner: String?
    public var keyResults: [KeyResult]
    /// Lint rules silenced for this objective, with the reason given.
    public var silenced: [String: String]
    public var location: SourceLocation

    public var id: String { key }

    public init(
        key: String,
        title: String,
        team: String,
        alignedTo: String? = nil,
        topLevel: Bool = false,
        owner: String? = nil,
        keyResults: [KeyResult],
        silenced: [String: String] = [:],
        location: SourceLocation = .unknown
    ) {
        self.key = key
        self.title = title
        self.team = team
        self.alignedTo = alignedTo
        self.topLevel = topLevel
        self.owner = owner
        self.keyResults = keyResults
        self.silenced = silenced
        self.location = location
    }
}

/// A health metric of a team's business as usual, with a target and a direction.
public struct KPI: Sendable, Hashable, Identifiable {
    public var key: String
    public var title: String
    public var team: String
    public var owner: String?
    public var unit: MetricUnit
    public var direction: KeyResult.Direction
    public var target: Double
    /// The value from the configuration, used until someone checks in a newer one.
    public var current: Double?
    /// The objective meant to bring this KPI back to health.
    public var heals: String?
    public var location: SourceLocation

    public var id: String { key }

    public init(
        key: String,
        title: String,
        team: String,
        owner: String? = nil,
        unit: MetricUnit = .number,
        direction: KeyResult.Direction,
        target: Double,
        current: Double? = nil,
        heals: String? = nil,
        location: SourceLocation = .unknown
    ) {
        self.key = key
        self.title = title
        self.team = team
        self.owner = owner
        self.unit = unit
        self.direction = direction
        self.target = target
        self.current = current
        self.heals = heals
        self.location = location
    }

    /// Healthy when on the right side of the target (or exactly on it).
    public func isHealthy(_ value: Double) -> Bool {
        switch direction {
        case .atLeast: value >= target
        case .atMost: value <= target
        }
    }
}
