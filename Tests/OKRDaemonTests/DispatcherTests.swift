import ChatPlatforms
import CurlHTTP
import Foundation
import Logging
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import Synchronization
import Testing
import OKRWorkflows

/// Collects what the console destination prints.
final class CollectingSink: ConsoleSink {
    private let lines = Mutex<[String]>([])
    var text: [String] { lines.withLock { $0 } }
    func write(destination: String, text: String) { lines.withLock { $0.append(text) } }
}

/// A dispatcher on a virtual clock against fake platforms, with a real SQLite outbox.
struct DeliveryRig {
    let clock: VirtualClock
    let store: SQLiteStore
    let client = CurlClient()
    let directory = Directory(people: [
        Person(id: "maria", name: "Maria Keller", timeZone: TimeZone(identifier: "Europe/Berlin")!,
               handles: [.slack: "U02MARIA", .discord: "80351110224678912", .matrix: "@maria:example.org", .mattermost: "maria.keller", .teams: "maria@example.com", .googlechat: "users/1"]),
    ])
    let t0 = Date(timeIntervalSince1970: 1_795_424_400)

    init() throws {
        clock = VirtualClock(start: t0)
        let dir = NSTemporaryDirectory() + "okrd-delivery-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try SQLiteStore(path: dir + "/okrd.sqlite")
    }

    func dispatcher(_ destinations: [Destination], settings: DeliverySettings = DeliverySettings(), console: any ConsoleSink = CollectingSink()) -> Dispatcher {
        var settings = settings
        settings.timeout = min(settings.timeout, 10)
        return Dispatcher(store: store, sender: client, destinations: destinations, directory: directory, clock: clock, settings: settings,
                          logger: Logger(label: "test"), console: console, random: SplitMixRandom(seed: 42))
    }

    func message(_ n: Int, kind: ChatMessage.Kind = .test) -> ChatMessage {
        ChatMessage(kind: kind, title: "Message \(n)", intro: [.mention("maria"), .text(" number \(n)"), .userText(" @channel <!here>")])
    }

    @discardableResult
    func enqueue(_ n: Int, to destination: Destination, at: Date? = nil) async throws -> Int64 {
        let writer = OutboxWriter(destinations: [destination], directory: directory)
        let result = try await store.apply(try writer.enqueue(message(n), to: destination.name, key: "test:\(destination.name):\(n)", at: at ?? clock.now()))
        return result.enqueuedIDs[0]
    }

    func shutdown() async {
        await client.shutdown()
    }
}

@Suite("Dispatcher against local fake platforms", .serialized, .timeLimit(.minutes(2)))
struct DispatcherTests {
    @Test("Every platform receives valid payloads, FIFO per destination", arguments: [Platform.slack, .teams, .discord, .mattermost, .googlechat, .matrix, .webhook])
    func everyPlatform(platform: Platform) async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(platform, clock: rig.clock)
        let destination = fake.destination(name: "dest")
        for n in 1...5 { try await rig.enqueue(n, to: destination) }
        let dispatcher = rig.dispatcher([destination])
        await dispatcher.flush()
        #expect(fake.rejected.isEmpty, "\(fake.rejected)")
        #expect(fake.arrivals.count == 5)
        let titles = fake.arrivals.map { String(decoding: $0.request.body, as: UTF8.self) }
        for (index, body) in titles.enumerated() { #expect(body.contains("Message \(index + 1)")) }
        let sent = try await rig.store.outbox(OutboxFilter(states: [.sent]))
        #expect(sent.count == 5)
        // Nobody typed their way into a broadcast (the tokens each platform would expand).
        for body in titles where platform == .slack || platform == .mattermost {
            #expect(!body.contains("<!here>"))
            if platform == .mattermost { #expect(!body.contains("@channel")) }
        }
        if platform == .matrix {
            // Transaction ids are stable per message: the key decides the path.
            #expect(Set(fake.arrivals.map(\.request.path)).count == 5)
        }
        await fake.shutdown()
        await rig.shutdown()
    }

    @Test("A destination's rate limit paces its messages on the injected clock")
    func pacing() async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(.slack, clock: rig.clock)
        let slow = fake.destination(name: "slow", rate: 1)
        for n in 1...3 { try await rig.enqueue(n, to: slow) }
        let dispatcher = rig.dispatcher([slow])
        let task = Task { await dispatcher.run() }
        await dispatcher.waitUntilIdle()
        #expect(fake.arrivals.map(\.at) == [rig.t0])
        rig.clock.advance(by: 1)
        await dispatcher.waitUntilIdle()
        rig.clock.advance(by: 1)
        await dispatcher.waitUntilIdle()
        #expect(fake.arrivals.map(\.at) == [rig.t0, rig.t0 + 1, rig.t0 + 2])
        task.cancel()
        await task.value
        await fake.shutdown()
        await rig.shutdown()
    }

