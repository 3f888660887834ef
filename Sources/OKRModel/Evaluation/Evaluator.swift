public import Foundation

/// What okrd knows about a key result beyond its definition and check-ins.
public struct KeyResultContext: Sendable, Hashable {
    /// Intervals the owner is away (holidays, out of office); they do not count toward staleness.
    public var ownerAway: [DateInterval]
    /// Blockers reported and not yet resolved.
    public var openBlockers: Int
    /// Escalation is silenced until this instant (`snooze`).
    public var snoozedUntil: Date?
    /// The owner's work week: their days off do not count toward staleness either.
    public var ownerWorkWeek: WorkWeek?

    public init(ownerAway: [DateInterval] = [], openBlockers: Int = 0, snoozedUntil: Date? = nil, ownerWorkWeek: WorkWeek? = nil) {
        self.ownerAway = ownerAway
        self.openBlockers = openBlockers
        self.snoozedUntil = snoozedUntil
        self.ownerWorkWeek = ownerWorkWeek
    }
}

/// The state of one key result at one instant.
public struct KeyResultReport: Sendable, Hashable {
    public var keyResult: KeyResult
    public var at: Date
    /// The latest reported value, or the starting value when nothing was reported.
    public var currentValue: Double
    /// Raw progress: may exceed 1 or go below 0.
    public var progress: Double
    /// Expected progress by now, from the pace curve.
    public var expected: Double
    public var status: Status
    /// The latest confidence anyone reported (0-10).
    public var confidence: Int?
    public var lastCheckIn: Date?
    public var stalled: Bool
    public var flags: [Flag]
    /// Plain-words reasons for the status and flags, for people and for `okrd status`.
    public var reasons: [String]
    /// When the key result first reached its goal, if it has.
    public var completedAt: Date?
    /// Progress at the end of each ISO week that had a check-in, oldest first (for sparklines).
    public var history: [Double]

    /// Progress clamped to 0...1, for display and roll-ups.
    public var clampedProgress: Double { min(1, max(0, progress)) }
    /// How far behind the pace it is (positive: behind).
    public var gap: Double { expected - progress }

    /// Stalled, at risk, in trouble, or confidence dropped: what the escalation ladder acts on.
    public var needsAttention: Bool {
        stalled || status == .atRisk || status == .inTrouble || flags.contains(.confidenceDrop)
    }

    public func has(_ flag: Flag) -> Bool { flags.contains(flag) }
}

/// The state of one objective at one instant.
public struct ObjectiveReport: Sendable, Hashable {
    public var objective: Objective
    /// Weighted mean of its key results' clamped progress.
    public var progress: Double
    /// Weighted mean of its key results' expected progress.
    public var expected: Double
    public var status: Status
    public var keyResults: [KeyResultReport]
    /// Why it has its status: how far behind its pace, and the key results that pull it down.
    public var reasons: [String] = []
}

/// Turns definitions, check-ins and an instant into statuses. A pure function of its inputs:
/// it never reads the clock, so a whole quarter can be replayed on a virtual one.
public struct Evaluator: Sendable {
    public var period: Period
    public var policy: StatusPolicy

    public init(period: Period, policy: StatusPolicy = StatusPolicy()) {
        self.period = period
        self.policy = policy
    }

    private static let epsilon = 1e-9

    // MARK: Key results

