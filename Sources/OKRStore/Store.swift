public import Foundation
public import OKRModel

/// What applying a batch of changes did.
public struct StoreApplyResult: Sendable, Hashable {
    /// False when the batch was refused as a whole: a firing already claimed, or a reply already seen.
    public var applied: Bool
    /// Set when the batch was refused because its reply's delivery id was seen before.
    public var duplicateOf: Int64?
    public var replyID: Int64?
    public var actionItemIDs: [Int64] = []
    public var enqueuedIDs: [Int64] = []
    /// Messages skipped because their idempotency key was already queued.
    public var skippedMessages: Int = 0

    public init(applied: Bool, duplicateOf: Int64? = nil, replyID: Int64? = nil) {
        self.applied = applied
        self.duplicateOf = duplicateOf
        self.replyID = replyID
    }
}

/// What evaluating one key result needs of its history (see `Store.checkInDigest`).
public struct HistoryRequest: Sendable, Hashable {
    public var keyResult: String
    /// Values that may complete it (`KeyResult.completionBound`).
    public var completion: ValueBound?

    public init(keyResult: String, completion: ValueBound?) {
        self.keyResult = keyResult
        self.completion = completion
    }
}

/// What `Store.replyState` reads for one reply.
public struct ReplyStateRequest: Sendable, Hashable {
    public var person: String
    public var at: Date
    public var deliveryID: String?
    /// Key results and KPIs whose latest values the reply's context needs.
    public var keyResults: [String]
    public var kpis: [String]
    /// Whether the reply may answer the person's open question (it was said to okrd).
    public var readsQuestion: Bool

    public init(person: String, at: Date, deliveryID: String?, keyResults: [String], kpis: [String], readsQuestion: Bool) {
        self.person = person
        self.at = at
        self.deliveryID = deliveryID
        self.keyResults = keyResults
        self.kpis = kpis
        self.readsQuestion = readsQuestion
    }
}

/// The state a reply is read against (see `Store.replyState`).
public struct ReplyState: Sendable {
    public var seen: Reply?
    public var latest: LatestValues
    public var openActions: [ActionItem]
    public var openBlockers: [Blocker]
    public var question: OpenQuestion?
    public var escalation: [String: EscalationState]
    public var away: [AwayRecord]
    public var lastReply: Reply?

    public init(seen: Reply?, latest: LatestValues, openActions: [ActionItem], openBlockers: [Blocker], question: OpenQuestion?,
                escalation: [String: EscalationState], away: [AwayRecord], lastReply: Reply?) {
        self.seen = seen
        self.latest = latest
        self.openActions = openActions
        self.openBlockers = openBlockers
        self.question = question
        self.escalation = escalation
        self.away = away
        self.lastReply = lastReply
    }
}

/// The latest reported values, by key result and by KPI.
public struct LatestValues: Sendable, Hashable {
    public var keyResults: [String: Double]
    public var kpis: [String: Double]

    public init(keyResults: [String: Double] = [:], kpis: [String: Double] = [:]) {
        self.keyResults = keyResults
        self.kpis = kpis
    }
}

/// Which outbox messages to list.
public struct OutboxFilter: Sendable, Hashable {
    public var states: Set<OutboxMessage.State>
    public var destination: String?
    public var limit: Int

    public init(states: Set<OutboxMessage.State> = Set(OutboxMessage.State.allCases), destination: String? = nil, limit: Int = 100) {
        self.states = states
        self.destination = destination
        self.limit = limit
    }
}

/// Changes computed from what a batch applied, stored in the same transaction.
public typealias FollowUp = @Sendable (StoreApplyResult) throws -> [StoreChange]

extension Store {
    /// Records outcomes and claims heads only (one message per destination).
    public nonisolated(nonsending) func recordAndClaim(_ outcomes: [(Int64, DeliveryOutcome)], now: Date, limit: Int, among: [String]?, excluding: Set<String>,
                                                       claimant: String, leaseUntil: Date) async throws -> [OutboxMessage] {
        try await recordAndClaim(outcomes, now: now, limit: limit, among: among, depths: [:], excluding: excluding, claimant: claimant, leaseUntil: leaseUntil)
    }

