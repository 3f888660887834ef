import ChatPlatforms
import CurlHTTP
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import Synchronization
import Testing
import OKRWorkflows

/// A count shared by concurrent tasks.
final class Tally: Sendable {
    private let count = Mutex(0)

    func increment() -> Int { count.withLock { $0 += 1; return $0 } }
}

/// Counts what a receiver saw and lets a test wait for a number of arrivals.
final class Receipts: Sendable {
    private struct State {
        var ids: [String] = []
        var waiters: [Waiter] = []
    }

    private struct Waiter {
        let count: Int
        let gone: @Sendable () -> Bool
        let continuation: CheckedContinuation<Bool, Never>
    }

    private let state = Mutex(State())

    func record(_ id: String) {
        let ready = state.withLock { s -> [CheckedContinuation<Bool, Never>] in
            s.ids.append(id)
            let count = s.ids.count
            let due = s.waiters.filter { $0.count <= count }.map(\.continuation)
            s.waiters.removeAll { $0.count <= count }
            return due
        }
        for waiter in ready { waiter.resume(returning: true) }
    }

    var ids: [String] { state.withLock { $0.ids } }

    /// Returns true once at least `count` requests arrived, or false when `gone()` (checked now
    /// and at every `recheck()`) says they never will, e.g. the process sending them has exited.
    func wait(for count: Int, unless gone: @escaping @Sendable () -> Bool = { false }) async -> Bool {
        await withCheckedContinuation { continuation in
            let now = state.withLock { s -> Bool? in
                if s.ids.count >= count { return true }
                if gone() { return false }
                s.waiters.append(Waiter(count: count, gone: gone, continuation: continuation))
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// Wakes the waiters whose `gone()` now holds (call it after what `gone()` reads changed).
    func recheck() {
        let stranded = state.withLock { s -> [CheckedContinuation<Bool, Never>] in
            let due = s.waiters.filter { $0.gone() }.map(\.continuation)
            s.waiters.removeAll { $0.gone() }
            return due
        }
        for waiter in stranded { waiter.resume(returning: false) }
    }
}

@Suite("Crash safety of the outbox", .serialized)
struct CrashTests {
    @Test("kill -9 while Slack events are being recorded: no reply is stored without its confirmation, and Slack's retries store none twice")
    func killNineWhileReplying() async throws {
        let dir = NSTemporaryDirectory() + "okrd-crash-replies-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let receiver = try await TestHTTPServer.start { _ in .respond(status: 204) }
        let secret = "8f742231b10e8888abcd99yyyzzz85a5"
        let config = """
            timezone: Europe/Berlin
            period: 2026-Q4
            people: [{id: maria, name: Maria Keller, handles: {slack: U02MARIA}}]
            destinations:
              - {name: receiver, platform: webhook, url: "${OKRD_TEST_RECEIVER}", rate_limit: "0"}
            teams: [{id: t, name: Team, members: [maria], lead: maria, destination: receiver}]
            objectives:
              - {key: o, title: O, team: t, top_level: true, key_results: [{key: k, title: K, owner: maria, baseline: 0, target: 5}]}
            server: {listen: "127.0.0.1:0"}
            inbound: {slack: {signing_secret: "\(secret)"}}
            """
        let configPath = dir + "/okrd.yaml"
        let dbPath = dir + "/okrd.sqlite"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let environment = ["OKRD_TEST_RECEIVER": receiver.baseURL + "/hook"]
        let total = 300
        let event: @Sendable (Int) -> HTTPRequest = { n in
            let body = Array(#"{"type":"event_callback","event_id":"Ev\#(n)","event":{"type":"message","user":"U02MARIA","text":"k \#(1 + n % 4) - note \#(n)","channel":"C1","ts":"\#(n).1"}}"#.utf8)
            let ts = Int(Date().timeIntervalSince1970)
            var request = HTTPRequest(method: .post, url: "")
            request.headers.add("Content-Type", "application/json")
            request.headers.add("X-Slack-Request-Timestamp", "\(ts)")
            request.headers.add("X-Slack-Signature", InboundVerifier.slackSignature(secret: secret, timestamp: ts, body: body))
            request.body = body
            return request
        }
        func start() async throws -> (RunningOKRD, String) {
            let okrd = try RunningOKRD(["run", "--config", configPath, "--db", dbPath], environment: environment)
            #expect(await okrd.waitForLog("okrd is running"), "\(okrd.log)")
            let port = try #require(okrd.log.firstMatch(of: /listen=127\.0\.0\.1:(\d+)/)?.1)
            return (okrd, "http://127.0.0.1:\(port)/slack/events")
        }
        let client = CurlClient()

        // Sixteen senders at once; the daemon is killed once a third of the events were answered.
        let (first, url) = try await start()
        let answered = Tally()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    for n in stride(from: worker, to: total, by: 16) {
                        var request = event(n)
                        request.url = url
                        guard (try? await client.send(request))?.status == 200 else { return }
                        if answered.increment() == total / 3 { first.signal(SIGKILL) }
                    }
                }
            }
        }
        _ = await first.waitForExit()

        // Every reply that was stored has its confirmation queued: they were one transaction.
        func check(_ label: String) async throws -> (replies: [String], confirmations: [String]) {
            let store = try SQLiteStore(path: dbPath)
            defer { Task { try? await store.close() } }
            var replies: [String] = []
            for n in 0..<total {
                if try await store.reply(deliveryID: "slack-event:Ev\(n)") != nil { replies.append("Ev\(n)") }
            }
            let confirmations = try await store.outbox(OutboxFilter(limit: 10_000)).filter { $0.kind == "confirmation" }
                .map { String($0.idempotencyKey.dropFirst("confirm:slack-event:".count)) }
            #expect(Set(replies).isSubset(of: Set(confirmations)), "\(label): replies without a confirmation: \(Set(replies).subtracting(confirmations).sorted())")
            #expect(Set(confirmations).count == confirmations.count, "\(label): a confirmation queued twice")
            return (replies, confirmations)
        }
        let afterCrash = try await check("after the kill")
        #expect(afterCrash.replies.count < total, "the kill came after every reply was stored")

        // Slack retries every event: each is recorded and confirmed once, whatever happened before.
        let (second, url2) = try await start()
        for n in 0..<total {
            var request = event(n)
            request.url = url2
            #expect(try await client.send(request).status == 200)
        }
        second.signal(SIGTERM)
        #expect(await second.waitForExit() == 0, "\(second.log)")
        let afterRetries = try await check("after the retries")
        #expect(afterRetries.confirmations.count == total)
        await client.shutdown()
        await receiver.shutdown()
    }

    @Test("kill -9 mid-delivery, ten times: every message arrives, duplicates stay within the in-flight limit",
          arguments: PostgresServer.isAvailable ? ["sqlite", "postgres"] : ["sqlite"])
    func killNine(engine: String) async throws {
        let dir = NSTemporaryDirectory() + "okrd-crash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let receipts = Receipts()
        let receiver = try await TestHTTPServer.start { request in
            if let id = request.header("webhook-id") { receipts.record(id) }
            return .respond(status: 204)
        }
        let inFlight = 8
        let config = """
            timezone: Europe/Berlin
            period: 2026-Q4
            people: [{id: maria}]
            destinations:
              - name: receiver
                platform: webhook
                url: ${OKRD_TEST_RECEIVER}
                rate_limit: "0"
            teams: [{id: t, members: [maria], lead: maria, destination: receiver}]
            objectives:
              - {key: o, title: O, team: t, top_level: true, key_results: [{key: k, title: K, owner: maria, baseline: 0, target: 5}]}
            delivery: {in_flight: \(inFlight), timeout: 5s}

            """
        let configPath = dir + "/okrd.yaml"
        let dbPath = dir + "/okrd.sqlite"
        // On PostgreSQL the store is the configuration's; on SQLite the file named by --db.
        var postgresURL: String?
        if engine == "postgres" { postgresURL = try await PostgresServer.start().createDatabase("crash") }
        try (config + (postgresURL == nil ? "" : "storage: {postgres: \"${OKRD_TEST_PG}\"}\n")).write(toFile: configPath, atomically: true, encoding: .utf8)
        func openStore() async throws -> any Store {
            if let postgresURL { return try await PostgresStore(url: postgresURL) }
            return try SQLiteStore(path: dbPath)
        }
        let database = postgresURL == nil ? ["--db", dbPath] : []

        // Given 2,000 messages in the outbox
        let total = 2_000
        do {
            let store = try await openStore()
            let destination = Destination(name: "receiver", platform: .webhook, url: Secret(receiver.baseURL, source: "test"), ratePerSecond: 0)
            let writer = OutboxWriter(destinations: [destination], directory: Directory(people: []))
            var changes: [StoreChange] = []
            for n in 0..<total {
                let message = ChatMessage(kind: .test, title: "Message \(n)", intro: [.text(String(repeating: "x", count: 200))])
                changes += try writer.enqueue(message, to: "receiver", key: String(format: "crash-%05d", n), at: Date())
            }
            _ = try await store.apply(changes)
            try await store.close()
        }

        var environment = ["OKRD_TEST_RECEIVER": receiver.baseURL + "/hook", "NO_COLOR": "1"]
        if let postgresURL { environment["OKRD_TEST_PG"] = postgresURL }
        var kills = 0
        // When a deliverer is killed with SIGKILL ten times in the middle of its work
        for round in 1...10 {
            let process = Process()
            process.executableURL = OKRD.binary
            process.arguments = ["outbox", "flush", "--config", configPath, "--max-wait", "0s"] + database
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            // A deliverer that stops early (an error, everything it had was done) ends the wait
            // instead of leaving the test waiting for arrivals that never come.
            let exited = Mutex(false)
            process.terminationHandler = { _ in
                exited.withLock { $0 = true }
                receipts.recheck()
            }
            try process.run()
            let arrived = await receipts.wait(for: min(total - 50, round * 150)) { exited.withLock { $0 } }
            try #require(arrived, "round \(round): okrd outbox flush exited (status \(process.terminationStatus)) after \(receipts.ids.count) arrivals")
            let pid = process.processIdentifier
            kill(pid, SIGKILL)
            _ = try await onOwnThread { process.waitUntilExit() }
            // On a loaded machine the deliverer may finish everything between the arrivals counted
            // and the signal: then there is nothing left to kill mid-delivery, and it must have
            // finished cleanly.
            if process.terminationReason == .exit {
                #expect(process.terminationStatus == 0, "round \(round): exited with \(process.terminationStatus) before the kill")
                break
            }
            // Then the killed process is really gone before the next one starts
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(process.terminationStatus == SIGKILL)
            #expect(kill(pid, 0) == -1 && errno == ESRCH)
            kills += 1
        }
        // And a last, unhurried run finishes the job
        let final = try await OKRD.runDetached(["outbox", "flush", "--config", OKRD.path(configPath)] + database, environment: environment)
        #expect(final.status == 0, "\(final.stderr)")

        let ids = receipts.ids
        let unique = Set(ids)
        #expect(unique.count == total, "missing \(total - unique.count) messages")
        let duplicates = ids.count - unique.count
        print("crash test (\(engine)): \(total) messages, \(kills) kills, \(duplicates) duplicates (bound \(inFlight * kills))")
        #expect(duplicates <= inFlight * kills, "\(duplicates) duplicates after \(kills) kills")
        let store = try await openStore()
        #expect(try await store.outboxStats().counts[.sent] == total)
        try await store.close()
        await receiver.shutdown()
    }
}
