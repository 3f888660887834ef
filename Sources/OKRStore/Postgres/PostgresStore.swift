import Foundation
public import Logging
import OKRModel
import PostgresNIO

/// The store for several replicas: one PostgreSQL database reached through postgres-nio's pooled
/// `PostgresClient`. Same semantics as ``SQLiteStore``: one transaction per `apply` (a reply and
/// its confirmation, a firing and its messages), idempotency keys unique, append-only named
/// migrations, a database written by a newer okrd refused. Lost connections are re-established by
/// the pool; meanwhile calls fail with a `StoreError` and `/healthz` reports it.
public final class PostgresStore: Store {
    /// `user@host:port/database`, never the password.
    public let label: String
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>
    let connectionConfiguration: PostgresConnection.Configuration
    let leadership: PostgresCoordination
    /// Each destination's least interval between sends, for the claim (see `ReplicaCoordination.pace`).
    let pacing: PacingIntervals

    /// Connects, waits for the server (up to `connectTimeout`, retrying with backoff), and brings
    /// the schema up to date. Throws ``StoreError`` (`.cannotOpen`, `.newerSchema`).
    public init(url: String, logger: Logger = Logger(label: "okrd.postgres"), connectTimeout: Duration = .seconds(30)) async throws {
        let parsed = try PostgresURL(url)
        label = parsed.label
        connectionConfiguration = parsed.connection
        self.logger = logger
        let pacing = PacingIntervals()
        self.pacing = pacing
        leadership = PostgresCoordination(configuration: parsed.connection, label: parsed.label, logger: logger, pacing: pacing)
        let client = PostgresClient(configuration: parsed.configuration, backgroundLogger: Logger(label: "okrd.postgres.pool", factory: { _ in SwiftLogNoOpLogHandler() }))
        self.client = client
        running = Task { await client.run() }
        do {
            var probe = parsed.connection
            let seconds = max(1, Int64(connectTimeout.components.seconds))
            probe.options.connectTimeout = .seconds(min(10, seconds))
            try await Self.waitForServer(probe, label: parsed.label, timeout: connectTimeout, logger: logger)
            try await migrate()
        } catch {
            running.cancel()
            throw error
        }
    }

    deinit { running.cancel() }

