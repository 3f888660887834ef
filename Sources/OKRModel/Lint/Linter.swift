public import Foundation

/// One thing wrong with how OKRs are written, pointing at the place in the configuration.
public struct LintFinding: Sendable, Hashable {
    public var rule: LintRule
    public var location: SourceLocation
    public var message: String
    /// The objective it concerns (where `silence:` can switch it off), if any.
    public var objective: String?
    /// The key result it concerns, if any.
    public var keyResult: String?

    public init(rule: LintRule, location: SourceLocation, message: String, objective: String?, keyResult: String? = nil) {
        self.rule = rule
        self.location = location
        self.message = message
        self.objective = objective
        self.keyResult = keyResult
    }
}

/// okrd's lint rules: each with an id, a one-line explanation and a fix hint. The ideas come from
/// sales-team OKR practice: few objectives, measurable outcomes rather than activities, rates next
/// to volumes, alignment, owners, and targets that stretch without being fantasy.
public struct LintRule: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var explanation: String
    public var hint: String

    public static let tooManyObjectives = LintRule(id: "OKR001", name: "too-many-objectives",
        explanation: "A team with more than 4 objectives for one period spreads itself too thin.",
        hint: "keep the 3-4 objectives that matter most; move the rest to the next period or to KPIs")
    public static let tooFewKeyResults = LintRule(id: "OKR002", name: "too-few-key-results",
        explanation: "An objective measured by fewer than 2 key results is a task, or is measured one-sidedly.",
        hint: "add a second key result that measures the same objective from another angle (a rate or quality next to a volume)")
    public static let tooManyKeyResults = LintRule(id: "OKR003", name: "too-many-key-results",
        explanation: "More than 5 key results per objective dilute focus and make check-ins a chore.",
        hint: "keep the 3-5 key results that best show the objective is reached; track the rest as KPIs")
    public static let kpiCount = LintRule(id: "OKR004", name: "kpi-count",
        explanation: "A team that tracks KPIs should watch 3 to 6 of them: fewer misses the business's health, more is noise.",
        hint: "pick the few health metrics the team would act on when they go red")
    public static let vagueKeyResult = LintRule(id: "OKR005", name: "vague-key-result",
        explanation: "A key result needs a number, a baseline, a target and a unit, or nobody can tell whether it moved.",
        hint: "say where it starts and where it should end, in a unit: e.g. \"Raise win rate from 18% to 25%\" with baseline 18, target 25, unit percent")
    public static let activityKeyResult = LintRule(id: "OKR006", name: "activity-key-result",
        explanation: "This key result counts activities (calls, emails, meetings, demos scheduled, modules completed), not outcomes.",
        hint: "measure what the activity should achieve: deals won, pipeline created, conversion rate, time to ramp")
    public static let volumeOnly = LintRule(id: "OKR007", name: "volume-only-objective",
        explanation: "Every key result of this objective measures volume; none measures a rate or quality, so volume can be bought with bad deals.",
        hint: "add a rate or quality key result: win rate, conversion, margin, churn, satisfaction")
    public static let unaligned = LintRule(id: "OKR008", name: "unaligned-objective",
        explanation: "The objective is neither aligned to a parent objective nor marked as top-level.",
        hint: "set aligned_to: PARENT-KEY, or top_level: true for a company-level objective")
    public static let missingOwner = LintRule(id: "OKR009", name: "missing-owner",
        explanation: "Nobody owns this key result, so nobody is asked to check in on it and nobody is escalated.",
        hint: "set owner: to the person who reports its progress")
    public static let unrealisticTarget = LintRule(id: "OKR010", name: "unrealistic-target",
        explanation: "The target is far beyond what the baseline (or the history okrd has) makes believable for one period.",
        hint: "aim for a stretch that the team believes it can reach to 70%; split the rest into the next period")
    public static let conservativeTarget = LintRule(id: "OKR011", name: "conservative-target",
        explanation: "The target is within a few percent of the baseline, or was already reached when the period started: a sandbagged key result.",
        hint: "raise the target to something that needs effort to reach")

    public static let all: [LintRule] = [
        tooManyObjectives, tooFewKeyResults, tooManyKeyResults, kpiCount, vagueKeyResult, activityKeyResult,
        volumeOnly, unaligned, missingOwner, unrealisticTarget, conservativeTarget,
    ]

    public static func rule(_ id: String) -> LintRule? { all.first { $0.id == id.uppercased() } }
}

