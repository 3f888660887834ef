import Foundation
import OKRModel

/// Google Chat webhooks: `text` up to 32,000 bytes, threaded with `thread.threadKey`. Mentions are
/// `<users/NUMBER>`; in people's text `<` becomes a full-width look-alike, so `<users/all>` cannot
/// notify the space.
struct GoogleChatRenderer: Renderer {
    let platform = Platform.googlechat
    let budget = 28_000

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        var notified: [String] = []
        func inline(_ parts: [Inline]) -> String {
            parts.map { part in
                switch part {
                case .text(let s): s
                case .userText(let s): RenderKit.defuseBroadcasts(s).replacingOccurrences(of: "<", with: "＜")
                case .strong(let s): "*\(s)*"
                case .code(let s): "`\(s)`"
                case .link(let url, let label): "<\(url)|\(label.replacingOccurrences(of: "<", with: "＜").replacingOccurrences(of: "|", with: "/"))>"
                case .mention(let id):
                    if let user = directory.handle(id, on: .googlechat) {
                        { notified.append(user); return "<\(user.hasPrefix("users/") ? user : "users/" + user)>" }()
                    } else {
                        "*\(directory.name(id))*"
                    }
                }
            }.joined()
        }
        var lines = ["*\(RenderKit.severityEmoji(message.severity)) \(RenderKit.title(message))*"]
        if !message.intro.isEmpty { lines.append(inline(message.intro)) }
        for section in message.sections {
            if let title = section.title { lines.append("\n*\(title)*") }
            for line in section.lines {
                lines.append("• " + (line.progress.map { RenderKit.progressText($0) + "  " } ?? "") + inline(line.inlines))
            }
        }
        if let image = message.image, !image.url.isEmpty { lines.append(image.url) }
        if !message.footer.isEmpty { lines.append("_" + inline(message.footer) + "_") }
        let text = lines.joined(separator: "\n")
        var pairs: [(String, JSONValue)] = [("text", .string(text))]
        if let key = message.threadKey { pairs.append(("thread", .object([("threadKey", .string(String(key.prefix(4000))))]))) }
        let bytes = JSONValue.object(pairs).bytes
        return RenderedMessage(body: bytes, contentType: "application/json; charset=UTF-8", notified: notified, size: bytes.count)
    }
}
