import ChatPlatforms
import CurlHTTP
import Foundation
import OKRModel
import OKRStore
import OKRTestSupport
import OKRWorkflows
import Synchronization
import Testing

@Suite("Replicas on one PostgreSQL server", .serialized, .enabled(if: PostgresServer.isAvailable))
struct ReplicaTests {
    @Test("Three replicas, the leader killed with -9 mid fan-out while schedules are due: nothing lost, duplicates within its in-flight, every occurrence fired once, a new leader within 15 s")
    func killTheLeader() async throws {
        let server = try await PostgresServer.start()
        let url = try server.createDatabase("replicas")
        let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        let dir = NSTemporaryDirectory() + "okrd-replicas-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let receipts = Receipts()
        let receiver = try await TestHTTPServer.start { request in
            if let id = request.header("webhook-id") { receipts.record(id) }
            return .respond(status: 204)
        }
        // Prompts due in a minute or two and reminders a minute later, fired by whoever leads then
        // (a fresh database fires nothing from before its first start).
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        func cron(_ offset: TimeInterval) -> String {
            let parts = utc.dateComponents([.hour, .minute], from: Date().addingTimeInterval(offset))
            return "\(parts.minute!) \(parts.hour!) * * *"
        }
        let destinations = 10
        let everyDay = "[mon, tue, wed, thu, fri, sat, sun]"
        let inFlight = 8
        let teams = (0..<destinations).map { n in
            "  - {id: t\(n), members: [p\(n)a, p\(n)b], lead: p\(n)a, destination: d\(n), schedule: {prompt: \"\(cron(90))\", reminder: \"\(cron(150))\", digest: \"off\"}}"
        }.joined(separator: "\n")
        let config = """
            timezone: UTC
            period: 2026-Q4
            people: [\((0..<destinations).map { "{id: p\($0)a, workdays: \(everyDay)}, {id: p\($0)b, workdays: \(everyDay)}" }.joined(separator: ", "))]
            destinations:
            \((0..<destinations).map { "  - {name: d\($0), platform: webhook, url: \"${OKRD_TEST_RECEIVER}\", rate_limit: \"0\"}" }.joined(separator: "\n"))
            teams:
            \(teams)
            objectives:
            \((0..<destinations).map { "  - {key: o\($0), title: O, team: t\($0), top_level: true, key_results: [{key: k\($0), title: K, owner: p\($0)a, baseline: 0, target: 5}]}" }.joined(separator: "\n"))
            delivery: {in_flight: \(inFlight), timeout: 5s}
            scheduler: {catch_up_grace: 2h, escalation_check: "off"}
            storage: {postgres: "${OKRD_TEST_PG}"}
            """
        let configPath = dir + "/okrd.yaml"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)

        // Given 2,000 messages queued for ten destinations
        let total = 2_000
        do {
            let store = try await PostgresStore(url: url)
            // The database began before the schedules fall due, as a running deployment's has: when
            // the replicas are slow to start (a loaded machine), the prompt is caught up, not taken
            // for one due before the database's first start (which a fresh install never sends).
            _ = try await store.metaSetIfAbsent("scheduler_started_at", String(Date().timeIntervalSince1970))
            let targets = (0..<destinations).map { Destination(name: "d\($0)", platform: .webhook, url: Secret(receiver.baseURL, source: "test"), ratePerSecond: 0) }
            let writer = OutboxWriter(destinations: targets, directory: Directory(people: []))
            var changes: [StoreChange] = []
            for n in 0..<total {
                let message = ChatMessage(kind: .test, title: "Message \(n)", intro: [.text(String(repeating: "x", count: 200))])
                changes += try writer.enqueue(message, to: "d\(n % destinations)", key: String(format: "fanout-%05d", n), at: Date())
            }
            _ = try await store.apply(changes)
            try await store.close()
        }

        // When three replicas run and the leader is killed with SIGKILL in the middle of the fan-out
        let environment = ["OKRD_TEST_RECEIVER": receiver.baseURL + "/hook", "OKRD_TEST_PG": url]
        var replicas: [RunningOKRD] = []
        for _ in 0..<3 {
            let replica = try RunningOKRD(["run", "--config", configPath, "--listen", "off"], environment: environment)
            #expect(await replica.waitForLog("okrd is running"), "\(replica.log)")
            replicas.append(replica)
        }
        func leaders() -> [Int] { replicas.indices.filter { replicas[$0].process.isRunning && replicas[$0].log.contains("this replica leads") } }
        let first = try await waitFor(seconds: 30) { leaders().first }
        let firstLeader = try #require(first, "no replica took the lead: \(replicas.map(\.log))")
        #expect(leaders().count == 1, "more than one leader: \(leaders())")
        _ = await receipts.wait(for: 400)
        replicas[firstLeader].signal(SIGKILL)
        _ = await replicas[firstLeader].waitForExit()
        let killedAt = ContinuousClock.now

