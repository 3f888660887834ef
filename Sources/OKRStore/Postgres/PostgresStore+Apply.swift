import Foundation
public import OKRModel
import PostgresNIO

extension PostgresStore {
    /// A batch refused as a whole (a reply seen before, a firing claimed before): rolls the
    /// transaction back and carries the answer out of it.
    private struct Refused: Error {
        let result: StoreApplyResult
    }

    /// One transaction per batch. Concurrent batches from several replicas serialise on the rows
    /// they share: a reply's delivery id and a firing's key are unique, and the second writer waits
    /// for the first and then sees its row (so it is refused, never applied twice).
    public func apply(_ changes: [StoreChange], then follow: FollowUp?) async throws -> StoreApplyResult {
        do {
            return try await write { connection in
                var result = StoreApplyResult(applied: true)
                for change in changes {
                    if let refusal = try await self.apply(change, connection, &result) { throw Refused(result: refusal) }
                }
                if let follow {
                    for change in try follow(result) {
                        if let refusal = try await self.apply(change, connection, &result) { throw Refused(result: refusal) }
                    }
                }
                if !result.enqueuedIDs.isEmpty {
                    // Wakes every replica's dispatcher when the transaction commits.
                    try await connection.notifyQueued(self.logger)
                }
                return result
            }
        } catch let refused as Refused {
            return refused.result
        }
    }

    /// The channel `NOTIFY` uses when messages are queued.
    public static let queuedChannel = "okrd_outbox"

