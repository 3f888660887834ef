public import Foundation
import GRDB
public import OKRModel

extension SQLiteStore {
    public func claimDue(now: Date, limit: Int, excluding: Set<String>, claimant: String, leaseUntil: Date) async throws -> [OutboxMessage] {
        try await recordAndClaim([], now: now, limit: limit, among: nil, excluding: excluding, claimant: claimant, leaseUntil: leaseUntil)
    }

    public func deadLetterUnknownDestinations(known: Set<String>, now: Date) async throws -> Int {
        let names = Array(known)
        return try await write { db in
            var sql = "UPDATE outbox SET state = 'dead', last_error = 'destination no longer configured', claimed_by = NULL, claimed_until = NULL WHERE state = 'pending'"
            if !names.isEmpty { sql += " AND destination NOT IN (\(databaseQuestionMarks(count: names.count)))" }
            try db.execute(sql: sql, arguments: StatementArguments(names))
            return db.changesCount
        }
    }

    public nonisolated(nonsending) func recordAndClaim(_ outcomes: [(Int64, DeliveryOutcome)], now: Date, limit: Int, among: [String]?, depths: [String: Int],
                                                       excluding: Set<String>, claimant: String, leaseUntil: Date) async throws -> [OutboxMessage] {
        let excluded = Array(excluding)
        let candidates = among.map { $0.filter { !excluding.contains($0) } }
        let recorded = outcomes
        return try writeInPlace { db in
            try Self.record(recorded, db: db)
            guard limit > 0 else { return [] }
            if let candidates, candidates.isEmpty { return [] }
            // The head of each destination's queue (lowest pending id), if it is due and not leased.
            var sql: String
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let candidates {
                sql = Self.claimAmongSQL
                arguments += [Self.jsonArray(candidates), now.timeIntervalSince1970, now.timeIntervalSince1970, limit]
            } else {
                sql = """
                    WITH heads AS (
                      SELECT o.* FROM outbox o
                      JOIN (SELECT destination, MIN(id) AS head FROM outbox WHERE state = 'pending' GROUP BY destination) h
                        ON o.id = h.head
                      WHERE o.not_before <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
                """
                arguments += [now.timeIntervalSince1970, now.timeIntervalSince1970]
                if !excluded.isEmpty {
                    sql += " AND o.destination NOT IN (\(databaseQuestionMarks(count: excluded.count)))"
                    arguments += excluded
                }
                sql += """
                      ORDER BY o.id LIMIT ?)
                    SELECT \(Self.messageColumns) FROM heads o JOIN outbox_bodies b ON b.message = o.id ORDER BY o.id
                    """
                arguments.append(limit)
            }
            var messages = try Self.fetchMessages(db.cachedStatement(sql: sql), arguments: arguments)
            // The messages right behind each head, while they are due and not leased (one index
            // seek each: this is the only writer, so nobody leases them in between).
            for head in messages where depths[head.destination, default: 1] > 1 {
                let behind = try Self.fetchMessages(db.cachedStatement(sql: Self.behindSQL),
                                                    arguments: [head.destination, head.id, depths[head.destination, default: 1] - 1])
                messages += behind.prefix { $0.notBefore <= now && ($0.claimedUntil.map { $0 <= now } ?? true) }
            }
            if messages.count > 1 { messages.sort { $0.id < $1.id } }
            try Self.forEachChunk(of: messages.map(\.id), db: db, sql: { "UPDATE outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1 WHERE id IN (\($0))" }) { lease in
                lease.bind(claimant)
                lease.bind(leaseUntil.timeIntervalSince1970)
            }
            for index in messages.indices {
                messages[index].claimedBy = claimant
                messages[index].claimedUntil = leaseUntil
                messages[index].attempts += 1
            }
            return messages
        }
    }

