import Foundation
import OKRModel
import OKRStore
import Synchronization

/// The real SQLite store with a hand on the dispatcher's commits: `recordAndClaim` can be held
/// until the test lets it go (a disk that is slow exactly when the test wants) or fail once, and counts the
/// outcomes that are on disk once it has returned. Everything else goes straight through.
final class GatedStore: Store {
    let inner: SQLiteStore
    private struct State {
        var recorded = 0
        var holdNextRecording: (@Sendable () -> Bool)?
        var failNextRecording = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var applies = 0
        var failApplies = false
    }
    private let state = Mutex(State())

    init(_ inner: SQLiteStore) { self.inner = inner }

    /// Every `apply` fails from now on (or no longer), as on a full disk.
    func failApplies(_ fail: Bool) {
        state.withLock { $0.failApplies = fail }
    }

    /// How many times `apply` was called (each call is one transaction).
    var applies: Int { state.withLock { $0.applies } }

    /// Outcomes recorded by commits that have returned (so are on disk).
    var recorded: Int { state.withLock { $0.recorded } }

    /// The next commit that records outcomes waits until `open()` returns true (checked again at
    /// every `poke()`).
    func holdNextRecording(until open: @escaping @Sendable () -> Bool) {
        state.withLock { $0.holdNextRecording = open }
    }

    /// The next commit that records outcomes fails (after its hold, if any), as a full disk would.
    func failNextRecording() {
        state.withLock { $0.failNextRecording = true }
    }

    /// Re-checks the hold's condition.
    func poke() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard let open = state.holdNextRecording, open() else { return [] }
            state.holdNextRecording = nil
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    nonisolated(nonsending) func recordAndClaim(_ outcomes: [(Int64, DeliveryOutcome)], now: Date, limit: Int, among: [String]?, depths: [String: Int], excluding: Set<String>, claimant: String, leaseUntil: Date) async throws -> [OutboxMessage] {
        if !outcomes.isEmpty {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let go = state.withLock { state -> Bool in
                    guard let open = state.holdNextRecording, !open() else {
                        state.holdNextRecording = nil
                        return true
                    }
                    state.waiters.append(continuation)
                    return false
                }
                if go { continuation.resume() }
            }
        }
        if !outcomes.isEmpty, state.withLock({ state in defer { state.failNextRecording = false }; return state.failNextRecording }) {
            throw StoreError(.query, "database or disk is full (test)")
        }
        let claimed = try await inner.recordAndClaim(outcomes, now: now, limit: limit, among: among, depths: depths, excluding: excluding, claimant: claimant, leaseUntil: leaseUntil)
        state.withLock { $0.recorded += outcomes.count }
        return claimed
    }

    func apply(_ changes: [StoreChange], then follow: FollowUp?) async throws -> StoreApplyResult {
        let fail = state.withLock { state in
            state.applies += 1
            return state.failApplies
        }
        if fail { throw StoreError(.query, "database or disk is full (test)") }
        return try await inner.apply(changes, then: follow)
    }
    func checkIns(keyResults: [String]?, through: Date?) async throws -> [StoredCheckIn] { try await inner.checkIns(keyResults: keyResults, through: through) }
    func kpiCheckIns(through: Date?) async throws -> [KPICheckIn] { try await inner.kpiCheckIns(through: through) }
    func checkInDigest(_ requests: [HistoryRequest], weeks: WeekCalendar, through: Date) async throws -> [StoredCheckIn] {
        try await inner.checkInDigest(requests, weeks: weeks, through: through)
    }
    func replyState(_ request: ReplyStateRequest) async throws -> ReplyState { try await inner.replyState(request) }
    func reply(deliveryID: String) async throws -> Reply? { try await inner.reply(deliveryID: deliveryID) }
    func openQuestion(person: String, at: Date) async throws -> OpenQuestion? { try await inner.openQuestion(person: person, at: at) }
    func openBlockers() async throws -> [Blocker] { try await inner.openBlockers() }
    func actionItems(openOnly: Bool) async throws -> [ActionItem] { try await inner.actionItems(openOnly: openOnly) }
    func away(person: String?) async throws -> [AwayRecord] { try await inner.away(person: person) }
    func escalationStates() async throws -> [String: EscalationState] { try await inner.escalationStates() }
    func firing(team: String, kind: String, occurrence: String) async throws -> Firing? { try await inner.firing(team: team, kind: kind, occurrence: occurrence) }
    func lastFiring(team: String, kind: String) async throws -> Firing? { try await inner.lastFiring(team: team, kind: kind) }
    func claimDue(now: Date, limit: Int, excluding: Set<String>, claimant: String, leaseUntil: Date) async throws -> [OutboxMessage] {
        try await inner.claimDue(now: now, limit: limit, excluding: excluding, claimant: claimant, leaseUntil: leaseUntil)
    }
    func releaseLeases(heldBy: String?) async throws -> Int { try await inner.releaseLeases(heldBy: heldBy) }
    func forgetRenderedBodies() async throws -> Int { try await inner.forgetRenderedBodies() }
    func record(_ outcome: DeliveryOutcome, forMessage id: Int64) async throws { try await inner.record(outcome, forMessage: id) }
    func deadLetterUnknownDestinations(known: Set<String>, now: Date) async throws -> Int { try await inner.deadLetterUnknownDestinations(known: known, now: now) }
    func outbox(_ filter: OutboxFilter) async throws -> [OutboxMessage] { try await inner.outbox(filter) }
    func outboxMessage(id: Int64) async throws -> OutboxMessage? { try await inner.outboxMessage(id: id) }
    func outboxStats() async throws -> (counts: [OutboxMessage.State: Int], oldestPending: Date?) { try await inner.outboxStats() }
    func nextDue(excluding: Set<String>) async throws -> Date? { try await inner.nextDue(excluding: excluding) }
    func nextDue(among: [String], excluding: Set<String>) async throws -> Date? { try await inner.nextDue(among: among, excluding: excluding) }
    func retry(messageID: Int64, now: Date) async throws -> Bool { try await inner.retry(messageID: messageID, now: now) }
    func retryDead(now: Date) async throws -> Int { try await inner.retryDead(now: now) }
    func purgeDead(olderThan: Date?) async throws -> Int { try await inner.purgeDead(olderThan: olderThan) }
    func destinationStates() async throws -> [String: DestinationState] { try await inner.destinationStates() }
    func setDestinationState(_ state: DestinationState) async throws { try await inner.setDestinationState(state) }
    func meta(_ key: String) async throws -> String? { try await inner.meta(key) }
    func metaSetIfAbsent(_ key: String, _ value: String) async throws -> String { try await inner.metaSetIfAbsent(key, value) }
    func ping() async throws { try await inner.ping() }
    func close() async throws { try await inner.close() }
}