    /// Evaluates a key result at `instant`, using only the check-ins made at or before it.
    public func evaluate(
        _ keyResult: KeyResult,
        checkIns allCheckIns: [CheckIn],
        at instant: Date,
        context: KeyResultContext = KeyResultContext()
    ) -> KeyResultReport {
        let checkIns = allCheckIns.filter { $0.at <= instant }.sorted { $0.at < $1.at }
        let weekly = weeklyLatest(checkIns)
        let expected = keyResult.pace.expected(at: instant, in: period)
        let latestValue = checkIns.last { $0.value != nil }?.value
        let current = latestValue ?? keyResult.startValue
        var progress = keyResult.progress(of: current)
        let confidence = checkIns.last { $0.confidence != nil }?.confidence
        let reported = checkIns.last?.reported
        var reasons: [String] = []
        var flags = Set<Flag>()

        // Status from progress against pace.
        var status: Status
        let isThreshold = keyResult.kind == .threshold
        let periodOver = instant >= period.end
        if checkIns.isEmpty && expected > Self.epsilon {
            status = .noData
            reasons.append("no check-in yet")
        } else if isThreshold, latestValue != nil {
            (status, progress) = thresholdStatus(keyResult, weekly: weekly, current: current, expected: expected, periodOver: periodOver, reasons: &reasons)
        } else if isThreshold, !periodOver {
            // No value yet: a healthy baseline is no more than on pace (it must not inflate its objective).
            progress = min(progress, expected)
            status = .onTrack
        } else if progress >= 1 - Self.epsilon && (!isThreshold || periodOver) {
            status = .complete
        } else {
            let gap = expected - min(progress, 1)
            status = paceStatus(behindBy: gap)
            if status != .onTrack { reasons.append("\(Self.points(gap)) points behind the expected \(Self.percent(expected))") }
        }

        // Self-reported confidence and status can lower the status, never raise it.
        if status != .complete {
            if let confidence {
                if confidence <= policy.inTroubleConfidence, status < .inTrouble {
                    status = .inTrouble
                    reasons.append("confidence \(confidence)/10")
                } else if confidence <= policy.atRiskConfidence, status < .atRisk {
                    status = .atRisk
                    reasons.append("confidence \(confidence)/10")
                }
            }
            if let floor = reported?.floor, status < floor {
                status = floor
                reasons.append("reported \(reported!.rawValue.replacingOccurrences(of: "_", with: " "))")
            }
        }

        // Stale: no check-in for `staleAfter`, time away not counted. With the owner's work week
        // known, only their work days count, against the same share of `staleAfter` (two weeks are
        // ten work days for a Monday-Friday or a Sunday-Thursday week), so a weekend that falls
        // differently for the owner than for the team never makes a key result stale.
        let reference = checkIns.last?.at ?? period.start
        if instant > period.start, status != .complete {
            let end = min(instant, period.end)
            let week = context.ownerWorkWeek.flatMap { $0.workdays.count < 7 ? $0 : nil }
            let threshold = policy.staleAfter * (week?.share ?? 1)
            var silent = activeTime(from: reference, to: end, excluding: context.ownerAway)
            // Days off only shorten the silence: counted only when it could be long enough.
            if let week, silent >= threshold - Self.epsilon {
                silent = activeTime(from: reference, to: end, excluding: context.ownerAway + week.daysOff(from: reference, to: end))
            }
            if silent >= threshold - Self.epsilon {
                flags.insert(.stale)
                let days = Int((silent / 86_400).rounded(.down))
                let unit = week == nil ? "days" : "work days"
                reasons.append(checkIns.isEmpty ? "no check-in in \(days) \(unit)" : "no check-in for \(days) \(unit)")
            }
        }

        // No movement: the last three weekly check-ins did not move progress while the pace rose.
        // A threshold key result holding on its healthy side is doing its job by not moving.
        let valued = weekly.filter { $0.value != nil }
        let holding = keyResult.kind == .threshold && keyResult.isHealthy(current)
        if valued.count >= 3, status != .complete, !holding {
            let window = valued.suffix(3)
            let first = window.first!
            let last = window.last!
            let moved = keyResult.progress(of: last.value!) - keyResult.progress(of: first.value!)
            let paceRose = keyResult.pace.expected(at: last.at, in: period) - keyResult.pace.expected(at: first.at, in: period)
            if moved <= Self.epsilon && paceRose > Self.epsilon {
                flags.insert(.noMovement)
                reasons.append("no movement in the last 3 check-ins")
            }
        }

        // Confidence drop between the two latest weekly check-ins that reported one.
        let confident = weekly.filter { $0.confidence != nil }
        if confident.count >= 2 {
            let previous = confident[confident.count - 2].confidence!
            let latest = confident[confident.count - 1].confidence!
            if previous - latest >= policy.confidenceDrop {
                flags.insert(.confidenceDrop)
                reasons.append("confidence dropped from \(previous) to \(latest)")
            }
        }

        // Sandbagging: done before half the period, or far ahead of the pace.
        var completedAt: Date?
        if let done = checkIns.first(where: { $0.value.map { keyResult.progress(of: $0) >= 1 - Self.epsilon } ?? false }) {
            completedAt = done.at
        }
        if !isThreshold {
            if status == .complete, let completedAt, period.elapsedFraction(at: completedAt) < policy.sandbagCompleteBefore {
                flags.insert(.sandbagging)
                reasons.append("complete before half the period: the target may be too low")
            } else if progress - expected >= policy.sandbagLead - Self.epsilon && !checkIns.isEmpty {
                flags.insert(.sandbagging)
                reasons.append("\(Self.points(progress - expected)) points ahead of the pace: consider a stretch target")
            }
        }

        if context.openBlockers > 0 || reported == .blocked {
            flags.insert(.blocked)
            if context.openBlockers > 0 { reasons.append(context.openBlockers == 1 ? "1 open blocker" : "\(context.openBlockers) open blockers") }
        }
        if let until = context.snoozedUntil, until > instant { flags.insert(.snoozed) }
        if context.ownerAway.contains(where: { $0.contains(instant) }) { flags.insert(.ownerAway) }

        let stalled = flags.contains(.stale) || flags.contains(.noMovement)
        let history = weekly.compactMap { $0.value.map { keyResult.progress(of: $0) } }
        return KeyResultReport(
            keyResult: keyResult,
            at: instant,
            currentValue: current,
            progress: progress,
            expected: expected,
            status: status,
            confidence: confidence,
            lastCheckIn: checkIns.last?.at,
            stalled: stalled,
            flags: flags.sorted(),
            reasons: reasons,
            completedAt: completedAt,
            history: history
        )
    }

