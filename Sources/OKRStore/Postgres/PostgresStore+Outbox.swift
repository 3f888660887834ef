public import Foundation
public import OKRModel
import PostgresNIO

extension PostgresStore {
    public func claimDue(now: Date, limit: Int, excluding: Set<String>, claimant: String, leaseUntil: Date) async throws -> [OutboxMessage] {
        try await recordAndClaim([], now: now, limit: limit, among: nil, excluding: excluding, claimant: claimant, leaseUntil: leaseUntil)
    }

    /// Records outcomes and claims heads in one transaction. Several replicas claim at once: the
    /// lease is taken by an `UPDATE` whose condition is checked again on the locked row, so when two
    /// replicas pick the same head, the second finds it leased and takes nothing. A destination's
    /// next message is never claimed while its head is leased or waiting, so FIFO holds across replicas.
    public nonisolated(nonsending) func recordAndClaim(_ outcomes: [(Int64, DeliveryOutcome)], now: Date, limit: Int, among: [String]?, depths: [String: Int],
                                                       excluding: Set<String>, claimant: String, leaseUntil: Date) async throws -> [OutboxMessage] {
        let excluded = Array(excluding)
        let candidates = among.map { $0.filter { !excluding.contains($0) } }
        let recorded = outcomes
        let instant = now.timeIntervalSince1970
        let lease = leaseUntil.timeIntervalSince1970
        let deep = depths.filter { $0.value > 1 }
        return try await write { connection in
            try await Self.record(recorded, by: claimant, connection, self.logger)
            guard limit > 0 else { return [] }
            if let candidates, candidates.isEmpty { return [] }
            // One statement: pick the due heads, lease them, return them with their bodies.
            let claim: PostgresQuery
            if let candidates {
                claim = """
                    WITH heads AS (
                      SELECT h.id FROM unnest(\(candidates)::text[]) WITH ORDINALITY AS d(name, position)
                      JOIN LATERAL (SELECT id, not_before, claimed_until FROM outbox WHERE state = 'pending' AND destination = d.name ORDER BY id LIMIT 1) h ON true
                      WHERE h.not_before <= \(instant) AND (h.claimed_until IS NULL OR h.claimed_until <= \(instant))
                        AND \(unescaped: Self.paced("d.name", now: "$2"))
                      ORDER BY d.position LIMIT \(limit)),
                    \(unescaped: Self.leaseHeads(claimant: "$5", lease: "$6", now: "$2"))
                    """
            } else {
                claim = """
                    WITH heads AS (
                      SELECT h.id FROM (SELECT DISTINCT ON (destination) id, destination, not_before, claimed_until FROM outbox
                                        WHERE state = 'pending' ORDER BY destination, id) h
                      WHERE h.not_before <= \(instant) AND (h.claimed_until IS NULL OR h.claimed_until <= \(instant))
                        AND NOT (h.destination = ANY(\(excluded)::text[])) AND \(unescaped: Self.paced("h.destination", now: "$1"))
                      ORDER BY h.id LIMIT \(limit)),
                    \(unescaped: Self.leaseHeads(claimant: "$5", lease: "$6", now: "$1"))
                    """
            }
            var leased = claim
            let pacing = self.pacing.arrays
            leased.binds.append(claimant)
            leased.binds.append(lease)
            leased.binds.append(pacing.names)
            leased.binds.append(pacing.seconds)
            leased.binds.append(deep.map(\.key))
            leased.binds.append(deep.map(\.value))
            return try await Self.messages(from: connection.rows(leased, self.logger))
        }
    }

    /// The destination may be sent to now: no replica claimed one of its messages within its
    /// least interval (`destination_pacing`).
    static func paced(_ destination: String, now: String) -> String {
        "NOT EXISTS (SELECT 1 FROM destination_pacing p WHERE p.name = \(destination) AND p.next_send > \(now)::double precision)"
    }

