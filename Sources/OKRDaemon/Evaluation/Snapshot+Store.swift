public import Foundation
public import OKRModel
public import OKRStore
public import OKRWorkflows

extension Snapshot {
    /// Reads the whole organisation's state as of `at` (later check-ins are ignored).
    public static func load(_ organization: Organization, store: any Store, at: Date) async throws -> Snapshot {
        async let checkIns = store.checkIns(keyResults: organization.allKeyResults.map(\.key), through: at)
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

    /// The state before a reply, for evaluating the key results it touches: what their evaluation
    /// reads of their history (`Store.checkInDigest`, a seek per week reported in) and the rest
    /// from the reply's own read. Its cost does not grow with the history.
    public static func load(_ organization: Organization, store: any Store, at: Date, keyResults: [String], state: ReplyState) async throws -> Snapshot {
        var byKey: [String: [CheckIn]] = [:]
        if !keyResults.isEmpty {
            let requests = keyResults.map { HistoryRequest(keyResult: $0, completion: organization.keyResult($0)?.completionBound) }
            for stored in try await store.checkInDigest(requests, weeks: WeekCalendar(timeZone: organization.period.timeZone), through: at) {
                byKey[stored.checkIn.keyResult, default: []].append(stored.checkIn)
            }
        }
        return Snapshot(
            organization: organization, at: at, checkIns: byKey,
            openBlockers: state.openBlockers.filter { $0.at <= at },
            actionItems: state.openActions.filter { $0.createdAt <= at },
            escalation: state.escalation, away: state.away, kpiValues: [:])
    }
}