        // Then another replica leads within 15 s
        let next = try await waitFor(seconds: 30) { leaders().first { $0 != firstLeader } }
        let takeover = ContinuousClock.now - killedAt
        #expect(next != nil, "no new leader: \(replicas.map(\.log))")
        #expect(takeover < .seconds(15), "new leader after \(takeover)")

        // And every occurrence fires once: prompts (due before the start) and reminders (due later)
        let firings = try await waitFor(seconds: 240) { () -> Int? in
            let count = Int((try? server.psql("SELECT count(*) FROM schedule_firings WHERE outcome = 'fired'", database: database))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
            return count >= 2 * destinations ? count : nil
        }
        #expect(firings == 2 * destinations, "firings: \(String(describing: firings)); \((try? server.psql("SELECT team || ' ' || kind || ' ' || occurrence || ' ' || outcome FROM schedule_firings ORDER BY 1", database: database)) ?? ""); logs: \(replicas.map { $0.log.split(separator: "\n").filter { $0.contains("fired") || $0.contains("leads") || $0.contains("skipped") || $0.contains("error") }.suffix(30).joined(separator: "\n") })")
        let queued = Int(try server.psql("SELECT count(*) FROM outbox", database: database).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(queued > total, "queued \(queued): the schedules queued nothing")

        // And every queued message arrives; the only duplicates are the killed replica's sends in flight
        // (Also what the escalation check queued after the count: nothing is left unsent.)
        let delivered = try await waitFor(seconds: 120) { () -> Bool? in
            guard Set(receipts.ids).count >= queued else { return nil }
            let unsent = Int((try? server.psql("SELECT count(*) FROM outbox WHERE state <> 'sent'", database: database))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 1
            return unsent == 0 ? true : nil
        }
        #expect(delivered == true, "\(Set(receipts.ids).count) of \(queued) arrived; waiting: \((try? server.psql("SELECT kind, not_before, claimed_until, attempts FROM outbox WHERE state <> 'sent' LIMIT 5", database: database)) ?? "")")
        for (index, replica) in replicas.enumerated() where index != firstLeader {
            replica.signal(SIGTERM)
            #expect(await replica.waitForExit() == 0, "\(replica.log)")
        }
        let ids = receipts.ids
        let duplicates = ids.count - Set(ids).count
        print("replicas: \(queued) messages, leader killed, new leader after \(takeover), \(duplicates) duplicates (bound \(inFlight))")
        #expect(duplicates <= inFlight, "\(duplicates) duplicates")
        // (The escalation check may queue a few more after the count above: every row, counted now,
        // is sent.)
        let states = try server.psql("SELECT state || ':' || count(*) FROM outbox GROUP BY state", database: database)
        let rows = Int(try server.psql("SELECT count(*) FROM outbox", database: database).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(rows >= queued)
        #expect(states.trimmingCharacters(in: .whitespacesAndNewlines) == "sent:\(rows)")
        await receiver.shutdown()
    }

    @Test("okrd migrate copies an SQLite store into an empty PostgreSQL database, ids and bodies included, and refuses a second time")
    func migrate() async throws {
        let server = try await PostgresServer.start()
        let url = try server.createDatabase("migrate")
        let dir = NSTemporaryDirectory() + "okrd-migrate-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dbPath = dir + "/okrd.sqlite"
        let t0 = Date(timeIntervalSince1970: 1_792_000_000)
        // Given an SQLite store with a bit of everything
        let sqlite = try SQLiteStore(path: dbPath)
        let reply = Reply(deliveryID: "Ev1", author: "maria", platform: "slack", receivedAt: t0, text: "k 3 conf 7, blocker: legal")
        _ = try await sqlite.apply([
            .reply(reply),
            .checkIn(CheckIn(keyResult: "k", author: "maria", at: t0, value: 3, confidence: 7, comment: "ünïcode ✓"), source: "slack", line: 1),
            .kpiCheckIn(KPICheckIn(kpi: "deal-size", author: "maria", at: t0, value: 43_500), source: "slack", line: 2),
            .blocker(Blocker(keyResult: "k", author: "maria", text: "legal", at: t0)),
            .actionItem(ActionItem(owner: "li", author: "maria", text: "call ACME", due: LocalDate(iso: "2026-12-04"), keyResult: "k", createdAt: t0)),
            .away(AwayRecord(person: "li", from: LocalDate(iso: "2026-12-07")!, until: LocalDate(iso: "2026-12-11")!, source: "chat")),
            .escalation(EscalationState(keyResult: "k", memory: EscalationPolicy.Memory(level: 2, since: t0, lastFingerprint: "f", reason: "in trouble"), ackedBy: nil)),
            .claimFiring(Firing(team: "t", kind: "prompt", occurrence: "2026-11-23T09:30", dueAt: t0, firedAt: t0)),
            .enqueue(OutboxMessage(idempotencyKey: "m1", destination: "d", kind: "prompt", payload: [0, 1, 2, 255], createdAt: t0,
                                   rendered: OutboxMessage.Rendering(platform: "slack", contentType: "application/json", body: Array("{}".utf8)))),
            .setMeta(key: "secret.links", value: "abc"),
        ])
        try await sqlite.setDestinationState(DestinationState(name: "d", pausedUntil: t0 + 60))
        let before = (checkIns: try await sqlite.checkIns(keyResults: nil, through: nil), outbox: try await sqlite.outbox(OutboxFilter()),
                      items: try await sqlite.actionItems(openOnly: false), blockers: try await sqlite.openBlockers(),
                      escalations: try await sqlite.escalationStates(), away: try await sqlite.away(person: nil))
        try await sqlite.close()

        // When okrd migrate copies it, the URL coming from the environment
        let run = try await OKRD.runDetached(["migrate", "--db", dbPath, "--to", "${OKRD_TEST_PG}"], environment: ["OKRD_TEST_PG": url])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("checkins"))
        #expect(!run.stdout.contains(PostgresServer.password) && !run.stderr.contains(PostgresServer.password))

        // Then PostgreSQL holds the same rows, ids included, and new rows continue after them
        let postgres = try await PostgresStore(url: url)
        #expect(try await postgres.checkIns(keyResults: nil, through: nil) == before.checkIns)
        #expect(try await postgres.outbox(OutboxFilter()) == before.outbox)
        #expect(try await postgres.actionItems(openOnly: false) == before.items)
        #expect(try await postgres.openBlockers() == before.blockers)
        #expect(try await postgres.escalationStates() == before.escalations)
        #expect(try await postgres.away(person: nil) == before.away)
        #expect(try await postgres.reply(deliveryID: "Ev1")?.text == reply.text)
        #expect(try await postgres.meta("secret.links") == "abc")
        #expect(try await postgres.destinationStates()["d"]?.pausedUntil == t0 + 60)
        #expect(try await postgres.firing(team: "t", kind: "prompt", occurrence: "2026-11-23T09:30") != nil)
        let next = try await postgres.apply([.reply(Reply(deliveryID: "Ev2", author: "maria", platform: "slack", receivedAt: t0, text: "k 4"))])
        #expect(next.replyID == 2)
        try await postgres.close()

        // And a second copy into the same database is refused, leaving it as it was
        let again = try await OKRD.runDetached(["migrate", "--db", dbPath, "--to", "${OKRD_TEST_PG}"], environment: ["OKRD_TEST_PG": url])
        #expect(again.status == 69)
        #expect(again.stderr.contains("not empty"), "\(again.stderr)")
    }

    @Test("/healthz answers 503 with the reason while PostgreSQL cannot be reached and 200 again once it can; the daemon keeps running and stops cleanly")
    func healthFollowsTheDatabase() async throws {
        let server = try await PostgresServer.start()
        let url = try server.createDatabase("health")
        let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        let dir = NSTemporaryDirectory() + "okrd-health-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let configPath = dir + "/okrd.yaml"
        try RunCommandTests.config(url: "http://127.0.0.1:9/unused", extra: "storage: {postgres: \"${OKRD_TEST_PG}\"}")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        let okrd = try RunningOKRD(["run", "--config", configPath, "--listen", "127.0.0.1:0"], environment: ["OKRD_TEST_PG": url])
        #expect(await okrd.waitForLog("okrd is running"), "\(okrd.log)")
        let listen = try #require(okrd.log.split(separator: " ").first { $0.hasPrefix("listen=") }).dropFirst("listen=".count)
        let client = CurlClient()
        func health() async -> (Int, String)? {
            guard let response = try? await client.send(HTTPRequest(url: "http://\(listen)/healthz")) else { return nil }
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
        // Healthy once it has its connections (a loaded machine may need a moment).
        var healthy = false
        for _ in 0..<300 where !healthy {
            if await health()?.0 == 200 { healthy = true } else { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(healthy, "\(okrd.log)")

        // The database stops taking connections, and okrd's are cut.
        try server.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
        try server.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)'")
        var down: (Int, String)?
        for _ in 0..<300 where down == nil {
            if let answer = await health(), answer.0 == 503 { down = answer } else { try await Task.sleep(for: .milliseconds(100)) }
        }
        let outage = try #require(down, "\(okrd.log)")
        #expect(outage.1.contains(#""store":"unreachable""#), "\(outage.1)")
        #expect(!outage.1.contains(PostgresServer.password))
        #expect(okrd.process.isRunning)

        // It comes back: so does okrd, without a restart.
        try server.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
        var up = false
        for _ in 0..<300 where !up {
            if await health()?.0 == 200 { up = true } else { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(up, "\(okrd.log)")
        okrd.signal(SIGTERM)
        #expect(await okrd.waitForExit() == 0)
        #expect(!okrd.log.contains(PostgresServer.password))
    }

    /// Polls `check` every 100 ms until it returns a value or `seconds` pass.
    private func waitFor<T>(seconds: Double, _ check: () throws -> T?) async throws -> T? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if let value = try check() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try check()
    }
}
