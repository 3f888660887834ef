import Foundation
import GRDB
import OKRModel
import OKRTestSupport
@testable import OKRStore
import Testing

@Suite("The store on real SQLite files and a real PostgreSQL server")
struct SQLiteStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_792_000_000)

    func checkIn(_ kr: String, _ value: Double, at offset: TimeInterval = 0, author: String = "maria") -> StoreChange {
        .checkIn(CheckIn(keyResult: kr, author: author, at: t0.addingTimeInterval(offset), value: value, confidence: 7, comment: "c"), source: "test", line: 1)
    }

    @Test("An empty database is migrated to the latest schema, in WAL mode with foreign keys and synchronous=FULL")
    func migrateEmpty() async throws {
        let dir = TemporaryDirectory()
        let store = try SQLiteStore(path: dir.file("sub/dir/okrd.sqlite"))
        #expect(try await store.appliedMigrations() == SQLiteStore.knownMigrations)
        #expect(try await store.pragma("journal_mode") == "wal")
        #expect(try await store.pragma("foreign_keys") == "1")
        #expect(try await store.pragma("synchronous") == "2")
        #expect(try await store.checkIns(keyResults: nil, through: nil).isEmpty)
        try await store.close()
    }

    @Test("Reopening keeps the data and applies nothing twice")
    func reopen() async throws {
        let dir = TemporaryDirectory()
        let path = dir.file("okrd.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.apply([checkIn("kr1", 3)])
            try await store.close()
        }
        let again = try SQLiteStore(path: path)
        let rows = try await again.checkIns(keyResults: ["kr1"], through: nil)
        #expect(rows.count == 1)
        #expect(rows[0].checkIn.value == 3)
        #expect(rows[0].checkIn.confidence == 7)
        #expect(try await again.appliedMigrations() == SQLiteStore.knownMigrations)
        try await again.close()
    }

    @Test("A database made by the first migration is upgraded and keeps its rows")
    func upgrade() async throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.sqlite")
        // Given a database created by an earlier okrd, with only the first migration and a check-in
        do {
            let pool = try DatabasePool(path: path)
            try SQLiteMigrations.migrator.migrate(pool, upTo: SQLiteStore.knownMigrations[0])
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO checkins (kr, author, at, value, source, created_at) VALUES ('kr1', 'li', 1792000000, 42, 'cli', 1792000000)")
                try db.execute(sql: "INSERT INTO outbox (idempotency_key, destination, kind, payload, created_at, not_before) VALUES ('k1', 'd', 'prompt', X'7B7D', 1792000000, 1792000000)")
            }
            try pool.close()
        }
        // When this okrd opens it
        let store = try SQLiteStore(path: path)
        // Then every migration is applied and the old row is still there, now with the new columns
        #expect(try await store.appliedMigrations() == SQLiteStore.knownMigrations)
        let rows = try await store.checkIns(keyResults: nil, through: nil)
        #expect(rows.map(\.checkIn.value) == [42])
        #expect(rows[0].replyID == nil)
        // A message queued by the old okrd keeps its body (moved to outbox_bodies) and is still claimable.
        let queued = try await store.recordAndClaim([], now: t0, limit: 5, among: ["d"], excluding: [], claimant: "p", leaseUntil: t0 + 60)
        #expect(queued.map(\.payload) == [Array("{}".utf8)])
        #expect(queued.first?.rendered == nil)
        let result = try await store.apply([.reply(Reply(deliveryID: "d1", author: "li", platform: "cli", receivedAt: t0, text: "kr1 43")), checkIn("kr1", 43)])
        #expect(result.applied)
        #expect(try await store.checkIns(keyResults: ["kr1"], through: nil).filter { $0.replyID == result.replyID }.count == 1)
        try await store.close()
    }

    @Test("A database written by a newer okrd is refused with a clear error and left untouched")
    func newerRefused() async throws {
        let dir = TemporaryDirectory()
        let path = dir.file("future.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.apply([checkIn("kr1", 1)])
            try await store.close()
            let pool = try DatabasePool(path: path)
            try await pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('2099-01-01-time-travel')") }
            try pool.close()
        }
        do {
            _ = try SQLiteStore(path: path)
            Issue.record("expected the newer database to be refused")
        } catch let error as StoreError {
            #expect(error.kind == .newerSchema)
            #expect(error.message.contains("newer version of okrd"))
            #expect(error.message.contains("2099-01-01-time-travel"))
        }
        // The data is still there for the newer okrd.
        let pool = try DatabasePool(path: path)
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM checkins") } == 1)
        try pool.close()
    }

    @Test("A reader sees whole transactions while another connection writes")
    func readWhileWriting() async throws {
        let dir = TemporaryDirectory()
        let path = dir.file("okrd.sqlite")
        let writer = try SQLiteStore(path: path)
        let reader = try SQLiteStore(path: path)
        try await withThrowingTaskGroup(of: [Int].self) { group in
            group.addTask {
                for batch in 0..<30 {
                    _ = try await writer.apply((0..<100).map { i in checkIn("kr\(batch)", Double(i)) })
                }
                return []
            }
            group.addTask {
                var seen: [Int] = []
                for _ in 0..<60 {
                    seen.append(try await reader.checkIns(keyResults: nil, through: nil).count)
                    await Task.yield()
                }
                return seen
            }
            for try await counts in group {
                // Every count a reader saw is a whole number of 100-row transactions.
                #expect(counts.allSatisfy { $0 % 100 == 0 })
            }
        }
        #expect(try await reader.checkIns(keyResults: nil, through: nil).count == 3000)
        try await writer.close()
        try await reader.close()
    }

    @Test("A reply seen before makes the whole batch a duplicate; nothing is recorded twice", arguments: StoreEngine.all)
    func duplicateReply(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        let reply = Reply(deliveryID: "Ev123", author: "maria", platform: "slack", receivedAt: t0, text: "kr1 3")
        let first = try await store.apply([.reply(reply), checkIn("kr1", 3)])
        let second = try await store.apply([.reply(reply), checkIn("kr1", 3)])
        #expect(first.applied)
        #expect(!second.applied)
        #expect(second.duplicateOf == first.replyID)
        #expect(try await store.checkIns(keyResults: nil, through: nil).count == 1)
    }

    @Test("A follow-up sees the ids its batch was given and is stored in the same transaction; a refused batch runs none", arguments: StoreEngine.all)
    func followUps(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        let reply = Reply(deliveryID: "Ev9", author: "maria", platform: "slack", receivedAt: t0, text: "action: @li call ACME")
        let item = ActionItem(owner: "li", author: "maria", text: "call ACME", due: nil, keyResult: nil, createdAt: t0)
        let follow: FollowUp = { result in
            [.enqueue(OutboxMessage(idempotencyKey: "confirm:Ev9", destination: "emea", kind: "confirmation",
                                    payload: Array("AI-\(result.actionItemIDs[0])".utf8), createdAt: self.t0))]
        }
        let first = try await store.apply([.reply(reply), .actionItem(item)], then: follow)
        #expect(first.enqueuedIDs.count == 1)
        let queued = try await store.outbox(OutboxFilter())
        #expect(queued.map { String(decoding: $0.payload, as: UTF8.self) } == ["AI-\(first.actionItemIDs[0])"])
        // The redelivery is refused as a whole: its follow-up is never called.
        let second = try await store.apply([.reply(reply), .actionItem(item)], then: { _ in Issue.record("follow-up of a refused batch"); return [] })
        #expect(second.duplicateOf == first.replyID)
        // A follow-up that throws takes its batch with it: the reply is not stored without its answer.
        struct Broken: Error {}
        let third = Reply(deliveryID: "Ev10", author: "maria", platform: "slack", receivedAt: t0, text: "kr1 4")
        await #expect(throws: Broken.self) { try await store.apply([.reply(third), checkIn("kr1", 4)], then: { _ in throw Broken() }) }
        #expect(try await store.reply(deliveryID: "Ev10") == nil)
        #expect(try await store.checkIns(keyResults: ["kr1"], through: nil).isEmpty)
    }

    @Test("Concurrent batches share commits, yet each is applied, refused or failed on its own", arguments: StoreEngine.all)
    func groupCommit(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        struct Broken: Error {}
        // 300 batches at once: every fifth repeats a delivery id (a duplicate), every seventh fails.
        let outcomes = try await withThrowingTaskGroup(of: (Int, String).self) { group -> [Int: String] in
            for n in 0..<300 {
                group.addTask {
                    let delivery = n % 5 == 4 ? "ev-\(n - 1)" : "ev-\(n)"
                    let reply = Reply(deliveryID: delivery, author: "maria", platform: "slack", receivedAt: self.t0, text: "kr1 \(n)")
                    let breaks: FollowUp = { _ in throw Broken() }
                    do {
                        let result = try await store.apply([.reply(reply), self.checkIn("kr\(n)", Double(n))], then: n % 7 == 6 ? breaks : nil)
                        return (n, result.applied ? "applied" : "refused")
                    } catch is Broken {
                        return (n, "failed")
                    }
                }
            }
            var all: [Int: String] = [:]
            for try await (n, outcome) in group { all[n] = outcome }
            return all
        }
        #expect(outcomes.count == 300)
        let stored = Set(try await store.checkIns(keyResults: nil, through: nil).map(\.checkIn.keyResult))
        for n in 0..<300 {
            // A failed batch leaves nothing; a duplicate is refused only if its original was stored first.
            switch outcomes[n] {
            case "applied": #expect(stored.contains("kr\(n)"), "batch \(n)")
            default: #expect(!stored.contains("kr\(n)"), "batch \(n)")
            }
            if n % 7 == 6 { #expect(outcomes[n] == "failed" || outcomes[n] == "refused", "batch \(n)") }
            // Neither half of a duplicate pair, nor failing: applied.
            if n % 5 != 4, n % 5 != 3, n % 7 != 6 { #expect(outcomes[n] == "applied", "batch \(n)") }
        }
        let deliveries = try await store.checkIns(keyResults: nil, through: nil).count
        #expect(deliveries == outcomes.values.filter { $0 == "applied" }.count)
    }

    @Test("Snooze and acknowledge set only their own columns: what the escalation ladder wrote stays", arguments: StoreEngine.all)
    func snoozeAndAcknowledge(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        let ladder = EscalationPolicy.Memory(level: 2, since: t0, lastAlertAt: t0 + 60, lastFingerprint: "f1", cyclesAtLevel: 1, reason: "in trouble")
        _ = try await store.apply([.escalation(EscalationState(keyResult: "kr1", memory: ladder))])
        _ = try await store.apply([.snooze(keyResult: "kr1", until: t0 + 86_400), .acknowledge(keyResult: "kr1", at: t0 + 120, by: "dana"),
                                   .snooze(keyResult: "kr2", until: t0 + 86_400)])
        let states = try await store.escalationStates()
        var expected = ladder
        expected.snoozedUntil = t0 + 86_400
        expected.ackedAt = t0 + 120
        #expect(states["kr1"] == EscalationState(keyResult: "kr1", memory: expected, ackedBy: "dana"))
        // A key result the ladder never touched starts at level 0, snoozed.
        #expect(states["kr2"]?.memory.level == 0)
        #expect(states["kr2"]?.memory.snoozedUntil == t0 + 86_400)
    }

    @Test("A firing is claimed once; a second claim rolls back its whole batch, messages included", arguments: StoreEngine.all)
    func firingClaims(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        let firing = Firing(team: "emea", kind: "prompt", occurrence: "2026-11-23T09:30", dueAt: t0, firedAt: t0)
        let message = OutboxMessage(idempotencyKey: "prompt:emea:2026-W48:maria", destination: "emea", kind: "prompt", payload: Array("{}".utf8), createdAt: t0)
        let first = try await store.apply([.claimFiring(firing), .enqueue(message)])
        var other = message
        other.idempotencyKey = "something-else"
        let second = try await store.apply([.claimFiring(firing), .enqueue(other)])
        #expect(first.applied && first.enqueuedIDs.count == 1)
        #expect(!second.applied)
        #expect(try await store.outbox(OutboxFilter()).map(\.idempotencyKey) == ["prompt:emea:2026-W48:maria"])
        #expect(try await store.firing(team: "emea", kind: "prompt", occurrence: "2026-11-23T09:30") != nil)
    }

    @Test("The same idempotency key is never queued twice", arguments: StoreEngine.all)
    func idempotentOutbox(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        let message = OutboxMessage(idempotencyKey: "k1", destination: "d", kind: "prompt", payload: [1, 2, 3], createdAt: t0)
        let a = try await store.apply([.enqueue(message)])
        let b = try await store.apply([.enqueue(message), checkIn("kr", 1)])
        #expect(a.enqueuedIDs.count == 1)
        #expect(b.applied && b.enqueuedIDs.isEmpty && b.skippedMessages == 1)
        let stored = try await store.outbox(OutboxFilter())
        #expect(stored.count == 1)
        #expect(stored[0].payload == [1, 2, 3])
    }

    @Test("Claims take the head of each destination's queue, honour backoff and expire with their lease", arguments: StoreEngine.all)
    func claims(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        func message(_ key: String, _ destination: String) -> StoreChange {
            .enqueue(OutboxMessage(idempotencyKey: key, destination: destination, kind: "k", payload: [], createdAt: t0))
        }
        _ = try await store.apply([message("a1", "a"), message("a2", "a"), message("b1", "b"), message("c1", "c")])
        // Heads only, FIFO per destination, excluded destinations skipped.
        let first = try await store.claimDue(now: t0, limit: 10, excluding: ["c"], claimant: "p1", leaseUntil: t0 + 60)
        #expect(first.map(\.idempotencyKey) == ["a1", "b1"])
        #expect(first.allSatisfy { $0.attempts == 1 })
        // Leased messages are not claimed again, and a2 waits behind a1.
        #expect(try await store.claimDue(now: t0 + 1, limit: 10, excluding: ["c"], claimant: "p2", leaseUntil: t0 + 61).isEmpty)
        // a1 fails and backs off: nothing for "a" until then.
        try await store.record(.retry(notBefore: t0 + 30, status: 500, error: "rollup_error"), forMessage: first[0].id)
        try await store.record(.sent(at: t0 + 1, status: 200, response: "ok"), forMessage: first[1].id)
        #expect(try await store.claimDue(now: t0 + 2, limit: 10, excluding: ["c"], claimant: "p2", leaseUntil: t0 + 62).isEmpty)
        #expect(try await store.nextDue(excluding: ["c"]) == t0 + 30)
        let retried = try await store.claimDue(now: t0 + 30, limit: 10, excluding: ["c"], claimant: "p2", leaseUntil: t0 + 90)
        #expect(retried.map(\.idempotencyKey) == ["a1"])
        #expect(retried[0].attempts == 2)
        // The claimant dies: after its lease, the message is due again.
        #expect(try await store.claimDue(now: t0 + 89, limit: 10, excluding: ["c"], claimant: "p3", leaseUntil: t0 + 200).isEmpty)
        #expect(try await store.claimDue(now: t0 + 91, limit: 10, excluding: ["c"], claimant: "p3", leaseUntil: t0 + 200).map(\.idempotencyKey) == ["a1"])
        #expect(try await store.releaseLeases(heldBy: nil) == 1)
        // Claimed but never sent (okrd stopped first): released at once, the attempt not counted.
        let claimed = try await store.claimDue(now: t0 + 92, limit: 10, excluding: ["c"], claimant: "p4", leaseUntil: t0 + 300)
        #expect(claimed.map(\.idempotencyKey) == ["a1"])
        #expect(claimed[0].attempts == 4)
        _ = try await store.recordAndClaim([(claimed[0].id, .released)], now: t0 + 92, limit: 0, among: nil, excluding: [], claimant: "p4", leaseUntil: t0 + 300)
        let released = try #require(try await store.outboxMessage(id: claimed[0].id))
        #expect(released.state == .pending)
        #expect(released.claimedBy == nil)
        #expect(released.attempts == 3)
        #expect(try await store.claimDue(now: t0 + 92, limit: 10, excluding: ["c"], claimant: "p5", leaseUntil: t0 + 300).map(\.idempotencyKey) == ["a1"])
    }

    @Test("Group commit: outcomes are recorded and heads claimed in the order named, up to the limit, with their rendered bodies", arguments: StoreEngine.all)
    func recordAndClaimAmong(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        func message(_ key: String, _ destination: String, rendered: Bool = true) -> StoreChange {
            .enqueue(OutboxMessage(
                idempotencyKey: key, destination: destination, kind: "k", payload: Array("{\"\(key)\"}".utf8), createdAt: t0,
                rendered: rendered ? OutboxMessage.Rendering(platform: "slack", contentType: "application/json", body: Array(key.utf8)) : nil))
        }
        _ = try await store.apply([message("a1", "a"), message("b1", "b"), message("a2", "a"), message("c1", "c", rendered: false), message("d\"1", "d\"q")])
        // In the order named, stopping at the limit; FIFO per destination; unknown names skipped.
        let first = try await store.recordAndClaim([], now: t0, limit: 2, among: ["c", "zz", "a", "b"], excluding: [], claimant: "p", leaseUntil: t0 + 60)
        #expect(first.map(\.idempotencyKey) == ["a1", "c1"])  // returned in id order
        #expect(first[0].rendered == OutboxMessage.Rendering(platform: "slack", contentType: "application/json", body: Array("a1".utf8)))
        #expect(first[0].payload == Array("{\"a1\"}".utf8))
        #expect(first[1].rendered == nil)
        // Record both outcomes and claim again in the same transaction: a2 is now a's head.
        let second = try await store.recordAndClaim(
            [(first[0].id, .sent(at: t0, status: 200, response: "ok")), (first[1].id, .dead(at: t0, status: 400, error: "bad"))],
            now: t0, limit: 10, among: ["a", "b", "c", "d\"q"], excluding: ["b"], claimant: "p", leaseUntil: t0 + 60)
        #expect(second.map(\.idempotencyKey) == ["a2", "d\"1"])
        #expect(try await store.outboxMessage(id: first[0].id)?.state == .sent)
        #expect(try await store.outboxMessage(id: first[1].id)?.state == .dead)
        // A configuration change drops queue-time renderings of what is still pending only.
        #expect(try await store.forgetRenderedBodies() == 3)
        #expect(try await store.outboxMessage(id: second[0].id)?.rendered == nil)
        #expect(try await store.outboxMessage(id: first[0].id)?.rendered != nil)
    }

    @Test("A claim leases a destination's head and the due messages right behind it, up to its depth; nobody else takes them, and a retry hands them back", arguments: StoreEngine.all)
    func leaseDepth(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        func message(_ key: String, _ destination: String, notBefore: Date? = nil) -> StoreChange {
            var message = OutboxMessage(idempotencyKey: key, destination: destination, kind: "k", payload: Array("{\"\(key)\"}".utf8), createdAt: t0)
            if let notBefore { message.notBefore = notBefore }
            return .enqueue(message)
        }
        // a: five due, then one scheduled later, then one due; b: three due (no depth given: one at a time).
        _ = try await store.apply([message("a1", "a"), message("b1", "b"), message("a2", "a"), message("a3", "a"), message("b2", "b"),
                                   message("a4", "a", notBefore: t0 + 300), message("a5", "a"), message("b3", "b")])
        let first = try await store.recordAndClaim([], now: t0, limit: 10, among: ["a", "b"], depths: ["a": 8], excluding: [], claimant: "p", leaseUntil: t0 + 60)
        // Stops at a4 (not due): a5 must not overtake it. Sorted by id, each head before its followers.
        #expect(first.map(\.idempotencyKey) == ["a1", "b1", "a2", "a3"])
        #expect(first.allSatisfy { $0.claimedBy == "p" && $0.attempts == 1 })
        #expect(first[2].payload == Array("{\"a2\"}".utf8))
        // Another replica finds a's head leased, and takes nothing of a.
        #expect(try await store.recordAndClaim([], now: t0 + 1, limit: 10, among: ["a"], depths: ["a": 8], excluding: [], claimant: "q", leaseUntil: t0 + 61).isEmpty)
        // a1 delivered, a2 to be retried: a3 is handed back (released), and nothing of a is due before the retry.
        let ids = Dictionary(uniqueKeysWithValues: first.map { ($0.idempotencyKey, $0.id) })
        _ = try await store.recordAndClaim([(ids["a1"]!, .sent(at: t0 + 2, status: 200, response: nil)),
                                            (ids["a2"]!, .retry(notBefore: t0 + 30, status: 500, error: "boom")), (ids["a3"]!, .released)],
                                           now: t0 + 2, limit: 0, among: nil, excluding: [], claimant: "p", leaseUntil: t0 + 62)
        let a3 = try #require(try await store.outboxMessage(id: ids["a3"]!))
        #expect(a3.claimedBy == nil && a3.attempts == 0)
        #expect(try await store.recordAndClaim([], now: t0 + 3, limit: 10, among: ["a"], depths: ["a": 8], excluding: [], claimant: "q", leaseUntil: t0 + 63).isEmpty)
        // Once a2 is due again, a claim of depth 2 takes it and a3 (the depth counts the head).
        let again = try await store.recordAndClaim([], now: t0 + 30, limit: 10, among: ["a"], depths: ["a": 2], excluding: [], claimant: "q", leaseUntil: t0 + 90)
        #expect(again.map(\.idempotencyKey) == ["a2", "a3"])
        // A message leased right behind an unleased head stops the run: a1 sent again by hand
        // (`okrd outbox retry`) goes out alone while a2 is q's.
        #expect(try await store.retry(messageID: ids["a1"]!, now: t0 + 31))
        let alone = try await store.recordAndClaim([], now: t0 + 31, limit: 10, among: ["a"], depths: ["a": 8], excluding: [], claimant: "r", leaseUntil: t0 + 91)
        #expect(alone.map(\.idempotencyKey) == ["a1"])
    }

    @Test("Outcomes recorded together: same answers share a statement, different ones keep their own; a message can be leased again after a retry", arguments: StoreEngine.all)
    func groupedOutcomes(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        // 40 destinations, two messages each: more than one 32-id chunk per statement.
        var changes: [StoreChange] = []
        for round in 0..<2 {
            for d in 0..<40 {
                changes.append(.enqueue(OutboxMessage(idempotencyKey: "m\(round)-\(d)", destination: "d\(d)", kind: "k", payload: [], createdAt: t0)))
            }
        }
        _ = try await store.apply(changes)
        let names = (0..<40).map { "d\($0)" }
        let heads = try await store.recordAndClaim([], now: t0, limit: 40, among: names, excluding: [], claimant: "p", leaseUntil: t0 + 60)
        #expect(heads.count == 40)
        #expect(heads.allSatisfy { $0.attempts == 1 && $0.claimedBy == "p" })
        var outcomes: [(Int64, DeliveryOutcome)] = []
        for (index, message) in heads.enumerated() {
            switch index % 4 {
            case 0, 1: outcomes.append((message.id, .sent(at: t0 + 1, status: 204, response: "ok")))
            case 2: outcomes.append((message.id, .sent(at: t0 + 2, status: 200, response: "event \(index)")))
            default: outcomes.append((message.id, index == 3 ? .dead(at: t0 + 1, status: 400, error: "bad") : .retry(notBefore: t0 + 30, status: 503, error: "busy")))
            }
        }
        let next = try await store.recordAndClaim(outcomes, now: t0 + 2, limit: 100, among: names, excluding: [], claimant: "p", leaseUntil: t0 + 62)
        for (index, message) in heads.enumerated() {
            let stored = try #require(try await store.outboxMessage(id: message.id))
            #expect(stored.claimedBy == nil)
            switch index % 4 {
            case 0, 1:
                #expect(stored.state == .sent && stored.lastStatus == 204 && stored.response == "ok" && stored.sentAt == t0 + 1)
            case 2:
                #expect(stored.state == .sent && stored.lastStatus == 200 && stored.response == "event \(index)" && stored.sentAt == t0 + 2)
            default:
                #expect(stored.state == (index == 3 ? .dead : .pending))
            }
        }
        // Delivered and dead heads give way to the second round; a retried head stays the head (FIFO).
        let retried = Set(heads.enumerated().filter { $0.offset % 4 == 3 && $0.offset != 3 }.map(\.element.destination))
        #expect(next.count == 40 - retried.count)
        #expect(next.allSatisfy { $0.idempotencyKey.hasPrefix("m1-") && !retried.contains($0.destination) && $0.claimedBy == "p" })
        let later = try await store.recordAndClaim([], now: t0 + 31, limit: 100, among: names, excluding: [], claimant: "r", leaseUntil: t0 + 91)
        #expect(Set(later.map(\.destination)) == retried)
        #expect(later.allSatisfy { $0.idempotencyKey.hasPrefix("m0-") && $0.attempts == 2 })
    }

    @Test("The delivery queue is indexed by destination over pending messages only, and the claim uses it")
    func pendingIndex() async throws {
        let dir = TemporaryDirectory()
        let store = try SQLiteStore(path: dir.file("okrd.sqlite"))
        let plan = try await store.explainClaimPlan()
        #expect(plan.contains("outbox_pending"))
        #expect(try await store.indexNames(of: "outbox").contains("outbox_pending"))
        #expect(try await !store.indexNames(of: "outbox").contains("outbox_queue"))
    }

    @Test("Dead letters keep status and body; retry and purge work on them", arguments: StoreEngine.all)
    func deadLetters(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        let result = try await store.apply([.enqueue(OutboxMessage(idempotencyKey: "x", destination: "d", kind: "k", payload: [], createdAt: t0))])
        let id = try #require(result.enqueuedIDs.first)
        try await store.record(.dead(at: t0, status: 400, error: "invalid_payload"), forMessage: id)
        let dead = try #require(try await store.outboxMessage(id: id))
        #expect(dead.state == .dead)
        #expect(dead.lastStatus == 400)
        #expect(dead.lastError == "invalid_payload")
        #expect(try await store.outboxStats().counts[.dead] == 1)
        #expect(try await store.retryDead(now: t0 + 5) == 1)
        #expect(try await store.outboxMessage(id: id)?.state == .pending)
        try await store.record(.dead(at: t0, status: 404, error: "no_service"), forMessage: id)
        #expect(try await store.purgeDead(olderThan: t0 - 1) == 0)
        #expect(try await store.purgeDead(olderThan: nil) == 1)
        #expect(try await store.outboxMessage(id: id) == nil)
    }

    @Test("Undo withdraws what one reply recorded and nothing else", arguments: StoreEngine.all)
    func undo(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        _ = try await store.apply([checkIn("kr1", 1)])
        let reply = try await store.apply([
            .reply(Reply(deliveryID: nil, author: "maria", platform: "cli", receivedAt: t0, text: "kr1 2")),
            checkIn("kr1", 2, at: 10),
            .actionItem(ActionItem(owner: "maria", author: "maria", text: "call ACME", due: LocalDate(year: 2026, month: 12, day: 4), keyResult: "kr1", createdAt: t0)),
            .blocker(Blocker(keyResult: "kr1", author: "maria", text: "legal", at: t0)),
        ])
        func state(through: Date = .distantFuture) async throws -> ReplyState {
            try await store.replyState(ReplyStateRequest(person: "maria", at: through, deliveryID: nil, keyResults: ["kr1", "kr9"], kpis: [], readsQuestion: false))
        }
        #expect(try await state().latest == LatestValues(keyResults: ["kr1": 2]))
        #expect(try await store.actionItems(openOnly: true).first?.due == LocalDate(year: 2026, month: 12, day: 4))
        let last = try #require(try await state().lastReply)
        #expect(last.id == reply.replyID)
        _ = try await store.apply([.undoReply(id: last.id, at: t0 + 20)])
        #expect(try await state().latest.keyResults == ["kr1": 1])
        #expect(try await state(through: t0.addingTimeInterval(-1)).latest.keyResults.isEmpty)
        #expect(try await store.actionItems(openOnly: false).isEmpty)
        #expect(try await store.openBlockers().isEmpty)
        #expect(try await state().lastReply == nil)
    }

    @Test("Escalation state, absences and meta round-trip", arguments: StoreEngine.all)
    func roundTrips(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        let state = EscalationState(keyResult: "kr1", memory: EscalationPolicy.Memory(
            level: 2, since: t0, lastAlertAt: t0 + 5, lastFingerprint: "2:at_risk", cyclesAtLevel: 1, snoozedUntil: t0 + 600, ackedAt: nil, reason: "at_risk"))
        _ = try await store.apply([
            .escalation(state),
            .away(AwayRecord(person: "li", from: LocalDate(year: 2026, month: 12, day: 1), until: LocalDate(year: 2026, month: 12, day: 5), source: "chat")),
            .setMeta(key: "matrix.next_batch", value: "s72595_4483_1934"),
        ])
        #expect(try await store.escalationStates()["kr1"] == state)
        #expect(try await store.away(person: "li").first?.until == LocalDate(year: 2026, month: 12, day: 5))
        #expect(try await store.meta("matrix.next_batch") == "s72595_4483_1934")
        #expect(try await store.metaSetIfAbsent("link.secret", "first") == "first")
        #expect(try await store.metaSetIfAbsent("link.secret", "second") == "first")
        // A bad value is refused by the schema and the whole batch is rolled back.
        await #expect(throws: StoreError.self) {
            _ = try await store.apply([checkIn("kr9", 1), .checkIn(CheckIn(keyResult: "kr9", author: "x", at: t0, value: 1, confidence: 11), source: "t", line: nil)])
        }
        #expect(try await store.checkIns(keyResults: ["kr9"], through: nil).isEmpty)
    }

    @Test("An open question: one per person, replaced by a newer one, settled only as the one that was read, gone when it expires", arguments: StoreEngine.all)
    func openQuestions(engine: StoreEngine) async throws {
        let opened = try await engine.open()
        let store = opened.store
        func question(_ text: String, at offset: TimeInterval) -> OpenQuestion {
            OpenQuestion(person: "maria", keyResult: "kr1", question: text, proposals: [.value(keyResult: "kr1", value: 31, confidence: 6, isKPI: false), .done(action: 4)],
                         askedAt: t0.addingTimeInterval(offset), expiresAt: t0.addingTimeInterval(86_400))
        }
        _ = try await store.apply([.ask(question("first?", at: 0))])
        #expect(try await store.openQuestion(person: "maria", at: t0.addingTimeInterval(10)) == question("first?", at: 0))
        #expect(try await store.openQuestion(person: "maria", at: t0.addingTimeInterval(-10)) == nil)  // not yet asked then
        _ = try await store.apply([.ask(question("second?", at: 20))])
        // A reply that read the first question settles only that one: the second stays open.
        _ = try await store.apply([.settleQuestion(person: "maria", askedAt: t0)])
        #expect(try await store.openQuestion(person: "maria", at: t0.addingTimeInterval(30))?.question == "second?")
        #expect(try await store.openQuestion(person: "maria", at: t0.addingTimeInterval(86_400)) == nil)  // expired
        _ = try await store.apply([.settleQuestion(person: "maria", askedAt: nil)])
        #expect(try await store.openQuestion(person: "maria", at: t0.addingTimeInterval(30)) == nil)
        #expect(try await store.openQuestion(person: "li", at: t0.addingTimeInterval(30)) == nil)
    }
}

