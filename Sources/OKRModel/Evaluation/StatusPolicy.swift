public import Foundation

/// The thresholds that turn progress, pace and confidence into a status, and the escalation rhythm.
public struct StatusPolicy: Sendable, Hashable {
    /// `at risk` when expected minus actual progress exceeds this (default 0.10).
    public var atRiskGap: Double
    /// `in trouble` when expected minus actual progress exceeds this (default 0.25).
    public var inTroubleGap: Double
    /// A reported confidence at or below this makes the key result at least `at risk` (default 5).
    public var atRiskConfidence: Int
    /// A reported confidence at or below this makes it `in trouble` (default 3).
    public var inTroubleConfidence: Int
    /// No check-in for this long (time away not counted) makes a key result stale (default 14 days).
    public var staleAfter: TimeInterval
    /// A drop in confidence of at least this many points between check-ins needs attention (default 3).
    public var confidenceDrop: Int
    /// Sandbagging: ahead of pace by at least this much (default 0.5).
    public var sandbagLead: Double
    /// Sandbagging: complete before this fraction of the period elapsed (default 0.5).
    public var sandbagCompleteBefore: Double

    public init(
        atRiskGap: Double = 0.10,
        inTroubleGap: Double = 0.25,
        atRiskConfidence: Int = 5,
        inTroubleConfidence: Int = 3,
        staleAfter: TimeInterval = 14 * 86_400,
        confidenceDrop: Int = 3,
        sandbagLead: Double = 0.5,
        sandbagCompleteBefore: Double = 0.5
    ) {
        self.atRiskGap = atRiskGap
        self.inTroubleGap = inTroubleGap
        self.atRiskConfidence = atRiskConfidence
        self.inTroubleConfidence = inTroubleConfidence
        self.staleAfter = staleAfter
        self.confidenceDrop = confidenceDrop
        self.sandbagLead = sandbagLead
        self.sandbagCompleteBefore = sandbagCompleteBefore
    }
}
