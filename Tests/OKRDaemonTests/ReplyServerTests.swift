import ChatPlatforms
import CheckinParser
import Crypto
import CurlHTTP
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import Synchronization
import Testing
import OKRWorkflows

/// The reply server on 127.0.0.1, spoken to over real HTTP through libcurl, the way each chat
/// platform would: signed the platform's way, replayed, forged, oversized and malformed.
@Suite("The reply server: every platform's inbound path and its attacks")
struct ReplyServerTests {
    static let slackSecret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let mattermostToken = "xr3j5x3p4pfk7rk3ou1z6bhfqa"
    static let teamsKey = Data((0..<32).map { UInt8($0 * 7 & 0xff) }).base64EncodedString()
    static let webhookKey = Array((0..<32).map { UInt8(($0 * 13 + 5) & 0xff) })
    static let discordSeed = Array((0..<32).map { UInt8(($0 * 29 + 3) & 0xff) })
    static var discordKey: Curve25519.Signing.PrivateKey { try! Curve25519.Signing.PrivateKey(rawRepresentation: discordSeed) }
    /// Monday 23 November 2026, 10:00 Berlin.
    static let monday = Date(timeIntervalSince1970: 1_795_424_400)

    final class WakeCounter: Sendable {
        let count = Mutex(0)
    }

    final class Harness: Sendable {
        let server: ReplyServer
        let store: SQLiteStore
        let clock: VirtualClock
        let config: OKRConfig
        let links: CheckinLinks
        let base: String
        let client = CurlClient()
        let task: Task<Void, Never>
        /// How many times the server woke the dispatcher after queuing a message.
        let wakes: WakeCounter
        /// The store as the server sees it (the same SQLite file), which a test can make fail.
        let gate: GatedStore

        init(server: ReplyServer, store: SQLiteStore, clock: VirtualClock, config: OKRConfig, links: CheckinLinks, base: String, task: Task<Void, Never>,
             wakes: WakeCounter, gate: GatedStore) {
            self.wakes = wakes
            self.gate = gate
            self.server = server
            self.store = store
            self.clock = clock
            self.config = config
            self.links = links
            self.base = base
            self.task = task
        }

        func post(_ path: String, _ body: [UInt8], headers: [(String, String)] = []) async throws -> HTTPResponse {
            var request = HTTPRequest(method: .post, url: base + path)
            for (name, value) in headers { request.headers.add(name, value) }
            request.body = body
            return try await client.send(request)
        }

        func get(_ path: String) async throws -> HTTPResponse {
            try await client.send(HTTPRequest(method: .get, url: base + path))
        }