@Suite("Leases across replicas (PostgreSQL)", .enabled(if: PostgresServer.isAvailable))
struct ReplicaLeaseTests {
    @Test("A replica whose lease was released as a dead process's cannot clear the lease another replica took since")
    func staleOutcomeKeepsNewLease() async throws {
        let opened = try await StoreEngine.postgres.open()
        let store = opened.store
        let t0 = Date(timeIntervalSince1970: 1_792_000_000)
        _ = try await store.apply([.enqueue(OutboxMessage(idempotencyKey: "m", destination: "d", kind: "prompt", payload: [1], createdAt: t0))])
        let a = try await store.recordAndClaim([], now: t0, limit: 1, among: ["d"], excluding: [], claimant: "replica-a", leaseUntil: t0 + 600)
        let id = try #require(a.first?.id)
        // The leader took replica A for dead and released its lease; replica B leased the message.
        #expect(try await store.releaseLeases(heldBy: "replica-a") == 1)
        let b = try await store.recordAndClaim([], now: t0 + 1, limit: 1, among: ["d"], excluding: [], claimant: "replica-b", leaseUntil: t0 + 600)
        #expect(b.map(\.id) == [id])
        // A, still alive after all, records a retry for its old attempt: B's lease stays.
        _ = try await store.recordAndClaim([(id, .retry(notBefore: t0 + 5, status: 500, error: "boom"))], now: t0 + 2, limit: 0, among: nil, excluding: [],
                                           claimant: "replica-a", leaseUntil: t0 + 600)
        #expect(try await store.outboxMessage(id: id)?.claimedBy == "replica-b")
        try await store.close()
    }

