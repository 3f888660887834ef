import ChatPlatforms
import CheckinParser
public import CurlHTTP
import Foundation
public import Logging
import OKRModel
public import OKRStore
public import OKRWorkflows

/// Reads people's answers from Matrix rooms by long-polling `/sync` as okrd's bot user.
///
/// - Only the configured rooms, only `m.room.message` events, through a filter sent with the request.
/// - `next_batch` is stored only after every event of the batch was processed, so a crash re-reads
///   the batch; event ids are the replies' delivery ids, so a re-read records nothing twice.
/// - A `limited` timeline (more events than the sync returned) is back-filled through
///   `/rooms/{id}/messages` until an event already recorded, or at most `maxBackfillPages` pages.
/// - The bot's own messages, notices and edits are skipped; chatter that holds nothing okrd
///   understands is left alone.
/// - Each recorded reply gets a confirmation through the outbox, threaded to it (`m.in_reply_to`).
/// - On the very first start okrd begins from now: a room's history is not replayed.
public actor MatrixPoller {
    private var settings: InboundSettings.MatrixInbound
    private var config: OKRConfig
    private let store: any Store
    private let client: CurlClient
    private let clock: any OKRClock
    private let logger: Logger
    private let metrics: OKRMetrics?
    private let onQueued: @Sendable () -> Void
    private var userID: String?
    public static let maxBackfillPages = 10

    public init(config: OKRConfig, settings: InboundSettings.MatrixInbound, store: any Store, client: CurlClient, clock: any OKRClock,
                logger: Logger, metrics: OKRMetrics? = nil, onQueued: @escaping @Sendable () -> Void = {}) {
        self.config = config
        self.settings = settings
        self.store = store
        self.client = client
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.onQueued = onQueued
        userID = settings.userID
    }

    public func update(config: OKRConfig) {
        self.config = config
        if let matrix = config.inbound.matrix { settings = matrix }
    }

    private var cursorKey: String { "matrix_next_batch:\(settings.homeserver)" }

    /// Polls until cancelled, backing off (up to 5 minutes) while the homeserver fails.
    public func run(timeout: Int = 30_000) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                _ = try await poll(timeout: timeout)
                failures = 0
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                metrics?.error(component: "matrix")
                let delay = min(300, pow(2, Double(min(failures, 9))))
                logger.warning("matrix sync failed; trying again", metadata: ["homeserver": "\(settings.homeserver)", "error": "\(error)", "retry_in_s": "\(Int(delay))"])
                try? await clock.sleep(until: clock.now().addingTimeInterval(delay))
            }
        }
    }

    /// One `/sync` (waiting up to `timeout` ms for events). Returns the replies it recorded.
    @discardableResult
    public func poll(timeout: Int) async throws -> Int {
        let me = try await whoami()
        guard let since = try await store.meta(cursorKey) else {
            // First start: remember where the rooms are now and begin from there.
            let (_, body) = try await get("/_matrix/client/v3/sync?timeout=0&filter=\(Self.escape(filter()))", timeout: 30)
            guard let next = body["next_batch"] as? String else { throw MatrixError.unexpected("sync without next_batch") }
            _ = try await store.apply([.setMeta(key: cursorKey, value: next)])
            logger.info("matrix: reading replies from now on", metadata: ["rooms": "\(settings.rooms.count)"])
            return 0
        }
        let path = "/_matrix/client/v3/sync?since=\(Self.escape(since))&timeout=\(timeout)&filter=\(Self.escape(filter()))"
        let (_, body) = try await get(path, timeout: TimeInterval(timeout) / 1000 + 30)
        guard let next = body["next_batch"] as? String else { throw MatrixError.unexpected("sync without next_batch") }
        let joined = ((body["rooms"] as? [String: Any])?["join"] as? [String: Any]) ?? [:]
        var recorded = 0
        for room in settings.rooms {
            guard let data = joined[room] as? [String: Any], let timeline = data["timeline"] as? [String: Any] else { continue }
            var events = timeline["events"] as? [[String: Any]] ?? []
            if timeline["limited"] as? Bool == true, let previous = timeline["prev_batch"] as? String {
                events = try await backfill(room: room, from: previous) + events
            }
            var seen = Set<String>()
            for event in events {
                guard let id = event["event_id"] as? String, seen.insert(id).inserted else { continue }
                if try await handle(event, room: room, me: me) { recorded += 1 }
            }
        }
        _ = try await store.apply([.setMeta(key: cursorKey, value: next)])
        return recorded
    }

    /// Events before `token`, oldest first, back to one already recorded.
    private func backfill(room: String, from token: String) async throws -> [[String: Any]] {
        var collected: [[String: Any]] = []
        var from = token
        for _ in 0..<Self.maxBackfillPages {
            let path = "/_matrix/client/v3/rooms/\(Self.escape(room))/messages?dir=b&limit=100&from=\(Self.escape(from))&filter=\(Self.escape(#"{"types":["m.room.message"]}"#))"
            let (_, body) = try await get(path, timeout: 30)
            let chunk = body["chunk"] as? [[String: Any]] ?? []
            var reachedKnown = false
            for event in chunk {
                if let id = event["event_id"] as? String, try await store.reply(deliveryID: "matrix:\(id)") != nil {
                    reachedKnown = true
                    break
                }
                collected.append(event)
            }
            guard !reachedKnown, !chunk.isEmpty, let end = body["end"] as? String else { break }
            from = end
        }
        if collected.count > 0 { logger.info("matrix: back-filled a gap", metadata: ["room": "\(room)", "events": "\(collected.count)"]) }
        return collected.reversed()
    }

    /// Records one event if it is a person's reply. Returns whether something was recorded.
    private func handle(_ event: [String: Any], room: String, me: String) async throws -> Bool {
        guard event["type"] as? String == "m.room.message", let id = event["event_id"] as? String,
              let sender = event["sender"] as? String, sender != me,
              let content = event["content"] as? [String: Any] else { return false }
        let type = content["msgtype"] as? String ?? ""
        guard type == "m.text" || type == "m.emote" else { return false }
        if ((content["m.relates_to"] as? [String: Any])?["rel_type"] as? String) == "m.replace" { return false }
        let text = (content["format"] as? String == "org.matrix.custom.html" ? content["formatted_body"] as? String : nil)
            ?? content["body"] as? String ?? ""
        guard let person = config.organization.person(platform: .matrix, handle: sender) else {
            logger.debug("matrix: message from someone okrd does not know", metadata: ["room": "\(room)"])
            return false
        }
        let at = (event["origin_server_ts"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) } ?? clock.now()
        let processor = ReplyIntake(organization: config.organization, store: store)
        // A reply to one of okrd's messages (m.in_reply_to) is said to okrd; the rest is room chat.
        let inReplyTo = ((content["m.relates_to"] as? [String: Any])?["m.in_reply_to"] as? [String: Any])?["event_id"] as? String
        let input = ReplyInput(author: person.id, text: String(text.prefix(InboundRequest.maxText)), markup: .matrixHTML,
                               at: min(at, clock.now()), platform: "matrix", deliveryID: "matrix:\(id)", addressed: inReplyTo != nil)
        // Chatter in the room is left alone, without a database read.
        guard try await processor.understands(input) else { return false }
        // The confirmation, threaded to the reply, is queued in the reply's own transaction.
        let destination = config.destinations.first(where: { $0.platform == .matrix && $0.room == room })
        let writer = OutboxWriter(destinations: config.destinations, directory: Directory(people: config.organization.people))
        let organization = config.organization
        let queuedAt = clock.now()
        var answer: ReplyIntake.Answer?
        if let destination {
            answer = { @Sendable (outcome: ReplyOutcome) throws -> [StoreChange] in
                let lines = outcome.confirmation(organization: organization)
                let message = ChatMessage(kind: .confirmation, title: "Check-in from \(person.name)",
                                          sections: [.init(lines: lines.map { .init([.userText($0)]) })], replyTo: id)
                return try writer.enqueue(message, to: destination.name, key: "confirm:matrix:\(id)", at: queuedAt)
            }
        }
        let started = ContinuousClock.now
        let outcome = try await processor.process(input, answer: answer)
        metrics?.replyDuration(ContinuousClock.now - started)
        metrics?.replyParsed(platform: "matrix", errors: outcome.parse.errors.count)
        logger.info("reply", metadata: ["platform": "matrix", "person": "\(person.id)", "recorded": "\(outcome.recorded)", "duplicate": "\(outcome.duplicateOf != nil)"])
        if answer != nil, outcome.duplicateOf == nil { onQueued() }
        return outcome.recorded
    }

    private func whoami() async throws -> String {
        if let userID { return userID }
        let (_, body) = try await get("/_matrix/client/v3/account/whoami", timeout: 30)
        guard let user = body["user_id"] as? String else { throw MatrixError.unexpected("whoami without user_id") }
        userID = user
        return user
    }

    private func filter() -> String {
        let rooms = settings.rooms.map { "\"\(Self.jsonEscape($0))\"" }.joined(separator: ",")
        return #"{"presence":{"not_types":["*"]},"account_data":{"not_types":["*"]},"room":{"rooms":[\#(rooms)],"#
            + #""timeline":{"limit":50,"types":["m.room.message"]},"state":{"types":[]},"ephemeral":{"not_types":["*"]},"account_data":{"not_types":["*"]}}}"#
    }

    private func get(_ path: String, timeout: TimeInterval) async throws -> (Int, [String: Any]) {
        let base = settings.homeserver.hasSuffix("/") ? String(settings.homeserver.dropLast()) : settings.homeserver
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer \(settings.accessToken.value)")
        let response = try await client.send(HTTPRequest(method: .get, url: base + path, headers: headers, timeout: .seconds(Int64(timeout))))
        let body = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        guard response.status == 200 else {
            // Matrix errors carry errcode and error; never the token.
            throw MatrixError.status(response.status, body["errcode"] as? String ?? "", retryAfterMs: (body["retry_after_ms"] as? NSNumber)?.intValue)
        }
        return (response.status, body)
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func jsonEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

public enum MatrixError: Error, Sendable, CustomStringConvertible {
    case status(Int, String, retryAfterMs: Int?)
    case unexpected(String)

    public var description: String {
        switch self {
        case .status(let status, let code, _): "homeserver answered \(status) \(code)"
        case .unexpected(let what): what
        }
    }
}
