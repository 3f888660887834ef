import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRTestSupport
import Synchronization

/// A local HTTP server that plays one chat platform's webhook: it checks requests the way the
/// platform does (method, content type, required fields, size limits, mention safety) and answers
/// like it, and it misbehaves on demand from a script of responses.
final class FakePlatform: Sendable {
    enum Behaviour: Sendable {
        case status(Int, body: String = "", headers: [(String, String)] = [])
        case stall
        case reset
    }

    struct Arrival: Sendable {
        var at: Date
        var request: TestHTTPServer.Request
        var json: JSONValue?
    }

    private struct State {
        var script: [Behaviour] = []
        var arrivals: [Arrival] = []
        var rejected: [String] = []
        var active = 0
        var maxActive = 0
    }

    let platform: Platform
    let server: TestHTTPServer
    private let state: Mutex<State>
    let events: AsyncStream<Arrival>
    private let continuation: AsyncStream<Arrival>.Continuation

    var url: String { server.baseURL + path }
    let path: String
    var arrivals: [Arrival] { state.withLock { $0.arrivals } }
    var rejected: [String] { state.withLock { $0.rejected } }
    var maxConcurrent: Int { state.withLock { $0.maxActive } }

    private init(platform: Platform, server: TestHTTPServer, events: AsyncStream<Arrival>, continuation: AsyncStream<Arrival>.Continuation, path: String) {
        self.platform = platform
        self.server = server
        self.state = Mutex(State())
        self.events = events
        self.continuation = continuation
        self.path = path
    }

    static func start(_ platform: Platform, clock: any OKRClock, latency: Duration = .zero) async throws -> FakePlatform {
        let holder = Holder()
        let path: String = switch platform {
        case .slack: "/services/T0/B0/SECRETSLACK"
        case .discord: "/api/webhooks/123/SECRETDISCORD"
        case .teams: "/workflows/abc/triggers/manual/paths/invoke?sig=SECRETTEAMS"
        case .mattermost: "/hooks/SECRETMATTERMOST"
        case .googlechat: "/v1/spaces/AAA/messages?key=K&token=SECRETCHAT"
        case .matrix: ""
        default: "/hooks/SECRETWEBHOOK"
        }
        let server = try await TestHTTPServer.start { request in
            guard let fake = holder.fake else { return .text(503, "starting") }
            return await fake.handle(request, clock: clock, latency: latency)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Arrival.self)
        let fake = FakePlatform(platform: platform, server: server, events: stream, continuation: continuation, path: path)
        holder.fake = fake
        return fake
    }

    /// Answers the next requests with these behaviours, then with success.
    func script(_ behaviours: [Behaviour]) {
        state.withLock { $0.script += behaviours }
    }

    /// Waits for the next accepted or scripted request.
    func next() async -> Arrival? {
        var iterator = events.makeAsyncIterator()
        return await iterator.next()
    }

    func destination(name: String, rate: Double = 0) -> Destination {
        switch platform {
        case .matrix:
            Destination(name: name, platform: .matrix, homeserver: server.baseURL, room: "!room:example.org",
                        accessToken: Secret("MATRIXTOKEN", source: "test"), ratePerSecond: rate)
        case .webhook:
            Destination(name: name, platform: .webhook, url: Secret(url, source: "test"),
                        signingSecret: Secret("whsec_" + Data(repeating: 7, count: 32).base64EncodedString(), source: "test"), ratePerSecond: rate)
        default:
            Destination(name: name, platform: platform, url: Secret(url, source: "test"), ratePerSecond: rate)
        }
    }

    func shutdown() async {
        continuation.finish()
        await server.shutdown()
    }

    private func handle(_ request: TestHTTPServer.Request, clock: any OKRClock, latency: Duration) async -> TestHTTPServer.Action {
        state.withLock { s in
            s.active += 1
            s.maxActive = max(s.maxActive, s.active)
        }
        defer { state.withLock { $0.active -= 1 } }
        if latency > .zero { try? await Task.sleep(for: latency) }  // the platform's own response time
        let json = JSONValue.parse(request.body)
        let arrival = Arrival(at: clock.now(), request: request, json: json)
        if let problem = validate(request, json: json) {
            state.withLock { $0.rejected.append(problem) }
            continuation.yield(arrival)
            return .text(400, problem)
        }
        let behaviour = state.withLock { s -> Behaviour? in
            s.script.isEmpty ? nil : s.script.removeFirst()
        }
        switch behaviour {
        case .stall:
            continuation.yield(arrival)
            return .stall
        case .reset:
            continuation.yield(arrival)
            return .reset
        case .status(let status, let body, let headers):
            continuation.yield(arrival)
            return .respond(status: status, headers: headers, body: Array(body.utf8))
        case nil:
            state.withLock { $0.arrivals.append(arrival) }
            continuation.yield(arrival)
            return success(request)
        }
    }