    /// Applies every change in one transaction.
    public func apply(_ changes: [StoreChange]) async throws -> StoreApplyResult {
        try await apply(changes, then: nil)
    }
}

/// okrd's persistent state. Definitions (objectives, key results) stay in the YAML; the store
/// keys everything by their stable keys. Implemented by SQLite (embedded, one process) and PostgreSQL (replicas).
/// No SQL and no driver types cross this protocol.
public protocol Store: Sendable {
    /// Applies every change in one transaction; then, in the same transaction, the changes that
    /// `follow` computes from what was applied (the ids it assigned). `follow` is not called when
    /// the batch was refused (a duplicate reply, a firing claimed before). A reply and the
    /// confirmation that names its action items are stored together or not at all.
    func apply(_ changes: [StoreChange], then follow: FollowUp?) async throws -> StoreApplyResult

    // MARK: Check-ins and replies
    func checkIns(keyResults: [String]?, through: Date?) async throws -> [StoredCheckIn]
    func kpiCheckIns(through: Date?) async throws -> [KPICheckIn]
    /// Everything `Evaluator.evaluate` reads of the key results' histories, through `through`:
    /// per week (as `weeks` counts them) the last check-in, the last with a value and the last with
    /// a confidence; and the first check-ins whose value passes the request's completion bound.
    /// Read with index seeks: its cost grows with the weeks a key result was reported in, not
    /// with its check-ins. Sorted by time.
    func checkInDigest(_ requests: [HistoryRequest], weeks: WeekCalendar, through: Date) async throws -> [StoredCheckIn]
    /// Everything a reply is read against, in one read transaction: its delivery seen before,
    /// the author's latest values, open action items and blockers, their open question, the
    /// escalation states, absences and their last reply (for `undo`).
    func replyState(_ request: ReplyStateRequest) async throws -> ReplyState
    func reply(deliveryID: String) async throws -> Reply?
    /// The question okrd is waiting on from `person`, unless it expired by `at`.
    func openQuestion(person: String, at: Date) async throws -> OpenQuestion?

    // MARK: Blockers, action items, absences
    func openBlockers() async throws -> [Blocker]
    func actionItems(openOnly: Bool) async throws -> [ActionItem]
    func away(person: String?) async throws -> [AwayRecord]

    // MARK: Escalation and schedule
    func escalationStates() async throws -> [String: EscalationState]
    func firing(team: String, kind: String, occurrence: String) async throws -> Firing?
    func lastFiring(team: String, kind: String) async throws -> Firing?