/// Limits the rules use; the defaults follow common OKR practice.
public struct LintSettings: Sendable, Hashable {
    public var maxObjectivesPerTeam = 4
    public var keyResultsPerObjective = 2...5
    public var kpisPerTeam = 3...6
    /// A target more than this many times the baseline (or its inverse, for decreases) is unrealistic.
    public var unrealisticFactor = 3.0
    /// A target within this fraction of the baseline is too conservative.
    public var conservativeMargin = 0.05

    public init() {}
}

/// What okrd knows from its store that sharpens the rules: values seen before the period.
public struct LintHistory: Sendable {
    /// Key result or KPI key -> values checked in, oldest first, with their instants.
    public var values: [String: [(at: Date, value: Double)]]

    public init(values: [String: [(at: Date, value: Double)]] = [:]) {
        self.values = values
    }
}

/// Checks an organisation's OKRs against the rules. Pure: definitions (and history) in, findings out.
public struct Linter: Sendable {
    public var settings: LintSettings

    public init(settings: LintSettings = LintSettings()) {
        self.settings = settings
    }

    public func lint(_ organization: Organization, history: LintHistory = LintHistory()) -> [LintFinding] {
        var findings: [LintFinding] = []
        func add(_ rule: LintRule, _ location: SourceLocation, _ message: String, objective: Objective?, keyResult: String? = nil) {
            if let objective, objective.silenced[rule.id] != nil { return }
            findings.append(LintFinding(rule: rule, location: location, message: message, objective: objective?.key, keyResult: keyResult))
        }

        for team in organization.teams {
            let objectives = organization.objectives(ofTeam: team.id)
            if objectives.count > settings.maxObjectivesPerTeam, objectives[settings.maxObjectivesPerTeam].silenced[LintRule.tooManyObjectives.id] == nil {
                findings.append(LintFinding(rule: .tooManyObjectives, location: objectives[settings.maxObjectivesPerTeam].location,
                                            message: "team \"\(team.id)\" has \(objectives.count) objectives this period (at most \(settings.maxObjectivesPerTeam) recommended)", objective: nil))
            }
            let kpis = organization.kpis.filter { $0.team == team.id }
            if !kpis.isEmpty, !settings.kpisPerTeam.contains(kpis.count) {
                findings.append(LintFinding(rule: .kpiCount, location: kpis[0].location,
                                            message: "team \"\(team.id)\" tracks \(kpis.count) KPI\(kpis.count == 1 ? "" : "s") (\(settings.kpisPerTeam.lowerBound)-\(settings.kpisPerTeam.upperBound) recommended)", objective: nil))
            }
        }

        for objective in organization.objectives {
            let count = objective.keyResults.count
            if count < settings.keyResultsPerObjective.lowerBound {
                add(.tooFewKeyResults, objective.location, "objective \"\(objective.key)\" has \(count) key result\(count == 1 ? "" : "s")", objective: objective)
            } else if count > settings.keyResultsPerObjective.upperBound {
                add(.tooManyKeyResults, objective.location, "objective \"\(objective.key)\" has \(count) key results", objective: objective)
            }
            if objective.alignedTo == nil && !objective.topLevel {
                add(.unaligned, objective.location, "objective \"\(objective.key)\" is not aligned to a parent and not marked top_level", objective: objective)
            }
            let measurable = objective.keyResults.filter { $0.kind == .increase || $0.kind == .decrease }
            if measurable.count >= 2, objective.keyResults.allSatisfy({ !Self.measuresRateOrQuality($0) }) {
                add(.volumeOnly, objective.location, "objective \"\(objective.key)\" is measured only by volume (\(objective.keyResults.map(\.key).joined(separator: ", ")))", objective: objective)
            }
            for kr in objective.keyResults {
                checkKeyResult(kr, objective: objective, history: history, period: organization.period) { rule, location, message, objective in
                    add(rule, location, message, objective: objective, keyResult: kr.key)
                }
            }
        }

        for kpi in organization.kpis {
            guard let values = history.values[kpi.key]?.map(\.value), values.count >= 3 else { continue }
            let best = kpi.direction == .atLeast ? values.max()! : values.min()!
            let far = kpi.direction == .atLeast ? kpi.target > best * settings.unrealisticFactor && best > 0
                : kpi.target < best / settings.unrealisticFactor
            if far {
                findings.append(LintFinding(rule: .unrealisticTarget, location: kpi.location,
                                            message: "KPI \"\(kpi.key)\" targets \(kpi.unit.format(kpi.target)); the best of its \(values.count) recorded values is \(kpi.unit.format(best))", objective: nil))
            }
        }
        return findings.sorted { ($0.location.line, $0.location.column, $0.rule.id) < ($1.location.line, $1.location.column, $1.rule.id) }
    }

