public import Foundation
public import OKRModel
public import OKRStore
public import OKRWorkflows

extension Snapshot {
    /// Reads the state as of `at` (later check-ins are ignored).
    public static func load(_ organization: Organization, store: any Store, at: Date) async throws -> Snapshot {
        let keys = organization.allKeyResults.map(\.key)
        async let checkIns = store.checkIns(keyResults: keys, through: at)
        async let blockers = store.openBlockers()
        async let actions = store.actionItems(openOnly: false)
        async let escalation = store.escalationStates()
        async let away = store.away(person: nil)
        async let kpis = store.kpiCheckIns(through: at)
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
}
