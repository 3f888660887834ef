public import Foundation

/// The escalation ladder of one key result, as a pure function of its evaluation and what was
/// said before. Levels: 0 nothing to say; 1 the owner was reminded to check in; 2 at-risk alert to
/// the team, mentioning owner and lead; 3 escalation to the manager.
///
/// Like an alert router: a message goes out when the key result climbs the ladder, then at most once
/// per repeat interval while it stays; stepping down a level is recorded quietly; an acknowledgement silences the current
/// situation until it changes; a snooze silences the key result until a date; recovering from
/// level 2 or 3 sends one "back on track" notice. Nothing happens while the owner is away.
public struct EscalationPolicy: Sendable, Hashable {
    /// What the ladder remembers between evaluations.
    public struct Memory: Sendable, Hashable {
        public var level: Int
        public var since: Date?
        public var lastAlertAt: Date?
        /// The level the last message described; a different one is news.
        public var lastFingerprint: String?
        /// Check-in cycles spent at level 2 since reaching it.
        public var cyclesAtLevel: Int
        public var snoozedUntil: Date?
        public var ackedAt: Date?
        /// Why it is at its level, in words, for `okrd status`.
        public var reason: String?

        public init(level: Int = 0, since: Date? = nil, lastAlertAt: Date? = nil, lastFingerprint: String? = nil, cyclesAtLevel: Int = 0,
                    snoozedUntil: Date? = nil, ackedAt: Date? = nil, reason: String? = nil) {
            self.level = level
            self.since = since
            self.lastAlertAt = lastAlertAt
            self.lastFingerprint = lastFingerprint
            self.cyclesAtLevel = cyclesAtLevel
            self.snoozedUntil = snoozedUntil
            self.ackedAt = ackedAt
            self.reason = reason
        }
    }

    /// What to say about the key result after this evaluation.
    public enum Action: Sendable, Hashable {
        /// An at-risk alert (level 2) or an escalation (level 3).
        case alert(level: Int, reason: String)
        /// It was at level 2 or 3 and has recovered.
        case resolved(reason: String)
    }

    /// The same alert repeats at most this often.
    public var repeatInterval: TimeInterval
    /// Level 2 for this many more check-in cycles becomes level 3.
    public var cyclesBeforeEscalation: Int

    public init(repeatInterval: TimeInterval = 7 * 86_400, cyclesBeforeEscalation: Int = 2) {
        self.repeatInterval = repeatInterval
        self.cyclesBeforeEscalation = cyclesBeforeEscalation
    }

    /// One evaluation: the new memory and what to say, if anything.
    ///
    /// - Parameters:
    ///   - report: the key result evaluated now.
    ///   - memory: what the ladder remembered.
    ///   - ownerAway: the owner is away today: the ladder holds still.
    ///   - checkedInThisCycle: the owner has checked in since the current cycle began (a reminder's
    ///     level 1 ends with it).
    public func step(_ report: KeyResultReport, memory: Memory, at now: Date, ownerAway: Bool, checkedInThisCycle: Bool) -> (Memory, Action?) {
        var next = memory
        if let until = memory.snoozedUntil, until <= now { next.snoozedUntil = nil }
        if ownerAway { return (next, nil) }

        let (level, reason) = target(report, memory: memory, checkedInThisCycle: checkedInThisCycle)
        if level != memory.level {
            next.level = level
            next.since = now
            if level < 2 || memory.level < 2 { next.cyclesAtLevel = 0 }
        }
        next.reason = level > 0 ? reason : nil
        let snoozed = (next.snoozedUntil ?? .distantPast) > now

        if level < 2 {
            // Recovery from an alert is news, once; a level-1 reminder is the reminder firing's job.
            if memory.level >= 2 {
                next.lastFingerprint = nil
                next.ackedAt = nil
                next.lastAlertAt = snoozed ? memory.lastAlertAt : now
                return (next, snoozed ? nil : .resolved(reason: Self.recoveryReason(report)))
            }
            return (next, nil)
        }

        // The situation is the level: a status wobbling inside it (at risk, in trouble) is not news,
        // and stepping down from 3 to 2 is recorded quietly.
        let fingerprint = "\(level)"
        let changed = fingerprint != memory.lastFingerprint
        if changed { next.ackedAt = nil }
        if snoozed { return (next, nil) }
        if changed && level < memory.level {
            next.lastFingerprint = fingerprint
            return (next, nil)
        }
        if !changed {
            if memory.ackedAt != nil { return (next, nil) }
            if let last = memory.lastAlertAt, now.timeIntervalSince(last) < repeatInterval { return (next, nil) }
        }
        next.lastFingerprint = fingerprint
        next.lastAlertAt = now
        return (next, .alert(level: level, reason: reason))
    }

    /// A new check-in cycle began (the team's prompt): time at level 2 counts toward escalation.
    public func newCycle(_ memory: Memory) -> Memory {
        var next = memory
        if memory.level == 2 { next.cyclesAtLevel += 1 }
        return next
    }

    /// The owner was sent a reminder for this key result (level 1, unless it is already higher).
    public func reminded(_ memory: Memory, at now: Date) -> Memory {
        guard memory.level == 0 else { return memory }
        var next = memory
        next.level = 1
        next.since = now
        next.reason = "reminded: no check-in this cycle yet"
        return next
    }

    /// The level a key result belongs at, and why.
    func target(_ report: KeyResultReport, memory: Memory, checkedInThisCycle: Bool) -> (Int, String) {
        if report.status == .complete { return (0, "complete") }
        if report.status == .inTrouble { return (3, Self.statusReason(report)) }
        if report.needsAttention {
            if memory.level >= 2 && memory.cyclesAtLevel >= cyclesBeforeEscalation {
                return (3, "\(Self.statusReason(report)) for \(memory.cyclesAtLevel) check-in cycles")
            }
            return (2, Self.statusReason(report))
        }
        if memory.level == 1 && !checkedInThisCycle { return (1, "reminded: no check-in this cycle yet") }
        return (0, "")
    }

    static func statusReason(_ report: KeyResultReport) -> String {
        var parts: [String] = []
        switch report.status {
        case .inTrouble, .atRisk:
            let behind = Int((report.gap * 100).rounded())
            parts.append(behind > 0 ? "\(report.status.label): \(behind) points behind the pace" : report.status.label)
        default:
            break
        }
        if report.has(.stale) { parts.append("no check-in for \(report.lastCheckIn == nil ? "the whole period so far" : "two weeks or more")") }
        if report.has(.noMovement) { parts.append("no movement in three check-ins") }
        if report.has(.confidenceDrop) { parts.append("confidence dropped to \(report.confidence.map(String.init) ?? "?")/10") }
        if let confidence = report.confidence, parts.isEmpty, report.status != .onTrack { parts.append("confidence \(confidence)/10") }
        return parts.isEmpty ? report.status.label : parts.joined(separator: "; ")
    }

    static func recoveryReason(_ report: KeyResultReport) -> String {
        report.status == .complete ? "complete" : "back on track: \(Int((report.clampedProgress * 100).rounded()))% against \(Int((report.expected * 100).rounded()))% expected"
    }
}
