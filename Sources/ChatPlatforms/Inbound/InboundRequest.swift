import Foundation
public import OKRModel

/// What an authenticated inbound request asks of okrd.
public enum InboundEvent: Sendable, Hashable {
    /// Someone's answer, to be parsed and recorded.
    case reply(InboundReply)
    /// Slack's `url_verification`: echo the challenge.
    case challenge(String)
    /// Discord's PING: answer PONG.
    case ping
    /// Authentic but nothing for okrd (bot messages, edits, other event types), with the reason.
    case ignored(String)
}

/// One person's message as a platform delivered it.
public struct InboundReply: Sendable, Hashable {
    public var platform: Platform
    /// The fixed ids the platform gave for the author, best first (Slack and Discord user ids,
    /// Teams aadObjectId and user id, Mattermost user id and user name, Matrix user id): matched
    /// against the people's configured handles. Never a name the person chose.
    public var identities: [String]
    /// The name the directory shows for the person (Teams display name): matched against
    /// people's names only for someone with no handle on this platform, and only when no one else
    /// has the same name.
    public var displayName: String?
    /// An okrd person id, for the generic webhook whose sender is trusted to name people.
    public var personID: String?
    public var text: String
    /// The platform's id for this delivery (event id, post id, activity id, interaction id,
    /// webhook-id): a redelivery carries the same one and is not recorded twice.
    public var deliveryID: String
    /// Whether the person addressed okrd directly (slash command, mention, interaction). Ambient
    /// channel messages (Slack events, Mattermost outgoing webhooks on a channel) are answered only
    /// when they contain something okrd understood.
    public var direct: Bool

    public init(platform: Platform, identities: [String], displayName: String? = nil, personID: String? = nil, text: String, deliveryID: String, direct: Bool) {
        self.platform = platform
        self.identities = identities
        self.displayName = displayName
        self.personID = personID
        self.text = text
        self.deliveryID = deliveryID
        self.direct = direct
    }
}

/// Why an authentic request could not be understood: answered with 400, nothing recorded.
public struct InboundFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Turns each platform's inbound payload (already authenticated) into an `InboundEvent`.
/// Shapes: protocols.md sections 1.5, 1.7, 2.5, 2.6, 3.5, 4.5, 7.2.
public enum InboundRequest {
    /// Texts longer than this are cut; nobody writes a weekly check-in of 20,000 characters.
    public static let maxText = 20_000