    /// The status of being `gap` behind the expected progress (the policy's 10 / 25 points), for
    /// key results and objectives alike.
    func paceStatus(behindBy gap: Double) -> Status {
        gap > policy.inTroubleGap + Self.epsilon ? .inTrouble : gap > policy.atRiskGap + Self.epsilon ? .atRisk : .onTrack
    }

    /// A threshold key result is judged by its side of the line, not by a pace: healthy is exactly
    /// on pace (progress = expected; complete at the end of the period); a breach is `at risk`, and
    /// `in trouble` once breached at two weekly check-ins in a row or worse than the baseline.
    /// While breached, progress is the share of the way from the baseline to the line, of the pace.
    func thresholdStatus(_ keyResult: KeyResult, weekly: [CheckIn], current: Double, expected: Double, periodOver: Bool,
                         reasons: inout [String]) -> (Status, Double) {
        if keyResult.isHealthy(current) {
            return periodOver ? (.complete, 1) : (.onTrack, expected)
        }
        let valued = weekly.filter { $0.value != nil }
        let breach = valued.reversed().prefix { !keyResult.isHealthy($0.value!) }
        let line = keyResult.format(keyResult.target ?? 0)
        let side = keyResult.direction == .atLeast ? "below" : "above"
        if let since = breach.last?.at {
            reasons.append("\(side) \(line) since \(ShortDay.format(since, in: period.timeZone))")
        } else {
            reasons.append("\(side) \(line)")
        }
        let worseThanBaseline = keyResult.baseline.map { b in keyResult.direction == .atLeast ? current < b : current > b } ?? false
        if worseThanBaseline { reasons.append("worse than the baseline \(keyResult.format(keyResult.baseline!))") }
        let status: Status = breach.count >= 2 || worseThanBaseline ? .inTrouble : .atRisk
        return (status, max(0, keyResult.progress(of: current)) * expected)
    }

    // MARK: Objectives

    /// Evaluates an objective: its weighted progress against its weighted expected progress (see
    /// `rollUp`).
    public func evaluate(
        _ objective: Objective,
        checkIns: [String: [CheckIn]],
        at instant: Date,
        contexts: [String: KeyResultContext] = [:]
    ) -> ObjectiveReport {
        let reports = objective.keyResults.map {
            evaluate($0, checkIns: checkIns[$0.key] ?? [], at: instant, context: contexts[$0.key] ?? KeyResultContext())
        }
        return rollUp(objective, reports: reports)
    }

