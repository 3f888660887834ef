import Crypto
import CurlHTTP
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import OKRWorkflows
import Synchronization
import Testing

/// The reply server spoken to with requests signed by each platform's own library (slack_sdk,
/// PyNaCl, standardwebhooks from PyPI; `Tests/platform-sign.py`), not by okrd's own helpers: a
/// mistake okrd made on both sides of its own tests would show here.
/// `Tests/run-all.sh` installs the libraries beside Synapse; without them the suite is skipped,
/// unless `OKRD_REQUIRE_SYNAPSE=1`.
@Suite("Requests signed by each platform's own library", .enabled(if: SynapseServer.isAvailable))
struct PlatformLibraryTests {
    typealias H = ReplyServerTests

    static func sign(_ platform: String, key: String, body: [UInt8], at date: Date = H.monday, id: String? = nil) throws -> [(String, String)] {
        let script = #filePath.replacingOccurrences(of: "OKRDaemonTests/PlatformLibraryTests.swift", with: "platform-sign.py")
        let arguments = [script, platform, key, "\(Int(date.timeIntervalSince1970))"] + (id.map { [$0] } ?? [])
        // The body goes in as text: every body these tests sign is UTF-8.
        let result = try ProcessRunner.run(URL(fileURLWithPath: SynapseServer.python), arguments, stdin: String(decoding: body, as: UTF8.self))
        guard result.status == 0, let pairs = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]] else {
            throw SigningFailed(description: "platform-sign.py \(platform) failed: \(result.stderr)")
        }
        return pairs.map { ($0[0], $0[1]) }
    }

    struct SigningFailed: Error, CustomStringConvertible {
        var description: String
    }

    static let discordSeedHex = H.discordSeed.map { String(format: "%02x", $0) }.joined()
    static let webhookSecret = "whsec_" + Data(H.webhookKey).base64EncodedString()

    @Test("Slack (slack_sdk): 20 replies in a row each confirm the state after them; another secret, a stale stamp and a stranger record nothing")
    func slack() async throws {
        let h = try await H.start()
        defer { Task { await h.stop() } }
        let organization = h.config.organization
        let kr = try #require(organization.keyResult("reseller-pipeline"))
        for n in 1...20 {
            // Li, every few minutes, at any fraction of a second.
            h.clock.advance(by: 217.37)
            let body = H.form([("command", "/okr"), ("text", "reseller-pipeline $\(n * 12)k"), ("user_id", "U02LIWEI"), ("trigger_id", "trigger-\(n)")])
            let headers = try Self.sign("slack", key: H.slackSecret, body: body, at: h.clock.now()) + [("Content-Type", "application/x-www-form-urlencoded")]
            let answer = try await h.post("/slack/commands", body, headers: headers)
            #expect(answer.status == 200)
            let text = H.json(answer)["text"] as? String ?? ""
            let report = try await Snapshot.load(organization, store: h.store, at: h.clock.now().storable).report(for: kr)
            #expect(report.currentValue == Double(n * 12_000))
            let percent = { (f: Double) in "\(Int((f * 100).rounded()))%" }
            #expect(text.contains("Now \(report.status.label) \(report.status.emoji): \(percent(report.clampedProgress)) done"), "reply \(n): \(text)")
        }
        #expect(try await h.checkIns("reseller-pipeline").count == 20)

        let body = H.form([("command", "/okr"), ("text", "reseller-pipeline $1k"), ("user_id", "U02LIWEI"), ("trigger_id", "forged")])
        let forged = try Self.sign("slack", key: "0000000000000000aaaabbbbccccdddd", body: body, at: h.clock.now()) + [("Content-Type", "application/x-www-form-urlencoded")]
        #expect(try await h.post("/slack/commands", body, headers: forged).status == 401)
        let stale = try Self.sign("slack", key: H.slackSecret, body: body, at: h.clock.now().addingTimeInterval(-301)) + [("Content-Type", "application/x-www-form-urlencoded")]
        #expect(try await h.post("/slack/commands", body, headers: stale).status == 401)
        // A stranger who chose Li's handle and name as their user name.
        let impostor = H.form([("command", "/okr"), ("text", "reseller-pipeline $1k"), ("user_id", "U0STRANGE"), ("user_name", "U02LIWEI"),
                               ("trigger_id", "impostor")])
        let signed = try Self.sign("slack", key: H.slackSecret, body: impostor, at: h.clock.now()) + [("Content-Type", "application/x-www-form-urlencoded")]
        #expect((H.json(try await h.post("/slack/commands", impostor, headers: signed))["text"] as? String ?? "").contains("don't know you"))
        #expect(try await h.checkIns("reseller-pipeline").count == 20)
    }

    @Test("Slack events (slack_sdk): the confirmation is queued with the reply and the dispatcher woken at once")
    func slackEvents() async throws {
        let h = try await H.start()
        defer { Task { await h.stop() } }
        let body = Array(#"{"type":"event_callback","event_id":"EvLib1","event":{"type":"message","user":"U02MARIA","text":"reseller-partners 2","channel":"C1","ts":"9.1"}}"#.utf8)
        let headers = try Self.sign("slack", key: H.slackSecret, body: body, at: h.clock.now()) + [("Content-Type", "application/json")]
        #expect(try await h.post("/slack/events", body, headers: headers).status == 200)
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [2])
        #expect(try await h.store.outbox(OutboxFilter()).filter { $0.kind == "confirmation" }.count == 1)
        #expect(h.wakes.count.withLock { $0 } == 1)
    }

    @Test("Discord (PyNaCl): signed interactions are recorded; another key, and a stranger calling themselves maria, record nothing")
    func discord() async throws {
        let h = try await H.start()
        defer { Task { await h.stop() } }
        let command = Array(#"{"type":2,"id":"lib-1","member":{"user":{"id":"80351110224678912","username":"maria"}},"data":{"name":"okr","options":[{"name":"text","type":3,"value":"reseller-partners 3"}]}}"#.utf8)
        let headers = try Self.sign("discord", key: Self.discordSeedHex, body: command) + [("Content-Type", "application/json")]
        #expect(H.json(try await h.post("/discord/interactions", command, headers: headers))["type"] as? Int == 4)
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [3])

        let other = try Self.sign("discord", key: String(repeating: "ab", count: 32), body: command) + [("Content-Type", "application/json")]
        #expect(try await h.post("/discord/interactions", command, headers: other).status == 401)
        let impostor = Array(#"{"type":2,"id":"lib-2","member":{"user":{"id":"99999999999999999","username":"maria","global_name":"Maria Keller"}},"data":{"name":"okr","options":[{"name":"text","type":3,"value":"reseller-partners 0"}]}}"#.utf8)
        let signed = try Self.sign("discord", key: Self.discordSeedHex, body: impostor) + [("Content-Type", "application/json")]
        let refusal = (H.json(try await h.post("/discord/interactions", impostor, headers: signed))["data"] as? [String: Any])?["content"] as? String
        #expect(refusal?.contains("don't know you") == true)
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [3])
    }

    @Test("Standard Webhooks (standardwebhooks): recorded once per delivery id; another secret and a replayed id record nothing more")
    func webhook() async throws {
        let h = try await H.start()
        defer { Task { await h.stop() } }
        let body = Array(#"{"person":"maria","text":"reseller-partners 2"}"#.utf8)
        let headers = try Self.sign("webhook", key: Self.webhookSecret, body: body, id: "msg_lib_1") + [("Content-Type", "application/json")]
        #expect(H.json(try await h.post("/webhook", body, headers: headers))["recorded"] as? Bool == true)
        #expect(H.json(try await h.post("/webhook", body, headers: headers))["duplicate"] as? Bool == true)
        let other = try Self.sign("webhook", key: "whsec_" + Data(repeating: 7, count: 32).base64EncodedString(), body: body, id: "msg_lib_2")
            + [("Content-Type", "application/json")]
        #expect(try await h.post("/webhook", body, headers: other).status == 401)
        #expect(try await h.checkIns("reseller-partners").count == 1)
    }

    @Test("Teams (HMAC as Microsoft documents it): the aadObjectId decides, a display name never does")
    func teams() async throws {
        let h = try await H.start()
        defer { Task { await h.stop() } }
        let activity = Array(#"{"type":"message","id":"lib-1","text":"<at>okrd</at> reseller-partners 4","from":{"id":"29:1","name":"Maria Keller","aadObjectId":"d2f5c3a1-7e4b-4f0a-9c1d-2b8e6f4a0c11"},"conversation":{"id":"19:x"}}"#.utf8)
        let headers = try Self.sign("teams", key: H.teamsKey, body: activity) + [("Content-Type", "application/json")]
        #expect(try await h.post("/teams", activity, headers: headers).status == 200)
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [4])
        // Someone else named "Maria Keller" (Maria has a Teams handle): refused.
        let impostor = Array(#"{"type":"message","id":"lib-2","text":"<at>okrd</at> reseller-partners 0","from":{"id":"29:2","name":"Maria Keller","aadObjectId":"00000000-0000-0000-0000-000000000001"},"conversation":{"id":"19:x"}}"#.utf8)
        let signed = try Self.sign("teams", key: H.teamsKey, body: impostor) + [("Content-Type", "application/json")]
        #expect((H.json(try await h.post("/teams", impostor, headers: signed))["text"] as? String ?? "").contains("don't know you"))
        #expect(try await h.checkIns("reseller-partners").map(\.checkIn.value) == [4])
    }
}
