public import CheckinParser
public import Foundation
public import OKRModel

extension ParserContext {
    /// What `personID` may update, numbered as their prompt numbers it (their own key results
    /// first, then their teams'), their teams' KPIs, everything else as known-but-not-theirs, the
    /// people okrd knows, the open action items they may close, the open blockers of their key
    /// results and okrd's pending question to them. `latestValues` are the values reported so far
    /// (a key result without one has never been checked in). In the period's last seven days and
    /// after it (when the retrospective asks for them) a key result named with words only is a reflection.
    public static func forPerson(_ personID: String, in organization: Organization, latestValues: [String: Double], kpiValues: [String: Double],
                                 openActions: [ActionItem], openBlockers: [Blocker] = [], pending: PendingQuestion? = nil, at: Date? = nil) -> ParserContext {
        let person = organization.person(personID)
        let updatable = organization.keyResults(updatableBy: personID)
        let updatableKeys = Set(updatable.map(\.key))
        func target(_ kr: KeyResult) -> Target {
            Target(
                key: kr.key, title: kr.title, kind: kr.kind.parserKind(milestones: kr.milestones), unit: kr.unit,
                owner: kr.owner, goal: kr.kind == .milestone ? Double(kr.milestones.count) : kr.target,
                lastValue: latestValues[kr.key], baseline: kr.kind == .milestone ? 0 : kr.baseline,
                group: organization.objective(containing: kr.key)?.title)
        }
        let kpis = organization.kpis(reportableBy: personID).map { kpi in
            Target(key: kpi.key, title: kpi.title, kind: .kpi, unit: kpi.unit, owner: kpi.owner, goal: kpi.target,
                   lastValue: kpiValues[kpi.key] ?? kpi.current)
        }
        let kpiKeys = Set(kpis.map(\.key))
        let otherKPIs = organization.kpis.filter { !kpiKeys.contains($0.key) }.map { kpi in
            Target(key: kpi.key, title: kpi.title, kind: .kpi, unit: kpi.unit, owner: kpi.owner, goal: kpi.target, lastValue: kpiValues[kpi.key] ?? kpi.current)
        }
        let others = organization.allKeyResults.filter { !updatableKeys.contains($0.key) }.map(target) + otherKPIs
        let people = organization.people.map { person in
            KnownPerson(id: person.id, name: person.name, handles: Dictionary(uniqueKeysWithValues: person.handles.map { ($0.key.rawValue, $0.value) }))
        }
        return ParserContext(
            author: personID,
            timeZone: person?.timeZone ?? organization.period.timeZone,
            targets: updatable.map(target) + kpis,
            otherTargets: others,
            people: people,
            openActions: openActions.filter { $0.doneAt == nil && organization.mayClose(owner: $0.owner, author: $0.author, keyResult: $0.keyResult, by: personID) }.map { OpenAction(id: $0.id, owner: $0.owner, text: $0.text, target: $0.keyResult) },
            openBlockers: openBlockers.filter { $0.resolvedAt == nil && ($0.author == personID || $0.keyResult.map(updatableKeys.contains) == true) }.map { OpenBlocker(id: $0.id, target: $0.keyResult, author: $0.author, text: $0.text) },
            pending: pending,
            reflecting: at.map { LocalDate($0, in: organization.period.timeZone) > organization.period.lastDay.adding(days: -7) } ?? false)
    }
}

extension KeyResult.Kind {
    func parserKind(milestones: [String]) -> Target.Kind {
        switch self {
        case .increase: .increase
        case .decrease: .decrease
        case .threshold: .threshold
        case .milestone: .milestone(milestones)
        }
    }
}