    /// Applies one change; returns a result only when the whole batch must be refused.
    private func apply(_ change: StoreChange, _ connection: PostgresConnection, _ result: inout StoreApplyResult) async throws -> StoreApplyResult? {
        switch change {
        case .reply(let reply):
            let inserted = try await connection.rows("""
                INSERT INTO replies (delivery_id, author, platform, received_at, text)
                VALUES (\(reply.deliveryID), \(reply.author), \(reply.platform), \(reply.receivedAt.timeIntervalSince1970), \(reply.text))
                ON CONFLICT (delivery_id) DO NOTHING RETURNING id
                """, logger)
            guard let row = inserted.first else {
                let existing = try await connection.rows("SELECT id FROM replies WHERE delivery_id = \(reply.deliveryID)", logger)
                return StoreApplyResult(applied: false, duplicateOf: try existing.first?.value("id", Int64.self))
            }
            result.replyID = try row.value("id", Int64.self)

        case .checkIn(let checkIn, let source, let line):
            try await connection.run("""
                INSERT INTO checkins (kr, author, at, value, confidence, reported, comment, source, line, created_at, reply_id)
                VALUES (\(checkIn.keyResult), \(checkIn.author), \(checkIn.at.timeIntervalSince1970), \(checkIn.value), \(checkIn.confidence),
                        \(checkIn.reported?.rawValue), \(checkIn.comment), \(source), \(line), \(Date().timeIntervalSince1970), \(result.replyID))
                """, logger)

        case .kpiCheckIn(let value, let source, let line):
            try await connection.run("""
                INSERT INTO kpi_checkins (kpi, author, at, value, comment, source, line, reply_id)
                VALUES (\(value.kpi), \(value.author), \(value.at.timeIntervalSince1970), \(value.value), \(value.comment), \(source), \(line), \(result.replyID))
                """, logger)

        case .blocker(let blocker):
            try await connection.run("""
                INSERT INTO blockers (kr, author, text, at, resolved_at, line, reply_id)
                VALUES (\(blocker.keyResult), \(blocker.author), \(blocker.text), \(blocker.at.timeIntervalSince1970),
                        \(blocker.resolvedAt?.timeIntervalSince1970), \(blocker.line), \(result.replyID))
                """, logger)

        case .actionItem(let item):
            let rows = try await connection.rows("""
                INSERT INTO action_items (owner, author, text, due, kr, created_at, done_at, line, reply_id)
                VALUES (\(item.owner), \(item.author), \(item.text), \(item.due?.description), \(item.keyResult), \(item.createdAt.timeIntervalSince1970),
                        \(item.doneAt?.timeIntervalSince1970), \(item.line), \(result.replyID))
                RETURNING id
                """, logger)
            if let row = rows.first { result.actionItemIDs.append(try row.value("id", Int64.self)) }

        case .completeAction(let id, let at):
            try await connection.run("UPDATE action_items SET done_at = \(at.timeIntervalSince1970) WHERE id = \(id) AND done_at IS NULL", logger)

        case .resolveBlockers(let kr, let at):
            try await connection.run("UPDATE blockers SET resolved_at = \(at.timeIntervalSince1970) WHERE kr = \(kr) AND resolved_at IS NULL", logger)

        case .away(let away):
            try await connection.run("""
                INSERT INTO away (person, from_day, until_day, source) VALUES (\(away.person), \(away.from.description), \(away.until.description), \(away.source))
                """, logger)

        case .escalation(let state):
            let memory = state.memory
            try await connection.run("""
                INSERT INTO escalations (kr, level, since, last_alert_at, last_fingerprint, cycles_at_level, snoozed_until, acked_at, acked_by, last_status)
                VALUES (\(state.keyResult), \(memory.level), \(memory.since?.timeIntervalSince1970), \(memory.lastAlertAt?.timeIntervalSince1970),
                        \(memory.lastFingerprint), \(memory.cyclesAtLevel), \(memory.snoozedUntil?.timeIntervalSince1970),
                        \(memory.ackedAt?.timeIntervalSince1970), \(state.ackedBy), \(memory.reason))
                ON CONFLICT (kr) DO UPDATE SET level = excluded.level, since = excluded.since, last_alert_at = excluded.last_alert_at,
                    last_fingerprint = excluded.last_fingerprint, cycles_at_level = excluded.cycles_at_level,
                    snoozed_until = excluded.snoozed_until, acked_at = excluded.acked_at, acked_by = excluded.acked_by,
                    last_status = excluded.last_status
                """, logger)

        case .snooze(let kr, let until):
            try await connection.run("""
                INSERT INTO escalations (kr, snoozed_until) VALUES (\(kr), \(until.timeIntervalSince1970))
                ON CONFLICT (kr) DO UPDATE SET snoozed_until = excluded.snoozed_until
                """, logger)

        case .acknowledge(let kr, let at, let by):
            try await connection.run("""
                INSERT INTO escalations (kr, acked_at, acked_by) VALUES (\(kr), \(at.timeIntervalSince1970), \(by))
                ON CONFLICT (kr) DO UPDATE SET acked_at = excluded.acked_at, acked_by = excluded.acked_by
                """, logger)

        case .enqueue(let message):
            let rows = try await connection.rows("""
                INSERT INTO outbox (idempotency_key, destination, kind, created_at, not_before)
                VALUES (\(message.idempotencyKey), \(message.destination), \(message.kind), \(message.createdAt.timeIntervalSince1970),
                        \(message.notBefore.timeIntervalSince1970))
                ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
                """, logger)
            guard let row = rows.first else {
                result.skippedMessages += 1
                return nil
            }
            let id = try row.value("id", Int64.self)
            try await connection.run("""
                INSERT INTO outbox_bodies (message, payload, rendered_for, rendered_type, rendered)
                VALUES (\(id), \(Data(message.payload)), \(message.rendered?.platform), \(message.rendered?.contentType), \(message.rendered.map { Data($0.body) }))
                """, logger)
            result.enqueuedIDs.append(id)

        case .claimFiring(let firing):
            let claimed = try await connection.run("""
                INSERT INTO schedule_firings (team, kind, occurrence, due_at, fired_at, outcome)
                VALUES (\(firing.team), \(firing.kind), \(firing.occurrence), \(firing.dueAt.timeIntervalSince1970), \(firing.firedAt.timeIntervalSince1970), \(firing.outcome))
                ON CONFLICT (team, kind, occurrence) DO NOTHING RETURNING 1
                """, logger)
            if claimed == 0 { return StoreApplyResult(applied: false) }

        case .setMeta(let key, let value):
            try await connection.run("INSERT INTO meta (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value", logger)

        case .ask(let question):
            let proposals = String(decoding: try JSONEncoder().encode(question.proposals), as: UTF8.self)
            try await connection.run("""
                INSERT INTO open_questions (person, kr, question, proposals, asked_at, expires_at)
                VALUES (\(question.person), \(question.keyResult), \(question.question), \(proposals), \(question.askedAt.timeIntervalSince1970), \(question.expiresAt.timeIntervalSince1970))
                ON CONFLICT (person) DO UPDATE SET kr = excluded.kr, question = excluded.question, proposals = excluded.proposals,
                    asked_at = excluded.asked_at, expires_at = excluded.expires_at
                """, logger)

        case .settleQuestion(let person, let askedAt):
            if let askedAt {
                try await connection.run("DELETE FROM open_questions WHERE person = \(person) AND asked_at = \(askedAt.timeIntervalSince1970)", logger)
            } else {
                try await connection.run("DELETE FROM open_questions WHERE person = \(person)", logger)
            }

        case .undoReply(let id, let at):
            try await connection.run("UPDATE replies SET undone_at = \(at.timeIntervalSince1970) WHERE id = \(id) AND undone_at IS NULL", logger)
            // The undo itself leaves the chain: a second undo withdraws the reply before.
            if let own = result.replyID {
                try await connection.run("UPDATE replies SET undone_at = \(at.timeIntervalSince1970) WHERE id = \(own)", logger)
            }
            try await connection.run("DELETE FROM checkins WHERE reply_id = \(id)", logger)
            try await connection.run("DELETE FROM kpi_checkins WHERE reply_id = \(id)", logger)
            try await connection.run("DELETE FROM blockers WHERE reply_id = \(id)", logger)
            try await connection.run("DELETE FROM action_items WHERE reply_id = \(id)", logger)
        }
        return nil
    }
}