    /// Opens one connection outside the pool until the server answers: refused or unanswered
    /// connections are retried with backoff until `timeout`; what the server itself refuses (a wrong
    /// password, a database that does not exist) is final at once, with the server's words.
    private static func waitForServer(_ configuration: PostgresConnection.Configuration, label: String, timeout: Duration, logger: Logger) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var pause = Duration.milliseconds(100)
        while true {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                try await connection.close()
                return
            } catch let error as PSQLError where error.serverInfo != nil && !isTransient(error) {
                throw StoreError(.cannotOpen, "the PostgreSQL database \(label) refused okrd: \(describe(error))")
            } catch {
                if clock.now + pause >= deadline {
                    throw StoreError(.cannotOpen, "cannot reach the PostgreSQL database \(label): \(describe(error))")
                }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
            }
        }
    }

    /// A server that is starting, shutting down or full answers with an error worth waiting out
    /// (SQLSTATE 57P0x, 53300); a wrong password or a missing database is final.
    static func isTransient(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("57P0") || state == "53300"
    }

    /// The migrations this build knows, oldest first.
    public static var knownMigrations: [String] { PostgresMigrations.names }

    /// Migrations applied to the database.
    public func appliedMigrations() async throws -> [String] {
        try await read { connection in
            try await connection.rows("SELECT identifier FROM okrd_migrations ORDER BY identifier", self.logger).map { try $0.value("identifier", String.self) }
        }
    }

    /// Applies what is missing, under an advisory lock held for the transaction (replicas that
    /// start together wait for each other); refuses a database with a migration this build does not know.
    private func migrate() async throws {
        do {
            try await client.withTransaction(logger: logger) { connection in
                _ = try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresStore.migrationLock))", logger: self.logger).collect()
                _ = try await connection.query("CREATE TABLE IF NOT EXISTS okrd_migrations (identifier TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)", logger: self.logger).collect()
                let applied = Set(try await connection.rows("SELECT identifier FROM okrd_migrations", self.logger).map { try $0.value("identifier", String.self) })
                let unknown = applied.subtracting(PostgresMigrations.names)
                if !unknown.isEmpty {
                    throw StoreError(.newerSchema, "the PostgreSQL database \(self.label) was written by a newer version of okrd (schema \(unknown.sorted().joined(separator: ", ")) is unknown to this one); upgrade okrd")
                }
                for migration in PostgresMigrations.all where !applied.contains(migration.name) {
                    for statement in migration.sql {
                        _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger).collect()
                    }
                    let now = Date().timeIntervalSince1970
                    _ = try await connection.query("INSERT INTO okrd_migrations (identifier, applied_at) VALUES (\(migration.name), \(now))", logger: self.logger).collect()
                }
            }
        } catch {
            // The refusal of a newer schema comes out of the transaction wrapped in its error.
            let unwrapped = (error as? PostgresTransactionError).flatMap { $0.closureError } ?? error
            if let refused = unwrapped as? StoreError { throw refused }
            throw StoreError(.corrupt, "cannot prepare the PostgreSQL database \(label): \(Self.describe(unwrapped))")
        }
    }

    /// Advisory lock keys (two 32-bit halves would do; one 64-bit key is simpler): "okrd" + a purpose.
    static let migrationLock: Int64 = 0x6F6B_7264_0000_0001
    public static let leaderLock: Int64 = 0x6F6B_7264_0000_0002

    /// What a PostgreSQL error says, without the query's parameters (which may carry people's text).
    static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.message }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    func storeError(_ error: any Error) -> any Error {
        if let failed = error as? PostgresTransactionError {
            // What failed inside the transaction (a refusal, a constraint), else its begin or commit.
            return storeError(failed.closureError ?? failed.beginError ?? failed.commitError ?? failed.rollbackError ?? StoreError(.query, "PostgreSQL \(label): the transaction failed"))
        }
        if error is StoreError || error is CancellationError { return error }
        if error is PSQLError { return StoreError(.query, "PostgreSQL \(label): \(Self.describe(error))") }
        return error
    }

    /// Runs `body` on a pooled connection in a read-only, repeatable-read transaction: every read
    /// sees one snapshot.
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                _ = try await connection.query("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger).collect()
                do {
                    let result = try await body(connection)
                    _ = try await connection.query("COMMIT", logger: logger).collect()
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger).collect()
                    throw error
                }
            }
        } catch {
            throw storeError(error)
        }
    }

    /// Runs `body` in a read-write transaction (committed when it returns, rolled back when it throws).
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch {
            throw storeError(error)
        }
    }

    public func ping() async throws {
        do {
            _ = try await client.query("SELECT 1").collect()
        } catch {
            throw storeError(error)
        }
    }

    public func close() async throws {
        await leadership.shutdown()
        running.cancel()
    }

}

// MARK: - Reading rows

extension PostgresConnection {
    /// Runs a query and reads every row.
    func rows(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    /// Wakes every replica's dispatcher when the transaction commits (messages queued, a destination
    /// resumed, messages retried).
    func notifyQueued(_ logger: Logger) async throws {
        try await run("SELECT pg_notify(\(PostgresStore.queuedChannel), '')", logger)
    }

    /// Runs a statement; returns how many rows it returned (`RETURNING` counts changed rows).
    @discardableResult
    func run(_ query: PostgresQuery, _ logger: Logger) async throws -> Int {
        try await self.query(query, logger: logger).collect().count
    }
}

extension PostgresRandomAccessRow {
    func value<T: PostgresDecodable>(_ column: String, _: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }

    func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try value(column, Double.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try value(column, Double?.self).map(Date.init(timeIntervalSince1970:))
    }
}