    /// The rest of the claim after its `heads` CTE: leases them (the lease condition re-checked on
    /// each locked row, so two replicas never lease one message), then, behind each head this
    /// statement leased, the messages that follow it while they are due and not leased, up to the
    /// destination's depth ($9 names, $10 depths): a replica that lost the race for a head takes
    /// none of its followers. Sets when each paced destination may be claimed next ($7 names, $8
    /// intervals) and returns the messages with their bodies.
    static func leaseHeads(claimant: String, lease: String, now: String) -> String {
        """
        claimed AS (
          UPDATE outbox SET claimed_by = \(claimant)::text, claimed_until = \(lease)::double precision, attempts = attempts + 1
          WHERE id = ANY(ARRAY(SELECT id FROM heads)) AND state = 'pending' AND not_before <= \(now)::double precision
            AND (claimed_until IS NULL OR claimed_until <= \(now)::double precision)
          RETURNING *),
        runs AS (
          SELECT q.id, SUM(CASE WHEN q.not_before <= \(now)::double precision AND (q.claimed_until IS NULL OR q.claimed_until <= \(now)::double precision)
                           THEN 0 ELSE 1 END) OVER (PARTITION BY c.destination ORDER BY q.id) AS stops
          FROM claimed c JOIN unnest($9::text[], $10::bigint[]) AS k(name, depth) ON k.name = c.destination
          JOIN LATERAL (SELECT id, not_before, claimed_until FROM outbox WHERE state = 'pending' AND destination = c.destination AND id > c.id
                        ORDER BY id LIMIT k.depth - 1) q ON true),
        behind AS (
          UPDATE outbox SET claimed_by = \(claimant)::text, claimed_until = \(lease)::double precision, attempts = attempts + 1
          WHERE id = ANY(ARRAY(SELECT id FROM runs WHERE stops = 0)) AND state = 'pending' AND not_before <= \(now)::double precision
            AND (claimed_until IS NULL OR claimed_until <= \(now)::double precision)
          RETURNING *),
        paced AS (
          INSERT INTO destination_pacing (name, next_send)
          SELECT c.destination, \(now)::double precision + p.seconds FROM claimed c JOIN unnest($7::text[], $8::double precision[]) AS p(name, seconds) ON p.name = c.destination
          ON CONFLICT (name) DO UPDATE SET next_send = EXCLUDED.next_send)
        SELECT \(messageColumns) FROM (SELECT * FROM claimed UNION ALL SELECT * FROM behind) o JOIN outbox_bodies b ON b.message = o.id ORDER BY o.id
        """
    }

    /// Records outcomes: every message sent by one statement (its answers passed as arrays), the
    /// rest (retries, dead letters, releases) one by one.
    static func record(_ outcomes: [(Int64, DeliveryOutcome)], by claimant: String?, _ connection: PostgresConnection, _ logger: Logger) async throws {
        var ids: [Int64] = [], instants: [Double] = [], statuses: [Int] = [], responses: [String] = [], answered: [Bool] = []
        for (id, outcome) in outcomes {
            guard case .sent(let at, let status, let response) = outcome else {
                try await record(outcome, id: id, by: claimant, connection, logger)
                continue
            }
            ids.append(id)
            instants.append(at.timeIntervalSince1970)
            statuses.append(status)
            // Platforms' answers are kept to 2,000 characters; arrays cannot hold NULL, hence `answered`.
            responses.append(response.map { String($0.prefix(2000)) } ?? "")
            answered.append(response != nil)
        }
        guard !ids.isEmpty else { return }
        // `o.id = ANY(...)` as well as the join: the planner then seeks the primary key instead of
        // scanning the outbox (the join alone is estimated from unnest's unknown size).
        try await connection.run("""
            UPDATE outbox o SET state = 'sent', sent_at = u.at, last_status = u.status, response = CASE WHEN u.answered THEN u.response END,
                last_error = NULL, claimed_by = NULL, claimed_until = NULL
            FROM unnest(\(ids)::bigint[], \(instants)::double precision[], \(statuses)::bigint[], \(responses)::text[], \(answered)::boolean[])
                AS u(id, at, status, response, answered)
            WHERE o.id = u.id AND o.id = ANY(\(ids)::bigint[])
            """, logger)
    }

    /// With `claimant`, a retry or release leaves alone a message another replica has leased since
    /// (this one's lease was released as a dead process's, or expired).
    static func record(_ outcome: DeliveryOutcome, id: Int64, by claimant: String?, _ connection: PostgresConnection, _ logger: Logger) async throws {
        switch outcome {
        case .sent(let at, let status, let response):
            try await connection.run("""
                UPDATE outbox SET state = 'sent', sent_at = \(at.timeIntervalSince1970), last_status = \(status), response = \(response.map { String($0.prefix(2000)) }),
                    last_error = NULL, claimed_by = NULL, claimed_until = NULL WHERE id = \(id)
                """, logger)
        case .retry(let notBefore, let status, let error):
            try await connection.run("""
                UPDATE outbox SET not_before = \(notBefore.timeIntervalSince1970), last_status = \(status), last_error = \(String(error.prefix(2000))),
                    claimed_by = NULL, claimed_until = NULL
                WHERE id = \(id) AND state = 'pending' AND (\(claimant)::text IS NULL OR claimed_by IS NULL OR claimed_by = \(claimant))
                """, logger)
        case .dead(_, let status, let error):
            try await connection.run("""
                UPDATE outbox SET state = 'dead', last_status = \(status), last_error = \(String(error.prefix(2000))), claimed_by = NULL, claimed_until = NULL
                WHERE id = \(id)
                """, logger)
        case .released:
            try await connection.run(
                """
                UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, attempts = GREATEST(attempts - 1, 0)
                WHERE id = \(id) AND state = 'pending' AND (\(claimant)::text IS NULL OR claimed_by IS NULL OR claimed_by = \(claimant))
                """, logger)
        }
    }

