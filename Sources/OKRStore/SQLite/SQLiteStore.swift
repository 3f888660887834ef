import Foundation
import GRDB
public import OKRModel

/// The embedded store: one SQLite file in WAL mode with foreign keys on and `synchronous=FULL`, so a
/// committed row (an outbox message above all) survives a power loss. Readers never block the writer.
public final class SQLiteStore: Store {
    public let path: String
    private let pool: DatabasePool
    /// Batches waiting for the shared commit.
    private let commits = CommitQueue()

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Throws ``StoreError`` with kind `.newerSchema` when a newer okrd wrote it.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "okrd"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB picks NORMAL for WAL, which may lose the last commits on power loss. The outbox
            // promises that a committed message survives, so the (single) writer syncs every commit.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreError(.cannotOpen, "cannot open the database \(path): \(Self.describe(error))")
        }
        let migrator = SQLiteMigrations.migrator
        do {
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                let unknown = try pool.read { db in
                    try Set(migrator.appliedIdentifiers(db)).subtracting(migrator.migrations)
                }
                throw StoreError(.newerSchema, "the database \(path) was written by a newer version of okrd (schema \(unknown.sorted().joined(separator: ", ")) is unknown to this one); upgrade okrd, or restore a backup made by this version")
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, "cannot prepare the database \(path): \(Self.describe(error))")
        }
    }

    /// The migrations this build knows, oldest first.
    public static var knownMigrations: [String] { SQLiteMigrations.migrator.migrations }

    /// Migrations applied to the open database.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try SQLiteMigrations.migrator.appliedMigrations(db) }
    }

    /// SQLite pragma values (the tests check WAL, foreign keys and synchronous=FULL).
    public func pragma(_ name: String) async throws -> String? {
        try await pool.write { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.query, "database \(path): \(Self.describe(error))")
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.query, "database \(path): \(Self.describe(error))")
        }
    }

    /// `write` without leaving the calling thread: GRDB's synchronous write runs the transaction on
    /// the caller's thread under the writer's lock. For the dispatcher's hot path, where two thread
    /// hops per transaction cost as much as the transaction itself; the caller blocks for the length
    /// of one short transaction.
    func writeInPlace<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.query, "database \(path): \(Self.describe(error))")
        }
    }

    public func ping() async throws {
        _ = try await read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func close() async throws {
        try pool.close()
    }

    /// `close()` for synchronous callers.
    public func closeNow() throws {
        try pool.close()
    }
}

// MARK: - Applying changes

extension SQLiteStore {
    /// Concurrent calls share a commit (group commit): the first caller becomes the writer and
    /// commits every batch queued meanwhile in one transaction, each batch in a savepoint of its
    /// own, so one fsync serves them all and a batch that fails or is refused is rolled back alone.
    /// When its own batch is committed, the writer hands the role to the oldest waiting caller.
    public func apply(_ changes: [StoreChange], then follow: FollowUp?) async throws -> StoreApplyResult {
        let mine = PendingApply(changes: changes, follow: follow)
        var turn: PendingApply.Turn = commits.enqueue(mine) ? .lead : await mine.wait()
        while case .lead = turn {
            let batch = commits.takeBatch()
            // Committed on a task of its own: a cancelled caller (a stopping scheduler) must not
            // abort the transaction that carries other callers' batches.
            await Task { await self.commit(batch) }.value
            commits.handOff()
            turn = await mine.wait()
        }
        guard case .done(let result) = turn else { preconditionFailure("a batch ends done") }
        return try result.get()
    }

    private func commit(_ batch: [PendingApply]) async {
        do {
            let results = try await pool.write { db in
                batch.map { pending in
                    Result { try Self.applyInSavepoint(pending.changes, follow: pending.follow, db: db) }.mapError(self.storeError)
                }
            }
            for (pending, result) in zip(batch, results) { pending.resolve(.done(result)) }
        } catch {
            for pending in batch { pending.resolve(.done(.failure(storeError(error)))) }
        }
    }

    /// The database's errors become `StoreError`s; a follow-up's own errors pass through.
    private func storeError(_ error: any Error) -> any Error {
        error is DatabaseError ? StoreError(.query, "database \(path): \(Self.describe(error))") : error
    }