    @Test("Replicas pace a destination together: after one claims a message, no replica claims the next before its interval")
    func sharedPacing() async throws {
        let opened = try await StoreEngine.postgres.open()
        let a = opened.store
        // A second replica: its own store (pool, coordination) on the same database.
        let b = try await opened.reopen()
        let t0 = Date(timeIntervalSince1970: 1_792_000_000)
        for (i, destination) in ["slow", "slow", "slow", "fast", "fast"].enumerated() {
            _ = try await a.apply([.enqueue(OutboxMessage(idempotencyKey: "m\(i)", destination: destination, kind: "prompt", payload: [1], createdAt: t0))])
        }
        // One message every 2 s to "slow" (a Slack-like webhook), no limit for "fast".
        a.coordination?.pace(["slow": 2, "fast": 0])
        b.coordination?.pace(["slow": 2, "fast": 0])
        let first = try await a.recordAndClaim([], now: t0, limit: 10, among: nil, excluding: [], claimant: "replica-a", leaseUntil: t0 + 600)
        #expect(first.map(\.destination).sorted() == ["fast", "slow"])
        // Replica A records both as sent; replica B, a second later, may take the next "fast" one
        // but not the next "slow" one: A's claim set when "slow" may be sent again.
        let sent = first.map { ($0.id, DeliveryOutcome.sent(at: t0 + 0.5, status: 200, response: nil)) }
        _ = try await a.recordAndClaim(sent, now: t0 + 0.5, limit: 0, among: nil, excluding: [], claimant: "replica-a", leaseUntil: t0 + 600)
        let early = try await b.recordAndClaim([], now: t0 + 1, limit: 10, among: nil, excluding: [], claimant: "replica-b", leaseUntil: t0 + 600)
        #expect(early.map(\.destination) == ["fast"])
        #expect(try await b.nextDue(excluding: ["fast"]) == t0 + 2)
        let onTime = try await b.recordAndClaim([], now: t0 + 2, limit: 10, among: ["slow", "fast"], excluding: [], claimant: "replica-b", leaseUntil: t0 + 600)
        #expect(onTime.map(\.destination) == ["slow"])
        // And B's claim paces A in turn.
        _ = try await b.recordAndClaim(onTime.map { ($0.id, DeliveryOutcome.sent(at: t0 + 2.1, status: 200, response: nil)) }, now: t0 + 2.1, limit: 0, among: nil,
                                       excluding: [], claimant: "replica-b", leaseUntil: t0 + 600)
        #expect(try await a.recordAndClaim([], now: t0 + 3, limit: 10, among: nil, excluding: [], claimant: "replica-a", leaseUntil: t0 + 600).isEmpty)
        #expect(try await a.recordAndClaim([], now: t0 + 4, limit: 10, among: nil, excluding: [], claimant: "replica-a", leaseUntil: t0 + 600).map(\.destination) == ["slow"])
        try await b.close()
        try await a.close()
    }
}