    static let messageColumns = """
        o.id, o.idempotency_key, o.destination, o.kind, o.created_at, o.not_before, o.attempts, o.state, o.last_status,
        o.last_error, o.sent_at, o.response, o.claimed_by, o.claimed_until, b.payload, b.rendered_for, b.rendered_type, b.rendered
        """

    /// Messages with their bodies; `condition` follows `WHERE` (and may order and limit).
    static func messages(where condition: PostgresQuery, _ connection: PostgresConnection, _ logger: Logger) async throws -> [OutboxMessage] {
        let query = PostgresQuery(unsafeSQL: "SELECT \(messageColumns) FROM outbox o JOIN outbox_bodies b ON b.message = o.id WHERE " + condition.sql,
                                  binds: condition.binds)
        return try messages(from: await connection.rows(query, logger))
    }

    /// Reads rows that selected `messageColumns`.
    static func messages(from rows: [PostgresRandomAccessRow]) throws -> [OutboxMessage] {
        try rows.map { row in
            var rendered: OutboxMessage.Rendering?
            if let platform = try row.value("rendered_for", String?.self), let contentType = try row.value("rendered_type", String?.self),
                let body = try row.value("rendered", Data?.self) {
                rendered = OutboxMessage.Rendering(platform: platform, contentType: contentType, body: [UInt8](body))
            }
            return OutboxMessage(
                id: try row.value("id"), idempotencyKey: try row.value("idempotency_key"), destination: try row.value("destination"),
                kind: try row.value("kind"), payload: [UInt8](try row.value("payload", Data.self)), createdAt: try row.date("created_at"),
                notBefore: try row.date("not_before"), attempts: try row.value("attempts"),
                state: OutboxMessage.State(rawValue: try row.value("state")) ?? .pending, lastStatus: try row.value("last_status", Int?.self),
                lastError: try row.value("last_error", String?.self), sentAt: try row.optionalDate("sent_at"), response: try row.value("response", String?.self),
                claimedBy: try row.value("claimed_by", String?.self), claimedUntil: try row.optionalDate("claimed_until"), rendered: rendered)
        }
    }

    public func deadLetterUnknownDestinations(known: Set<String>, now: Date) async throws -> Int {
        let names = Array(known)
        return try await write { connection in
            try await connection.run("""
                UPDATE outbox SET state = 'dead', last_error = 'destination no longer configured', claimed_by = NULL, claimed_until = NULL
                WHERE state = 'pending' AND NOT (destination = ANY(\(names)::text[])) RETURNING id
                """, self.logger)
        }
    }

    public func releaseLeases(heldBy: String?) async throws -> Int {
        try await write { connection in
            if let heldBy {
                return try await connection.run("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = \(heldBy) RETURNING id", self.logger)
            }
            return try await connection.run("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL RETURNING id", self.logger)
        }
    }

    public func forgetRenderedBodies() async throws -> Int {
        try await write { connection in
            try await connection.run("""
                UPDATE outbox_bodies SET rendered_for = NULL, rendered_type = NULL, rendered = NULL
                WHERE rendered IS NOT NULL AND message IN (SELECT id FROM outbox WHERE state = 'pending') RETURNING message
                """, self.logger)
        }
    }

    public func record(_ outcome: DeliveryOutcome, forMessage id: Int64) async throws {
        try await write { connection in try await Self.record(outcome, id: id, by: nil, connection, self.logger) }
    }

    public func outbox(_ filter: OutboxFilter) async throws -> [OutboxMessage] {
        let states = filter.states.map(\.rawValue)
        guard !states.isEmpty else { return [] }
        return try await read { connection in
            let condition: PostgresQuery = filter.destination.map { destination in
                "o.state = ANY(\(states)) AND o.destination = \(destination) ORDER BY o.id DESC LIMIT \(filter.limit)"
            } ?? "o.state = ANY(\(states)) ORDER BY o.id DESC LIMIT \(filter.limit)"
            return try await Self.messages(where: condition, connection, self.logger)
        }
    }

    public func outboxMessage(id: Int64) async throws -> OutboxMessage? {
        try await read { connection in try await Self.messages(where: "o.id = \(id)", connection, self.logger).first }
    }

