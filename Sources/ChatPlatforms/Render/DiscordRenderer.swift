import Foundation
import OKRModel

/// Discord webhooks (executed with `?wait=true`): Markdown `content` of at most 2,000 characters and
/// an explicit `allowed_mentions` that allows exactly the users okrd mentions, so `@everyone`,
/// `@here` and role pings in people's text notify nobody.
struct DiscordRenderer: Renderer {
    let platform = Platform.discord
    let budget = 1_900

    var markup: TextMarkup {
        TextMarkup(
            platform: .discord, strong: { "**\($0)**" }, code: { "`\($0.replacingOccurrences(of: "`", with: "'"))`" }, link: { "[\($1)](<\($0)>)" },
            userText: defuse, mention: { "<@\($0)>" }, title: { "**\($0)**" }, sectionTitle: { "\n__\($0)__" }, bullet: "",
            // An image okrd drew is uploaded with the message; one it only links to is shown by URL.
            imageLine: { $0.png == nil && !$0.url.isEmpty ? $0.url : nil }, footer: { "-# \($0)" })
    }

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        let (lines, users) = markup.lines(message, directory: directory)
        let content = lines.joined(separator: "\n")
        var fields: [(String, JSONValue)] = [
            ("content", .string(content)),
            ("allowed_mentions", .object([("parse", .array([])), ("users", .array(users.map { .string($0) }))])),
        ]
        if let buttons = message.buttons, !buttons.isEmpty {
            fields.append(("components", DiscordInteraction.actionRows(buttons)))
        }
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
        RenderKit.defuseLinks(RenderKit.defuseBroadcasts(text)).replacingOccurrences(of: "<@", with: "<\u{200B}@").replacingOccurrences(of: "<#", with: "<\u{200B}#")
    }
}
