public import Foundation
public import OKRModel
public import OKRStore
public import OKRWorkflows

extension Snapshot {
    /// Reads the state as of `at` (later check-ins are ignored).
    /// With `keyResults`, only what evaluating them reads of their check-ins (`Store.checkInDigest`),
    /// the open action items and no KPI values: what a reply's confirmation needs, at a cost that
    /// does not grow with the history.
    public static func load(_ organization: Organization, store: any Store, at: Date, keyResults only: [String]? = nil) async throws -> Snapshot {
        let keys = only ?? organization.allKeyResults.map(\.key)
        // For a few key results, only what their evaluation reads (a seek per week reported in);
        // for the whole organisation, one pass over the history is cheaper.
        async let checkIns = history(of: keys, evaluatingOnly: only != nil, organization: organization, store: store, at: at)
        async let blockers = store.openBlockers()
        async let actions = store.actionItems(openOnly: only != nil)
        async let escalation = store.escalationStates()
        async let away = store.away(person: nil)
        async let kpis = only == nil ? store.kpiCheckIns(through: at) : []
        var byKey: [String: [CheckIn]] = [:]
        for stored in try await checkIns { byKey[stored.checkIn.keyResult, default: []].append(stored.checkIn) }
        var kpiValues: [String: [KPICheckIn]] = [:]
        for value in try await kpis { kpiValues[value.kpi, default: []].append(value) }
        return Snapshot(
            organization: organization, at: at, checkIns: byKey,
            openBlockers: try await blockers.filter { $0.at <= at },
            actionItems: try await actions.filter { $0.createdAt <= at },
            escalation: try await escalation, away: try await away, kpiValues: kpiValues)
    }

    private static func history(of keys: [String], evaluatingOnly: Bool, organization: Organization, store: any Store, at: Date) async throws -> [StoredCheckIn] {
        guard evaluatingOnly else { return try await store.checkIns(keyResults: keys, through: at) }
        let requests = keys.map { HistoryRequest(keyResult: $0, completion: organization.keyResult($0)?.completionBound) }
        return try await store.checkInDigest(requests, weeks: WeekCalendar(timeZone: organization.period.timeZone), through: at)
    }
}