    /// Combines already evaluated key results into the objective's report.
    public func rollUp(_ objective: Objective, reports: [KeyResultReport]) -> ObjectiveReport {
        let totalWeight = reports.reduce(0) { $0 + max(0, $1.keyResult.weight) }
        guard !reports.isEmpty, totalWeight > 0 else {
            return ObjectiveReport(objective: objective, progress: 0, expected: 0, status: .noData, keyResults: reports, reasons: [])
        }
        let progress = reports.reduce(0) { $0 + max(0, $1.keyResult.weight) * $1.clampedProgress } / totalWeight
        let expected = reports.reduce(0) { $0 + max(0, $1.keyResult.weight) * $1.expected } / totalWeight
        var reasons: [String] = []
        var status: Status
        if reports.allSatisfy({ $0.status == .complete }) {
            status = .complete
        } else if reports.allSatisfy({ $0.status == .noData }) {
            status = .noData
        } else {
            // Its own progress against its own pace, with the key results' thresholds.
            let gap = expected - progress
            status = paceStatus(behindBy: gap)
            if status != .onTrack { reasons.append("\(Self.percent(progress)) done against the expected \(Self.percent(expected))") }
            // Never better than at risk while more than half of its weight is in trouble.
            let troubled = reports.filter { $0.status == .inTrouble }.reduce(0) { $0 + max(0, $1.keyResult.weight) }
            if troubled > totalWeight / 2 + Self.epsilon, status < .atRisk {
                status = .atRisk
                reasons.append("more than half of its weight is in trouble")
            }
        }
        // The key results that pull it down, most weight behind the pace first.
        let pulling = reports.filter { $0.status == .inTrouble || $0.status == .atRisk }
            .sorted { max(0, $0.keyResult.weight) * $0.gap > max(0, $1.keyResult.weight) * $1.gap }
        if status != .complete, !pulling.isEmpty {
            reasons.append("pulled down by " + pulling.map { "\($0.keyResult.key) (\($0.status.description))" }.joined(separator: ", "))
        }
        return ObjectiveReport(objective: objective, progress: progress, expected: expected, status: status, keyResults: reports, reasons: reasons)
    }

    // MARK: Helpers

    /// The latest check-in of each ISO week (in the period's time zone): a second check-in in the same
    /// week replaces the first for status purposes.
    public func weeklyLatest(_ sorted: [CheckIn]) -> [CheckIn] {
        var result: [CheckIn] = []
        var lastWeek: Int?
        for checkIn in sorted {
            let week = weekIndex(of: checkIn.at)
            if week == lastWeek {
                // Carry forward what the later one left out, so "conf 7" alone does not erase a value.
                var merged = checkIn
                let earlier = result.removeLast()
                if merged.value == nil { merged.value = earlier.value }
                if merged.confidence == nil { merged.confidence = earlier.confidence }
                result.append(merged)
            } else {
                result.append(checkIn)
            }
            lastWeek = week
        }
        return result
    }

    /// Weeks since 1969-12-29 (a Monday), in the period's time zone.
    public func weekIndex(of instant: Date) -> Int {
        WeekCalendar(timeZone: period.timeZone).week(of: instant)
    }

    /// Seconds between two instants, minus the parts covered by `excluded` intervals.
    public func activeTime(from start: Date, to end: Date, excluding excluded: [DateInterval]) -> TimeInterval {
        guard end > start else { return 0 }
        var total = end.timeIntervalSince(start)
        // Merge the exclusions so overlapping ones are not subtracted twice.
        let clipped = excluded.compactMap { interval -> (Date, Date)? in
            let s = max(interval.start, start)
            let e = min(interval.end, end)
            return e > s ? (s, e) : nil
        }.sorted { $0.0 < $1.0 }
        var merged: [(Date, Date)] = []
        for interval in clipped {
            if let last = merged.last, interval.0 <= last.1 {
                merged[merged.count - 1].1 = max(last.1, interval.1)
            } else {
                merged.append(interval)
            }
        }
        for interval in merged { total -= interval.1.timeIntervalSince(interval.0) }
        return max(0, total)
    }

    static func points(_ fraction: Double) -> String {
        NumberText.plain((fraction * 100).rounded(), maxFractionDigits: 0)
    }

    static func percent(_ fraction: Double) -> String {
        NumberText.plain((fraction * 100).rounded(), maxFractionDigits: 0) + "%"
    }
}

extension Int {
    func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }

    func floorMod(_ divisor: Int) -> Int {
        self - floorDiv(divisor) * divisor
    }
}