    @Test("5xx streaks back off exponentially with jitter, keep order, and end delivered")
    func serverErrors() async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(.mattermost, clock: rig.clock)
        let destination = fake.destination(name: "mm")
        fake.script([.status(500, body: "boom"), .status(502), .status(503), .status(500)])
        let first = try await rig.enqueue(1, to: destination)
        let second = try await rig.enqueue(2, to: destination)
        let dispatcher = rig.dispatcher([destination])
        let task = Task { await dispatcher.run() }
        var delays: [TimeInterval] = []
        for _ in 0..<4 {
            await dispatcher.waitUntilIdle()
            let message = try #require(try await rig.store.outboxMessage(id: first))
            #expect(message.state == .pending)
            // Message 2 was leased behind message 1 (no rate limit) and handed back at its failure.
            let next = try #require(try await rig.store.outboxMessage(id: second))
            #expect(next.state == .pending && next.claimedBy == nil && next.attempts == 0)
            delays.append(message.notBefore.timeIntervalSince(rig.clock.now()))
            rig.clock.advance(to: message.notBefore)
        }
        await dispatcher.waitUntilIdle()
        // initial 2 s, doubling, each with jitter between half and all of it
        for (attempt, delay) in delays.enumerated() {
            let base = 2 * pow(2, Double(attempt))
            #expect(delay >= base / 2 - 0.001 && delay <= base + 0.001, "attempt \(attempt + 1): \(delay)")
        }
        #expect(try await rig.store.outboxMessage(id: first)?.state == .sent)
        // Message 2 never overtook message 1.
        let bodies = fake.arrivals.map { String(decoding: $0.request.body, as: UTF8.self) }
        #expect(bodies.count == 2)
        #expect(bodies[0].contains("Message 1") && bodies[1].contains("Message 2"))
        task.cancel()
        await task.value
        await fake.shutdown()
        await rig.shutdown()
    }

    @Test("A Retry-After beyond delivery.max_backoff is capped there: the destination is back after ten minutes, not in 2058")
    func retryAfterCapped() async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(.slack, clock: rig.clock)
        let limited = fake.destination(name: "limited")
        fake.script([.status(429, body: "", headers: [("Retry-After", "1000000000")])])
        let first = try await rig.enqueue(1, to: limited)
        let dispatcher = rig.dispatcher([limited])
        let task = Task { await dispatcher.run() }
        await dispatcher.waitUntilIdle()
        let cap = DeliverySettings().maxBackoff
        #expect(try await rig.store.outboxMessage(id: first)?.notBefore == rig.t0 + cap)
        #expect(try await rig.store.destinationStates()["limited"]?.pausedUntil == rig.t0 + cap)
        rig.clock.advance(to: rig.t0 + cap)
        await dispatcher.waitUntilIdle()
        #expect(fake.arrivals.count == 1)
        #expect(try await rig.store.outboxMessage(id: first)?.state == .sent)
        task.cancel()
        await task.value
        await fake.shutdown()
        await rig.shutdown()
    }

    @Test("429 with Retry-After: nothing goes to that destination before the named time; others go on",
          arguments: [
            (Platform.slack, FakePlatform.Behaviour.status(429, body: "", headers: [("Retry-After", "30")]), 30.0),
            (.discord, .status(429, body: #"{"message":"You are being rate limited.","retry_after":12.5,"global":false}"#), 12.5),
            (.matrix, .status(429, body: #"{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":4500}"#), 4.5),
          ])
    func rateLimited(platform: Platform, behaviour: FakePlatform.Behaviour, wait: Double) async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(platform, clock: rig.clock)
        let other = try await FakePlatform.start(.slack, clock: rig.clock)
        let limited = fake.destination(name: "limited")
        let free = other.destination(name: "free")
        fake.script([behaviour])
        let first = try await rig.enqueue(1, to: limited)
        let second = try await rig.enqueue(2, to: limited)
        try await rig.enqueue(3, to: free)
        let dispatcher = rig.dispatcher([limited, free])
        let task = Task { await dispatcher.run() }
        await dispatcher.waitUntilIdle()
        #expect(other.arrivals.count == 1)
        #expect(try await rig.store.outboxMessage(id: first)?.notBefore == rig.t0 + wait)
        #expect(try await rig.store.destinationStates()["limited"]?.pausedUntil == rig.t0 + wait)
        rig.clock.advance(to: rig.t0 + wait - 0.5)
        await dispatcher.waitUntilIdle()
        #expect(fake.arrivals.isEmpty)
        rig.clock.advance(to: rig.t0 + wait)
        await dispatcher.waitUntilIdle()
        #expect(fake.arrivals.count == 2)
        #expect(fake.arrivals.allSatisfy { $0.at >= rig.t0 + wait })
        #expect(try await rig.store.outboxMessage(id: second)?.state == .sent)
        task.cancel()
        await task.value
        await fake.shutdown()
        await other.shutdown()
        await rig.shutdown()
    }

    @Test("Other 4xx go to dead letters with status and body; the queue moves on")
    func permanent() async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(.slack, clock: rig.clock)
        let destination = fake.destination(name: "s")
        fake.script([.status(400, body: "invalid_blocks")])
        let first = try await rig.enqueue(1, to: destination)
        try await rig.enqueue(2, to: destination)
        await rig.dispatcher([destination]).flush()
        let dead = try #require(try await rig.store.outboxMessage(id: first))
        #expect(dead.state == .dead)
        #expect(dead.lastStatus == 400)
        #expect(dead.lastError == "400: invalid_blocks")
        #expect(fake.arrivals.count == 1)
        await fake.shutdown()
        await rig.shutdown()
    }

    @Test("A gone destination is disabled and not hammered; its messages wait")
    func gone() async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(.slack, clock: rig.clock)
        let destination = fake.destination(name: "s")
        fake.script([.status(404, body: "no_service")])
        for n in 1...3 { try await rig.enqueue(n, to: destination) }
        let dispatcher = rig.dispatcher([destination])
        let task = Task { await dispatcher.run() }
        await dispatcher.waitUntilIdle()
        rig.clock.advance(by: 3 * 86_400)
        await dispatcher.waitUntilIdle()
        #expect(fake.arrivals.isEmpty)
        #expect(try await rig.store.destinationStates()["s"]?.disabledReason?.contains("no_service") == true)
        #expect(try await rig.store.outbox(OutboxFilter(states: [.pending])).count == 3)
        task.cancel()
        await task.value
        await fake.shutdown()
        await rig.shutdown()
    }

    @Test("Stalls and resets are retried; a message older than the age limit is dead-lettered unsent")
    func transportFailures() async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(.discord, clock: rig.clock)
        let destination = fake.destination(name: "d")
        fake.script([.stall, .reset])
        let id = try await rig.enqueue(1, to: destination)
        var settings = DeliverySettings()
        settings.timeout = 0.3
        let dispatcher = rig.dispatcher([destination], settings: settings)
        let task = Task { await dispatcher.run() }
        for _ in 0..<2 {
            await dispatcher.waitUntilIdle()
            let message = try #require(try await rig.store.outboxMessage(id: id))
            #expect(message.state == .pending)
            #expect(message.lastError != nil)
            rig.clock.advance(to: message.notBefore)
        }
        await dispatcher.waitUntilIdle()
        #expect(try await rig.store.outboxMessage(id: id)?.state == .sent)
        task.cancel()
        await task.value

        let old = try await rig.enqueue(2, to: destination, at: rig.clock.now() - 25 * 3600)
        await rig.dispatcher([destination]).flush()
        let expired = try #require(try await rig.store.outboxMessage(id: old))
        #expect(expired.state == .dead)
        #expect(expired.lastError?.contains("expired") == true)
        #expect(fake.arrivals.count == 1)
        await fake.shutdown()
        await rig.shutdown()
    }

    @Test("Destinations are sent in parallel, at most `parallel` requests at once")
    func parallel() async throws {
        let rig = try DeliveryRig()
        let fake = try await FakePlatform.start(.webhook, clock: rig.clock, latency: .milliseconds(20))
        var destinations: [Destination] = []
        for d in 0..<20 {
            let destination = fake.destination(name: "d\(d)")
            destinations.append(destination)
            for n in 0..<3 { try await rig.enqueue(d * 10 + n, to: destination) }
        }
        var settings = DeliverySettings()
        settings.parallel = 8
        await rig.dispatcher(destinations, settings: settings).flush()
        #expect(fake.arrivals.count == 60)
        #expect(fake.maxConcurrent <= 8)
        #expect(fake.maxConcurrent >= 2)
        // FIFO within each destination.
        for d in 0..<20 {
            let order = fake.arrivals.compactMap { $0.request.header("webhook-id") }.filter { $0.contains("test_d\(d)_") }
            #expect(order.count == 3)
            #expect(order == order.sorted())
        }
        await fake.shutdown()
        await rig.shutdown()
    }

    @Test("However slow the disk, at most in_flight messages are sent without their outcome on disk; commits do not stop the sends", .timeLimit(.minutes(1)))
    func window() async throws {
        let rig = try DeliveryRig()
        let store = GatedStore(rig.store)
        let inFlight = 6
        let arrivals = Mutex(0)
        let violations = Mutex<[String]>([])
        let receiver = try await TestHTTPServer.start { _ in
            let seen = arrivals.withLock { $0 += 1; return $0 }
            // The outcomes of commits that have returned are on disk; every other send counts.
            let recorded = store.recorded
            if seen > recorded + inFlight { violations.withLock { $0.append("request \(seen) with \(recorded) outcomes on disk") } }
            store.poke()
            return .respond(status: 204)
        }
        var destinations: [Destination] = []
        for d in 0..<12 {
            let destination = Destination(name: "d\(d)", platform: .webhook, url: Secret(receiver.baseURL + "/hook/d\(d)", source: "test"), ratePerSecond: 0)
            destinations.append(destination)
            for n in 0..<5 { try await rig.enqueue(d * 10 + n, to: destination) }
        }
        // The first commit with outcomes is held until the window is full: the sends go on
        // meanwhile, up to the window and no further.
        store.holdNextRecording { arrivals.withLock { $0 } >= inFlight }
        var settings = DeliverySettings()
        settings.parallel = 4
        settings.inFlight = inFlight
        settings.timeout = 10
        let dispatcher = Dispatcher(store: store, sender: rig.client, destinations: destinations, directory: rig.directory, clock: rig.clock,
                                    settings: settings, logger: Logger(label: "test"), random: SplitMixRandom(seed: 7))
        await dispatcher.flush()
        #expect(violations.withLock { $0 }.isEmpty, "\(violations.withLock { $0 })")
        #expect(arrivals.withLock { $0 } == 60)
        #expect(store.recorded == 60)
        #expect(try await rig.store.outbox(OutboxFilter(states: [.sent], limit: 100)).count == 60)
        await receiver.shutdown()
        await rig.shutdown()
    }

    @Test("Draining (SIGTERM) finishes the requests under way and hands back what was claimed but not sent", .timeLimit(.minutes(1)))
    func drain() async throws {
        let rig = try DeliveryRig()
        let arrived = Latch(count: 2)
        let release = Latch(count: 1)
        let arrivals = Mutex(0)
        let handler: TestHTTPServer.Handler = { _ in
            arrivals.withLock { $0 += 1 }
            arrived.countDown()
            await release.wait()  // both requests stay under way until the test lets them answer
            return .respond(status: 204)
        }
        // Two hosts, so the first two requests need not wait for one connection's first answer.
        let receivers = [try await TestHTTPServer.start(handler: handler), try await TestHTTPServer.start(handler: handler)]
        var destinations: [Destination] = []
        for d in 0..<20 {
            let url = receivers[d % 2].baseURL + "/hook/d\(d)"
            let destination = Destination(name: "d\(d)", platform: .webhook, url: Secret(url, source: "test"), ratePerSecond: 0)
            destinations.append(destination)
            for n in 0..<3 { try await rig.enqueue(d * 10 + n, to: destination) }
        }
        var settings = DeliverySettings()
        settings.parallel = 2
        settings.inFlight = 8
        let dispatcher = rig.dispatcher(destinations, settings: settings)
        let running = Task { await dispatcher.run() }
        await arrived.wait()
        await dispatcher.drain()
        release.countDown()
        await running.value
        #expect(arrivals.withLock { $0 } == 2)
        let all = try await rig.store.outbox(OutboxFilter(limit: 100))
        #expect(all.filter { $0.state == .sent }.count == 2)
        let pending = all.filter { $0.state == .pending }
        #expect(pending.count == 58)
        // Claimed-but-unsent messages went back: no lease, no attempt counted.
        #expect(pending.allSatisfy { $0.claimedBy == nil && $0.attempts == 0 })
        for receiver in receivers { await receiver.shutdown() }
        await rig.shutdown()
    }

    /// A receiver whose first request is held until the test lets it answer.
    final class HeldFirstRequest: Sendable {
        let arrived = Latch(count: 1)
        let release = Latch(count: 1)
        private let bodies = Mutex<[String]>([])
        /// The bodies that arrived, in order.
        var arrivals: [String] { bodies.withLock { $0 } }

        func handle(_ request: TestHTTPServer.Request) async -> TestHTTPServer.Action {
            let first = bodies.withLock { bodies in
                bodies.append(String(decoding: request.body, as: UTF8.self))
                return bodies.count == 1
            }
            if first {
                arrived.countDown()
                await release.wait()
            }
            return .respond(status: 204)
        }
    }

    /// Three messages to a destination without a rate limit (leased together), the dispatcher
    /// running, and the first request held by the receiver until the test lets it answer.
    struct HeldBatch {
        let rig: DeliveryRig
        let held = HeldFirstRequest()
        let receiver: TestHTTPServer
        let dispatcher: Dispatcher
        let running: Task<Void, Never>

        init() async throws {
            rig = try DeliveryRig()
            receiver = try await TestHTTPServer.start(handler: held.handle)
            let destination = Destination(name: "d", platform: .webhook, url: Secret(receiver.baseURL + "/hook", source: "test"), ratePerSecond: 0)
            for n in 1...3 { try await rig.enqueue(n, to: destination) }
            let dispatcher = rig.dispatcher([destination])
            self.dispatcher = dispatcher
            running = Task { await dispatcher.run() }
            await held.arrived.wait()
        }

        /// Lets the first request answer, then waits until `count` messages are recorded as sent.
        func release(untilSent count: Int) async throws {
            held.release.countDown()
            while try await rig.store.outbox(OutboxFilter(states: [.sent])).count < count {
                try Task.checkCancellation()
                await dispatcher.waitUntilIdle()
                await Task.yield()
            }
            await dispatcher.waitUntilIdle()
        }

        func stop() async {
            running.cancel()
            await running.value
            await receiver.shutdown()
            await rig.shutdown()
        }
    }

    @Test("Messages leased behind a head whose lease could end before they are answered are handed back and claimed again, still in order", .timeLimit(.minutes(1)))
    func followersNearTheEndOfTheirLease() async throws {
        let batch = try await HeldBatch()
        // The leases run 100 s (timeout 10 s): 80 s on, the next send could outlast them.
        batch.rig.clock.advance(to: batch.rig.t0.addingTimeInterval(80))
        try await batch.release(untilSent: 3)
        #expect(batch.held.arrivals.map { $0.contains("Message 1") ? 1 : $0.contains("Message 2") ? 2 : 3 } == [1, 2, 3])
        // Messages 2 and 3 went back (released) and were leased anew before they were sent.
        #expect(await batch.dispatcher.statistics.byDestination["d"]?["released"] == 2)
        await batch.stop()
    }

    @Test("A destination removed by a reload while its messages are leased: those behind the one under way go back to the queue, not to dead letters", .timeLimit(.minutes(1)))
    func reloadRemovesDestinationMidBatch() async throws {
        let batch = try await HeldBatch()
        await batch.dispatcher.update(destinations: [], directory: batch.rig.directory, settings: DeliverySettings())
        try await batch.release(untilSent: 1)
        let all = try await batch.rig.store.outbox(OutboxFilter(limit: 10))
        #expect(all.filter { $0.state == .sent }.count == 1)
        // (With replicas, only the leader dead-letters what is no longer configured.)
        let waiting = all.filter { $0.state == .pending }
        #expect(waiting.count == 2)
        #expect(waiting.allSatisfy { $0.claimedBy == nil && $0.attempts == 0 })
        #expect(batch.held.arrivals.count == 1)
        await batch.stop()
    }

    @Test("A commit that fails while draining is tried again a second later, and the drain ends with the outcome recorded", .timeLimit(.minutes(1)))
    func drainRetriesFailedCommit() async throws {
        let rig = try DeliveryRig()
        let store = GatedStore(rig.store)
        let arrived = Latch(count: 1)
        let receiver = try await TestHTTPServer.start(recording: false) { _ in
            arrived.countDown()
            return .respond(status: 204)
        }
        let destination = Destination(name: "d", platform: .webhook, url: Secret(receiver.baseURL + "/hook", source: "test"), ratePerSecond: 0)
        let id = try await rig.enqueue(1, to: destination)
        // The commit recording the answer waits for the drain, then fails.
        let drained = Mutex(false)
        store.holdNextRecording { drained.withLock { $0 } }
        store.failNextRecording()
        let dispatcher = Dispatcher(store: store, sender: rig.client, destinations: [destination], directory: rig.directory, clock: rig.clock,
                                    settings: DeliverySettings(), logger: Logger(label: "test"), random: SplitMixRandom(seed: 7))
        let running = Task { await dispatcher.run() }
        await arrived.wait()
        await dispatcher.drain()
        drained.withLock { $0 = true }
        store.poke()
        // The dispatcher waits a second on the clock before trying again: let that second pass.
        // (It may also be sleeping until the claimed message's lease ends, three minutes on: the
        // clock moves only once the retry's own wait is there.)
        let retryAt = rig.t0.addingTimeInterval(1)
        while rig.clock.nextDeadline != retryAt {
            try Task.checkCancellation()  // the time limit ends a dispatcher that never waits
            await Task.yield()
        }
        rig.clock.advance(to: retryAt)
        await running.value
        #expect(store.recorded == 1)
        #expect(try await rig.store.outboxMessage(id: id)?.state == .sent)
        await receiver.shutdown()
        await rig.shutdown()
    }

    @Test("The console destination prints and needs no account")
    func console() async throws {
        let rig = try DeliveryRig()
        let sink = CollectingSink()
        let terminal = Destination(name: "terminal", platform: .console)
        try await rig.enqueue(1, to: terminal)
        await rig.dispatcher([terminal], console: sink).flush()
        #expect(sink.text.count == 1)
        #expect(sink.text[0].contains("Message 1"))
        #expect(sink.text[0].contains("@Maria Keller"))
    }
}

