import Foundation
import OKRModel

/// Matrix `m.room.message` events of msgtype `m.notice`: a plain `body` and an HTML
/// `formatted_body`, with `m.mentions` always present and listing exactly the users okrd mentions
/// (never `room`), so `@room` or names in people's text ping nobody. People's text is HTML-escaped.
struct MatrixRenderer: Renderer {
    let platform = Platform.matrix
    /// Events are limited to 65,536 bytes including server signatures.
    let budget = 48_000

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        // A message that is only an image okrd drew goes out as an uploaded m.image.
        if let png = message.image?.png, message.sections.isEmpty, message.intro.isEmpty, message.footer.isEmpty {
            return RenderedMessage(body: png, contentType: MatrixImage.contentType, notified: [], size: 0)
        }
        var users: [String] = []
        func plain(_ parts: [Inline]) -> String {
            parts.map { part in
                switch part {
                case .text(let s), .userText(let s), .strong(let s), .code(let s): s
                case .link(let url, let label): "\(label) (\(url))"
                case .mention(let id): directory.name(id)
                }
            }.joined()
        }
        func html(_ parts: [Inline]) -> String {
            parts.map { part in
                switch part {
                case .text(let s), .userText(let s): escape(s)
                case .strong(let s): "<strong>\(escape(s))</strong>"
                case .code(let s): "<code>\(escape(s))</code>"
                case .link(let url, let label): "<a href=\"\(escape(url))\">\(escape(label))</a>"
                case .mention(let id):
                    if let user = directory.handle(id, on: .matrix) {
                        { if !users.contains(user) { users.append(user) }
                          return "<a href=\"https://matrix.to/#/\(escape(user))\">\(escape(directory.name(id)))</a>" }()
                    } else {
                        "<strong>\(escape(directory.name(id)))</strong>"
                    }
                }
            }.joined()
        }
        let title = RenderKit.severityEmoji(message.severity) + " " + RenderKit.title(message)
        var text = [title]
        var markup = ["<h4>\(escape(title))</h4>"]
        if !message.intro.isEmpty {
            text.append(plain(message.intro))
            markup.append("<p>\(html(message.intro))</p>")
        }
        for section in message.sections {
            if let title = section.title {
                text.append("\n" + title)
                markup.append("<p><strong>\(escape(title))</strong></p>")
            }
            var items: [String] = []
            for line in section.lines {
                let bar = line.progress.map { RenderKit.progressText($0) + "  " } ?? ""
                text.append("• " + bar + plain(line.inlines))
                items.append("<li>\(escape(bar))\(html(line.inlines))</li>")
            }
            if !items.isEmpty { markup.append("<ul>\(items.joined())</ul>") }
        }
        if let image = message.image, !image.url.isEmpty {
            text.append(image.url)
            markup.append("<p><a href=\"\(escape(image.url))\">\(escape(image.alt))</a></p>")
        }
        if !message.footer.isEmpty {
            text.append(plain(message.footer))
            markup.append("<p><em>\(html(message.footer))</em></p>")
        }
        var fields: [(String, JSONValue)] = [
            ("msgtype", "m.notice"),
            ("body", .string(text.joined(separator: "\n"))),
            ("format", "org.matrix.custom.html"),
            ("formatted_body", .string(markup.joined())),
            ("m.mentions", .object([("user_ids", .array(users.map { .string($0) }))])),
        ]
        if let event = message.replyTo {
            fields.append(("m.relates_to", .object([("m.in_reply_to", .object([("event_id", .string(event))]))])))
        }
        let body = JSONValue.object(fields)
        let bytes = body.bytes
        return RenderedMessage(body: bytes, contentType: "application/json", notified: users, size: bytes.count)
    }

    func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
