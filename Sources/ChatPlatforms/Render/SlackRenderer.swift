import Foundation
import OKRModel

/// Slack incoming webhooks: Block Kit with a plain `text` fallback for notifications.
/// Mentions are `<@U...>`; `&`, `<`, `>` in any text are escaped (so `<!channel>` written by a person
/// stays text), and `link_names` is never sent, so a typed `@channel` does not broadcast either.
struct SlackRenderer: Renderer {
    let platform = Platform.slack
    /// Slack rejects section text over 3,000 characters and messages over ~12,000 characters of
    /// block text or 50 blocks; `size` counts text and charges 240 per block.
    let budget = 11_000
    static let sectionLimit = 2_900

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        var notified: [String] = []
        func inline(_ parts: [Inline]) -> String {
            parts.map { part in
                switch part {
                case .text(let s): escape(s)
                case .userText(let s): escape(RenderKit.defuseBroadcasts(s))
                case .strong(let s): "*\(escape(s))*"
                case .code(let s): "`\(escape(s))`"
                case .link(let url, let label): "<\(url)|\(escape(label))>"
                case .mention(let id):
                    if let handle = directory.handle(id, on: .slack) {
                        { notified.append(handle); return "<@\(handle)>" }()
                    } else {
                        "*\(escape(directory.name(id)))*"
                    }
                }
            }.joined()
        }
        func line(_ line: ChatMessage.Line) -> String {
            (line.progress.map { RenderKit.progressText($0) + "  " } ?? "") + inline(line.inlines)
        }

        var blocks: [JSONValue] = []
        var textChars = 0
        let title = RenderKit.severityEmoji(message.severity) + " " + RenderKit.title(message)
        blocks.append(.object([("type", "header"), ("text", .object([("type", "plain_text"), ("text", .string(String(title.prefix(150)))), ("emoji", true)]))]))
        textChars += min(150, title.count)
        func section(_ text: String) {
            guard !text.isEmpty else { return }
            blocks.append(.object([("type", "section"), ("text", .object([("type", "mrkdwn"), ("text", .string(text))]))]))
            textChars += text.count
        }
        let intro = inline(message.intro)
        section(intro)
        for part in message.sections {
            var chunk = part.title.map { "*\(escape($0))*" } ?? ""
            for entry in part.lines.map(line) {
                let candidate = chunk.isEmpty ? entry : chunk + "\n" + entry
                if candidate.count > Self.sectionLimit, !chunk.isEmpty {
                    section(chunk)
                    chunk = entry
                } else {
                    chunk = candidate
                }
            }
            section(String(chunk.prefix(Self.sectionLimit)))
        }
        if let image = message.image, !image.url.isEmpty {
            blocks.append(.object([("type", "image"), ("image_url", .string(image.url)), ("alt_text", .string(image.alt))]))
        }
        if let buttons = message.buttons, !buttons.isEmpty {
            // Slack: at most 25 elements per actions block, labels up to 75 characters.
            // Action ids must be unique within the block: `action:n`.
            let elements = buttons.prefix(25).enumerated().map { index, button -> JSONValue in
                var fields: [(String, JSONValue)] = [
                    ("type", "button"), ("action_id", .string("\(button.action):\(index)")),
                    ("text", .object([("type", "plain_text"), ("text", .string(String(button.label.prefix(75))))])), ("value", .string(String(button.value.prefix(2000)))),
                ]
                if button.primary { fields.append(("style", "primary")) }
                if let link = button.link { fields.append(("url", .string(link))) }
                return .object(fields)
            }
            blocks.append(.object([("type", "actions"), ("block_id", "okrd-actions"), ("elements", .array(Array(elements)))]))
        }
        if !message.footer.isEmpty {
            let footer = inline(message.footer)
            blocks.append(.object([("type", "context"), ("elements", .array([.object([("type", "mrkdwn"), ("text", .string(footer))])]))]))
            textChars += footer.count
        }
        // The notification says what the message is about: its intro (a digest's summary line),
        // else its first line.
        let first = intro.isEmpty ? message.sections.first?.lines.first.map(line) ?? "" : intro
        let fallback = escape(title) + (first.isEmpty ? "" : ": " + first)
        let body = JSONValue.object([("text", .string(String(fallback.prefix(3000)))), ("blocks", .array(blocks))])
        return RenderedMessage(body: body.bytes, contentType: "application/json; charset=utf-8", notified: notified, size: max(textChars, blocks.count * 240))
    }

    /// Slack's three control characters, `&` first.
    func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
