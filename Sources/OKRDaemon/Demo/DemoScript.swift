public import Foundation
public import OKRModel

/// One scripted chat reply.
public struct ScriptedReply: Sendable, Hashable {
    public var at: Date
    public var author: String
    public var text: String

    public init(at: Date, author: String, text: String) {
        self.at = at
        self.author = author
        self.text = text
    }
}

/// The replies the people of a configuration send during a quarter in `okrd demo`: written the
/// way people write in chat, through the real parser. Each person plays a part: steady and on
/// track, sandbagging (the target is met in week four), stalling (answers for a few weeks, then
/// goes quiet), in trouble (slow, losing confidence, blocked), or away for two weeks (`ooo`).
/// The example configuration's people have fixed parts; other configurations get them in turn.
public struct DemoScript: Sendable {
    public enum Part: String, Sendable, CaseIterable {
        case steady, sandbagging, stalling, inTrouble = "in trouble", away
    }

    public let organization: Organization
    public var parts: [String: Part]

    public init(organization: Organization) {
        self.organization = organization
        let fixed: [String: Part] = ["maria": .steady, "li": .stalling, "dana": .steady, "carlos": .away, "sam": .inTrouble, "priya": .sandbagging]
        var parts: [String: Part] = [:]
        let cycle: [Part] = [.steady, .stalling, .inTrouble, .sandbagging, .steady, .away]
        var index = 0
        for person in organization.people where !organization.keyResults(ownedBy: person.id).isEmpty {
            if let part = fixed[person.id] {
                parts[person.id] = part
            } else {
                parts[person.id] = cycle[index % cycle.count]
                index += 1
            }
        }
        self.parts = parts
    }

    /// Every reply of the period, in order.
    public func replies() -> [ScriptedReply] {
        let period = organization.period
        var replies: [ScriptedReply] = []
        for person in organization.people {
            guard let part = parts[person.id] else { continue }
            let own = organization.keyResults(ownedBy: person.id)
            var week = 0
            var monday = Self.firstMonday(onOrAfter: period.firstDay)
            while monday <= period.lastDay {
                week += 1
                defer { monday = monday.adding(days: 7) }
                let zone = person.timeZone
                // Who answers when: most on Monday, the one in trouble only after Wednesday's reminder.
                let day = part == .inTrouble ? monday.adding(days: 2) : monday
                let (hour, minute) = Self.replyTime(part, person: person.id)
                let at = WallClock.instant(day: day, hour: hour, minute: minute, in: zone)
                guard at < period.end else { break }
                if part == .stalling && week > 5 { continue }
                if part == .away && week == 7 {
                    let until = monday.adding(days: 11)
                    replies.append(ScriptedReply(at: at, author: person.id, text: "ooo until \(Self.monthDay(until))"))
                    continue
                }
                if part == .away && week == 8 { continue }
                let elapsed = period.elapsedFraction(at: at)
                var lines: [String] = []
                for kr in own {
                    let progress = Self.progress(part, elapsed: elapsed, week: week)
                    let confidence = Self.confidence(part, week: week)
                    lines.append("\(kr.key) \(Self.value(kr, progress: progress)) conf \(confidence) - \(Self.comment(part, week: week))")
                }
                if part == .inTrouble && week == 4, let first = own.first {
                    lines.append("blocker: procurement freeze at two of our biggest prospects (\(first.key))")
                }
                if part == .steady && week % 3 == 2, let first = own.first {
                    lines.append("action: @\(person.id) follow up with the two stalled accounts on \(first.key) by Friday")
                }
                // Steady people close last week's action item, so open items do not pile up.
                if part == .steady && week % 3 == 0 && week > 0, let first = own.first {
                    lines.append("- [x] follow up with the two stalled accounts on \(first.key)")
                }
                if part == .inTrouble && week == 8, let first = own.first {
                    lines.append("ack \(first.key)")
                }
                // KPI owners report their health metrics: healthy, then a three-week dip mid-period.
                for kpi in organization.kpis where kpi.owner == person.id {
                    lines.append("\(kpi.key) \(Self.kpiValue(kpi, week: week))")
                }
                replies.append(ScriptedReply(at: at, author: person.id, text: lines.joined(separator: "\n")))
            }
        }
        return replies.sorted { ($0.at, $0.author) < ($1.at, $1.author) }
    }

    /// A KPI's weekly value: 4 % on the healthy side of its target, except weeks 5-7 (8 % on the
    /// wrong side), in the unit's own notation.
    static func kpiValue(_ kpi: KPI, week: Int) -> String {
        let healthy = !(5...7).contains(week)
        let sign: Double = (kpi.direction == .atLeast) == healthy ? 1 : -1
        let value = kpi.target * (1 + sign * (healthy ? 0.04 : 0.08))
        switch kpi.unit {
        case .percent: return String(format: "%.1f%%", value)
        case .currency: return "$" + String(Int(value.rounded()))
        default: return String(Int(value.rounded()))
        }
    }

    static func firstMonday(onOrAfter day: LocalDate) -> LocalDate {
        var day = day
        while day.isoWeekday != 1 { day = day.adding(days: 1) }
        return day
    }

    static func replyTime(_ part: Part, person: String) -> (Int, Int) {
        switch part {
        case .steady: (10, 15 + (person.count % 4) * 10)
        case .sandbagging: (13, 5)
        case .stalling: (14, 0)
        case .inTrouble: (12, 0)
        case .away: (11, 30)
        }
    }

    /// How far along the part is at `elapsed` of the period.
    static func progress(_ part: Part, elapsed: Double, week: Int) -> Double {
        switch part {
        case .steady, .away: min(1, elapsed * 1.05 + 0.04)
        case .sandbagging: min(1, Double(week) / 4)
        case .stalling: elapsed * 0.9
        case .inTrouble: elapsed * 0.4
        }
    }

    static func confidence(_ part: Part, week: Int) -> Int {
        switch part {
        case .steady, .away: 7 + week % 2
        case .sandbagging: 9
        case .stalling: 6
        case .inTrouble: max(2, 6 - week / 2)
        }
    }

    static func comment(_ part: Part, week: Int) -> String {
        switch part {
        case .steady, .away: ["two new accounts this week", "steady, as planned", "good meetings, one signed", "pipeline looks healthy"][week % 4]
        case .sandbagging: week >= 4 ? "done already, nothing more to do" : "well ahead"
        case .stalling: ["slow week", "waiting on marketing", "some movement"][week % 3]
        case .inTrouble: week >= 6 ? "off track, budgets are frozen" : "slower than hoped"
        }
    }

    /// A value at `progress` of the way, written in the key result's unit the way people type it.
    static func value(_ kr: KeyResult, progress: Double) -> String {
        switch kr.kind {
        case .milestone:
            let done = Int((progress * Double(kr.milestones.count)).rounded())
            return "\(min(done, kr.milestones.count)) of \(kr.milestones.count)"
        case .threshold:
            let target = kr.target ?? 0
            return kr.unit.format(((target + (kr.direction == .atMost ? -1.5 : 1.5)) * 10).rounded() / 10)
        case .increase, .decrease:
            let raw = kr.startValue + (kr.goalValue - kr.startValue) * progress
            let step: Double = kr.unit == .count ? 1 : (abs(kr.goalValue - kr.startValue) >= 1000 ? 1000 : 0.1)
            let rounded = (raw / step).rounded() * step
            return kr.unit.format(rounded)
        }
    }

    static func monthDay(_ day: LocalDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[day.month - 1]) \(day.day)"
    }
}