    // MARK: Outbox
    /// Leases up to `limit` due messages, at most one per destination: the head of each
    /// destination's queue, so delivery stays FIFO per destination (a head waiting for its backoff
    /// holds back the messages behind it). None for destinations in `excluding`. A lease expires at
    /// `leaseUntil`, so messages held by a crashed sender become due again. Counts the attempt.
    func claimDue(now: Date, limit: Int, excluding: Set<String>, claimant: String, leaseUntil: Date) async throws -> [OutboxMessage]
    /// Releases leases (all when `heldBy` is nil), e.g. at start-up of a single-box daemon whose
    /// previous process died mid-send. Returns how many.
    func releaseLeases(heldBy: String?) async throws -> Int
    /// Drops the bodies rendered at queue time from pending messages (the configuration changed),
    /// so they are rendered again when sent. Returns how many.
    func forgetRenderedBodies() async throws -> Int
    /// Records the outcome of an attempt and releases the lease.
    func record(_ outcome: DeliveryOutcome, forMessage id: Int64) async throws
    /// Records several outcomes and then claims, in one transaction (group commit: one durable
    /// write for many deliveries).
    /// `among` names the destinations to look at (the configured ones), in the order to serve them:
    /// the store seeks each queue's head by index, in that order, and stops at `limit` destinations
    /// (callers rotate the list for fairness). Without it, the oldest due heads come first.
    /// `depths` says how many messages of a destination to lease at most: its head, then the
    /// messages right behind it for as long as each is due and not leased (1 for a destination not
    /// named). Only a process that leased the head leases the messages behind it, so they go out in
    /// order across replicas. Returned sorted by id (a destination's head first).
    nonisolated(nonsending) func recordAndClaim(_ outcomes: [(Int64, DeliveryOutcome)], now: Date, limit: Int, among: [String]?, depths: [String: Int],
                                                excluding: Set<String>, claimant: String, leaseUntil: Date) async throws -> [OutboxMessage]
    /// Dead-letters pending messages for destinations that are no longer configured; returns how many.
    func deadLetterUnknownDestinations(known: Set<String>, now: Date) async throws -> Int
    func outbox(_ filter: OutboxFilter) async throws -> [OutboxMessage]
    func outboxMessage(id: Int64) async throws -> OutboxMessage?
    /// Counts by state, and the creation time of the oldest pending message.
    func outboxStats() async throws -> (counts: [OutboxMessage.State: Int], oldestPending: Date?)
    /// The earliest instant a pending, unclaimed message becomes due, to sleep until then.
    func nextDue(excluding: Set<String>) async throws -> Date?
    /// The same, looking only at the queues of the named destinations (index seeks, no scan).
    func nextDue(among: [String], excluding: Set<String>) async throws -> Date?
    /// Moves a message (dead, pending, or even sent: to send it again) back to pending, due now.
    /// Returns false if there is none.
    func retry(messageID: Int64, now: Date) async throws -> Bool
    /// Moves every dead message back to pending; returns how many.
    func retryDead(now: Date) async throws -> Int
    /// Deletes dead messages created before `olderThan` (all dead ones when nil); returns how many.
    func purgeDead(olderThan: Date?) async throws -> Int
    func destinationStates() async throws -> [String: DestinationState]
    func setDestinationState(_ state: DestinationState) async throws

    // MARK: Meta
    func meta(_ key: String) async throws -> String?
    /// Sets the value only when the key has none yet; returns the value now stored (first writer wins).
    func metaSetIfAbsent(_ key: String, _ value: String) async throws -> String

    /// A cheap round trip, for health checks.
    func ping() async throws
    func close() async throws

    /// How replicas sharing this store divide their work; nil for a store one process owns (SQLite).
    var coordination: (any ReplicaCoordination)? { get }
}

extension Store {
    public var coordination: (any ReplicaCoordination)? { nil }
}

/// How several `okrd run` replicas on one database share the work: one leader runs what depends on
/// time (the scheduler, escalation checks, the Matrix poller); every replica delivers and takes
/// replies, and is woken when any of them queues messages.
public protocol ReplicaCoordination: Sendable {
    /// Tries to become, or checks that this process still is, the leader. False when another
    /// replica leads, or when the database cannot be reached (leadership is lost then: the lock
    /// lives on a connection, and the server frees it when the connection goes).
    func lead() async -> Bool
    /// Gives leadership up (a replica that stops), so another takes over at once. Its leases stay
    /// its own while it finishes the sends in flight.
    func resign() async
    /// Calls `wake` whenever any replica queues messages or resumes a destination, until the
    /// calling task is cancelled; reconnects by itself (and wakes once after each reconnect).
    func listen(_ wake: @escaping @Sendable () -> Void) async
    /// Marks the leases taken as `claimant` as held by a live process, for as long as it lives.
    func register(claimant: String) async throws
    /// Releases the leases of claimants whose process is gone (killed, crashed, cut off), so their
    /// messages are sent by others now rather than when the leases expire. Returns how many.
    func releaseLeasesOfTheGone() async -> Int
    /// Each destination's least interval between two sends (from its rate limit), shared by every
    /// replica: a claim of a destination's message sets when the next may be claimed, by any of them.
    func pace(_ intervals: [String: TimeInterval])
}

/// Why the store failed: an opaque error with a category and a message that names the database
/// (never a password).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The database was written by a newer okrd.
        case newerSchema
        case cannotOpen
        case corrupt
        case query
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
