public import ChatPlatforms
import CheckinParser
public import CurlHTTP
public import Foundation
public import Logging
import OKRModel
public import OKRStore
public import OKRWorkflows

/// The endpoints people's answers arrive at.
public enum InboundEndpoint: String, Sendable, CaseIterable {
    case slackCommands = "/slack/commands"
    case slackEvents = "/slack/events"
    case slackInteractions = "/slack/interactions"
    case mattermost = "/mattermost"
    case mattermostActions = "/mattermost/actions"
    case mattermostDialogs = "/mattermost/dialogs"
    case teams = "/teams"
    case discord = "/discord/interactions"
    case webhook = "/webhook"

    var platform: Platform {
        switch self {
        case .slackCommands, .slackEvents, .slackInteractions: .slack
        case .mattermost, .mattermostActions, .mattermostDialogs: .mattermost
        case .teams: .teams
        case .discord: .discord
        case .webhook: .webhook
        }
    }
}

/// What the server answers: status, content type, body and extra headers.
public struct InboundResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var headers: [(String, String)] = []

    static func json(_ value: JSONValue, status: Int = 200) -> InboundResponse {
        InboundResponse(status: status, contentType: "application/json", body: value.bytes)
    }

    static func text(_ text: String, status: Int) -> InboundResponse {
        InboundResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    static let empty = InboundResponse(status: 200, contentType: "text/plain; charset=utf-8", body: [])
}

/// Authenticates, parses, authorises and records one inbound request, and builds the platform's
/// answer. Independent of the HTTP server so every rule reads in one place:
/// 1. the endpoint must be configured (404 otherwise), 2. the raw body is authenticated the
/// platform's way (401, nothing read), 3. it is parsed (400 when malformed, nothing recorded),
/// 4. the chat identity must map to a configured person (a polite refusal otherwise),
/// 5. the reply goes through `ReplyIntake`, which refuses key results the person may not update
/// and recognises redeliveries by their delivery id.
public struct InboundHandler: Sendable {
    public let config: OKRConfig
    public let store: any Store
    public let metrics: OKRMetrics
    public let logger: Logger

    /// Wakes the dispatcher after a message was queued, so it goes out now, not at the safety net.
    let onQueued: @Sendable () -> Void
    /// Slack's Web API (the check-in form), when `inbound.slack.bot_token` is set.
    let slackAPI: SlackWebAPI?
    /// Calls platforms from inside a request (Mattermost's dialogs).
    let client: CurlClient?
    /// Signs and checks the tokens of Mattermost's buttons and dialogs (and check-in pages).
    let links: CheckinLinks?

    public init(config: OKRConfig, store: any Store, metrics: OKRMetrics, logger: Logger, client: CurlClient? = nil, links: CheckinLinks? = nil,
                onQueued: @escaping @Sendable () -> Void = {}) {
        self.onQueued = onQueued
        self.client = client
        self.links = links
        if let client, let token = config.inbound.slackBotToken {
            slackAPI = SlackWebAPI(client: client, baseURL: config.inbound.slackAPIURL, token: token)
        } else {
            slackAPI = nil
        }
        self.config = config
        self.store = store
        self.metrics = metrics
        self.logger = logger
    }

