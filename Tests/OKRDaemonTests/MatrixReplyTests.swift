import ChatPlatforms
import CurlHTTP
import Foundation
import Logging
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import Testing
import OKRWorkflows

@Suite("Matrix replies read from a real Synapse by /sync", .serialized, .enabled(if: SynapseServer.isAvailable, "Synapse is not installed (see .ci/run)"))
struct MatrixReplyTests {
    @Test("Replies are recorded once, confirmed in a thread; history, chatter, strangers and okrd's own messages are skipped; gaps are back-filled")
    func replies() async throws {
        let synapse = try await SynapseServer.start()
        let client = CurlClient()
        do {
            let (botID, botToken) = try await synapse.register("okrdbot")
            let (mariaID, mariaToken) = try await synapse.register("maria")
            let (_, strangerToken) = try await synapse.register("stranger")
            let room = try await synapse.createRoom(token: botToken)
            try await synapse.join(room, token: mariaToken)
            try await synapse.join(room, token: strangerToken)
            // Said before okrd ever looked: history, not replayed on the first start.
            _ = try await synapse.say("k 1", room: room, token: mariaToken)

            let dir = NSTemporaryDirectory() + "okrd-matrix-replies-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let yaml = """
                timezone: Europe/Berlin
                period: 2026-Q4
                people: [{id: maria, name: Maria Keller, handles: {matrix: "\(mariaID)"}}]
                destinations: [{name: terminal, platform: console}]
                teams: [{id: t, name: Team, members: [maria], lead: maria, destination: terminal}]
                objectives:
                  - {key: o, title: O, team: t, top_level: true, key_results: [{key: k, title: Signed partners, owner: maria, baseline: 0, target: 20}]}
                inbound:
                  matrix:
                    homeserver: \(synapse.baseURL)
                    access_token: ${T_MATRIX}
                    rooms: ["\(room)"]
                """
            try yaml.write(toFile: dir + "/okrd.yaml", atomically: true, encoding: .utf8)
            let now = Date()
            let config = try ConfigLoader(environment: ["HOME": dir, "T_MATRIX": botToken], now: now).load(path: dir + "/okrd.yaml")
            // The room okrd reads gets an implicit destination for confirmations.
            let destination = try #require(config.destinations.first { $0.platform == .matrix && $0.room == room })
            let store = try SQLiteStore(path: dir + "/okrd.sqlite")
            let clock = VirtualClock(start: now.addingTimeInterval(5))
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let poller = MatrixPoller(config: config, settings: try #require(config.inbound.matrix), store: store, client: client, clock: clock, logger: logger)

            #expect(try await poller.poll(timeout: 0) == 0)  // first start: from now on
            // Maria answers from a real Matrix client (matrix-nio), with rich text as Element sends it.
            let reply = try await synapse.sayWithClient("k 3 conf 7 - two signed", html: "<strong>k</strong> 3 conf 7 - two signed",
                                                        room: room, userID: mariaID, token: mariaToken)
            _ = try await synapse.say("lunch at noon?", room: room, token: mariaToken)
            _ = try await synapse.say("k 19", room: room, token: strangerToken)
            #expect(try await poller.poll(timeout: 5_000) == 1)
            let stored = try await store.checkIns(keyResults: ["k"], through: nil)
            #expect(stored.map(\.checkIn.value) == [3])
            #expect(stored.first?.source == "matrix")

            // The confirmation is queued for the room and threads to the reply.
            let confirmations = try await store.outbox(OutboxFilter()).filter { $0.kind == "confirmation" }
            #expect(confirmations.count == 1)
            #expect(confirmations.first?.destination == destination.name)
            let dispatcher = Dispatcher(store: store, sender: client, destinations: config.destinations, directory: Directory(people: config.organization.people),
                                        clock: clock, settings: DeliverySettings(), logger: logger)
            let sending = Task { await dispatcher.run() }
            await dispatcher.waitUntilIdle()
            sending.cancel()
            await sending.value
            let notices = try await synapse.messages(room: room, token: mariaToken).filter { $0["sender"] as? String == botID }
            #expect(notices.count == 1)
            let relation = (notices.first?["content"] as? [String: Any])?["m.relates_to"] as? [String: Any]
            #expect((relation?["m.in_reply_to"] as? [String: Any])?["event_id"] as? String == reply)

            // The bot's own notice comes back in the next sync: skipped. The cursor was saved.
            #expect(try await poller.poll(timeout: 0) == 0)
            #expect(try await store.checkIns(keyResults: ["k"], through: nil).count == 1)

            // More messages than one sync returns (limit 50): the gap is back-filled, all recorded once.
            let cursorKey = "matrix_next_batch:\(synapse.baseURL)"
            let before = try #require(try await store.meta(cursorKey))
            for n in 1...60 { _ = try await synapse.say("k \(4 + n / 10) - update \(n)", room: room, token: mariaToken) }
            #expect(try await poller.poll(timeout: 5_000) == 60)
            #expect(try await store.checkIns(keyResults: ["k"], through: nil).count == 61)

            // A crash after recording but before the cursor was saved: the batch is read again
            // and nothing is recorded twice.
            _ = try await store.apply([.setMeta(key: cursorKey, value: before)])
            #expect(try await poller.poll(timeout: 0) == 0)
            #expect(try await store.checkIns(keyResults: ["k"], through: nil).count == 61)
        } catch {
            await client.shutdown()
            await synapse.stop()
            throw error
        }
        await client.shutdown()
        await synapse.stop()
    }
}