        /// The messages sales-emea's next weekly prompt queues for `destination` (standing in for
        /// the team's own), as the scheduler plans them, with the check-in links when `linked`.
        func promptQueued(to destination: Destination, linked: Bool = true) async throws -> [OutboxMessage] {
            let organization = config.organization
            let planner = FiringPlanner(config: config, writer: OutboxWriter(destinations: [destination], directory: Directory(people: organization.people)),
                                        links: linked ? links : nil)
            let team = try #require(organization.team("sales-emea"))
            let snapshot = try await Snapshot.load(organization, store: store, at: clock.now())
            let occurrence = try #require(team.schedule.prompt?.occurrences(after: clock.now().addingTimeInterval(-8 * 86_400), through: clock.now().addingTimeInterval(8 * 86_400),
                                                                              in: team.timeZone).first)
            return try planner.plan(.prompt, team: team, occurrence: occurrence, snapshot: snapshot, now: clock.now()).compactMap { change -> OutboxMessage? in
                if case .enqueue(let message) = change { return message } else { return nil }
            }
        }

        func checkIns(_ key: String) async throws -> [StoredCheckIn] {
            try await store.checkIns(keyResults: [key], through: nil)
        }

        func stop() async {
            task.cancel()
            await task.value
            await server.shutdown()
            await client.shutdown()
        }
    }

    static let slackBotToken = "xoxb-17-test-bot-token"

    /// `slackAPI`: the base URL of a fake Slack Web API; with it, the bot token is configured and the
    /// server gets an HTTP client to open check-in forms with.
    static func start(discord: Bool = true, published: Bool = true, bodyDeadline: Duration = ReplyServer.defaultBodyDeadline,
                      slackAPI: String? = nil, mattermostServer: String? = nil) async throws -> Harness {
        let dir = NSTemporaryDirectory() + "okrd-server-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var yaml = try String(contentsOfFile: ConfigLoaderTests.examplePath, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "server:\n  listen: \"127.0.0.1:8088\"", with: """
            server:
              listen: "127.0.0.1:0"\(published ? "\n  public_url: https://okrd.example.com" : "")
            inbound:
              slack:
                signing_secret: ${T_SLACK}\(slackAPI.map { "\n    bot_token: ${T_SLACK_BOT}\n    api_url: \($0)" } ?? "")
              mattermost:
                token: ${T_MATTERMOST}\(mattermostServer.map { "\n    server_url: \($0)" } ?? "")
              teams:
                hmac_key: ${T_TEAMS}
              discord:
                public_key: \(discordKey.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined())
              webhook:
                secret: ${T_WEBHOOK}
            """)
        let path = dir + "/okrd.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let environment = ["HOME": dir, "T_SLACK": slackSecret, "T_SLACK_BOT": slackBotToken, "T_MATTERMOST": mattermostToken, "T_TEAMS": teamsKey,
                           "T_WEBHOOK": "whsec_" + Data(webhookKey).base64EncodedString()]
        let config = try ConfigLoader(environment: environment, now: monday).load(path: path)
        let store = try SQLiteStore(path: dir + "/okrd.sqlite")
        let clock = VirtualClock(start: monday)
        let links = try await CheckinLinks.load(config: config, store: store)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let wakes = WakeCounter()
        let gate = GatedStore(store)
        let server = ReplyServer(config: ConfigHolder(config), store: gate, clock: clock, metrics: OKRMetrics(), links: links, logger: logger,
                                 bodyDeadline: bodyDeadline, client: slackAPI == nil && mattermostServer == nil ? nil : CurlClient(), onQueued: { wakes.count.withLock { $0 += 1 } }) {
            HealthStatus(schedulerAlive: true, nextOccurrence: nil)
        }
        let ports = AsyncStream<Int>.makeStream()
        let task = Task {
            try? await server.run(host: "127.0.0.1", port: 0) { ports.continuation.yield($0) }
            ports.continuation.finish()
        }
        var iterator = ports.stream.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return Harness(server: server, store: store, clock: clock, config: config, links: links, base: "http://127.0.0.1:\(port)", task: task, wakes: wakes, gate: gate)
    }

    static func form(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Array(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
    }

    static func slackHeaders(_ body: [UInt8], at date: Date = monday, secret: String = slackSecret) -> [(String, String)] {
        let ts = Int(date.timeIntervalSince1970)
        return [("X-Slack-Request-Timestamp", "\(ts)"), ("X-Slack-Signature", InboundVerifier.slackSignature(secret: secret, timestamp: ts, body: body)),
                ("Content-Type", "application/x-www-form-urlencoded")]
    }

    static func json(_ response: HTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    @Test("Slack slash command: signed answers are recorded once; forged, stale and replayed ones are not")
    func slackCommand() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        let body = Self.form([("command", "/okr"), ("text", "reseller-partners 3 conf 6 - two signed <!channel>"), ("user_id", "U02MARIA"),
                              ("channel_id", "C1"), ("trigger_id", "13345224609.738474920.8088930838d88f008e0")])
        let answer = try await h.post("/slack/commands", body, headers: Self.slackHeaders(body))
        #expect(answer.status == 200)
        let text = Self.json(answer)["text"] as? String ?? ""
        #expect(text.contains("Recorded"))
        #expect(!text.contains("<!channel>"), "a person's text must not ping the channel: \(text)")
        #expect(Self.json(answer)["response_type"] as? String == "ephemeral")
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [3])
        #expect(try await h.checkIns("reseller-partners").first?.source == "slack")

        // The same request again (a replay inside the window): recognised, not stored twice.
        let replay = try await h.post("/slack/commands", body, headers: Self.slackHeaders(body))
        #expect((Self.json(replay)["text"] as? String ?? "").contains("Already recorded"))
        #expect(try await h.checkIns("reseller-partners").count == 1)

        // Forged with another secret, stale by six minutes, unsigned: 401, nothing read.
        let other = Self.form([("text", "reseller-partners 5"), ("user_id", "U02MARIA"), ("trigger_id", "t2")])
        #expect(try await h.post("/slack/commands", other, headers: Self.slackHeaders(other, secret: "wrong")).status == 401)
        #expect(try await h.post("/slack/commands", other, headers: Self.slackHeaders(other, at: Self.monday.addingTimeInterval(-360))).status == 401)
        #expect(try await h.post("/slack/commands", other).status == 401)
        // A signature over another body does not carry over.
        var tampered = Self.slackHeaders(body)
        tampered[1].1 = InboundVerifier.slackSignature(secret: Self.slackSecret, timestamp: Int(Self.monday.timeIntervalSince1970), body: body)
        #expect(try await h.post("/slack/commands", other, headers: tampered).status == 401)
        #expect(try await h.checkIns("reseller-partners").count == 1)

        // Someone okrd does not know: a polite refusal, nothing stored.
        let stranger = Self.form([("text", "reseller-partners 5"), ("user_id", "U0STRANGER"), ("trigger_id", "t3")])
        let refusal = try await h.post("/slack/commands", stranger, headers: Self.slackHeaders(stranger))
        #expect(refusal.status == 200)
        #expect((Self.json(refusal)["text"] as? String ?? "").contains("don't know you"))
        #expect(try await h.checkIns("reseller-partners").count == 1)

        // A stranger whose chosen user name is Maria's handle is still a stranger.
        let impostor = Self.form([("text", "reseller-partners 0"), ("user_id", "U0IMPOSTOR"), ("user_name", "U02MARIA"), ("trigger_id", "t4")])
        let impostorAnswer = try await h.post("/slack/commands", impostor, headers: Self.slackHeaders(impostor))
        #expect((Self.json(impostorAnswer)["text"] as? String ?? "").contains("don't know you"))
        #expect(try await h.checkIns("reseller-partners").count == 1)
    }

    @Test("Slack Events API: the URL challenge, message events, and chatter and bots ignored")
    func slackEvents() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        func event(_ json: String) async throws -> HTTPResponse {
            let body = Array(json.utf8)
            var headers = Self.slackHeaders(body)
            headers[2] = ("Content-Type", "application/json")
            return try await h.post("/slack/events", body, headers: headers)
        }
        let challenge = try await event(#"{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#)
        #expect(challenge.status == 200)
        #expect(String(decoding: challenge.body, as: UTF8.self) == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")

        let message = #"{"type":"event_callback","event_id":"Ev01","team_id":"T1","event":{"type":"message","user":"U02MARIA","text":"reseller-partners 2 conf 7","channel":"C1","ts":"1.1"}}"#
        #expect(try await event(message).status == 200)
        #expect(try await event(message).status == 200)  // Slack's retry of the same event
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [2])
        // The confirmation goes out through the outbox, once.
        let queued = try await h.store.outbox(OutboxFilter())
        #expect(queued.filter { $0.kind == "confirmation" }.count == 1)
        // ...and the dispatcher is woken to send it now, once (the retry queued nothing).
        #expect(h.wakes.count.withLock { $0 } == 1)

        let chatter = #"{"type":"event_callback","event_id":"Ev02","event":{"type":"message","user":"U02MARIA","text":"lunch at noon?","channel":"C1","ts":"1.2"}}"#
        #expect(try await event(chatter).status == 200)
        let bot = #"{"type":"event_callback","event_id":"Ev03","event":{"type":"message","bot_id":"B1","user":"U02MARIA","text":"reseller-partners 5","channel":"C1","ts":"1.3"}}"#
        #expect(try await event(bot).status == 200)
        #expect(try await h.checkIns("reseller-partners").count == 1)
        #expect(try await h.store.outbox(OutboxFilter()).filter { $0.kind == "confirmation" }.count == 1)
        #expect(try await h.store.replyState(ReplyStateRequest(person: "maria", at: .distantFuture, deliveryID: nil, keyResults: [], kpis: [], readsQuestion: false)).lastReply?.text == "reseller-partners 2 conf 7")

        // Ticking off an open action item in the channel is understood (open items are read).
        let action = #"{"type":"event_callback","event_id":"Ev04","event":{"type":"message","user":"U02MARIA","text":"action: @maria send the contract to legal by Friday","channel":"C1","ts":"1.4"}}"#
        #expect(try await event(action).status == 200)
        #expect(try await h.store.actionItems(openOnly: true).count == 1)
        let done = #"{"type":"event_callback","event_id":"Ev05","event":{"type":"message","user":"U02MARIA","text":"- [x] send the contract to legal","channel":"C1","ts":"1.5"}}"#
        #expect(try await event(done).status == 200)
        #expect(try await h.store.actionItems(openOnly: true).isEmpty)
    }

    @Test("Mattermost outgoing webhook and slash command: the token decides, replies thread")
    func mattermost() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        let hook = Self.form([("token", Self.mattermostToken), ("user_id", "u1"), ("user_name", "maria.keller"), ("post_id", "p1"),
                              ("trigger_word", "okr"), ("text", "okr reseller-partners 4"), ("channel_id", "c1")])
        let answer = try await h.post("/mattermost", hook, headers: [("Content-Type", "application/x-www-form-urlencoded")])
        #expect(answer.status == 200)
        #expect(Self.json(answer)["response_type"] as? String == "comment")
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [4])

        let command = Self.form([("user_id", "u1"), ("user_name", "maria.keller"), ("command", "/okr"), ("trigger_id", "tr1"), ("text", "territories 2 of 4")])
        let slash = try await h.post("/mattermost", command, headers: [("Authorization", "Token \(Self.mattermostToken)"), ("Content-Type", "application/x-www-form-urlencoded")])
        #expect(Self.json(slash)["response_type"] as? String == "ephemeral")
        #expect(try await h.checkIns("territories").count == 1)

        let forged = Self.form([("token", "aaaaaaaaaaaaaaaaaaaaaaaaaa"), ("user_id", "u1"), ("user_name", "maria.keller"), ("post_id", "p2"), ("text", "reseller-partners 5")])
        #expect(try await h.post("/mattermost", forged).status == 401)
        #expect(try await h.post("/mattermost", Array("{not json".utf8), headers: [("Content-Type", "application/json")]).status == 401)
        #expect(try await h.checkIns("reseller-partners").count == 1)
    }

    @Test("Teams outgoing webhook: HMAC with the decoded key, the @mention stripped, replays recognised")
    func teams() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        let activity = #"{"type":"message","id":"1485983408511","text":"<at>okrd</at> reseller-partners 3 🟡","from":{"id":"29:1abc","name":"Maria Keller","aadObjectId":"d2f5c3a1-7e4b-4f0a-9c1d-2b8e6f4a0c11"},"conversation":{"id":"19:x"}}"#
        let body = Array(activity.utf8)
        let auth = try #require(InboundVerifier.teamsAuthorization(key: Self.teamsKey, body: body))
        let answer = try await h.post("/teams", body, headers: [("Authorization", auth), ("Content-Type", "application/json")])
        #expect(answer.status == 200)
        #expect(Self.json(answer)["type"] as? String == "message")
        #expect((Self.json(answer)["text"] as? String ?? "").contains("Recorded"))
        let stored = try await h.checkIns("reseller-partners")
        #expect(stored.map(\.checkIn.value) == [3])
        #expect(stored.first?.checkIn.confidence == 5)
        _ = try await h.post("/teams", body, headers: [("Authorization", auth)])
        #expect(try await h.checkIns("reseller-partners").count == 1)

        let wrongKey = Data(repeating: 9, count: 32).base64EncodedString()
        let forged = try #require(InboundVerifier.teamsAuthorization(key: wrongKey, body: body))
        #expect(try await h.post("/teams", body, headers: [("Authorization", forged)]).status == 401)

        // A stranger in the tenant who calls themselves "Maria Keller": Maria has a Teams handle, so
        // only her object id is her; nothing is recorded.
        let impostor = Array(#"{"type":"message","id":"1485983408999","text":"<at>okrd</at> reseller-partners 0","from":{"id":"29:9zzz","name":"Maria Keller","aadObjectId":"00000000-0000-0000-0000-00000000dead"},"conversation":{"id":"19:x"}}"#.utf8)
        let impostorAuth = try #require(InboundVerifier.teamsAuthorization(key: Self.teamsKey, body: impostor))
        let refused = try await h.post("/teams", impostor, headers: [("Authorization", impostorAuth), ("Content-Type", "application/json")])
        #expect((Self.json(refused)["text"] as? String ?? "").contains("don't know you"))
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [3])
    }

    @Test("Discord interactions: Ed25519 over timestamp and body; bad-signature probes get 401; PING gets PONG")
    func discord() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        func signed(_ json: String, key: Curve25519.Signing.PrivateKey = Self.discordKey, at date: Date = Self.monday) throws -> ([UInt8], [(String, String)]) {
            let body = Array(json.utf8)
            let ts = "\(Int(date.timeIntervalSince1970))"
            let signature = try key.signature(for: Array(ts.utf8) + body)
            return (body, [("X-Signature-Ed25519", signature.map { String(format: "%02x", $0) }.joined()), ("X-Signature-Timestamp", ts), ("Content-Type", "application/json")])
        }
        let (ping, pingHeaders) = try signed(#"{"type":1,"id":"1","application_id":"a"}"#)
        let pong = try await h.post("/discord/interactions", ping, headers: pingHeaders)
        #expect(pong.status == 200)
        #expect(Self.json(pong)["type"] as? Int == 1)
        // Discord's routine probe: a valid-looking request with a wrong signature.
        let (_, probeHeaders) = try signed(#"{"type":1,"id":"1","application_id":"a"}"#, key: Curve25519.Signing.PrivateKey())
        #expect(try await h.post("/discord/interactions", ping, headers: probeHeaders).status == 401)
        let (_, staleHeaders) = try signed(#"{"type":1,"id":"1","application_id":"a"}"#, at: Self.monday.addingTimeInterval(-3600))
        #expect(try await h.post("/discord/interactions", ping, headers: staleHeaders).status == 401)

        let command = #"{"type":2,"id":"i-1","member":{"user":{"id":"80351110224678912","username":"maria"}},"data":{"name":"okr","options":[{"name":"text","type":3,"value":"reseller-partners 4 @everyone"}]}}"#
        let (body, headers) = try signed(command)
        let answer = try await h.post("/discord/interactions", body, headers: headers)
        let json = Self.json(answer)
        #expect(json["type"] as? Int == 4)
        let data = json["data"] as? [String: Any] ?? [:]
        #expect((data["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
        #expect(!(data["content"] as? String ?? "@everyone").contains("@everyone"))
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [4])

        // Someone else who calls themselves "maria" / "Li Wei" (Li has no Discord handle): names
        // people choose on Discord are never identities.
        let impostor = #"{"type":2,"id":"i-2","member":{"user":{"id":"11111111111111111","username":"maria","global_name":"Li Wei"}},"data":{"name":"okr","options":[{"name":"text","type":3,"value":"reseller-partners 0"}]}}"#
        let (impostorBody, impostorHeaders) = try signed(impostor)
        let refused = Self.json(try await h.post("/discord/interactions", impostorBody, headers: impostorHeaders))
        let refusal = (refused["data"] as? [String: Any])?["content"] as? String
        #expect(refusal?.contains("don't know you") == true)
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [4])
    }

    @Test("Generic webhook: Standard Webhooks signatures, a 5-minute window, delivery ids deduplicated")
    func webhook() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        func headers(_ body: [UInt8], id: String, at date: Date = Self.monday) -> [(String, String)] {
            let ts = Int(date.timeIntervalSince1970)
            return [("webhook-id", id), ("webhook-timestamp", "\(ts)"), ("Content-Type", "application/json"),
                    ("webhook-signature", "v1,bm90IHRoaXMgb25l " + InboundVerifier.standardWebhookSignature(key: Self.webhookKey, id: id, timestamp: ts, body: body))]
        }
        let body = Array(#"{"person":"maria","text":"reseller-partners 2\nblocker: legal is slow"}"#.utf8)
        let answer = try await h.post("/webhook", body, headers: headers(body, id: "msg_1"))
        #expect(answer.status == 200)
        #expect(Self.json(answer)["recorded"] as? Bool == true)
        let again = try await h.post("/webhook", body, headers: headers(body, id: "msg_1"))
        #expect(Self.json(again)["duplicate"] as? Bool == true)
        #expect(try await h.checkIns("reseller-partners").count == 1)
        #expect(try await h.store.openBlockers().count == 1)

        #expect(try await h.post("/webhook", body, headers: headers(body, id: "msg_2", at: Self.monday.addingTimeInterval(-301))).status == 401)
        #expect(try await h.post("/webhook", body, headers: headers(body, id: "msg_3", at: Self.monday.addingTimeInterval(301))).status == 401)
        var forged = headers(body, id: "msg_4")
        forged[3].1 = "v1," + Data(repeating: 1, count: 32).base64EncodedString()
        #expect(try await h.post("/webhook", body, headers: forged).status == 401)

        // Authentic but malformed: 400, nothing recorded.
        let bad = Array("[1,2,3]".utf8)
        #expect(try await h.post("/webhook", bad, headers: headers(bad, id: "msg_5")).status == 400)
        let nobody = Array(#"{"text":"reseller-partners 5"}"#.utf8)
        #expect(try await h.post("/webhook", nobody, headers: headers(nobody, id: "msg_6")).status == 400)
        #expect(try await h.checkIns("reseller-partners").count == 1)
    }

    @Test("Bodies over 1 MiB are refused with 413 and nothing is recorded")
    func oversized() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        let text = "reseller-partners 5 - " + String(repeating: "x", count: (1 << 20) + 10)
        let body = Self.form([("text", text), ("user_id", "U02MARIA"), ("trigger_id", "big")])
        let answer = try await h.post("/slack/commands", body, headers: Self.slackHeaders(body))
        #expect(answer.status == 413)
        #expect(try await h.checkIns("reseller-partners").isEmpty)
        // The server still answers afterwards.
        #expect(try await h.get("/healthz").status == 200)
    }

    @Test("A client that announces a body and then trickles or stalls gets 408, and nothing is recorded")
    func slowClient() async throws {
        let h = try await Self.start(bodyDeadline: .milliseconds(300))
        defer { Task { await h.stop() } }
        let port = try #require(URL(string: h.base)?.port)
        // Headers and the start of a body, then silence: what a slowloris does.
        let answer = try await onOwnThread { () -> String in
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard connected == 0 else { return "connect failed" }
            let request = "POST /webhook HTTP/1.1\r\nHost: okrd\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"person\""
            _ = request.withCString { send(fd, $0, strlen($0), 0) }
            var timeout = timeval(tv_sec: 30, tv_usec: 0)  // a safety net, not a timing
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, 0)
            return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : "no answer"
        }
        #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
        #expect(try await h.store.replyState(ReplyStateRequest(person: "maria", at: .distantFuture, deliveryID: nil, keyResults: [], kpis: [], readsQuestion: false)).lastReply == nil)
    }

    @Test("The check-in page shows okrd's open question with a box for its proposal; ticking it records and settles")
    func checkinPageQuestion() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        let processor = ReplyIntake(organization: h.config.organization, store: h.store)
        let asked = try await processor.process(ReplyInput(author: "maria", text: "territory-coverage 0.5", at: Self.monday))
        #expect(asked.parse.clarifications.count == 1)
        let team = try #require(h.config.organization.team("sales-emea"))
        let link = try #require(h.links.link(person: "maria", team: team, at: Self.monday))
        let token = String(link.dropFirst("https://okrd.example.com/checkin/".count))

        let html = String(decoding: try await h.get("/checkin/\(token)").body, as: UTF8.self)
        #expect(html.contains("okrd asks:"))
        #expect(html.contains("did you mean 50%?"))
        #expect(html.contains("Yes, record: territory-coverage 50%"))
        // Nothing is pre-filled: a form sent only to tick an action item records no proposal.
        let input = try #require(html.range(of: "name=\"value.territory-coverage\"").map { html[$0.lowerBound...].prefix { $0 != ">" } })
        #expect(!input.contains("value="), "\(input)")

        let nonce = try #require(Self.field("nonce", in: html))
        let formToken = try #require(Self.field("form", in: html))
        let fields = [("nonce", nonce), ("form", formToken), ("confirm", "on")]
        // As a browser sends it from the page: no usable Origin, but its word that it is same-origin.
        let posted = try await h.post("/checkin/\(token)", Self.form(fields), headers: [("Content-Type", "application/x-www-form-urlencoded"),
                                                                                        ("Origin", "null"), ("Sec-Fetch-Site", "same-origin")])
        #expect(posted.status == 200)
        #expect(try await h.checkIns("territory-coverage").map(\.checkIn.value) == [50])
        #expect(try await h.store.openQuestion(person: "maria", at: Self.monday.addingTimeInterval(60)) == nil)
        #expect(!String(decoding: posted.body, as: UTF8.self).contains("okrd asks:"))
    }

    @Test("The check-in page: signed links only, the form records like a chat reply, HTML is escaped")
    func checkinPage() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        let team = try #require(h.config.organization.team("sales-emea"))
        let link = try #require(h.links.link(person: "maria", team: team, at: Self.monday))
        #expect(link.hasPrefix("https://okrd.example.com/checkin/"))
        let token = String(link.dropFirst("https://okrd.example.com/checkin/".count))

        let page = try await h.get("/checkin/\(token)")
        #expect(page.status == 200)
        #expect(page.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true)
        #expect(page.headers["Referrer-Policy"] == "same-origin")
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("name=\"value.reseller-partners\""))
        #expect(!html.contains("<script"))

        // Tampered, expired and forged links are refused.
        var tampered = Array(token)
        tampered[3] = tampered[3] == "A" ? "B" : "A"
        #expect(try await h.get("/checkin/\(String(tampered))").status == 403)
        let other = CheckinLinks(key: Array(repeating: 7, count: 32), baseURL: nil).token(person: "maria", expires: Self.monday.addingTimeInterval(86_400))
        #expect(try await h.get("/checkin/\(other)").status == 403)
        let expired = h.links.token(person: "maria", expires: Self.monday.addingTimeInterval(-1))
        #expect(try await h.get("/checkin/\(expired)").status == 410)
        // Someone else's name spliced into a valid link's payload breaks the signature.
        let parts = token.split(separator: ".")
        let dana = Data("dana\n\(Int(Self.monday.timeIntervalSince1970) + 86_400)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(try await h.get("/checkin/\(dana).\(parts[1])").status == 403)

        // Posting needs the form's anti-forgery value.
        let nonce = try #require(Self.field("nonce", in: html))
        let formToken = try #require(Self.field("form", in: html))
        let fields = [("nonce", nonce), ("form", formToken), ("value.reseller-partners", "3"), ("confidence.reseller-partners", "6"),
                      ("comment.reseller-partners", "two signed <script>alert(1)</script>\nsnooze reseller-partners 4w"),
                      ("blockers", "legal has not reviewed the contract"), ("actions", "@li book a demo with ACME by Friday")]
        #expect(try await h.post("/checkin/\(token)", Self.form(fields.filter { $0.0 != "form" })).status == 403)
        #expect(try await h.post("/checkin/\(token)", Self.form(fields), headers: [("Sec-Fetch-Site", "cross-site")]).status == 403)
        // Another site's Origin (or, without one, Referer) is refused, even with a valid form token.
        #expect(try await h.post("/checkin/\(token)", Self.form(fields), headers: [("Origin", "https://evil.example")]).status == 403)
        #expect(try await h.post("/checkin/\(token)", Self.form(fields), headers: [("Origin", "null")]).status == 403)
        #expect(try await h.post("/checkin/\(token)", Self.form(fields), headers: [("Referer", "https://evil.example/page")]).status == 403)
        #expect(try await h.checkIns("reseller-partners").isEmpty)
        let own = String(h.base.dropFirst("http://".count))
        let posted = try await h.post("/checkin/\(token)", Self.form(fields), headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Origin", "http://\(own)")])
        #expect(posted.status == 200)
        let result = String(decoding: posted.body, as: UTF8.self)
        #expect(result.contains("Recorded"))
        #expect(!result.contains("<script>alert"), "a comment is shown escaped")
        let stored = try await h.checkIns("reseller-partners")
        #expect(stored.map(\.checkIn.value) == [3])
        #expect(stored.first?.checkIn.confidence == 6)
        #expect(stored.first?.source == "page")
        // The newline in a field did not become a command of its own.
        #expect(try await h.store.escalationStates()["reseller-partners"]?.memory.snoozedUntil == nil)
        #expect(try await h.store.openBlockers().count == 1)
        #expect(try await h.store.actionItems(openOnly: true).map(\.owner) == ["li"])
        // A double submit of the same form records once.
        _ = try await h.post("/checkin/\(token)", Self.form(fields))
        #expect(try await h.checkIns("reseller-partners").count == 1)
    }

    @Test("/healthz writes to tell the truth: a store that reads but cannot write is 503 with the reason, and recovers")
    func healthWriteProbe() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        #expect(try await h.get("/healthz").status == 200)
        #expect(try await h.store.meta("health_probe") != nil)
        // A full disk: reads work, writes fail. Within ten seconds the last probe stands...
        h.gate.failApplies(true)
        h.clock.advance(by: 5)
        #expect(try await h.get("/healthz").status == 200)
        // ...then the next probe finds out.
        h.clock.advance(by: 6)
        let sick = try await h.get("/healthz")
        #expect(sick.status == 503)
        #expect((Self.json(sick)["store"] as? String) == "cannot write: the disk is full", "\(Self.json(sick))")
        // The database's path is not told to whoever asks.
        #expect(!String(decoding: sick.body, as: UTF8.self).contains(".sqlite"))
        h.gate.failApplies(false)
        h.clock.advance(by: 11)
        #expect(try await h.get("/healthz").status == 200)
    }

    @Test("/metrics is what Prometheus accepts: HELP and TYPE for every family, okrd_build_info, counters from 0; promtool agrees")
    func metricsExposition() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        _ = try await h.post("/slack/commands", Array("x=1".utf8))
        let text = String(decoding: try await h.get("/metrics").body, as: UTF8.self)
        let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        // A histogram's samples (_bucket, _sum, _count) belong to the family named without the suffix.
        let families = Set(samples.map { sample -> String in
            let name = String(sample.prefix { $0 != "{" && $0 != " " })
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
                let base = String(name.dropLast(suffix.count))
                if text.contains("# TYPE \(base) histogram") { return base }
            }
            return name
        })
        #expect(families.count >= 5)
        for family in families {
            #expect(text.contains("# HELP \(family) "), "no HELP for \(family)")
            #expect(text.contains("# TYPE \(family) "), "no TYPE for \(family)")
        }
        #expect(text.contains(#"okrd_build_info{"#) && text.contains(#"version=""#) && text.contains(#"libcurl=""#), "\(text)")
        #expect(text.contains(#"okrd_escalations_total{level="2"} 0"#), "\(text)")
        // Durations as histograms: a reply's, and each destination's deliveries (from 0).
        #expect(text.contains("# TYPE okrd_reply_duration_seconds histogram"), "\(text)")
        #expect(text.contains(#"okrd_reply_duration_seconds_bucket{le="0.005"}"#), "\(text)")
        let prepared = OKRMetrics()
        prepared.prepare(teams: [], destinations: ["emea-slack"], platforms: [])
        prepared.delivery(destination: "emea-slack", outcome: "sent", duration: .milliseconds(120))
        let delivered = await prepared.exposition(store: h.store, now: Self.monday)
        #expect(delivered.contains("# TYPE okrd_delivery_duration_seconds histogram"), "\(delivered)")
        #expect(delivered.contains(#"okrd_delivery_duration_seconds_count{destination="emea-slack"} 1"#), "\(delivered)")
        // The process basics, read from /proc.
        for name in ["process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds", "process_max_fds", "process_start_time_seconds"] {
            #expect(text.contains("# TYPE \(name) "), "no \(name)")
        }
        let resident = text.split(separator: "\n").first { $0.hasPrefix("process_resident_memory_bytes ") }.flatMap { Double($0.split(separator: " ")[1]) } ?? 0
        #expect(resident > 1_000_000)
        // Prometheus's own checker, where it is installed (Tests/run-all.sh installs it).
        let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let promtool else {
            if ProcessInfo.processInfo.environment["OKRD_REQUIRE_PROMTOOL"] == "1" { Issue.record("promtool is required here and missing") }
            return
        }
        let checked = try ProcessRunner.run(URL(fileURLWithPath: promtool), ["check", "metrics"], stdin: text)
        #expect(checked.status == 0, "promtool check metrics: \(checked.stdout) \(checked.stderr)")
    }

    @Test("An alert split into parts is counted once in okrd_escalations_total")
    func escalationsCountedOnce() async throws {
        let discord = Destination(name: "leads", platform: .discord, url: Secret("https://discord.com/api/webhooks/1/x", source: "test"), ratePerSecond: 0)
        let writer = OutboxWriter(destinations: [discord], directory: Directory(people: []))
        // Long enough for Discord's 2,000 characters to split it.
        let lines = (1...60).map { ChatMessage.Line([.text("key result \($0): 12 points behind the expected pace, no check-in for 9 days")]) }
        let alert = ChatMessage(kind: .alert, title: "At risk", sections: [.init(lines: lines)])
        let changes = try writer.enqueue(alert, to: "leads", key: "alert:emea:2026-W48", at: Self.monday)
        #expect(changes.count > 1, "the alert must be split for this test to mean anything")
        let metrics = OKRMetrics()
        metrics.queued(changes, team: "emea")
        let dir = NSTemporaryDirectory() + "okrd-metrics-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir + "/okrd.sqlite")
        let text = await metrics.exposition(store: store, now: Self.monday)
        try await store.close()
        #expect(text.contains(#"okrd_escalations_total{level="2"} 1"#), "\(text)")
    }

    @Test("Mattermost buttons and dialogs: Check in opens the clicker's dialog on the server, a submission is recorded with okrd's token only, forged contexts and other people's dialogs record nothing")
    func mattermostDialogs() async throws {
        let dialogs = Mutex<[[UInt8]]>([])
        let server = try await TestHTTPServer.start { request in
            guard request.path == "/api/v4/actions/dialogs/open" else { return .json(404, #"{"id":"api.context.404.app_error"}"#) }
            dialogs.withLock { $0.append(request.body) }
            return .json(200, #"{"status":"OK"}"#)
        }
        let h = try await Self.start(mattermostServer: server.baseURL)
        defer { Task { await h.stop(); await server.shutdown() } }

        // The prompt to a Mattermost channel carries the buttons, each with okrd's token in its context.
        let channel = Destination(name: "terminal", platform: .mattermost, url: Secret("https://chat.example.com/hooks/abc", source: "test"))
        let queued = try await h.promptQueued(to: channel)
        let rendered = try #require(queued.last?.rendered?.body)
        let attachments = ((try JSONSerialization.jsonObject(with: Data(rendered))) as? [String: Any])?["attachments"] as? [[String: Any]] ?? []
        let button = try #require((attachments.first?["actions"] as? [[String: Any]])?.first)
        let integration = try #require(button["integration"] as? [String: Any])
        #expect(integration["url"] as? String == "https://okrd.example.com/mattermost/actions")
        let context = try #require(integration["context"] as? [String: Any])
        let contextJSON = String(decoding: try JSONSerialization.data(withJSONObject: context), as: UTF8.self)

        // The Mattermost server posts Maria's click: okrd asks the server to open her dialog.
        func post(_ path: String, _ json: String) async throws -> [String: Any] {
            let response = try await h.post(path, Array(json.utf8), headers: [("Content-Type", "application/json")])
            #expect(response.status == 200)
            return Self.json(response)
        }
        let opened = try await post("/mattermost/actions", #"{"user_id":"u-maria","user_name":"maria.keller","trigger_id":"trig-1","post_id":"p1","context":\#(contextJSON)}"#)
        #expect(opened.isEmpty, "\(opened)")
        let request = try #require(dialogs.withLock { $0.first }.flatMap { (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any] })
        #expect(request["trigger_id"] as? String == "trig-1")
        #expect(request["url"] as? String == "https://okrd.example.com/mattermost/dialogs")
        let dialog = try #require(request["dialog"] as? [String: Any])
        let names = (dialog["elements"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("value:reseller-partners") && !names.contains("value:reseller-pipeline"), "\(names)")
        #expect((dialog["elements"] as? [[String: Any]] ?? []).allSatisfy { ($0["display_name"] as? String ?? "").count <= 24 })
        let state = try #require(dialog["state"] as? String)

        // She submits it: recorded. A confidence without its value stays on the dialog as an error.
        let problem = try await post("/mattermost/dialogs", #"{"type":"dialog_submission","callback_id":"okrd_checkin","state":"\#(state)","user_id":"u-maria","user_name":"maria.keller","submission":{"confidence:reseller-deals":"6"},"cancelled":false}"#)
        #expect((problem["errors"] as? [String: String])?["value:reseller-deals"] != nil, "\(problem)")
        let done = try await post("/mattermost/dialogs", #"{"type":"dialog_submission","callback_id":"okrd_checkin","state":"\#(state)","user_id":"u-maria","user_name":"maria.keller","submission":{"value:reseller-partners":3,"confidence:reseller-partners":"8","comment:reseller-partners":"Nordics signed"},"cancelled":false}"#)
        #expect(done.isEmpty, "\(done)")
        let stored = try await h.checkIns("reseller-partners")
        #expect(stored.map(\.checkIn.value) == [3])
        #expect(stored.first?.checkIn.confidence == 8)

        // Li submits Maria's dialog (a state he saw somewhere): refused. A context with another
        // value under Maria's token, or no token at all: refused, nothing asked of the server.
        let impostor = try await post("/mattermost/dialogs", #"{"type":"dialog_submission","callback_id":"okrd_checkin","state":"\#(state)","user_id":"u-li","user_name":"li.wei","submission":{"value:reseller-partners":5},"cancelled":false}"#)
        #expect(impostor["error"] != nil)
        var tampered = context
        tampered["value"] = "sales-americas"
        let tamperedJSON = String(decoding: try JSONSerialization.data(withJSONObject: tampered), as: UTF8.self)
        let forged = try await post("/mattermost/actions", #"{"user_id":"u-maria","user_name":"maria.keller","trigger_id":"trig-2","context":\#(tamperedJSON)}"#)
        #expect((forged["ephemeral_text"] as? String ?? "").contains("not okrd's"))
        let bare = try await post("/mattermost/actions", #"{"user_id":"u-maria","user_name":"maria.keller","trigger_id":"trig-3","context":{"action":"okrd_reply","value":"|done AI-1"}}"#)
        #expect(bare["ephemeral_text"] != nil)
        #expect(dialogs.withLock { $0.count } == 1)
        #expect(try await h.checkIns("reseller-partners").count == 1)

        // A /okr answer that asks back carries Yes / No; Li's Yes on Maria's question counts for
        // nothing, Maria's records the proposed value.
        let command = Self.form([("user_id", "u-maria"), ("user_name", "maria.keller"), ("command", "/okr"), ("trigger_id", "tr9"), ("text", "reseller-deals 5 i think")])
        let asked = Self.json(try await h.post("/mattermost", command, headers: [("Authorization", "Token \(Self.mattermostToken)"), ("Content-Type", "application/x-www-form-urlencoded")]))
        let yes = try #require(((asked["attachments"] as? [[String: Any]])?.first?["actions"] as? [[String: Any]])?.first { ($0["name"] as? String)?.hasPrefix("Yes") == true })
        let yesContext = try #require((yes["integration"] as? [String: Any])?["context"] as? [String: Any])
        let yesJSON = String(decoding: try JSONSerialization.data(withJSONObject: yesContext), as: UTF8.self)
        let wrongPerson = try await post("/mattermost/actions", #"{"user_id":"u-li","user_name":"li.wei","post_id":"p9","context":\#(yesJSON)}"#)
        #expect((wrongPerson["ephemeral_text"] as? String ?? "").contains("Maria Keller"), "\(wrongPerson)")
        #expect(try await h.checkIns("reseller-deals").isEmpty)
        _ = try await post("/mattermost/actions", #"{"user_id":"u-maria","user_name":"maria.keller","post_id":"p9","context":\#(yesJSON)}"#)
        #expect(try await h.checkIns("reseller-deals").map(\.checkIn.value) == [5])
    }

    @Test("Platforms without callbacks: prompts carry one button per person to their own check-in page (Google Chat openLink, Teams Action.OpenUrl, Discord link buttons)")
    func linkButtons() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        let organization = h.config.organization
        let team = try #require(organization.team("sales-emea"))
        let chat = Destination(name: "terminal", platform: .googlechat, url: Secret("https://chat.googleapis.com/v1/spaces/S/messages?key=K&token=T", source: "test"))
        let queued = try await h.promptQueued(to: chat)
        let message = try #require(queued.last.flatMap { ChatMessage(jsonBytes: $0.payload) })
        let buttons = message.buttons ?? []
        let prompted = team.members.filter { !organization.keyResults(ownedBy: $0).isEmpty }
        #expect(buttons.count == prompted.count, "\(buttons.map(\.label))")
        #expect(buttons.allSatisfy { $0.link?.hasPrefix("https://okrd.example.com/checkin/") == true })
        // Each button is its person's own link: the page it opens greets that person.
        let maria = try #require(buttons.first { $0.value == "maria" }?.link)
        let page = try await h.get(String(maria.dropFirst("https://okrd.example.com".count)))
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("Maria Keller"))
        // As each platform draws it.
        let google = String(decoding: try #require(queued.last?.rendered?.body), as: UTF8.self)
        #expect(google.contains(#""openLink":{"url":"\#(maria)"}"#), "\(google.prefix(400))")
        let teams = String(decoding: Renderers.renderer(for: .teams).render(message, directory: Directory(people: organization.people)).body, as: UTF8.self)
        #expect(teams.contains(#""type":"Action.OpenUrl""#) && teams.contains(maria))
        let discord = String(decoding: Renderers.renderer(for: .discord).render(message, directory: Directory(people: organization.people)).body, as: UTF8.self)
        #expect(discord.contains(#""style":5"#) && discord.contains(maria) && !discord.contains("custom_id"))

        // Slack that takes replies but has no bot token for forms: the reply example stays, and
        // each person gets a button to their page.
        let slack = Destination(name: "terminal", platform: .slack, url: Secret("https://hooks.slack.com/services/T/B/X", source: "test"))
        let slackPrompt = try #require(try await h.promptQueued(to: slack).last.flatMap { ChatMessage(jsonBytes: $0.payload) })
        #expect(slackPrompt.buttons?.allSatisfy { $0.link != nil } == true)
        #expect(slackPrompt.buttons?.count == prompted.count)
        #expect(slackPrompt.sections.flatMap(\.lines).flatMap(\.inlines).contains(.text(" reply like: ")))
    }

    @Test("/healthz and /metrics report the store, the outbox and what the endpoints did")
    func healthAndMetrics() async throws {
        let h = try await Self.start()
        defer { Task { await h.stop() } }
        let health = try await h.get("/healthz")
        #expect(health.status == 200)
        #expect(Self.json(health)["status"] as? String == "ok")
        #expect(health.headers["Date"]?.hasSuffix(" GMT") == true)
        #expect(try await h.get("/no/such/page").status == 404)
        #expect((Self.json(health)["outbox"] as? [String: Any])?["pending"] as? Int == 0)
        _ = try await h.post("/slack/commands", Array("x=1".utf8))
        let metrics = String(decoding: try await h.get("/metrics").body, as: UTF8.self)
        #expect(metrics.contains(#"okrd_inbound_requests_total{endpoint="/slack/commands",outcome="unauthenticated"} 1"#), "\(metrics)")
        // Shared figures read from the database are labelled so, so replicas are not summed.
        #expect(metrics.contains(#"okrd_outbox_messages{state="pending",scope="database"} 0"#), "\(metrics)")
        #expect(metrics.contains("okrd_leader 0") || metrics.contains("okrd_leader 1"))
        #expect(!metrics.contains(Self.slackSecret))
    }

    @Test("The dashboard: without a token loopback only, and nothing once published; escaped text, radar charts; chart images need a signed link")
    func dashboard() async throws {
        // Published (server.public_url) without a token: closed, even to a proxy on this machine
        // that adds no forwarding header (nginx's plain proxy_pass).
        let published = try await Self.start()
        #expect(try await published.get("/dashboard").status == 401)
        await published.stop()

        let h = try await Self.start(published: false)
        defer { Task { await h.stop() } }
        let processor = ReplyIntake(organization: h.config.organization, store: h.store)
        _ = try await processor.process(ReplyInput(author: "maria", text: "reseller-partners 2\naction: @li call <script>alert(1)</script> by Friday", at: Self.monday))
        let page = try await h.get("/dashboard")
        #expect(page.status == 200)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("Sales EMEA"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("<script>"))
        // Statuses are words with a CSS dot, legible without an emoji font.
        #expect(html.contains("<span class=\"dot\"></span> on track") || html.contains("<span class=\"dot\"></span> at risk") || html.contains("<span class=\"dot\"></span> no data"))
        for emoji in ["🟢", "🟡", "🔴", "⚪", "✅"] { #expect(!html.contains(emoji), "\(emoji) in the dashboard") }
        #expect(page.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true)
        // Through a proxy the peer is not "this machine" any more.
        var proxied = HTTPRequest(method: .get, url: h.base + "/dashboard")
        proxied.headers.add("X-Forwarded-For", "203.0.113.9")
        #expect(try await h.client.send(proxied).status == 401)

        let token = h.links.token(person: "team:sales-emea", expires: Self.monday.addingTimeInterval(86_400))
        let png = try await h.get("/charts/\(token).png")
        #expect(png.status == 200)
        #expect(png.headers["Content-Type"] == "image/png")
        #expect(Array(png.body.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        let person = h.links.token(person: "maria", expires: Self.monday.addingTimeInterval(86_400))
        #expect(try await h.get("/charts/\(person).png").status == 404)
        #expect(try await h.get("/charts/forged.png").status == 404)
    }

    @Test("Dashboard access rules with a token")
    func dashboardToken() throws {
        var config = try ConfigLoader(environment: ["HOME": "/tmp"], now: Self.monday).load(path: ConfigLoaderTests.examplePath)
        config.server.dashboardToken = Secret("s3cret-dashboard", source: "test")
        #expect(Dashboard.access(config: config, headers: InboundHeaders([]), query: [:], peerIsLoopback: true) == .needsToken)
        #expect(Dashboard.access(config: config, headers: InboundHeaders([("Authorization", "Bearer s3cret-dashboard")]), query: [:], peerIsLoopback: false) == .allowed)
        #expect(Dashboard.access(config: config, headers: InboundHeaders([]), query: ["token": "nope"], peerIsLoopback: true) == .wrongToken)
        // Without a token: loopback only, and never once okrd is published.
        config.server.dashboardToken = nil
        config.server.publicURL = nil
        #expect(Dashboard.access(config: config, headers: InboundHeaders([]), query: [:], peerIsLoopback: true) == .allowed)
        #expect(Dashboard.access(config: config, headers: InboundHeaders([("X-Forwarded-For", "203.0.113.9")]), query: [:], peerIsLoopback: true) == .needsToken)
        config.server.publicURL = "https://okrd.example.com"
        #expect(Dashboard.access(config: config, headers: InboundHeaders([]), query: [:], peerIsLoopback: true) == .needsToken)
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
