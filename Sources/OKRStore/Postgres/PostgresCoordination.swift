import Foundation
import Logging
import PostgresNIO

extension PostgresStore {
    public var coordination: (any ReplicaCoordination)? { leadership }
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

    init(configuration: PostgresConnection.Configuration, label: String, logger: Logger) {
        self.configuration = configuration
        self.label = label
        self.logger = logger
    }

    func lead() async -> Bool {
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
            let held = try await Self.bounded(seconds: 5) { [logger] in
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

    func resign() async {
        if let connection {
            // Closing the session frees its advisory lock.
            try? await connection.close()
        }
        connection = nil
        leading = false
    }

    nonisolated func listen(_ wake: @escaping @Sendable () -> Void) async {
        while !Task.isCancelled {
            do {
                let connection = try await connect()
                try await withTaskCancellationHandler {
                    let notifications = try await connection.listen(PostgresStore.queuedChannel)
                    wake()
                    for try await _ in notifications { wake() }
                } onCancel: {
                    Task { try? await connection.close() }
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

    private static func bounded<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw StoreError(.query, "no answer within \(seconds) s")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
