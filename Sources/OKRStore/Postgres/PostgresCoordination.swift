import Foundation
import Logging
import PostgresNIO
import Synchronization

extension PostgresStore {
    public var coordination: (any ReplicaCoordination)? { leadership }
}

/// Destinations' least intervals between sends, as the claim's two parallel arrays.
final class PacingIntervals: Sendable {
    private let state = Mutex<(names: [String], seconds: [Double])>(([], []))

    func set(_ intervals: [String: TimeInterval]) {
        let paced = intervals.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        state.withLock { $0 = (paced.map(\.key), paced.map(\.value)) }
    }

    var arrays: (names: [String], seconds: [Double]) { state.withLock { $0 } }
}

/// Leadership by a session advisory lock held on a dedicated connection (outside the pool), and
/// wake-ups by `LISTEN` on another. When the leader's process dies, its connection closes and the
/// server frees the lock: the next replica to ask takes it.
actor PostgresCoordination: ReplicaCoordination {
    private let configuration: PostgresConnection.Configuration
    private let label: String
    private let logger: Logger
    private var connection: PostgresConnection?
    private var leading = false
    private var nextID = 1
    /// Holds a session lock per claimant registered by this process: its presence.
    private var presence: PostgresConnection?
    private var claimants: [String] = []

    private nonisolated let pacing: PacingIntervals

    init(configuration: PostgresConnection.Configuration, label: String, logger: Logger, pacing: PacingIntervals) {
        self.configuration = configuration
        self.label = label
        self.logger = logger
        self.pacing = pacing
    }

    nonisolated func pace(_ intervals: [String: TimeInterval]) {
        pacing.set(intervals)
    }

    func lead() async -> Bool {
        // Every replica (not only the leader) keeps its presence: a replica whose presence session
        // was lost (the server restarted) would otherwise look dead and have its leases released.
        if !claimants.isEmpty, presence == nil || presence?.isClosed == true {
            presence = nil
            do {
                try await holdPresence()
            } catch {
                logger.warning("cannot hold this replica's presence; retrying", metadata: ["database": "\(label)", "error": "\(PostgresStore.describe(error))"])
            }
        }
        do {
            if let connection, connection.isClosed {
                self.connection = nil
                if leading { logger.warning("lost the leader's connection to PostgreSQL", metadata: ["database": "\(label)"]) }
                leading = false
            }
            let current: PostgresConnection
            if let connection {
                current = connection
            } else {
                current = try await connect()
                connection = current
            }
            // A hung network must not keep a leader that lost its lock: every check is bounded.
            let query: PostgresQuery = leading ? "SELECT true AS held" : "SELECT pg_try_advisory_lock(\(PostgresStore.leaderLock)) AS held"
            // On a timeout the connection is closed, which fails the query still waiting on it.
            let held = try await Self.bounded(seconds: 5, onTimeout: { try? await current.close() }) { [logger] in
                try await current.query(query, logger: logger).collect().first?.makeRandomAccess()["held"].decode(Bool.self) ?? false
            }
            leading = held
            return held
        } catch {
            if leading { logger.warning("lost leadership: PostgreSQL did not answer", metadata: ["database": "\(label)", "error": "\(PostgresStore.describe(error))"]) }
            leading = false
            if let connection { try? await connection.close() }
            connection = nil
            return false
        }
    }

    /// Advisory locks of claimants: this class id and the claimant's hash.
    static let presenceClass: Int32 = 0x6F6B_7264

    func register(claimant: String) async throws {
        claimants.append(claimant)
        do {
            try await holdPresence()
        } catch {
            throw StoreError(.cannotOpen, "cannot reach the PostgreSQL database \(label): \(PostgresStore.describe(error))")
        }
    }

    /// Keeps the presence connection open with a lock per claimant (again after it was lost).
    private func holdPresence() async throws {
        if let presence, !presence.isClosed, !claimants.isEmpty {
            // Already held for the earlier ones; lock the new one (session locks nest harmlessly).
            let claimant = claimants[claimants.count - 1]
            _ = try await presence.query("SELECT pg_advisory_lock(\(Self.presenceClass), hashtext(\(claimant)))", logger: logger).collect()
            return
        }
        let fresh = try await connect()
        do {
            for claimant in claimants {
                _ = try await fresh.query("SELECT pg_advisory_lock(\(Self.presenceClass), hashtext(\(claimant)))", logger: logger).collect()
            }
        } catch {
            try? await fresh.close()
            throw error
        }
        presence = fresh
    }

    func releaseLeasesOfTheGone() async -> Int {
        do {
            if presence == nil || presence?.isClosed == true {
                presence = nil
                if claimants.isEmpty { presence = try await connect() } else { try await holdPresence() }
            }
            guard let connection = presence else { return 0 }
            let now = Date().timeIntervalSince1970
            let holders = try await connection.query(
                "SELECT DISTINCT claimed_by FROM outbox WHERE state = 'pending' AND claimed_by IS NOT NULL AND claimed_until > \(now)", logger: logger)
                .collect().map { try $0.makeRandomAccess()["claimed_by"].decode(String.self) }
            var released = 0
            for holder in holders where !claimants.contains(holder) {
                // The lock is free only when no live session holds it: its process is gone. (This
                // session holds this process's own claimants' locks; those are skipped.)
                let free = try await connection.query("SELECT pg_try_advisory_lock(\(Self.presenceClass), hashtext(\(holder))) AS free", logger: logger)
                    .collect().first?.makeRandomAccess()["free"].decode(Bool.self) ?? false
                guard free else { continue }
                released += try await connection.query(
                    "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = \(holder) AND state = 'pending' RETURNING id", logger: logger).collect().count
                _ = try await connection.query("SELECT pg_advisory_unlock(\(Self.presenceClass), hashtext(\(holder)))", logger: logger).collect()
            }
            return released
        } catch {
            logger.warning("cannot check whose leases are left", metadata: ["database": "\(label)", "error": "\(PostgresStore.describe(error))"])
            return 0
        }
    }

    func resign() async {
        if let connection {
            // Closing the session frees its advisory lock.
            try? await connection.close()
        }
        connection = nil
        leading = false
    }

    /// Leadership and presence both end (the store closes: this process sends no more).
    func shutdown() async {
        await resign()
        if let presence { try? await presence.close() }
        presence = nil
    }

    nonisolated func listen(_ wake: @escaping @Sendable () -> Void) async {
        while !Task.isCancelled {
            do {
                let connection = try await connect()
                do {
                    try await withTaskCancellationHandler {
                        try await connection.listen(on: PostgresStore.queuedChannel) { notifications in
                            wake()
                            for try await _ in notifications { wake() }
                        }
                    } onCancel: {
                        Task { try? await connection.close() }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch {
                if Task.isCancelled { return }
                logger.warning("cannot listen for queued messages; retrying", metadata: ["database": "\(label)", "error": "\(PostgresStore.describe(error))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    private func connect() async throws -> PostgresConnection {
        nextID += 1
        return try await PostgresConnection.connect(configuration: configuration, id: nextID, logger: logger)
    }

    /// `body`, or an error after `seconds`; `onTimeout` must make `body` end (a query on a hung
    /// connection ignores cancellation: closing its connection fails it).
    private static func bounded<T: Sendable>(seconds: Int, onTimeout: @escaping @Sendable () async -> Void,
                                             _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                await onTimeout()
                throw StoreError(.query, "no answer within \(seconds) s")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
