import Foundation
import OKRModel

/// Discord webhooks (executed with `?wait=true`): Markdown `content` of at most 2,000 characters and
/// an explicit `allowed_mentions` that allows exactly the users okrd mentions, so `@everyone`,
/// `@here` and role pings in people's text notify nobody.
struct DiscordRenderer: Renderer {
    let platform = Platform.discord
    let budget = 1_900

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        var users: [String] = []
        func inline(_ parts: [Inline]) -> String {
            parts.map { part in
                switch part {
                case .text(let s): s
                case .userText(let s): defuse(s)
                case .strong(let s): "**\(s)**"
                case .code(let s): "`\(s.replacingOccurrences(of: "`", with: "'"))`"
                case .link(let url, let label): "[\(label)](<\(url)>)"
                case .mention(let id):
                    if let snowflake = directory.handle(id, on: .discord) {
                        { if !users.contains(snowflake) { users.append(snowflake) }; return "<@\(snowflake)>" }()
                    } else {
                        "**\(directory.name(id))**"
                    }
                }
            }.joined()
        }
        var lines = ["**\(RenderKit.severityEmoji(message.severity) + " " + RenderKit.title(message))**"]
        if !message.intro.isEmpty { lines.append(inline(message.intro)) }
        for section in message.sections {
            if let title = section.title { lines.append("\n__\(title)__") }
            for line in section.lines {
                lines.append((line.progress.map { RenderKit.progressText($0) + "  " } ?? "") + inline(line.inlines))
            }
        }
        // An image okrd drew is uploaded with the message; one it only links to is shown by URL.
        if let image = message.image, image.png == nil, !image.url.isEmpty { lines.append(image.url) }
        if !message.footer.isEmpty { lines.append("-# " + inline(message.footer)) }
        let content = lines.joined(separator: "\n")
        var fields: [(String, JSONValue)] = [
            ("content", .string(content)),
            ("allowed_mentions", .object([("parse", .array([])), ("users", .array(users.map { .string($0) }))])),
        ]
        if let image = message.image, let png = image.png {
            // multipart/form-data: payload_json plus the file, referenced by its attachment id.
            fields.append(("attachments", .array([.object([("id", .number(0)), ("filename", "radar.png"), ("description", .string(String(image.alt.prefix(1024))))])])))
            let boundary = "okrd-\(UUID().uuidString)"
            var body: [UInt8] = []
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n".utf8)
            body += JSONValue.object(fields).bytes
            body += Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"radar.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            body += png
            body += Array("\r\n--\(boundary)--\r\n".utf8)
            return RenderedMessage(body: body, contentType: "multipart/form-data; boundary=\(boundary)", notified: users, size: content.unicodeScalars.count)
        }
        return RenderedMessage(body: JSONValue.object(fields).bytes, contentType: "application/json", notified: users, size: content.unicodeScalars.count)
    }

    /// Broadcasts defused, and `<@` / `<#` sequences broken so they read as text.
    func defuse(_ text: String) -> String {
        RenderKit.defuseBroadcasts(text).replacingOccurrences(of: "<@", with: "<\u{200B}@").replacingOccurrences(of: "<#", with: "<\u{200B}#")
    }
}
