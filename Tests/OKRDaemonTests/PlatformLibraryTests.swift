import ChatPlatforms
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

    /// slack_sdk's verdict on a modal view or a message's blocks: "ok" or the problem.
    static func slackValidates(_ kind: String, _ json: [UInt8]) throws -> String {
        let script = #filePath.replacingOccurrences(of: "OKRDaemonTests/PlatformLibraryTests.swift", with: "platform-sign.py")
        let result = try ProcessRunner.run(URL(fileURLWithPath: SynapseServer.python), [script, kind, "-", "-"], stdin: String(decoding: json, as: UTF8.self))
        return (result.stdout + result.stderr).trimmingCharacters(in: .whitespacesAndNewlines)
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

    @Test("Slack check-in form (slack_sdk): the prompt's button opens the clicker's form, a submission is recorded once with its confirmation, problems stay on the form, strangers and forgers record nothing")
    func slackForm() async throws {
        // A fake Slack Web API: views.open checks the bot token and the trigger, as Slack does.
        let openedBodies = Mutex<[[UInt8]]>([])
        func opened() -> [[String: Any]] {
            openedBodies.withLock { $0 }.compactMap { (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any] }
        }
        let slack = try await TestHTTPServer.start { request in
            guard request.path == "/api/views.open" else { return .json(404, #"{"ok":false,"error":"unknown_method"}"#) }
            guard request.header("Authorization") == "Bearer \(H.slackBotToken)" else { return .json(200, #"{"ok":false,"error":"invalid_auth"}"#) }
            guard let json = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any], let trigger = json["trigger_id"] as? String,
                  json["view"] is [String: Any] else { return .json(200, #"{"ok":false,"error":"invalid_arguments"}"#) }
            if trigger.hasPrefix("stale") {
                return .json(200, #"{"ok":false,"error":"invalid_arguments","response_metadata":{"messages":["invalid `trigger_id`"]}}"#)
            }
            openedBodies.withLock { $0.append(request.body) }
            return .json(200, #"{"ok":true,"view":{"id":"V123"}}"#)
        }
        let h = try await H.start(slackAPI: slack.baseURL + "/api")
        defer { Task { await h.stop(); await slack.shutdown() } }
        let organization = h.config.organization

        // The prompt to a Slack destination carries the button (app webhooks call okrd back).
        let slackDestination = Destination(name: "terminal", platform: .slack, url: Secret("https://hooks.slack.com/services/T/B/X", source: "test"))
        let rendered = try await h.promptQueued(to: slackDestination, linked: false).map { String(decoding: $0.rendered?.body ?? [], as: UTF8.self) }
        #expect(rendered.contains { $0.contains(#""action_id":"okrd_open_checkin:0""#) && $0.contains(#""type":"actions""#) }, "\(rendered)")
        // slack_sdk's block models accept every part of it.
        for part in rendered { #expect(try Self.slackValidates("slack-blocks", Array(part.utf8)) == "ok") }

        func interact(_ payload: String, at date: Date? = nil, key: String = H.slackSecret) async throws -> HTTPResponse {
            let body = H.form([("payload", payload)])
            let headers = try Self.sign("slack", key: key, body: body, at: date ?? h.clock.now()) + [("Content-Type", "application/x-www-form-urlencoded")]
            return try await h.post("/slack/interactions", body, headers: headers)
        }
        func click(user: String, trigger: String) -> String {
            #"{"type":"block_actions","user":{"id":"\#(user)","username":"someone","team_id":"T1"},"api_app_id":"A1","trigger_id":"\#(trigger)","#
                + #""container":{"type":"message"},"actions":[{"type":"button","action_id":"okrd_open_checkin","block_id":"okrd-actions","value":"sales-emea","action_ts":"1"}]}"#
        }
        func submit(user: String, view: String, values: [String: String?]) -> String {
            let state = values.map { block, value -> String in
                let element = block.hasPrefix("confidence:")
                    ? #"{"type":"static_select","selected_option":\#(value.map { #"{"text":{"type":"plain_text","text":"\#($0)"},"value":"\#($0)"}"# } ?? "null")}"#
                    : #"{"type":"plain_text_input","value":\#(value.map { "\u{22}\($0)\u{22}" } ?? "null")}"#
                return #""\#(block)":{"v":\#(element)}"#
            }.joined(separator: ",")
            return #"{"type":"view_submission","user":{"id":"\#(user)"},"api_app_id":"A1","view":{"id":"\#(view)","callback_id":"okrd_checkin","hash":"h-\#(view)","private_metadata":"sales-emea","state":{"values":{\#(state)}}}}"#
        }

        // Li clicks: his own form opens, with his key results and their current values.
        #expect(try await interact(click(user: "U02LIWEI", trigger: "trigger-1")).status == 200)
        let form = try #require(opened().first)
        #expect(form["trigger_id"] as? String == "trigger-1")
        let view = try #require(form["view"] as? [String: Any])
        #expect(view["callback_id"] as? String == "okrd_checkin")
        // slack_sdk's view model (Slack's limits) accepts the form as okrd sent it.
        #expect(try Self.slackValidates("slack-view", Array(try JSONSerialization.data(withJSONObject: view))) == "ok")
        let blocks = (view["blocks"] as? [[String: Any]] ?? []).compactMap { $0["block_id"] as? String }
        let own = organization.keyResults(ownedBy: "li").map(\.key)
        #expect(own.contains("reseller-pipeline"))
        for key in own { #expect(blocks.contains("value:\(key)") && blocks.contains("confidence:\(key)") && blocks.contains("comment:\(key)"), "\(blocks)") }
        #expect(!blocks.contains("value:reseller-partners"))  // Maria's

        // He submits a value, a confidence and a comment: recorded once, confirmed in the channel.
        let filled = submit(user: "U02LIWEI", view: "V1", values: ["value:reseller-pipeline": "120000", "confidence:reseller-pipeline": "7",
                                                                   "comment:reseller-pipeline": "two deals in legal", "blocker": nil, "action": nil])
        let recorded = try await interact(filled)
        #expect(recorded.status == 200)
        #expect(recorded.body.isEmpty, "\(String(decoding: recorded.body, as: UTF8.self))")
        let stored = try await h.checkIns("reseller-pipeline")
        #expect(stored.map(\.checkIn.value) == [120_000])
        #expect(stored.first?.checkIn.confidence == 7)
        #expect(stored.first?.checkIn.comment?.contains("two deals in legal") == true)
        #expect(try await h.store.outbox(OutboxFilter()).filter { $0.kind == "confirmation" }.count == 1)
        #expect(h.wakes.count.withLock { $0 } == 1)
        // Slack retries the same submission: recognised, nothing more recorded.
        #expect(try await interact(filled).status == 200)
        #expect(try await h.checkIns("reseller-pipeline").count == 1)

        // A confidence without a value, and a value the parser would ask about, stay on the form.
        let noValue = try await interact(submit(user: "U02LIWEI", view: "V2", values: ["confidence:churn": "5"]))
        let errors = (H.json(noValue)["errors"] as? [String: String]) ?? [:]
        #expect(H.json(noValue)["response_action"] as? String == "errors")
        #expect(errors["value:churn"]?.contains("value") == true, "\(errors)")
        let implausible = try await interact(submit(user: "U02LIWEI", view: "V3", values: ["value:reseller-pipeline": "250000000"]))
        #expect(H.json(implausible)["response_action"] as? String == "errors", "\(String(decoding: implausible.body, as: UTF8.self))")
        #expect((H.json(implausible)["errors"] as? [String: String])?["value:reseller-pipeline"] != nil)
        #expect(try await h.checkIns("reseller-pipeline").count == 1)
        #expect(try await h.checkIns("churn").isEmpty)
        // A comment that names another key result with a number records neither: it is shown on the field.
        let sneaky = try await interact(submit(user: "U02LIWEI", view: "V5", values: ["value:reseller-pipeline": "130000",
                                                                                    "comment:reseller-pipeline": "waiting on legal, churn 9"]))
        #expect(H.json(sneaky)["response_action"] as? String == "errors", "\(String(decoding: sneaky.body, as: UTF8.self))")
        #expect(try await h.checkIns("reseller-pipeline").count == 1)
        #expect(try await h.checkIns("churn").isEmpty)

        // A stranger's click opens only a notice; their submission records nothing.
        #expect(try await interact(click(user: "U0STRANGE", trigger: "trigger-2")).status == 200)
        let notice = try #require(opened().last?["view"] as? [String: Any])
        #expect(notice["callback_id"] == nil)
        #expect(String(describing: notice["blocks"] ?? "").contains("know you yet"))
        let stranger = try await interact(submit(user: "U0STRANGE", view: "V4", values: ["value:reseller-pipeline": "1"]))
        #expect(H.json(stranger)["response_action"] as? String == "errors")
        #expect(try await h.checkIns("reseller-pipeline").count == 1)

        // A forged signature and a stale stamp are refused before anything is read.
        #expect(try await interact(filled, key: "0000000000000000aaaabbbbccccdddd").status == 401)
        #expect(try await interact(click(user: "U02LIWEI", trigger: "trigger-3"), at: h.clock.now().addingTimeInterval(-301)).status == 401)
        #expect(opened().count == 2)
        // A trigger Slack no longer takes: answered, nothing breaks.
        #expect(try await interact(click(user: "U02LIWEI", trigger: "stale-1")).status == 200)
    }

    @Test("Slack buttons (slack_sdk): Done closes an action item for whoever may close it, Yes/No answer okrd's question only for the person it asked")
    func slackButtons() async throws {
        let responses = Mutex<[String: String]>([:])
        let slack = try await TestHTTPServer.start { request in
            if request.path.hasPrefix("/respond/") {
                responses.withLock { $0[request.path] = request.text }
                return .text(200, "ok")
            }
            return .json(200, #"{"ok":true}"#)
        }
        let h = try await H.start(slackAPI: slack.baseURL + "/api")
        defer { Task { await h.stop(); await slack.shutdown() } }
        func command(_ text: String, user: String, trigger: String) async throws -> HTTPResponse {
            let body = H.form([("command", "/okr"), ("text", text), ("user_id", user), ("trigger_id", trigger)])
            let headers = try Self.sign("slack", key: H.slackSecret, body: body, at: h.clock.now()) + [("Content-Type", "application/x-www-form-urlencoded")]
            return try await h.post("/slack/commands", body, headers: headers)
        }
        func press(_ value: String, user: String, respond: String) async throws -> HTTPResponse {
            let payload = #"{"type":"block_actions","user":{"id":"\#(user)"},"trigger_id":"t","response_url":"\#(slack.baseURL)/respond/\#(respond)","#
                + #""container":{"type":"message","message_ts":"\#(respond)"},"actions":[{"type":"button","action_id":"okrd_reply","value":"\#(value)","action_ts":"1"}]}"#
            let body = H.form([("payload", payload)])
            let headers = try Self.sign("slack", key: H.slackSecret, body: body, at: h.clock.now()) + [("Content-Type", "application/x-www-form-urlencoded")]
            return try await h.post("/slack/interactions", body, headers: headers)
        }
        func answered(_ path: String) async throws -> String {
            for _ in 0..<100 {
                if let text = responses.withLock({ $0["/respond/\(path)"] }) { return text }
                try await Task.sleep(for: .milliseconds(20))
            }
            return ""
        }

        // Li records an action item; the prompt shows it with a Done button.
        #expect(try await command("action: @li call ACME about the renewal by Friday", user: "U02LIWEI", trigger: "c1").status == 200)
        let items = try await h.store.actionItems(openOnly: true)
        let item = try #require(items.first { $0.owner == "li" })
        let snapshot = try await Snapshot.load(h.config.organization, store: h.store, at: h.clock.now())
        let emea = try #require(h.config.organization.team("sales-emea"))
        let prompt = try #require(PromptBuilder(snapshot: snapshot, onlyAtWork: false).prompt(for: emea))
        #expect(prompt.buttons?.contains { $0.label == "Done AI-\(item.id)" && $0.value == "|done AI-\(item.id)" } == true)

        // Carlos (another team) presses it: refused by name, still open. Li presses it: closed.
        #expect(try await press("|done AI-\(item.id)", user: "U03CARLOS", respond: "1").status == 200)
        #expect(try await answered("1").contains("AI-\(item.id)"))
        #expect(try await h.store.actionItems(openOnly: true).contains { $0.id == item.id })
        #expect(try await press("|done AI-\(item.id)", user: "U02LIWEI", respond: "2").status == 200)
        #expect(!(try await answered("2")).isEmpty)
        #expect(try await !h.store.actionItems(openOnly: true).contains { $0.id == item.id })

        // okrd asks Li about a doubtful value: the answer carries Yes / No for him alone.
        let asked = try await command("reseller-pipeline 120k i think", user: "U02LIWEI", trigger: "c2")
        let json = H.json(asked)
        let actions = (json["blocks"] as? [[String: Any]] ?? []).first { $0["type"] as? String == "actions" }
        let values = (actions?["elements"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        // For Li, and for this question (asked at that instant).
        #expect(values.count == 2 && values[0].hasPrefix("li@") && values[0].hasSuffix("|yes") && values[1].hasSuffix("|no"), "\(json)")
        let yes = try #require(values.first)
        #expect(try await h.checkIns("reseller-pipeline").isEmpty)
        // Maria presses Yes on Li's question: nothing recorded for anyone.
        #expect(try await press(yes, user: "U02MARIA", respond: "3").status == 200)
        #expect(try await answered("3").contains("Li Wei"))
        #expect(try await h.checkIns("reseller-pipeline").isEmpty)
        // Li presses Yes: the proposed value is recorded; a second press is the same delivery.
        #expect(try await press(yes, user: "U02LIWEI", respond: "4").status == 200)
        #expect(try await h.checkIns("reseller-pipeline").map(\.checkIn.value) == [120_000])
        #expect(try await press(yes, user: "U02LIWEI", respond: "4").status == 200)
        #expect(try await h.checkIns("reseller-pipeline").count == 1)
        // The same button on another message later: the question is settled, it answers nothing.
        #expect(try await press(yes, user: "U02LIWEI", respond: "5").status == 200)
        #expect(try await answered("5").contains("no longer open"))
        #expect(try await h.checkIns("reseller-pipeline").count == 1)
    }

    @Test("Discord buttons and forms (PyNaCl): Check in lists the clicker's key results, each opens its modal, a submission in either shape is recorded once; strangers and others' key results record nothing")
    func discordForms() async throws {
        let h = try await H.start()
        defer { Task { await h.stop() } }
        let organization = h.config.organization

        // A prompt to a webhook okrd's application owns carries the buttons, sent with_components.
        var owned = Destination(name: "terminal", platform: .discord, url: Secret("https://discord.com/api/webhooks/1/abc", source: "test"))
        owned.applicationOwned = true
        let queued = try await h.promptQueued(to: owned, linked: false)
        // A long prompt is split to fit Discord's 2,000 characters: the buttons close its last part.
        let body = try #require(queued.last?.rendered?.body)
        #expect(String(decoding: body, as: UTF8.self).contains(#""custom_id":"okrd:checkin:sales-emea""#))
        #expect(queued.dropLast().allSatisfy { !String(decoding: $0.rendered?.body ?? [], as: UTF8.self).contains("okrd:checkin") })
        let request = try #require(owned.request(for: RenderedMessage(body: body, contentType: "application/json", notified: [], size: 0), key: "k", now: h.clock.now()))
        #expect(request.url.contains("with_components=true"))

        func interact(_ json: String, key: String = Self.discordSeedHex) async throws -> HTTPResponse {
            let body = Array(json.utf8)
            return try await h.post("/discord/interactions", body, headers: try Self.sign("discord", key: key, body: body) + [("Content-Type", "application/json")])
        }
        func component(_ id: String, user: String, custom: String) -> String {
            #"{"type":3,"id":"\#(id)","token":"t","member":{"user":{"id":"\#(user)","username":"x"}},"message":{"id":"m1"},"data":{"custom_id":"\#(custom)","component_type":2}}"#
        }
        func content(_ answer: [String: Any]) -> String {
            let data = answer["data"] as? [String: Any] ?? [:]
            return data["content"] as? String ?? ""
        }
        let maria = "80351110224678912"
        // Maria has several key results: a list of them, seen by her alone.
        let list = H.json(try await interact(component("c1", user: maria, custom: "okrd:checkin:sales-emea")))
        #expect(list["type"] as? Int == 4)
        let listData = list["data"] as? [String: Any] ?? [:]
        #expect(listData["flags"] as? Int == 64)
        let choices = (listData["components"] as? [[String: Any]] ?? []).flatMap { $0["components"] as? [[String: Any]] ?? [] }.compactMap { $0["custom_id"] as? String }
        let kpis = organization.kpis(reportableBy: "maria")
        let own = (organization.keyResults(ownedBy: "maria").map(\.key) + kpis.map(\.key)).map { "okrd:kr:\($0)" }
        #expect(choices == own, "\(choices)")
        // A KPI of hers opens a form with its value alone, and records it.
        if let kpi = kpis.first {
            let kpiModal = H.json(try await interact(component("k1", user: maria, custom: "okrd:kr:\(kpi.key)")))
            #expect(((kpiModal["data"] as? [String: Any])?["components"] as? [[String: Any]])?.count == 1)
            let value = kpi.unit.format(kpi.target).filter { $0.isNumber || $0 == "." }
            let kpiSubmit = #"{"type":5,"id":"k2","token":"t","member":{"user":{"id":"\#(maria)"}},"data":{"custom_id":"okrd:form:\#(kpi.key)","components":["#
                + #"{"type":18,"component":{"type":4,"custom_id":"value","value":"\#(value)"}}]}}"#
            let kpiAnswer = content(H.json(try await interact(kpiSubmit)))
            #expect(kpiAnswer.contains(kpi.key), "\(kpiAnswer)")
        }
        // One of them opens its modal.
        let modal = H.json(try await interact(component("c2", user: maria, custom: "okrd:kr:reseller-partners")))
        #expect(modal["type"] as? Int == 9)
        let modalData = modal["data"] as? [String: Any] ?? [:]
        #expect(modalData["custom_id"] as? String == "okrd:form:reseller-partners")
        #expect((modalData["components"] as? [[String: Any]])?.count == 5)  // value, confidence, comment, blocker, action item

        // She submits it (labels, as Discord sends them now): recorded, confirmed to her alone.
        let submit = #"{"type":5,"id":"s1","token":"t","member":{"user":{"id":"\#(maria)"}},"data":{"custom_id":"okrd:form:reseller-partners","components":["#
            + #"{"type":18,"id":1,"component":{"type":4,"id":2,"custom_id":"value","value":"3"}},"#
            + #"{"type":18,"id":3,"component":{"type":3,"id":4,"custom_id":"confidence","values":["8"]}},"#
            + #"{"type":18,"id":5,"component":{"type":4,"id":6,"custom_id":"comment","value":"Nordics signed"}},"#
            + #"{"type":18,"id":7,"component":{"type":4,"id":8,"custom_id":"blocker","value":"legal has not reviewed the DACH contract"}},"#
            + #"{"type":18,"id":9,"component":{"type":4,"id":10,"custom_id":"action","value":""}}]}}"#
        let recorded = H.json(try await interact(submit))
        #expect(recorded["type"] as? Int == 4)
        #expect(content(recorded).contains("reseller-partners"), "\(recorded)")
        let stored = try await h.checkIns("reseller-partners")
        #expect(stored.map(\.checkIn.value) == [3])
        #expect(stored.first?.checkIn.confidence == 8)
        #expect(try await h.store.openBlockers().contains { $0.text.contains("DACH contract") && $0.author == "maria" })
        // The same interaction again (a retry): nothing more.
        _ = try await interact(submit)
        #expect(try await h.checkIns("reseller-partners").count == 1)
        // The legacy shape (action rows) reads the same.
        let legacy = #"{"type":5,"id":"s2","token":"t","member":{"user":{"id":"\#(maria)"}},"data":{"custom_id":"okrd:form:reseller-deals","components":["#
            + #"{"type":1,"components":[{"type":4,"custom_id":"value","value":"4"}]},{"type":1,"components":[{"type":4,"custom_id":"comment","value":""}]}]}}"#
        _ = try await interact(legacy)
        #expect(try await h.checkIns("reseller-deals").map(\.checkIn.value) == [4])

        // A stranger's click, and someone else's form, record nothing.
        let stranger = H.json(try await interact(component("c3", user: "999", custom: "okrd:checkin:sales-emea")))
        #expect(content(stranger).contains("know you yet"))
        let sam = "80351110224678913"
        let others = H.json(try await interact(component("c4", user: sam, custom: "okrd:kr:reseller-partners")))
        #expect(content(others).contains("not one of your key results"))
        let forged = #"{"type":5,"id":"s3","token":"t","member":{"user":{"id":"\#(sam)"}},"data":{"custom_id":"okrd:form:reseller-partners","components":[{"type":18,"component":{"type":4,"custom_id":"value","value":"5"}}]}}"#
        _ = try await interact(forged)
        #expect(try await h.checkIns("reseller-partners").count == 1)
        // Another key signs nothing okrd accepts.
        #expect(try await interact(submit, key: String(repeating: "ab", count: 32)).status == 401)
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