    private func checkKeyResult(_ kr: KeyResult, objective: Objective, history: LintHistory, period: Period,
                                add: (LintRule, SourceLocation, String, Objective?) -> Void) {
        let name = "key result \"\(kr.key)\""
        if kr.owner == nil {
            add(.missingOwner, kr.location, "\(name) has no owner", objective)
        }
        if kr.kind != .milestone {
            var missing: [String] = []
            if !kr.title.contains(where: \.isNumber) { missing.append("no number in its title") }
            if kr.kind != .threshold && kr.baseline == nil { missing.append("no baseline") }
            if kr.target == nil { missing.append("no target") }
            if !kr.unitGiven { missing.append("no unit") }
            if !missing.isEmpty {
                add(.vagueKeyResult, kr.location, "\(name) is vague: \(missing.joined(separator: ", "))", objective)
            }
        }
        if let activity = Self.activity(in: kr.title) {
            add(.activityKeyResult, kr.location, "\(name) counts an activity (\(activity)), not an outcome", objective)
        }
        guard kr.kind == .increase || kr.kind == .decrease, let target = kr.target else { return }
        let baseline = kr.baseline ?? 0
        if baseline > 0, target > 0 {
            let ratio = kr.kind == .increase ? target / baseline : baseline / target
            if ratio > settings.unrealisticFactor {
                add(.unrealisticTarget, kr.location, "\(name) asks for \(kr.unit.format(baseline)) -> \(kr.unit.format(target)) in one period (\(String(format: "%.1f", ratio))x)", objective)
            } else if abs(target - baseline) <= settings.conservativeMargin * abs(baseline) {
                add(.conservativeTarget, kr.location, "\(name) moves only from \(kr.unit.format(baseline)) to \(kr.unit.format(target))", objective)
            }
        }
        // History: the value already at or beyond the target when the period began, or the target
        // far beyond anything the last period saw.
        if let values = history.values[kr.key], !values.isEmpty {
            let before = values.filter { $0.at <= period.start.addingTimeInterval(7 * 86_400) }
            let reached = before.contains { kr.kind == .increase ? $0.value >= target : $0.value <= target }
            if reached {
                add(.conservativeTarget, kr.location, "\(name) was already at its target (\(kr.unit.format(target))) when the period started", objective)
            }
        }
    }

    /// Rates, ratios and quality measures (as opposed to volumes).
    static func measuresRateOrQuality(_ kr: KeyResult) -> Bool {
        if kr.unit == .percent || kr.kind == .threshold { return true }
        let words = Self.words(kr.title)
        let markers: Set<String> = ["rate", "ratio", "conversion", "converted", "satisfaction", "nps", "csat", "quality", "margin",
                                    "churn", "retention", "score", "win", "accuracy", "cycle", "time", "days", "average", "per"]
        return !markers.isDisjoint(with: words) || kr.unit == .days
    }

    /// The activity a title counts, if it counts one: `make 200 calls`, `emails sent`, `hold 12
    /// meetings`, `schedule 30 demos`, `complete 5 training modules`.
    public static func activity(in title: String) -> String? {
        let words = Self.words(title)
        let activities: [String: Set<String>] = [
            "calls": ["make", "made", "log", "logged", "do", "place", "placed", "dial", "cold"],
            "dials": ["make", "made", "log", "logged"],
            "emails": ["send", "sent", "write", "written", "cold"],
            "messages": ["send", "sent"],
            "meetings": ["hold", "held", "book", "booked", "schedule", "scheduled", "attend", "attended", "set", "run"],
            "demos": ["schedule", "scheduled", "book", "booked", "hold", "held", "run", "give", "given", "deliver", "delivered"],
            "modules": ["complete", "completed", "finish", "finished", "take", "taken"],
            "trainings": ["complete", "completed", "attend", "attended", "run"],
            "courses": ["complete", "completed", "finish", "finished", "take", "taken"],
            "visits": ["make", "made", "pay", "paid", "do"],
            "webinars": ["hold", "held", "run", "host", "hosted"],
            "posts": ["publish", "published", "write", "written"],
            "touchpoints": ["make", "made", "log", "logged"],
        ]
        for (index, word) in words.enumerated() {
            guard let verbs = activities[word] else { continue }
            let window = words[max(0, index - 4)..<min(words.count, index + 3)]
            if let verb = window.first(where: { verbs.contains($0) }) {
                return "\(verb) … \(word)"
            }
        }
        return nil
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }
}
