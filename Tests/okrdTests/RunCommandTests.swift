import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import Synchronization
import Testing
import OKRWorkflows

/// A running `okrd run` process whose standard error the test can wait on, line by line.
final class RunningOKRD: Sendable {
    let process: Process
    private let output = Output()

    private final class Output: Sendable {
        struct State {
            var text = ""
            var waiters: [(String, CheckedContinuation<Bool, Never>)] = []
            var closed = false
        }

        let state = Mutex(State())

        func withLock<T: Sendable>(_ body: (inout sending State) -> sending T) -> T { state.withLock(body) }
    }

    /// `onExit` runs (on a thread of Foundation's) once the process has exited.
    init(_ arguments: [String], environment: [String: String] = [:], onExit: @escaping @Sendable () -> Void = {}) throws {
        process = Process()
        process.terminationHandler = { _ in onExit() }
        process.executableURL = OKRD.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["NO_COLOR": "1"]) { $1 }) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            let ready = output.withLock { state -> [(CheckedContinuation<Bool, Never>, Bool)] in
                if data.isEmpty { state.closed = true } else { state.text += String(decoding: data, as: UTF8.self) }
                var ready: [(CheckedContinuation<Bool, Never>, Bool)] = []
                state.waiters.removeAll { needle, continuation in
                    if state.text.contains(needle) { ready.append((continuation, true)); return true }
                    if state.closed { ready.append((continuation, false)); return true }
                    return false
                }
                return ready
            }
            if data.isEmpty { handle.readabilityHandler = nil }
            for (continuation, found) in ready { continuation.resume(returning: found) }
        }
        try process.run()
    }

    var log: String { output.withLock { $0.text } }

    /// Waits until standard error contains `needle` (true), or the process closed it first (false).
    func waitForLog(_ needle: String) async -> Bool {
        await withCheckedContinuation { continuation in
            let now = output.withLock { state -> Bool? in
                if state.text.contains(needle) { return true }
                if state.closed { return false }
                state.waiters.append((needle, continuation))
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to exit on a thread of its own (the test's servers keep running).
    func waitForExit() async -> Int32 {
        let process = self.process
        return (try? await onOwnThread {
            process.waitUntilExit()
            return process.terminationStatus
        }) ?? -1
    }
}

/// Opens after the test says so.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { s -> Bool in
                if s.open { return true }
                s.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.open = true
            defer { s.waiters.removeAll() }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

@Suite("okrd run as a process", .serialized)
struct RunCommandTests {
    static func config(url: String = "${OKRD_TEST_RECEIVER}", extra: String = "") -> String {
        """
        timezone: Europe/Berlin
        period: 2026-Q4
        people: [{id: maria, name: Maria Keller}]
        destinations:
          - {name: receiver, platform: webhook, url: "\(url)", rate_limit: "0"}
          - {name: terminal, platform: console}
        teams: [{id: t, name: Team, members: [maria], lead: maria, destination: receiver}]
        objectives:
          - {key: o, title: O, team: t, top_level: true, key_results: [{key: k, title: K, owner: maria, baseline: 0, target: 5}]}
        \(extra)
        """
    }

    /// A receiver that answers 204 at once, except to messages containing `marker`: those are
    /// recorded in `arrived` and answered only when `gate` opens.
    static func holdingReceiver(_ marker: String, gate: Gate, arrived: Receipts) async throws -> TestHTTPServer {
        try await TestHTTPServer.start { request in
            guard String(decoding: request.body, as: UTF8.self).contains(marker) else { return .respond(status: 204) }
            arrived.record(request.header("webhook-id") ?? "?")
            await gate.wait()
            return .respond(status: 204)
        }
    }

    /// Queues a test message titled `title` for the receiver, as another process would.
    static func queue(_ title: String, key: String, to receiver: TestHTTPServer, database: String) async throws {
        let store = try SQLiteStore(path: database)
        let destination = Destination(name: "receiver", platform: .webhook, url: Secret(receiver.baseURL + "/hook", source: "test"), ratePerSecond: 0)
        let writer = OutboxWriter(destinations: [destination], directory: Directory(people: []))
        _ = try await store.apply(try writer.enqueue(ChatMessage(kind: .test, title: title), to: "receiver", key: key, at: Date()))
        try await store.close()
    }

    @Test("SIGHUP reloads a good configuration and keeps the running one when the new file is broken; SIGTERM drains the send in flight and exits 0")
    func reloadAndDrain() async throws {
        let dir = NSTemporaryDirectory() + "okrd-run-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gate = Gate()
        let arrived = Receipts()
        // Only the test's message is held: the team's weekly prompt may be due when the test runs
        // (Monday mornings in Berlin) and goes straight through.
        let receiver = try await Self.holdingReceiver("Drain me", gate: gate, arrived: arrived)
        let configPath = dir + "/okrd.yaml"
        let dbPath = dir + "/okrd.sqlite"
        try Self.config().write(toFile: configPath, atomically: true, encoding: .utf8)
        let environment = ["OKRD_TEST_RECEIVER": receiver.baseURL + "/hook"]

        let exited = Mutex(false)
        let okrd = try RunningOKRD(["run", "--config", configPath, "--db", dbPath, "--listen", "127.0.0.1:0"], environment: environment) {
            exited.withLock { $0 = true }
            arrived.recheck()
        }
        #expect(await okrd.waitForLog("okrd is running"), "\(okrd.log)")

        // A broken file is rejected; the daemon keeps running with what it had.
        try "teams: [{id: t, lead: nobody}]\n".write(toFile: configPath, atomically: true, encoding: .utf8)
        okrd.signal(SIGHUP)
        #expect(await okrd.waitForLog("configuration reload rejected"), "\(okrd.log)")
        #expect(okrd.process.isRunning)
        // So is a file nested 5,000 deep (it used to overflow the YAML library's stack).
        try ("teams: " + String(repeating: "[", count: 5_000) + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
        okrd.signal(SIGHUP)
        #expect(await okrd.waitForLog("nesting deeper than 64 levels"), "\(okrd.log)")
        #expect(okrd.process.isRunning)
        // A good one is taken.
        try Self.config(extra: "escalation: {repeat_interval: 3d}").write(toFile: configPath, atomically: true, encoding: .utf8)
        okrd.signal(SIGHUP)
        #expect(await okrd.waitForLog("configuration reloaded"), "\(okrd.log)")
        // --listen holds across reloads: nothing changed, nothing to warn about.
        #expect(!okrd.log.contains("server.listen changed"), "\(okrd.log)")

        // A message queued by another process (okrd prompt, the reply server) is picked up...
        try await Self.queue("Drain me", key: "drain-1", to: receiver, database: dbPath)
        okrd.signal(SIGHUP)  // a reload also makes the dispatcher look at the outbox
        try #require(await arrived.wait(for: 1) { exited.withLock { $0 } }, "okrd exited: \(okrd.log)")
        // ...and while its answer is pending, SIGTERM arrives: okrd waits for it, records it, exits 0.
        okrd.signal(SIGTERM)
        #expect(await okrd.waitForLog("stopping"), "\(okrd.log)")
        gate.open()
        #expect(await okrd.waitForExit() == 0, "\(okrd.log)")
        #expect(okrd.log.contains("okrd stopped"))
        // The reply server stopped gracefully: nothing was cancelled under it, and a clean stop
        // logs no error.
        #expect(!okrd.log.contains("CancellationError"), "\(okrd.log)")
        let afterStop = okrd.log.components(separatedBy: "msg=\"stopping").dropFirst().joined()
        #expect(!afterStop.isEmpty && !afterStop.contains("level=error"), "\(okrd.log)")
        let store = try SQLiteStore(path: dbPath)
        let sent = try await store.outbox(OutboxFilter()).first { $0.idempotencyKey == "drain-1" }
        #expect(sent?.state == .sent, "\(String(describing: sent))")
        try await store.close()
        // Secrets stay out of the log: the receiver's URL never appears.
        #expect(!okrd.log.contains(receiver.baseURL))
        await receiver.shutdown()
    }

    @Test("A second stop signal during the drain exits at once (130); what was in flight is sent again after the next start")
    func secondSignalExits() async throws {
        let dir = NSTemporaryDirectory() + "okrd-run-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gate = Gate()
        let arrived = Receipts()
        let receiver = try await Self.holdingReceiver("Hold me", gate: gate, arrived: arrived)
        let configPath = dir + "/okrd.yaml"
        let dbPath = dir + "/okrd.sqlite"
        try Self.config().write(toFile: configPath, atomically: true, encoding: .utf8)
        try await Self.queue("Hold me", key: "hold-1", to: receiver, database: dbPath)
        let exited = Mutex(false)
        let okrd = try RunningOKRD(["run", "--config", configPath, "--db", dbPath, "--listen", "off"], environment: ["OKRD_TEST_RECEIVER": receiver.baseURL + "/hook"]) {
            exited.withLock { $0 = true }
            arrived.recheck()
        }
        try #require(await arrived.wait(for: 1) { exited.withLock { $0 } }, "okrd exited: \(okrd.log)")
        okrd.signal(SIGTERM)
        #expect(await okrd.waitForLog("stopping"), "\(okrd.log)")
        okrd.signal(SIGINT)
        #expect(await okrd.waitForExit() == 130, "\(okrd.log)")
        gate.open()
        let store = try SQLiteStore(path: dbPath)
        let held = try await store.outbox(OutboxFilter()).first { $0.idempotencyKey == "hold-1" }
        #expect(held?.state == .pending, "\(String(describing: held))")
        try await store.close()
        await receiver.shutdown()
    }

    @Test("okrd outbox retry resumes a destination a Retry-After paused, and the running daemon sends at once")
    func retryResumesPausedDestination() async throws {
        let dir = NSTemporaryDirectory() + "okrd-resume-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let attempts = Mutex(0)
        let receiver = try await TestHTTPServer.start { _ in
            // The first request is told to come back in five minutes; later ones go through.
            attempts.withLock { $0 += 1; return $0 } == 1 ? .respond(status: 429, headers: [("Retry-After", "300")]) : .respond(status: 204)
        }
        let configPath = dir + "/okrd.yaml"
        let dbPath = dir + "/okrd.sqlite"
        try Self.config(extra: "delivery: {max_backoff: 1h}").write(toFile: configPath, atomically: true, encoding: .utf8)
        let destination = Destination(name: "receiver", platform: .webhook, url: Secret(receiver.baseURL, source: "test"), ratePerSecond: 0)
        let store = try SQLiteStore(path: dbPath)
        let queued = try await store.apply(try OutboxWriter(destinations: [destination], directory: Directory(people: []))
            .enqueue(ChatMessage(kind: .test, title: "Hello"), to: "receiver", key: "resume-1", at: Date()))
        try await store.close()
        let id = try #require(queued.enqueuedIDs.first)
        let environment = ["OKRD_TEST_RECEIVER": receiver.baseURL + "/hook"]
        let daemon = try RunningOKRD(["run", "--config", configPath, "--db", dbPath, "--listen", "off"], environment: environment)
        #expect(await daemon.waitForLog("okrd is running"), "\(daemon.log)")
        try await waitUntil { attempts.withLock { $0 } >= 1 }
        let reader = try SQLiteStore(path: dbPath)
        let deadline = ContinuousClock.now + .seconds(20)
        while try await reader.destinationStates()["receiver"]?.pausedUntil == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(try await reader.destinationStates()["receiver"]?.pausedUntil != nil)
        try await reader.close()

        let retry = try await OKRD.runDetached(["outbox", "retry", "--config", configPath, "--db", dbPath, "\(id)"], environment: environment)
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("resumed destination receiver (it was paused)"), "\(retry.stdout)")
        // Sent now, not in five minutes.
        try await waitUntil { attempts.withLock { $0 } >= 2 }
        #expect(daemon.log.contains("destination resumed"), "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        let after = try SQLiteStore(path: dbPath)
        #expect(try await after.outboxMessage(id: id)?.state == .sent)
        try await after.close()
        await receiver.shutdown()
    }

    /// Polls until `condition` holds, for up to 20 s (then fails the test).
    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !condition() {
            guard ContinuousClock.now < deadline else { Issue.record("timed out waiting"); return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test("One daemon per SQLite file: a second okrd run is refused, a command beside it wakes it instead of sending, kill -9 frees the file")
    func oneSenderPerFile() async throws {
        let dir = NSTemporaryDirectory() + "okrd-lock-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let prompts = Mutex<[String]>([])
        let receiver = try await TestHTTPServer.start { request in
            let body = String(decoding: request.body, as: UTF8.self)
            if body.contains("check-in") || body.contains("Check-in") { prompts.withLock { $0.append(request.header("webhook-id") ?? "?") } }
            return .respond(status: 204)
        }
        let configPath = dir + "/okrd.yaml"
        let dbPath = dir + "/okrd.sqlite"
        try Self.config().write(toFile: configPath, atomically: true, encoding: .utf8)
        let environment = ["OKRD_TEST_RECEIVER": receiver.baseURL + "/hook"]
        let first = try RunningOKRD(["run", "--config", configPath, "--db", dbPath, "--listen", "off"], environment: environment)
        #expect(await first.waitForLog("okrd is running"), "\(first.log)")

        let second = try await OKRD.runDetached(["run", "--config", configPath, "--db", dbPath, "--listen", "off"], environment: environment)
        #expect(second.status == 69, "\(second.stderr)")
        #expect(second.stderr.contains("okrd run (pid \(first.process.processIdentifier))"), "\(second.stderr)")

        // The prompt is queued by the command and sent by the daemon, once (the scheduler may
        // have posted this week's already, on a Monday morning: then it is not posted twice).
        let prompt = try await OKRD.runDetached(["prompt", "--config", configPath, "--db", dbPath, "--team", "t", "--now"], environment: environment)
        #expect(prompt.status == 0, "\(prompt.stderr)")
        #expect(prompt.stderr.contains("okrd run (pid \(first.process.processIdentifier)) is running"), "\(prompt.stderr)")
        #expect(prompt.stderr.contains(": sent"), "\(prompt.stderr)")
        let flush = try await OKRD.runDetached(["outbox", "flush", "--config", configPath, "--db", dbPath], environment: environment)
        #expect(flush.status == 0, "\(flush.stderr)")
        #expect(flush.stderr.contains("woke it"), "\(flush.stderr)")
        #expect(prompts.withLock { Set($0).count == $0.count && $0.count == 1 }, "\(prompts.withLock { $0 })")

        // A daemon killed with -9 leaves no lock behind: the next one starts.
        first.signal(SIGKILL)
        _ = await first.waitForExit()
        let third = try RunningOKRD(["run", "--config", configPath, "--db", dbPath, "--listen", "off"], environment: environment)
        #expect(await third.waitForLog("okrd is running"), "\(third.log)")
        third.signal(SIGTERM)
        #expect(await third.waitForExit() == 0, "\(third.log)")
        // With no daemon, a command sends itself.
        let alone = try await OKRD.runDetached(["outbox", "flush", "--config", configPath, "--db", dbPath], environment: environment)
        #expect(alone.status == 0 && alone.stderr.contains("delivered"), "\(alone.stderr)")
        await receiver.shutdown()
    }

    @Test("okrd backup copies the database while okrd run writes to it; the copy opens on its own and never overwrites")
    func backup() async throws {
        let dir = NSTemporaryDirectory() + "okrd-backup-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/okrd.sqlite"
        let config = OKRD.path("config/okrd.example.yaml")
        let checkin = try await OKRD.runDetached(["checkin", "--config", config, "--db", db, "--as", "li", "churn 10.1% conf 6"])
        #expect(checkin.status == 0, "\(checkin.stderr)")
        let okrd = try RunningOKRD(["run", "--config", config, "--db", db, "--listen", "off"])
        #expect(await okrd.waitForLog("okrd is running"), "\(okrd.log)")
        // The daemon holds the database (and what it wrote may still be in the WAL).
        let result = try await OKRD.runDetached(["backup", "--db", db, dir + "/copy.sqlite"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("backed up \(db) to \(dir)/copy.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/copy.sqlite-wal"))
        let again = try await OKRD.runDetached(["backup", "--db", db, dir + "/copy.sqlite"])
        #expect(again.status == 69 && again.stderr.contains("never overwrites"), "\(again.stderr)")
        let missing = try await OKRD.runDetached(["backup", "--db", dir + "/nope.sqlite", dir + "/other.sqlite"])
        #expect(missing.status == 69 && missing.stderr.contains("no database at"), "\(missing.stderr)")
        okrd.signal(SIGTERM)
        #expect(await okrd.waitForExit() == 0)
        let copy = try SQLiteStore(path: dir + "/copy.sqlite")
        #expect(try await copy.checkIns(keyResults: ["churn"], through: nil).map(\.checkIn.value) == [10.1])
        try await copy.close()
    }

    @Test("okrd demo plays the example quarter and ends with the status table")
    func demo() throws {
        let result = try OKRD.run(["demo", "--config", OKRD.path("config/okrd.example.yaml"), "--speed", "0", "--brief"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Weekly check-in · Sales EMEA · 2026-W41"))
        #expect(result.stdout.contains("💬 Sam Rivera"))
        #expect(result.stdout.contains("Escalation · Sales Americas"))
        #expect(result.stdout.contains("Status at the end of 2026-Q4"))
        #expect(result.stdout.contains("In this period: 26 prompts"))
    }

    @Test("okrd demo without a configuration (a fresh machine) plays the example built into okrd",
          .enabled(if: !FileManager.default.fileExists(atPath: "/etc/okrd/okrd.yaml")))
    func demoWithoutConfiguration() throws {
        let result = try OKRD.run(["demo", "--speed", "0", "--brief"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("playing the example configuration built into okrd"))
        #expect(result.stdout.contains("Status at the end of 2026-Q4"))
        #expect(result.stdout.contains("In this period: 26 prompts"))
    }

    @Test("okrd digest prints the team's digest without queueing anything")
    func digest() async throws {
        let dir = NSTemporaryDirectory() + "okrd-digest-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/okrd.sqlite"
        let checkin = try OKRD.run(["checkin", "--config", OKRD.path("config/okrd.example.yaml"), "--db", db, "--as", "li", "--at", "2026-11-18T10:00",
                                    "churn 10.2% conf 6 - two saves\nblocker: legal review of the renewal terms"])
        #expect(checkin.status == 0, "\(checkin.stderr)")
        let result = try OKRD.run(["digest", "--config", OKRD.path("config/okrd.example.yaml"), "--db", db, "--team", "sales-emea", "--at", "2026-11-20T16:00"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Weekly digest · Sales EMEA · 2026-W47"))
        #expect(result.stdout.contains("Not checked in this week"))
        #expect(result.stdout.contains("legal review of the renewal terms"))
        let store = try SQLiteStore(path: db)
        #expect(try await store.outboxStats().counts.values.reduce(0, +) == 0)
        try await store.close()
    }
}