@Suite("PostgreSQL connections and schema", .enabled(if: PostgresServer.isAvailable))
struct PostgresConnectionTests {
    @Test("A database written by a newer okrd is refused with a clear error, and left as it is")
    func newerSchemaRefused() async throws {
        let server = try await PostgresServer.start()
        let url = try server.createDatabase("newer")
        let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        let store = try await PostgresStore(url: url)
        _ = try await store.apply([.enqueue(OutboxMessage(idempotencyKey: "kept", destination: "d", kind: "prompt", payload: [1], createdAt: Date()))])
        try await store.close()
        try server.psql("INSERT INTO okrd_migrations (identifier, applied_at) VALUES ('2099-01-01-from-the-future', 0)", database: database)
        do {
            _ = try await PostgresStore(url: url)
            Issue.record("a newer schema was opened")
        } catch let error as StoreError {
            #expect(error.kind == .newerSchema)
            #expect(error.message.contains("newer version of okrd"), "\(error.message)")
            #expect(error.message.contains("2099-01-01-from-the-future"))
            #expect(!error.message.contains(PostgresServer.password))
        }
        #expect(try server.psql("SELECT count(*) FROM outbox", database: database).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test("sslmode=require talks TLS to the server; verify-full refuses a certificate it cannot verify, naming the database, never the password")
    func tls() async throws {
        let server = try await PostgresServer.start()
        try #require(server.tls, "the test server has no certificate (openssl missing)")
        let url = try server.createDatabase("tls")
        let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        let secured = url.replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
        let store = try await PostgresStore(url: secured)
        _ = try await store.apply([.enqueue(OutboxMessage(idempotencyKey: "over-tls", destination: "d", kind: "prompt", payload: [1], createdAt: Date()))])
        // The server's own view: every connection okrd has open to this database is encrypted.
        let encrypted = try server.psql("SELECT count(*) FILTER (WHERE s.ssl), count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.datname = '\(database)'")
        let counts = encrypted.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
        #expect(counts.count == 2 && counts[0] == counts[1] && counts[0] != "0", "\(encrypted)")
        try await store.close()

        let strict = url.replacingOccurrences(of: "sslmode=disable", with: "sslmode=verify-full")
        do {
            _ = try await PostgresStore(url: strict, connectTimeout: .seconds(3))
            Issue.record("a self-signed certificate was accepted with verify-full")
        } catch let error as StoreError {
            #expect(error.message.contains("127.0.0.1:\(server.port)/\(database)"), "\(error.message)")
            #expect(!error.message.contains(PostgresServer.password))
        }
    }
}