    public func handle(_ endpoint: InboundEndpoint, headers: InboundHeaders, body: [UInt8], now: Date) async -> InboundResponse {
        if endpoint == .slackInteractions { return await slackInteraction(headers: headers, body: body, now: now) }
        if endpoint == .mattermostActions || endpoint == .mattermostDialogs { return await mattermostInteraction(endpoint, body: body, now: now) }
        let inbound = config.inbound
        var mattermostToken: String?
        let event: InboundEvent
        do {
            switch endpoint {
            case .slackInteractions, .mattermostActions, .mattermostDialogs:
                return .empty  // answered above
            case .slackCommands, .slackEvents:
                guard let secret = inbound.slackSigningSecret else { return notConfigured("slack") }
                try InboundVerifier.slack(secret: secret.value, headers: headers, body: body, now: now)
                event = try endpoint == .slackCommands ? InboundRequest.slackCommand(body) : InboundRequest.slackEvent(body)
            case .mattermost:
                guard let token = inbound.mattermostToken else { return notConfigured("mattermost") }
                // The token travels inside the body (outgoing webhooks) or in a header (slash
                // commands); the body is only split into fields here, nothing in it is acted on
                // before the token matched.
                let (parsed, fieldToken) = try InboundRequest.mattermost(body, contentType: headers["Content-Type"])
                var presented = fieldToken
                if let header = headers["Authorization"], header.hasPrefix("Token ") { presented = String(header.dropFirst(6)) }
                mattermostToken = presented
                try InboundVerifier.mattermost(token: token.value, presented: presented)
                event = parsed
            case .teams:
                guard let key = inbound.teamsHMACKey else { return notConfigured("teams") }
                try InboundVerifier.teams(key: key.value, headers: headers, body: body)
                event = try InboundRequest.teams(body)
            case .discord:
                guard let key = inbound.discordPublicKey else { return notConfigured("discord") }
                try InboundVerifier.discord(publicKeyHex: key, headers: headers, body: body, now: now)
                // Buttons and forms (components, modals); commands and PING below.
                if let interaction = try DiscordInteraction.parse(body) { return await discordInteraction(interaction, now: now) }
                event = try InboundRequest.discord(body)
            case .webhook:
                guard let secret = inbound.webhookSecret, let key = StandardWebhookKey.decode(secret.value) else { return notConfigured("webhook") }
                let id = try InboundVerifier.standardWebhook(key: key, headers: headers, body: body, now: now)
                event = try InboundRequest.webhook(body, deliveryID: id)
            }
        } catch let error as InboundAuthError {
            metrics.inbound(endpoint, outcome: "unauthenticated")
            logger.warning("refused an inbound request", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(error)"])
            return .text("unauthorized: \(error)\n", status: 401)
        } catch let error as InboundFormatError {
            // A Mattermost body that does not parse never had its token checked: still 401 unless
            // the token was right, so a stranger cannot probe the parser.
            if endpoint == .mattermost, let token = inbound.mattermostToken,
               (try? InboundVerifier.mattermost(token: token.value, presented: mattermostToken)) == nil {
                metrics.inbound(endpoint, outcome: "unauthenticated")
                return .text("unauthorized: token does not match\n", status: 401)
            }
            metrics.inbound(endpoint, outcome: "malformed")
            logger.warning("malformed inbound request", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(error)"])
            return .text("bad request: \(error)\n", status: 400)
        } catch {
            metrics.inbound(endpoint, outcome: "malformed")
            return .text("bad request\n", status: 400)
        }

        switch event {
        case .challenge(let challenge):
            return .text(challenge, status: 200)
        case .ping:
            return .json(.object([("type", .number(1))]))
        case .ignored(let reason):
            metrics.inbound(endpoint, outcome: "ignored")
            logger.debug("inbound request ignored", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(reason)"])
            return endpoint == .discord ? .json(.object([("type", .number(1))])) : .empty
        case .reply(let reply):
            return await answer(reply, endpoint: endpoint, now: now)
        }
    }

    private func answer(_ reply: InboundReply, endpoint: InboundEndpoint, now: Date) async -> InboundResponse {
        let organization = config.organization
        let person: Person? = if let id = reply.personID {
            organization.person(id)
        } else {
            organization.author(platform: reply.platform, ids: reply.identities, displayName: reply.displayName)
        }
        guard let person else {
            metrics.inbound(endpoint, outcome: "unknown_person")
            logger.notice("reply from someone okrd does not know; nothing stored", metadata: ["endpoint": "\(endpoint.rawValue)", "platform": "\(reply.platform.rawValue)"])
            guard reply.direct else { return .empty }
            let who = reply.personID.map { "person \"\($0)\"" } ?? "\(reply.platform.rawValue) user \(reply.identities.first ?? "?")"
            let text = "Sorry, I don't know you yet, so I did not record anything. Ask whoever runs okrd to add your \(who) to the configuration (people: handles)."
            return respond(text, endpoint: endpoint, personal: true, status: endpoint == .webhook ? 403 : 200)
        }

        let processor = ReplyIntake(organization: organization, store: store)
        let input = ReplyInput(author: person.id, text: reply.text, markup: Self.markup(reply.platform), at: now,
                               platform: reply.platform.rawValue, deliveryID: reply.deliveryID, addressed: reply.direct)
        do {
            if !reply.direct {
                // Ambient channel chatter: answer only what reads like a check-in.
                let understood = try await processor.understands(input)
                if !understood {
                    metrics.inbound(endpoint, outcome: "ignored")
                    return .empty
                }
            }
            // The Events API takes no answer in the response: the confirmation goes through the
            // outbox to the person's team channel, queued in the reply's own transaction.
            let answer: ReplyIntake.Answer? = endpoint == .slackEvents ? confirmationMessage(for: person, deliveryID: reply.deliveryID, at: now) : nil
            let started = ContinuousClock.now
            let outcome = try await processor.process(input, answer: answer)
            metrics.replyDuration(ContinuousClock.now - started)
            if answer != nil, outcome.duplicateOf == nil { onQueued() }
            metrics.inbound(endpoint, outcome: outcome.duplicateOf != nil ? "duplicate" : outcome.recorded ? "recorded" : "not_recorded")
            metrics.replyParsed(platform: reply.platform.rawValue, errors: outcome.parse.errors.count)
            logger.info("reply", metadata: [
                "platform": "\(reply.platform.rawValue)", "person": "\(person.id)", "recorded": "\(outcome.recorded)",
                "duplicate": "\(outcome.duplicateOf != nil)", "check_ins": "\(outcome.parse.checkIns.count)", "errors": "\(outcome.parse.errors.count)",
            ])
            if endpoint == .webhook {
                return InboundResponse(status: 200, contentType: "application/json", body: Array(outcome.json().utf8))
            }
            let text = outcome.confirmation(organization: organization).joined(separator: "\n")
            if endpoint == .slackEvents {
                return InboundResponse(status: 200, contentType: "text/plain", body: [], headers: [("X-Slack-No-Retry", "1")])
            }
            // Mattermost slash commands answer privately; outgoing webhooks reply in the post's thread.
            let personal = endpoint == .mattermost ? reply.deliveryID.hasPrefix("mattermost-command:") : reply.direct
            var buttons = endpoint == .slackCommands ? askBackButtons(outcome, person: person)
                : endpoint == .discord ? Self.askBackButtons(outcome, person: person, interactive: true) : nil
            if endpoint == .mattermost, let links, let base = links.baseURL {
                // Mattermost's buttons call okrd back with okrd's token for exactly them in their context.
                buttons = Self.askBackButtons(outcome, person: person, interactive: true)?.map { button in
                    var signed = button
                    signed.callback = ChatMessage.Button.Callback(url: "\(base)/mattermost/actions",
                                                                 token: links.token(person: MattermostAction.claim(button.action, button.value), expires: now.addingTimeInterval(7 * 86_400)))
                    return signed
                }
            }
            return respond(text, endpoint: endpoint, personal: personal, status: 200, buttons: buttons)
        } catch {
            metrics.inbound(endpoint, outcome: "error")
            logger.error("could not record a reply", metadata: ["person": "\(person.id)", "error": "\(error)"])
            return respond("Sorry, okrd could not record this just now (\(Self.brief(error))). Nothing was stored; please send it again in a minute.",
                           endpoint: endpoint, personal: true, status: endpoint == .webhook ? 503 : 200)
        }
    }

    /// "Yes, record it" / "No" for okrd's question in a Slack answer, when the app takes clicks (a
    /// bot token is configured) and the question proposes something to record.
    func askBackButtons(_ outcome: ReplyOutcome, person: Person) -> [ChatMessage.Button]? {
        Self.askBackButtons(outcome, person: person, interactive: slackAPI != nil)
    }

    static func askBackButtons(_ outcome: ReplyOutcome, person: Person, interactive: Bool) -> [ChatMessage.Button]? {
        guard interactive, !outcome.input.dryRun, outcome.duplicateOf == nil, outcome.parse.clarifications.contains(where: { $0.proposal != nil }) else { return nil }
        // Bound to this question: pressed after another one was asked, it answers nothing.
        let asked = Int(outcome.input.at.timeIntervalSince1970)
        return [ChatMessage.Button(action: SlackInteraction.replyAction, label: "Yes, record it", value: SlackInteraction.replyValue("yes", onlyFor: person.id, asked: asked)),
                ChatMessage.Button(action: SlackInteraction.replyAction, label: "No", value: SlackInteraction.replyValue("no", onlyFor: person.id, asked: asked), primary: false)]
    }

    /// The confirmation in the platform's response format; text from people is neutralised.
    private func respond(_ text: String, endpoint: InboundEndpoint, personal: Bool, status: Int, buttons: [ChatMessage.Button]? = nil) -> InboundResponse {
        let safe = Renderers.neutralise(text, for: endpoint.platform)
        switch endpoint {
        case .slackCommands, .slackEvents, .slackInteractions:
            if let buttons, !buttons.isEmpty {
                // The same words, with the buttons under them (Block Kit, as the renderer draws them).
                let message = ChatMessage(kind: .confirmation, title: "", sections: [.init(lines: [.init([.userText(text)])])], buttons: buttons)
                let rendered = Renderers.renderer(for: .slack).render(message, directory: Directory(people: config.organization.people))
                let blocks = ((try? JSONSerialization.jsonObject(with: Data(rendered.body))) as? [String: Any])?["blocks"] as? [Any] ?? []
                let kept = blocks.filter { (($0 as? [String: Any])?["type"] as? String) != "header" }
                if let data = try? JSONSerialization.data(withJSONObject: ["response_type": "ephemeral", "text": safe, "blocks": kept]) {
                    return InboundResponse(status: status, contentType: "application/json", body: Array(data))
                }
            }
            return .json(.object([("response_type", .string("ephemeral")), ("text", .string(safe))]), status: status)
        case .mattermost, .mattermostActions, .mattermostDialogs:
            var fields: [(String, JSONValue)] = [("response_type", .string(personal ? "ephemeral" : "comment")), ("text", .string(safe))]
            if let buttons, !buttons.isEmpty {
                let rendered = Renderers.renderer(for: .mattermost).render(ChatMessage(kind: .confirmation, title: "", buttons: buttons), directory: Directory(people: []))
                if let attachments = JSONValue.parse(rendered.body)?["attachments"] { fields.append(("attachments", attachments)) }
            }
            return .json(.object(fields), status: status)
        case .teams:
            return .json(.object([("type", .string("message")), ("text", .string(safe.replacingOccurrences(of: "\n", with: "<br>")))]), status: status)
        case .discord:
            var data: [(String, JSONValue)] = [("content", .string(String(safe.prefix(2000)))), ("flags", .number(64)),
                                               ("allowed_mentions", .object([("parse", .array([]))]))]
            if let buttons, !buttons.isEmpty { data.append(("components", DiscordInteraction.actionRows(buttons))) }
            return .json(.object([("type", .number(4)), ("data", .object(data))]), status: status)
        case .webhook:
            return .json(.object([("error", .string(text))]), status: status)
        }
    }

    /// The Slack Events confirmation: to the person's first team's channel, once per delivery.
    func confirmationMessage(for person: Person, deliveryID: String, at now: Date) -> ReplyIntake.Answer? {
        guard let team = config.organization.teams(of: person.id).first else { return nil }
        let writer = OutboxWriter(destinations: config.destinations, directory: Directory(people: config.organization.people))
        let organization = config.organization
        let interactive = slackAPI != nil
        return { outcome in
            let lines = outcome.confirmation(organization: organization)
            var message = ChatMessage(kind: .confirmation, title: "Check-in from \(person.name)",
                                      sections: [.init(lines: lines.map { .init([.userText($0)]) })])
            message.buttons = Self.askBackButtons(outcome, person: person, interactive: interactive)
            return try writer.enqueue(message, to: team.destination, key: "confirm:\(deliveryID)", at: now)
        }
    }

    func notConfigured(_ name: String) -> InboundResponse {
        .text("not found: inbound.\(name) is not configured\n", status: 404)
    }

    static func markup(_ platform: Platform) -> Markup {
        switch platform {
        case .slack: .slack
        case .mattermost: .mattermost
        case .discord: .discord
        case .teams: .teams
        case .matrix: .matrixHTML
        case .googlechat, .webhook, .console: .plain
        }
    }

    static func brief(_ error: any Error) -> String {
        String("\(type(of: error))".prefix(40))
    }
}
