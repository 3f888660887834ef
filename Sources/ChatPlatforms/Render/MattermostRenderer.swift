import Foundation
import OKRModel

/// Mattermost incoming webhooks: Markdown `text` up to the server's post size (16,383 runes by
/// default). Mentions are `@username`. Broadcast words in people's text are defused and Slack-style
/// `<!channel>` tokens broken, since Mattermost's Slack compatibility would expand them.
struct MattermostRenderer: Renderer {
    let platform = Platform.mattermost
    let budget = 15_000

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        var notified: [String] = []
        func inline(_ parts: [Inline]) -> String {
            parts.map { part in
                switch part {
                case .text(let s): s
                case .userText(let s): defuse(s)
                case .strong(let s): "**\(s)**"
                case .code(let s): "`\(s)`"
                case .link(let url, let label): "[\(label)](\(url))"
                case .mention(let id):
                    if let username = directory.handle(id, on: .mattermost) {
                        { notified.append(username); return "@\(username)" }()
                    } else {
                        "**\(directory.name(id))**"
                    }
                }
            }.joined()
        }
        var lines = ["#### \(RenderKit.severityEmoji(message.severity)) \(RenderKit.title(message))"]
        if !message.intro.isEmpty { lines.append(inline(message.intro)) }
        for section in message.sections {
            if let title = section.title { lines.append("\n**\(title)**") }
            for line in section.lines {
                lines.append("- " + (line.progress.map { RenderKit.progressText($0) + "  " } ?? "") + inline(line.inlines))
            }
        }
        if let image = message.image, !image.url.isEmpty { lines.append("![\(image.alt)](\(image.url))") }
        if !message.footer.isEmpty { lines.append("\n_" + inline(message.footer) + "_") }
        let text = lines.joined(separator: "\n")
        let body = JSONValue.object([("text", .string(text)), ("username", "okrd")])
        return RenderedMessage(body: body.bytes, contentType: "application/json", notified: notified, size: text.unicodeScalars.count)
    }

    func defuse(_ text: String) -> String {
        RenderKit.defuseBroadcasts(text).replacingOccurrences(of: "<!", with: "<\u{200B}!")
    }
}