    /// Records outcomes. Messages delivered with the same answer at the same instant (the usual
    /// case: results collected together) are recorded by one statement per group.
    static func record(_ outcomes: [(Int64, DeliveryOutcome)], db: Database) throws {
        let sorted = SentOutcomes(outcomes)
        for (id, outcome) in sorted.others { try record(outcome, id: id, db: db) }
        for (answer, ids) in sorted.groups {
            try forEachChunk(of: ids, db: db, sql: {
                """
                UPDATE outbox SET state = 'sent', sent_at = ?, last_status = ?, response = ?, last_error = NULL,
                    claimed_by = NULL, claimed_until = NULL WHERE id IN (\($0))
                """
            }) { update in
                update.bind(answer.at)
                update.bind(answer.status)
                update.bind(answer.response)
            }
        }
    }

    /// Runs a statement for `ids`, up to 32 at a time: `sql` gets the placeholders of one chunk for
    /// its `IN (...)`, `bind` binds what comes before them.
    static func forEachChunk(of ids: [Int64], db: Database, sql: (String) -> String, bind: (inout RawStatement) -> Void) throws {
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + 32)]
            var statement = RawStatement(try db.cachedStatement(sql: sql(databaseQuestionMarks(count: chunk.count))))
            bind(&statement)
            for id in chunk { statement.bind(id) }
            try statement.run()
            start += chunk.count
        }
    }

    /// The claim for named destinations: one index seek per destination named, in the order named,
    /// stopping at `limit` due heads; bodies are read for the chosen few only.
    static let claimAmongSQL = """
        WITH d(name) AS (SELECT value FROM json_each(?)),
        heads AS (
          SELECT o.* FROM d JOIN outbox o
            ON o.id = (SELECT id FROM outbox WHERE state = 'pending' AND destination = d.name ORDER BY id LIMIT 1)
          WHERE o.not_before <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
          LIMIT ?)
        SELECT \(messageColumns) FROM heads o JOIN outbox_bodies b ON b.message = o.id ORDER BY o.id
        """

    /// A destination's pending messages after its head, in order.
    static let behindSQL = """
        SELECT \(messageColumns) FROM outbox o JOIN outbox_bodies b ON b.message = o.id
        WHERE o.state = 'pending' AND o.destination = ? AND o.id > ? ORDER BY o.id LIMIT ?
        """

    /// SQLite's query plan for the dispatcher's claim (tests and diagnostics: it must seek the
    /// pending-messages index, not scan the outbox).
    public func explainClaimPlan() async throws -> String {
        try await read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.claimAmongSQL, arguments: ["[\"d\"]", 0.0, 0.0, 1])
                .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
    }

    /// The names of a table's indexes (tests and diagnostics).
    public func indexNames(of table: String) async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", arguments: [table]) }
    }

    public func releaseLeases(heldBy: String?) async throws -> Int {
        try await write { db in
            if let heldBy {
                try db.execute(sql: "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", arguments: [heldBy])
            } else {
                try db.execute(sql: "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL")
            }
            return db.changesCount
        }
    }

    public func forgetRenderedBodies() async throws -> Int {
        try await write { db in
            try db.execute(sql: """
                UPDATE outbox_bodies SET rendered_for = NULL, rendered_type = NULL, rendered = NULL
                WHERE rendered IS NOT NULL AND message IN (SELECT id FROM outbox WHERE state = 'pending')
                """)
            return db.changesCount
        }
    }

    public func record(_ outcome: DeliveryOutcome, forMessage id: Int64) async throws {
        try await write { db in try Self.record(outcome, id: id, db: db) }
    }

    static func record(_ outcome: DeliveryOutcome, id: Int64, db: Database) throws {
        switch outcome {
        case .sent(let at, let status, let response):
            try db.cachedStatement(sql: """
                    UPDATE outbox SET state = 'sent', sent_at = ?, last_status = ?, response = ?, last_error = NULL,
                        claimed_by = NULL, claimed_until = NULL WHERE id = ?
                    """).execute(arguments: [at.timeIntervalSince1970, status, response.map { String($0.prefix(2000)) }, id])
        case .retry(let notBefore, let status, let error):
            try db.cachedStatement(sql: "UPDATE outbox SET not_before = ?, last_status = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND state = 'pending'")
                .execute(arguments: [notBefore.timeIntervalSince1970, status, String(error.prefix(2000)), id])
        case .dead(_, let status, let error):
            try db.execute(
                sql: "UPDATE outbox SET state = 'dead', last_status = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                arguments: [status, String(error.prefix(2000)), id])
        case .released:
            try db.cachedStatement(sql: "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'pending'")
                .execute(arguments: [id])
        }
    }

    public func outbox(_ filter: OutboxFilter) async throws -> [OutboxMessage] {
        let states = filter.states.map(\.rawValue)
        guard !states.isEmpty else { return [] }
        return try await read { db in
            var sql = "SELECT \(Self.messageColumns) FROM outbox o JOIN outbox_bodies b ON b.message = o.id WHERE o.state IN (\(databaseQuestionMarks(count: states.count)))"
            var arguments: [(any DatabaseValueConvertible)?] = states
            if let destination = filter.destination {
                sql += " AND o.destination = ?"
                arguments.append(destination)
            }
            sql += " ORDER BY o.id DESC LIMIT ?"
            arguments.append(filter.limit)
            return try Self.fetchMessages(db.makeStatement(sql: sql), arguments: arguments)
        }
    }

    public func outboxMessage(id: Int64) async throws -> OutboxMessage? {
        try await read { db in
            try Self.fetchMessages(db.makeStatement(sql: "SELECT \(Self.messageColumns) FROM outbox o JOIN outbox_bodies b ON b.message = o.id WHERE o.id = ?"), arguments: [id]).first
        }
    }

    public func outboxStats() async throws -> (counts: [OutboxMessage.State: Int], oldestPending: Date?) {
        try await read { db in
            var counts: [OutboxMessage.State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state") {
                if let state = OutboxMessage.State(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            let oldest = try Double.fetchOne(db, sql: "SELECT MIN(created_at) FROM outbox WHERE state = 'pending'")
            return (counts, oldest.map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func nextDue(excluding: Set<String>) async throws -> Date? {
        let excluded = Array(excluding)
        return try await read { db in
            var sql = """
                SELECT MIN(MAX(o.not_before, COALESCE(o.claimed_until, 0))) FROM outbox o
                JOIN (SELECT destination, MIN(id) AS head FROM outbox WHERE state = 'pending' GROUP BY destination) h ON o.id = h.head
                """
            if !excluded.isEmpty { sql += " WHERE o.destination NOT IN (\(databaseQuestionMarks(count: excluded.count)))" }
            return try Double.fetchOne(db, sql: sql, arguments: StatementArguments(excluded)).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func nextDue(among: [String], excluding: Set<String>) async throws -> Date? {
        let candidates = among.filter { !excluding.contains($0) }
        guard !candidates.isEmpty else { return nil }
        return try await read { db in
            let sql = """
                WITH d(name) AS (SELECT value FROM json_each(?))
                SELECT MIN(MAX(o.not_before, COALESCE(o.claimed_until, 0))) FROM d JOIN outbox o
                  ON o.id = (SELECT id FROM outbox WHERE state = 'pending' AND destination = d.name ORDER BY id LIMIT 1)
                """
            return try Double.fetchOne(db.cachedStatement(sql: sql), arguments: [Self.jsonArray(candidates)]).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func retry(messageID: Int64, now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = 'pending', not_before = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND state IN ('dead', 'pending', 'sent')",
                arguments: [now.timeIntervalSince1970, messageID])
            return db.changesCount > 0
        }
    }

    public func retryDead(now: Date) async throws -> Int {
        try await write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'pending', not_before = ?, claimed_by = NULL, claimed_until = NULL WHERE state = 'dead'", arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }

    public func purgeDead(olderThan: Date?) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM outbox WHERE state = 'dead' AND created_at < ?", arguments: [(olderThan ?? .distantFuture).timeIntervalSince1970])
            return db.changesCount
        }
    }

    public func destinationStates() async throws -> [String: DestinationState] {
        try await read { db in
            var states: [String: DestinationState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM destination_state") {
                let state = DestinationState(
                    name: row["name"], disabledAt: (row["disabled_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    disabledReason: row["disabled_reason"], pausedUntil: (row["paused_until"] as Double?).map(Date.init(timeIntervalSince1970:)))
                states[state.name] = state
            }
            return states
        }
    }

    public func setDestinationState(_ state: DestinationState) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO destination_state (name, disabled_at, disabled_reason, paused_until) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason,
                        paused_until = excluded.paused_until
                    """,
                arguments: [state.name, state.disabledAt?.timeIntervalSince1970, state.disabledReason, state.pausedUntil?.timeIntervalSince1970])
        }
    }

    /// A JSON array of strings, for `json_each(?)`: one statement text whatever the list's length,
    /// so the prepared statement is cached.
    static func jsonArray(_ strings: [String]) -> String {
        // Bytes, not Unicode scalars: the dispatcher builds one of these per claim.
        var json: [UInt8] = [UInt8(ascii: "[")]
        json.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        let hex = Array("0123456789abcdef".utf8)
        for (index, string) in strings.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            for byte in string.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): json += [UInt8(ascii: "\\"), byte]
                case 0..<0x20: json += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: json.append(byte)
                }
            }
            json.append(UInt8(ascii: "\""))
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }

    /// What `message(from:)` reads: the outbox row (`o`) and its body (`b`).
    static let messageColumns = """
        o.id, o.idempotency_key, o.destination, o.kind, o.created_at, o.not_before, o.attempts, o.state, o.last_status,
        o.last_error, o.sent_at, o.response, o.claimed_by, o.claimed_until, b.payload, b.rendered_for, b.rendered_type, b.rendered
        """

    /// Runs a statement that selects `messageColumns` and reads every row.
    static func fetchMessages(_ statement: Statement, arguments: [(any DatabaseValueConvertible)?]) throws -> [OutboxMessage] {
        statement.setUncheckedArguments(StatementArguments(arguments))
        let rows = RawStatement(statement, clearing: false)
        defer { rows.reset() }
        var messages: [OutboxMessage] = []
        while try rows.step() { messages.append(message(from: rows)) }
        return messages
    }

    /// Reads the current row of a statement that selected `messageColumns`, by position (through
    /// SQLite's C API: the claim is on the delivery hot path).
    static func message(from row: RawStatement) -> OutboxMessage {
        var rendered: OutboxMessage.Rendering?
        if let platform = row.string(15), let contentType = row.string(16), let body = row.bytes(17) {
            rendered = OutboxMessage.Rendering(platform: platform, contentType: contentType, body: body)
        }
        return OutboxMessage(
            id: row.int64(0), idempotencyKey: row.string(1) ?? "", destination: row.string(2) ?? "", kind: row.string(3) ?? "",
            payload: row.bytes(14) ?? [], createdAt: Date(timeIntervalSince1970: row.double(4)),
            notBefore: row.optionalDouble(5).map(Date.init(timeIntervalSince1970:)),
            attempts: row.int(6) ?? 0, state: row.string(7).flatMap(OutboxMessage.State.init(rawValue:)) ?? .pending, lastStatus: row.int(8),
            lastError: row.string(9), sentAt: row.optionalDouble(10).map(Date.init(timeIntervalSince1970:)), response: row.string(11),
            claimedBy: row.string(12), claimedUntil: row.optionalDouble(13).map(Date.init(timeIntervalSince1970:)), rendered: rendered)
    }
}