    public func outboxStats() async throws -> (counts: [OutboxMessage.State: Int], oldestPending: Date?) {
        let (counts, oldest) = try await read { connection in
            var counts: [OutboxMessage.State: Int] = [:]
            for row in try await connection.rows("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state", self.logger) {
                if let state = OutboxMessage.State(rawValue: try row.value("state")) { counts[state] = try row.value("n", Int.self) }
            }
            let oldest = try await connection.rows("SELECT MIN(created_at) AS oldest FROM outbox WHERE state = 'pending'", self.logger).first?.optionalDate("oldest")
            return (counts, oldest)
        }
        return (counts, oldest ?? nil)
    }

    public func nextDue(excluding: Set<String>) async throws -> Date? {
        let excluded = Array(excluding)
        return try await read { connection in
            try await connection.rows("""
                SELECT MIN(GREATEST(h.not_before, COALESCE(h.claimed_until, 0), COALESCE(p.next_send, 0))) AS due
                FROM (SELECT DISTINCT ON (destination) destination, not_before, claimed_until FROM outbox WHERE state = 'pending' ORDER BY destination, id) h
                LEFT JOIN destination_pacing p ON p.name = h.destination
                WHERE NOT (h.destination = ANY(\(excluded)::text[]))
                """, self.logger).first?.optionalDate("due")
        } ?? nil
    }

    public func nextDue(among: [String], excluding: Set<String>) async throws -> Date? {
        let candidates = among.filter { !excluding.contains($0) }
        guard !candidates.isEmpty else { return nil }
        return try await read { connection in
            try await connection.rows("""
                SELECT MIN(GREATEST(h.not_before, COALESCE(h.claimed_until, 0), COALESCE(p.next_send, 0))) AS due FROM unnest(\(candidates)::text[]) AS d(name)
                JOIN LATERAL (SELECT not_before, claimed_until FROM outbox WHERE state = 'pending' AND destination = d.name ORDER BY id LIMIT 1) h ON true
                LEFT JOIN destination_pacing p ON p.name = d.name
                """, self.logger).first?.optionalDate("due")
        } ?? nil
    }

    public func retry(messageID: Int64, now: Date) async throws -> Bool {
        try await write { connection in
            // A message being sent right now keeps its lease: retried, not sent twice at once.
            let changed = try await connection.run("""
                UPDATE outbox SET state = 'pending', not_before = \(now.timeIntervalSince1970), claimed_by = NULL, claimed_until = NULL
                WHERE id = \(messageID) AND (claimed_until IS NULL OR claimed_until <= \(now.timeIntervalSince1970) OR state <> 'pending') RETURNING id
                """, self.logger) > 0
            if changed {
                try await connection.notifyQueued(self.logger)
                return true
            }
            return try await connection.run("SELECT 1 FROM outbox WHERE id = \(messageID)", self.logger) > 0
        }
    }

    public func retryDead(now: Date) async throws -> Int {
        try await write { connection in
            let count = try await connection.run("""
                UPDATE outbox SET state = 'pending', not_before = \(now.timeIntervalSince1970), claimed_by = NULL, claimed_until = NULL
                WHERE state = 'dead' RETURNING id
                """, self.logger)
            if count > 0 { try await connection.notifyQueued(self.logger) }
            return count
        }
    }

    public func purgeDead(olderThan: Date?) async throws -> Int {
        let before = (olderThan ?? .distantFuture).timeIntervalSince1970
        return try await write { connection in
            try await connection.run("DELETE FROM outbox WHERE state = 'dead' AND created_at < \(before) RETURNING id", self.logger)
        }
    }

    public func destinationStates() async throws -> [String: DestinationState] {
        try await read { connection in
            var states: [String: DestinationState] = [:]
            for row in try await connection.rows("SELECT * FROM destination_state", self.logger) {
                let state = DestinationState(name: try row.value("name"), disabledAt: try row.optionalDate("disabled_at"),
                                             disabledReason: try row.value("disabled_reason", String?.self), pausedUntil: try row.optionalDate("paused_until"))
                states[state.name] = state
            }
            return states
        }
    }

    public func setDestinationState(_ state: DestinationState) async throws {
        try await write { connection in
            try await connection.run("""
                INSERT INTO destination_state (name, disabled_at, disabled_reason, paused_until)
                VALUES (\(state.name), \(state.disabledAt?.timeIntervalSince1970), \(state.disabledReason), \(state.pausedUntil?.timeIntervalSince1970))
                ON CONFLICT (name) DO UPDATE SET disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason,
                    paused_until = excluded.paused_until
                """, self.logger)
            // A resumed destination may have messages waiting: wake every replica.
            try await connection.notifyQueued(self.logger)
        }
    }
}
