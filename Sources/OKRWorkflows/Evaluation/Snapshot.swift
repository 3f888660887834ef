public import Foundation
import Synchronization
public import OKRModel

/// Everything needed to evaluate the organisation at one instant, read from the store once:
/// check-ins, blockers, absences, escalation states, action items and KPI values.
public struct Snapshot: Sendable {
    public var organization: Organization { didSet { reports = ReportCache() } }
    public var at: Date { didSet { reports = ReportCache() } }
    public var checkIns: [String: [CheckIn]] { didSet { reports = ReportCache() } }
    public var openBlockers: [Blocker] { didSet { reports = ReportCache() } }
    public var actionItems: [ActionItem]
    public var escalation: [String: EscalationState] { didSet { reports = ReportCache() } }
    public var away: [AwayRecord] { didSet { reports = ReportCache() } }
    public var kpiValues: [String: [KPICheckIn]]
    /// Key results evaluated so far: the status table, the ladder and the digest of one instant
    /// share them instead of evaluating 10,000 key results three times.
    private var reports = ReportCache()

    public init(organization: Organization, at: Date, checkIns: [String: [CheckIn]], openBlockers: [Blocker], actionItems: [ActionItem],
                escalation: [String: EscalationState], away: [AwayRecord], kpiValues: [String: [KPICheckIn]]) {
        self.organization = organization
        self.at = at
        self.checkIns = checkIns
        self.openBlockers = openBlockers
        self.actionItems = actionItems
        self.escalation = escalation
        self.away = away
        self.kpiValues = kpiValues
    }

    /// Intervals a person is away: configured holidays and absences plus `ooo` from chat.
    public func awayIntervals(of personID: String) -> [DateInterval] {
        guard let person = organization.person(personID) else { return [] }
        let extra = away.filter { $0.person == personID }.map { $0.from...$0.until }
        return person.awayIntervals(extra: extra)
    }

    /// Whether a person works at `instant`: it is one of their work days in their time zone and
    /// they are not away (holiday, configured absence or `ooo`).
    public func works(_ personID: String, at instant: Date) -> Bool {
        guard let person = organization.person(personID) else { return false }
        let day = LocalDate(instant, in: person.timeZone)
        return person.workWeek.isWorkday(day) && !isAway(personID, on: day)
    }

    /// Whether a person is away on a given local day (holiday, configured absence or `ooo`).
    public func isAway(_ personID: String, on day: LocalDate) -> Bool {
        guard let person = organization.person(personID) else { return false }
        if person.holidays.contains(day) { return true }
        let ranges = person.away + away.filter { $0.person == personID }.map { $0.from...$0.until }
        return ranges.contains { $0.contains(day) }
    }

    public func context(for keyResult: KeyResult) -> KeyResultContext {
        KeyResultContext(
            ownerAway: keyResult.owner.map { awayIntervals(of: $0) } ?? [],
            openBlockers: openBlockers.filter { $0.keyResult == keyResult.key }.count,
            snoozedUntil: escalation[keyResult.key]?.memory.snoozedUntil,
            ownerWorkWeek: keyResult.owner.flatMap { organization.person($0)?.workWeek })
    }

    public func report(for keyResult: KeyResult) -> KeyResultReport {
        if let cached = reports.get(keyResult) { return cached }
        let report = organization.evaluator.evaluate(keyResult, checkIns: checkIns[keyResult.key] ?? [], at: at, context: context(for: keyResult))
        reports.set(report)
        return report
    }

    public func report(for objective: Objective) -> ObjectiveReport {
        organization.evaluator.rollUp(objective, reports: objective.keyResults.map { report(for: $0) })
    }

    /// Reports for every objective, or one team's.
    public func objectiveReports(team: String? = nil) -> [ObjectiveReport] {
        organization.objectives.filter { team == nil || $0.team == team }.map { report(for: $0) }
    }

    /// The latest value of a KPI: the newest check-in, else the configured current value.
    public func currentValue(of kpi: KPI) -> Double? {
        kpiValues[kpi.key]?.last?.value ?? kpi.current
    }
}

/// Evaluated key results, by key (a key result redefined by a reload is evaluated again).
private final class ReportCache: Sendable {
    private let reports = Mutex<[String: KeyResultReport]>([:])

    func get(_ keyResult: KeyResult) -> KeyResultReport? {
        reports.withLock { $0[keyResult.key] }.flatMap { $0.keyResult == keyResult ? $0 : nil }
    }

    func set(_ report: KeyResultReport) {
        reports.withLock { $0[report.keyResult.key] = report }
    }
}
