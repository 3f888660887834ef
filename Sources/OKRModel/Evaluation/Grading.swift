import Foundation

/// End-of-period grading, Google style: each key result scores its clamped progress (0.0-1.0),
/// each objective the weighted mean of its key results' scores.
public enum Grading {
    /// Bands used when talking about grades: 0.7 and up is a success for a stretch goal.
    public enum Band: String, Sendable, Codable {
        case green, yellow, red
    }

    public static func score(_ report: KeyResultReport) -> Double {
        rounded(report.clampedProgress)
    }

    public static func score(_ report: ObjectiveReport) -> Double {
        let total = report.keyResults.reduce(0) { $0 + max(0, $1.keyResult.weight) }
        guard total > 0 else { return 0 }
        let sum = report.keyResults.reduce(0) { $0 + max(0, $1.keyResult.weight) * score($1) }
        return rounded(sum / total)
    }

    public static func band(_ score: Double) -> Band {
        score >= 0.7 - 1e-9 ? .green : (score >= 0.4 - 1e-9 ? .yellow : .red)
    }

    /// Grades are given to two decimals.
    public static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}