    /// The platform's success answer.
    private func success(_ request: TestHTTPServer.Request) -> TestHTTPServer.Action {
        switch platform {
        case .slack, .mattermost: .text(200, "ok")
        case .discord: .json(200, #"{"id":"\#(arrivals.count)","content":"x"}"#)
        case .teams: .respond(status: 202)
        case .googlechat: .json(200, #"{"name":"spaces/AAA/messages/\#(arrivals.count)"}"#)
        case .matrix: .json(200, #"{"event_id":"$\#(request.path.split(separator: "/").last ?? "x")"}"#)
        default: .respond(status: 204)
        }
    }

    /// What the real platform would reject.
    private func validate(_ request: TestHTTPServer.Request, json: JSONValue?) -> String? {
        let contentType = request.header("Content-Type") ?? ""
        guard contentType.hasPrefix("application/json") else { return "content type \(contentType)" }
        guard let json else { return "invalid_payload" }
        switch platform {
        case .slack:
            guard request.method == "POST", request.uri == path else { return "wrong route" }
            guard json["text"]?.string != nil || json["blocks"] != nil else { return "missing_text_or_fallback_or_attachments" }
            let blocks = json["blocks"]?.array ?? []
            if blocks.count > 50 { return "invalid_blocks: too many" }
            for block in blocks where (block["text"]?["text"]?.string?.count ?? 0) > 3000 { return "invalid_blocks: must be less than 3001 characters" }
        case .discord:
            guard request.uri == path + "?wait=true&with_components=true" else { return "expected ?wait=true&with_components=true" }
            // Components, as Discord checks them: at most 5 rows of at most 5 buttons, ids and labels bounded.
            if let rows = json["components"]?.array {
                if rows.count > 5 { return "components: Must be 5 or fewer in length." }
                for row in rows {
                    let buttons = row["components"]?.array ?? []
                    if buttons.isEmpty || buttons.count > 5 { return "components.0.components: Must be between 1 and 5 in length." }
                    for button in buttons {
                        guard let id = button["custom_id"]?.string, (1...100).contains(id.count) else { return "custom_id: Must be between 1 and 100 in length." }
                        if (button["label"]?.string?.count ?? 0) > 80 { return "label: Must be 80 or fewer in length." }
                    }
                }
            }
            guard let content = json["content"]?.string, !content.isEmpty else { return "Cannot send an empty message" }
            if content.count > 2000 { return "content: Must be 2000 or fewer in length." }
            guard json["allowed_mentions"]?["parse"]?.array?.isEmpty == true else { return "allowed_mentions must be explicit" }
        case .teams:
            guard json["type"]?.string == "message", json["attachments"]?[0]?["contentType"]?.string == "application/vnd.microsoft.card.adaptive",
                json["attachments"]?[0]?["content"]?["type"]?.string == "AdaptiveCard" else { return "not an Adaptive Card message" }
            if request.body.count > 28_000 { return "Request Entity too large" }
        case .mattermost:
            guard let text = json["text"]?.string, !text.isEmpty else { return "web.incoming_webhook.text.app_error" }
            if text.unicodeScalars.count > 16_383 { return "too long" }
        case .googlechat:
            guard request.uri.contains("messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD") else { return "no messageReplyOption" }
            guard json["text"]?.string != nil else { return "INVALID_ARGUMENT" }
            if request.body.count > 32_000 { return "message too large" }
        case .matrix:
            guard request.method == "PUT", request.path.hasPrefix("/_matrix/client/v3/rooms/%21room%3Aexample.org/send/m.room.message/") else { return "M_UNRECOGNIZED" }
            guard request.header("Authorization") == "Bearer MATRIXTOKEN" else { return "M_MISSING_TOKEN" }
            guard json["msgtype"]?.string == "m.notice", json["body"]?.string != nil, json["m.mentions"] != nil else { return "M_BAD_JSON" }
        case .webhook:
            guard let id = request.header("webhook-id"), let timestamp = request.header("webhook-timestamp"), let signature = request.header("webhook-signature") else { return "unsigned" }
            let key = [UInt8](repeating: 7, count: 32)
            guard signature == StandardWebhookKey.signature(id: id, timestamp: timestamp, body: request.body, key: key) else { return "bad signature" }
        case .console:
            break
        }
        return nil
    }
}

/// Lets the server's handler reach the fake once it exists.
private final class Holder: Sendable {
    private let value = Mutex<FakePlatform?>(nil)
    var fake: FakePlatform? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