    private static func applyInSavepoint(_ changes: [StoreChange], follow: FollowUp?, db: Database) throws -> StoreApplyResult {
        var result = StoreApplyResult(applied: true)
        let savepoint = "okrd_apply"
        try db.execute(sql: "SAVEPOINT \(savepoint)")
        do {
            for change in changes {
                if let refusal = try Self.apply(change, db: db, result: &result) {
                    try db.execute(sql: "ROLLBACK TO SAVEPOINT \(savepoint)")
                    try db.execute(sql: "RELEASE SAVEPOINT \(savepoint)")
                    return refusal
                }
            }
            if let follow {
                for change in try follow(result) {
                    if let refusal = try Self.apply(change, db: db, result: &result) {
                        try db.execute(sql: "ROLLBACK TO SAVEPOINT \(savepoint)")
                        try db.execute(sql: "RELEASE SAVEPOINT \(savepoint)")
                        return refusal
                    }
                }
            }
            try db.execute(sql: "RELEASE SAVEPOINT \(savepoint)")
            return result
        } catch {
            try? db.execute(sql: "ROLLBACK TO SAVEPOINT \(savepoint)")
            try? db.execute(sql: "RELEASE SAVEPOINT \(savepoint)")
            throw error
        }
    }

    /// Applies one change; returns a result only when the whole batch must be refused.
    private static func apply(_ change: StoreChange, db: Database, result: inout StoreApplyResult) throws -> StoreApplyResult? {
        switch change {
        case .reply(let reply):
            if let delivery = reply.deliveryID,
                let existing = try Int64.fetchOne(db, sql: "SELECT id FROM replies WHERE delivery_id = ?", arguments: [delivery]) {
                return StoreApplyResult(applied: false, duplicateOf: existing)
            }
            try db.execute(
                sql: "INSERT INTO replies (delivery_id, author, platform, received_at, text) VALUES (?, ?, ?, ?, ?)",
                arguments: [reply.deliveryID, reply.author, reply.platform, reply.receivedAt.timeIntervalSince1970, reply.text])
            result.replyID = db.lastInsertedRowID

        case .checkIn(let checkIn, let source, let line):
            try db.execute(
                sql: """
                    INSERT INTO checkins (kr, author, at, value, confidence, reported, comment, source, line, created_at, reply_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    checkIn.keyResult, checkIn.author, checkIn.at.timeIntervalSince1970, checkIn.value, checkIn.confidence,
                    checkIn.reported?.rawValue, checkIn.comment, source, line, Date().timeIntervalSince1970, result.replyID,
                ])

        case .kpiCheckIn(let value, let source, let line):
            try db.execute(
                sql: "INSERT INTO kpi_checkins (kpi, author, at, value, comment, source, line, reply_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [value.kpi, value.author, value.at.timeIntervalSince1970, value.value, value.comment, source, line, result.replyID])

        case .blocker(let blocker):
            try db.execute(
                sql: "INSERT INTO blockers (kr, author, text, at, resolved_at, line, reply_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [blocker.keyResult, blocker.author, blocker.text, blocker.at.timeIntervalSince1970,
                            blocker.resolvedAt?.timeIntervalSince1970, blocker.line, result.replyID])

        case .actionItem(let item):
            try db.execute(
                sql: "INSERT INTO action_items (owner, author, text, due, kr, created_at, done_at, line, reply_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [item.owner, item.author, item.text, item.due?.description, item.keyResult, item.createdAt.timeIntervalSince1970,
                            item.doneAt?.timeIntervalSince1970, item.line, result.replyID])
            result.actionItemIDs.append(db.lastInsertedRowID)

        case .completeAction(let id, let at):
            try db.execute(sql: "UPDATE action_items SET done_at = ? WHERE id = ? AND done_at IS NULL", arguments: [at.timeIntervalSince1970, id])

        case .resolveBlockers(let kr, let at):
            try db.execute(sql: "UPDATE blockers SET resolved_at = ? WHERE kr = ? AND resolved_at IS NULL", arguments: [at.timeIntervalSince1970, kr])

        case .away(let away):
            try db.execute(
                sql: "INSERT INTO away (person, from_day, until_day, source) VALUES (?, ?, ?, ?)",
                arguments: [away.person, away.from.description, away.until.description, away.source])

        case .escalation(let state):
            try db.execute(
                sql: """
                    INSERT INTO escalations (kr, level, since, last_alert_at, last_fingerprint, cycles_at_level, snoozed_until, acked_at, acked_by, last_status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (kr) DO UPDATE SET level = excluded.level, since = excluded.since, last_alert_at = excluded.last_alert_at,
                        last_fingerprint = excluded.last_fingerprint, cycles_at_level = excluded.cycles_at_level,
                        snoozed_until = excluded.snoozed_until, acked_at = excluded.acked_at, acked_by = excluded.acked_by,
                        last_status = excluded.last_status
                    """,
                arguments: [state.keyResult, state.memory.level, state.memory.since?.timeIntervalSince1970, state.memory.lastAlertAt?.timeIntervalSince1970,
                            state.memory.lastFingerprint, state.memory.cyclesAtLevel, state.memory.snoozedUntil?.timeIntervalSince1970,
                            state.memory.ackedAt?.timeIntervalSince1970, state.ackedBy, state.memory.reason])

        case .snooze(let kr, let until):
            try db.execute(
                sql: "INSERT INTO escalations (kr, snoozed_until) VALUES (?, ?) ON CONFLICT (kr) DO UPDATE SET snoozed_until = excluded.snoozed_until",
                arguments: [kr, until.timeIntervalSince1970])

        case .acknowledge(let kr, let at, let by):
            try db.execute(
                sql: "INSERT INTO escalations (kr, acked_at, acked_by) VALUES (?, ?, ?) ON CONFLICT (kr) DO UPDATE SET acked_at = excluded.acked_at, acked_by = excluded.acked_by",
                arguments: [kr, at.timeIntervalSince1970, by])

        case .enqueue(let message):
            try db.execute(
                sql: """
                    INSERT INTO outbox (idempotency_key, destination, kind, created_at, not_before)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING
                    """,
                arguments: [message.idempotencyKey, message.destination, message.kind,
                            message.createdAt.timeIntervalSince1970, message.notBefore.timeIntervalSince1970])
            if db.changesCount > 0 {
                let id = db.lastInsertedRowID
                try db.execute(
                    sql: "INSERT INTO outbox_bodies (message, payload, rendered_for, rendered_type, rendered) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, Data(message.payload), message.rendered?.platform, message.rendered?.contentType, message.rendered.map { Data($0.body) }])
                result.enqueuedIDs.append(id)
            } else {
                result.skippedMessages += 1
            }

        case .claimFiring(let firing):
            try db.execute(
                sql: """
                    INSERT INTO schedule_firings (team, kind, occurrence, due_at, fired_at, outcome) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (team, kind, occurrence) DO NOTHING
                    """,
                arguments: [firing.team, firing.kind, firing.occurrence, firing.dueAt.timeIntervalSince1970, firing.firedAt.timeIntervalSince1970, firing.outcome])
            if db.changesCount == 0 { return StoreApplyResult(applied: false) }

        case .setMeta(let key, let value):
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", arguments: [key, value])

        case .ask(let question):
            let proposals = String(decoding: try JSONEncoder().encode(question.proposals), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT INTO open_questions (person, kr, question, proposals, asked_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (person) DO UPDATE SET kr = excluded.kr, question = excluded.question, proposals = excluded.proposals,
                        asked_at = excluded.asked_at, expires_at = excluded.expires_at
                    """,
                arguments: [question.person, question.keyResult, question.question, proposals,
                            question.askedAt.timeIntervalSince1970, question.expiresAt.timeIntervalSince1970])

        case .settleQuestion(let person, let askedAt):
            if let askedAt {
                try db.execute(sql: "DELETE FROM open_questions WHERE person = ? AND asked_at = ?", arguments: [person, askedAt.timeIntervalSince1970])
            } else {
                try db.execute(sql: "DELETE FROM open_questions WHERE person = ?", arguments: [person])
            }

        case .undoReply(let id, let at):
            try db.execute(sql: "UPDATE replies SET undone_at = ? WHERE id = ? AND undone_at IS NULL", arguments: [at.timeIntervalSince1970, id])
            // The undo itself leaves the chain: a second undo withdraws the reply before.
            if let own = result.replyID {
                try db.execute(sql: "UPDATE replies SET undone_at = ? WHERE id = ?", arguments: [at.timeIntervalSince1970, own])
            }
            for table in ["checkins", "kpi_checkins", "blockers", "action_items"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE reply_id = ?", arguments: [id])
            }
        }
        return nil
    }
}

// MARK: - Copying out (okrd migrate)

extension SQLiteStore {
    /// Every row of `table`, the named columns in order, as SQLite stores them.
    func rows(of table: String, columns: [String]) async throws -> [[DatabaseValue]] {
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        return try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(list) FROM \(table) ORDER BY rowid").map { row in columns.indices.map { row[$0] as DatabaseValue } }
        }
    }
}
