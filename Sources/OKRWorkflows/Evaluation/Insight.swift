public import Foundation
public import OKRModel

/// Signals about a team beyond single key results: KPI health over weeks, sandbagged key results,
/// and objectives far apart in progress.
public enum Insight {
    /// How many weeks in a row, ending with the latest week that has a value, the KPI was
    /// unhealthy (the last value of each ISO week counts; the configured `current` stands for the
    /// time before the first check-in).
    public static func unhealthyWeeks(_ kpi: KPI, snapshot: Snapshot, zone: TimeZone) -> Int {
        var byWeek: [(week: String, value: Double)] = []
        for value in snapshot.kpiValues[kpi.key] ?? [] {
            let week = MessageText.week(value.at, in: zone)
            if byWeek.last?.week == week { byWeek[byWeek.count - 1].value = value.value } else { byWeek.append((week, value.value)) }
        }
        if byWeek.isEmpty, let current = kpi.current { byWeek = [("config", current)] }
        var count = 0
        for entry in byWeek.reversed() {
            guard !kpi.isHealthy(entry.value) else { break }
            count += 1
        }
        return count
    }

    /// The end value the pace so far points to, rounded to two significant digits: the stretch
    /// target to suggest for a sandbagged key result.
    public static func suggestedTarget(_ report: KeyResultReport, elapsed: Double) -> Double? {
        let kr = report.keyResult
        guard kr.kind == .increase || kr.kind == .decrease, let target = kr.target else { return nil }
        let start = kr.startValue
        let projected = start + (report.currentValue - start) / max(elapsed, 0.1)
        let stretched = kr.kind == .increase ? max(projected, target * 1.25) : min(projected, target * 0.8)
        guard stretched != 0 else { return nil }
        let magnitude = pow(10, floor(log10(abs(stretched))) - 1)
        return (stretched / magnitude).rounded() * magnitude
    }

    /// Objectives lagging far behind the team's best one: (lagging, leading), or nil when the
    /// team's objectives are within `spread` of each other.
    public static func imbalance(_ objectives: [ObjectiveReport], spread: Double = 0.4) -> (lagging: [ObjectiveReport], leading: ObjectiveReport)? {
        guard objectives.count >= 2, let leading = objectives.max(by: { $0.progress < $1.progress }) else { return nil }
        let lagging = objectives.filter { leading.progress - $0.progress > spread }
        return lagging.isEmpty ? nil : (lagging, leading)
    }
}