    /// Slack slash command (`application/x-www-form-urlencoded`).
    public static func slackCommand(_ body: [UInt8]) throws(InboundFormatError) -> InboundEvent {
        let form = FormDecoder.decode(body)
        guard let user = form["user_id"], !user.isEmpty else { throw InboundFormatError("the slash command has no user_id") }
        let text = form["text"] ?? ""
        // trigger_id is unique per invocation; a replayed request carries the same one.
        let delivery = form["trigger_id"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(user):\(form["channel_id"] ?? ""):\(text.hashValue)"
        // `user_name` is deprecated and chosen by the person: the user id alone says who wrote.
        return .reply(InboundReply(platform: .slack, identities: [user], text: clip(text), deliveryID: "slack-command:\(delivery)", direct: true))
    }

    /// Slack Events API (JSON): url_verification, or `event_callback` with a message event.
    public static func slackEvent(_ body: [UInt8]) throws(InboundFormatError) -> InboundEvent {
        let json = try object(body)
        switch json["type"] as? String {
        case "url_verification":
            guard let challenge = json["challenge"] as? String else { throw InboundFormatError("url_verification without a challenge") }
            return .challenge(challenge)
        case "event_callback":
            guard let event = json["event"] as? [String: Any] else { throw InboundFormatError("event_callback without an event") }
            let type = event["type"] as? String ?? ""
            guard type == "message" || type == "app_mention" else { return .ignored("event type \(type)") }
            if let subtype = event["subtype"] as? String { return .ignored("message subtype \(subtype)") }
            if event["bot_id"] != nil || event["bot_profile"] != nil { return .ignored("a bot's message") }
            guard let user = event["user"] as? String, let text = event["text"] as? String else { return .ignored("a message without user or text") }
            let id = (json["event_id"] as? String) ?? "\(event["channel"] as? String ?? ""):\(event["ts"] as? String ?? "")"
            let stripped = type == "app_mention" ? stripLeadingMention(text) : text
            return .reply(InboundReply(platform: .slack, identities: [user], text: clip(stripped), deliveryID: "slack-event:\(id)", direct: type == "app_mention"))
        default:
            return .ignored("envelope type \(json["type"] as? String ?? "none")")
        }
    }

    /// Mattermost outgoing webhook or slash command, form- or JSON-encoded. Returns the event and
    /// the token the request presented (slash commands also send it as `Authorization: Token ...`).
    public static func mattermost(_ body: [UInt8], contentType: String?) throws(InboundFormatError) -> (InboundEvent, token: String?) {
        var fields: [String: String] = [:]
        if contentType?.lowercased().contains("json") == true {
            for (key, value) in try object(body) {
                if let string = value as? String { fields[key] = string } else if let number = value as? NSNumber { fields[key] = number.stringValue }
            }
        } else {
            fields = FormDecoder.decode(body)
        }
        let token = fields["token"]
        guard let user = fields["user_id"], !user.isEmpty else { throw InboundFormatError("the Mattermost request has no user_id") }
        var text = fields["text"] ?? ""
        let isCommand = fields["command"] != nil
        if !isCommand, let trigger = fields["trigger_word"], !trigger.isEmpty, text.hasPrefix(trigger) {
            text = String(text.dropFirst(trigger.count))
        }
        let delivery: String
        if let post = fields["post_id"], !post.isEmpty {
            delivery = "mattermost-post:\(post)"
        } else if let trigger = fields["trigger_id"], !trigger.isEmpty {
            delivery = "mattermost-command:\(trigger)"
        } else {
            throw InboundFormatError("the Mattermost request has neither post_id nor trigger_id")
        }
        let identities = [user, fields["user_name"]].compactMap { $0 }.filter { !$0.isEmpty }
        let direct = isCommand || !(fields["trigger_word"] ?? "").isEmpty
        return (.reply(InboundReply(platform: .mattermost, identities: identities, text: clip(text), deliveryID: delivery, direct: direct)), token)
    }

    /// Microsoft Teams outgoing webhook: a Bot Framework activity; the `<at>okrd</at>` that
    /// triggered it is removed from the text.
    public static func teams(_ body: [UInt8]) throws(InboundFormatError) -> InboundEvent {
        let json = try object(body)
        guard (json["type"] as? String ?? "message") == "message" else { return .ignored("activity type \(json["type"] as? String ?? "")") }
        guard let from = json["from"] as? [String: Any] else { throw InboundFormatError("the activity has no from") }
        let identities = [from["aadObjectId"], from["id"]].compactMap { $0 as? String }.filter { !$0.isEmpty }
        guard !identities.isEmpty else { throw InboundFormatError("the activity's from has no id") }
        let displayName = (from["name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        guard let id = json["id"] as? String, !id.isEmpty else { throw InboundFormatError("the activity has no id") }
        var text = json["text"] as? String ?? ""
        // The mention of the webhook itself comes first: `<at>okrd</at> kr1 42` (possibly in a <p>).
        let lead = text.drop { $0 == " " || $0 == "\n" }
        for prefix in ["<p><at>", "<at>"] where lead.lowercased().hasPrefix(prefix) {
            if let end = lead.range(of: "</at>", options: .caseInsensitive) {
                text = (prefix == "<p><at>" ? "<p>" : "") + String(lead[end.upperBound...])
            }
            break
        }
        return .reply(InboundReply(platform: .teams, identities: identities, displayName: displayName, text: clip(text), deliveryID: "teams:\(id)", direct: true))
    }

    /// Discord interaction: PING, or an application command whose first string option is the reply.
    public static func discord(_ body: [UInt8]) throws(InboundFormatError) -> InboundEvent {
        let json = try object(body)
        guard let type = (json["type"] as? NSNumber)?.intValue else { throw InboundFormatError("the interaction has no type") }
        if type == 1 { return .ping }
        guard type == 2 else { return .ignored("interaction type \(type)") }
        guard let id = json["id"] as? String else { throw InboundFormatError("the interaction has no id") }
        let user = ((json["member"] as? [String: Any])?["user"] as? [String: Any]) ?? (json["user"] as? [String: Any])
        guard let userID = user?["id"] as? String else { throw InboundFormatError("the interaction has no user") }
        let data = json["data"] as? [String: Any]
        let options = data?["options"] as? [[String: Any]] ?? []
        let text = options.compactMap { $0["value"] as? String }.joined(separator: "\n")
        // Discord names are chosen by whoever holds the account: only the user id says who it is.
        return .reply(InboundReply(platform: .discord, identities: [userID], text: clip(text), deliveryID: "discord:\(id)", direct: true))
    }

    /// The generic endpoint: `{"person": "maria", "text": "kr1 42"}` or, instead of `person`,
    /// `{"platform": "slack", "user": "U02MARIA"}` to name someone by a chat handle.
    public static func webhook(_ body: [UInt8], deliveryID: String) throws(InboundFormatError) -> InboundEvent {
        let json = try object(body)
        guard let text = json["text"] as? String else { throw InboundFormatError("the body has no \"text\" string") }
        if let person = json["person"] as? String {
            return .reply(InboundReply(platform: .webhook, identities: [], personID: person, text: clip(text), deliveryID: "webhook:\(deliveryID)", direct: true))
        }
        guard let platformName = json["platform"] as? String, let platform = Platform(rawValue: platformName),
              let user = json["user"] as? String else {
            throw InboundFormatError("the body names nobody: give \"person\" (an okrd person id) or \"platform\" and \"user\" (a chat handle)")
        }
        return .reply(InboundReply(platform: platform, identities: [user], text: clip(text), deliveryID: "webhook:\(deliveryID)", direct: true))
    }

    static func object(_ body: [UInt8]) throws(InboundFormatError) -> [String: Any] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(body)), let object = value as? [String: Any] else {
            throw InboundFormatError("the body is not a JSON object")
        }
        return object
    }

    static func clip(_ text: String) -> String {
        text.count > maxText ? String(text.prefix(maxText)) : text
    }

    /// `<@U0BOT> kr1 42` -> `kr1 42`.
    static func stripLeadingMention(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " }
        guard trimmed.hasPrefix("<@"), let end = trimmed.firstIndex(of: ">") else { return text }
        return String(trimmed[trimmed.index(after: end)...]).trimmingCharacters(in: .whitespaces)
    }
}

/// `application/x-www-form-urlencoded` bodies: `+` is a space, `%XX` a byte; the first
/// occurrence of a name wins.
public enum FormDecoder {
    public static func decode(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(parts[0])
            let value = parts.count > 1 ? unescape(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                      let value = InboundVerifier.bytes(hex: String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self)), value.count == 1 {
                out.append(value[0])
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Renderers {
    /// Makes text that came from a person safe to echo on `platform` (a confirmation answering a
    /// command): broadcasts defused, mention and markup syntax neutralised.
    public static func neutralise(_ text: String, for platform: Platform) -> String {
        switch platform {
        case .slack: SlackRenderer().escape(RenderKit.defuseBroadcasts(text))
        case .discord: DiscordRenderer().defuse(text)
        case .mattermost: MattermostRenderer().defuse(text)
        case .teams: TeamsRenderer().defuse(text)
        case .matrix, .googlechat, .webhook, .console: RenderKit.defuseBroadcasts(text)
        }
    }
}
