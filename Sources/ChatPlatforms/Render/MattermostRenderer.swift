import Foundation
import OKRModel

/// Mattermost incoming webhooks: Markdown `text` up to the server's post size (16,383 runes by
/// default). Mentions are `@username`. Broadcast words in people's text are defused and Slack-style
/// `<!channel>` tokens broken, since Mattermost's Slack compatibility would expand them.
struct MattermostRenderer: Renderer {
    let platform = Platform.mattermost
    let budget = 15_000

    var markup: TextMarkup {
        TextMarkup(
            platform: .mattermost, strong: { "**\($0)**" }, code: { "`\($0)`" }, link: { "[\($1)](\($0))" }, userText: defuse,
            mention: { "@\($0)" }, title: { "#### \($0)" }, sectionTitle: { "\n**\($0)**" }, bullet: "- ",
            imageLine: { $0.url.isEmpty ? nil : "![\($0.alt)](\($0.url))" }, footer: { "\n_\($0)_" })
    }

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        let (lines, notified) = markup.lines(message, directory: directory)
        let text = lines.joined(separator: "\n")
        var fields: [(String, JSONValue)] = [("text", .string(text)), ("username", "okrd")]
        // Buttons as message attachment actions: the server posts a click to the action's URL with
        // its context (which never reaches the clients), so the context carries okrd's token.
        // Ids must be unique in the post (the server finds the clicked action by its id) and alphanumeric.
        let actions = (message.buttons ?? []).enumerated().compactMap { index, button -> JSONValue? in
            guard let callback = button.callback else { return nil }
            return .object([
                ("id", .string((button.action == "okrd_open_checkin" ? "okrdcheckin" : "okrdreply") + "\(index)")), ("type", "button"), ("name", .string(button.label)),
                ("style", .string(button.primary ? "primary" : "default")),
                ("integration", .object([("url", .string(callback.url)), ("context", .object([
                    ("action", .string(button.action)), ("value", .string(button.value)), ("token", .string(callback.token)),
                ]))])),
            ])
        }
        if !actions.isEmpty { fields.append(("attachments", .array([.object([("text", ""), ("actions", .array(actions))])]))) }
        let body = JSONValue.object(fields)
        return RenderedMessage(body: body.bytes, contentType: "application/json", notified: notified, size: text.unicodeScalars.count)
    }

    func defuse(_ text: String) -> String {
        RenderKit.defuseLinks(RenderKit.defuseBroadcasts(text)).replacingOccurrences(of: "<!", with: "<\u{200B}!")
    }
}
