import Foundation
import OKRModel

/// Microsoft Teams Workflows webhooks: an Adaptive Card 1.4 in the `message` envelope the
/// "Post to a channel when a webhook request is received" template reads. Mentions are `<at>Name</at>`
/// with a matching `msteams.entities` entry (UPN from the person's teams handle); people's text has
/// `<` and `>` replaced by full-width look-alikes so it cannot piggy-back on a mention entity.
struct TeamsRenderer: Renderer {
    let platform = Platform.teams
    /// Teams accepts about 28 KB per card; keep well under.
    let budget = 20_000

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        var entities: [JSONValue] = []
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
                    mention(id)
                }
            }.joined()
        }
        func mention(_ id: String) -> String {
            let name = directory.name(id)
            guard let upn = directory.handle(id, on: .teams) else { return "**\(name)**" }
            let text = "<at>\(name)</at>"
            if !notified.contains(upn) {
                notified.append(upn)
                entities.append(.object([("type", "mention"), ("text", .string(text)), ("mentioned", .object([("id", .string(upn)), ("name", .string(name))]))]))
            }
            return text
        }
        var body: [JSONValue] = [
            .object([("type", "TextBlock"), ("text", .string(RenderKit.severityEmoji(message.severity) + " " + RenderKit.title(message))), ("weight", "Bolder"), ("size", "Medium"), ("wrap", true)]),
        ]
        func block(_ text: String, bold: Bool = false, subtle: Bool = false) {
            var pairs: [(String, JSONValue)] = [("type", "TextBlock"), ("text", .string(text)), ("wrap", true)]
            if bold { pairs.append(("weight", "Bolder")) }
            if subtle { pairs.append(("isSubtle", true)) }
            body.append(.object(pairs))
        }
        if !message.intro.isEmpty { block(inline(message.intro)) }
        for section in message.sections {
            if let title = section.title { block(title, bold: true) }
            // Lines of a section in one block: Markdown line breaks need a blank line in Teams.
            let lines = section.lines.map { line in (line.progress.map { RenderKit.progressText($0) + "  " } ?? "") + inline(line.inlines) }
            if !lines.isEmpty { block(lines.joined(separator: "\n\n")) }
        }
        if let image = message.image, !image.url.isEmpty {
            body.append(.object([("type", "Image"), ("url", .string(image.url)), ("altText", .string(image.alt))]))
        }
        if !message.footer.isEmpty { block(inline(message.footer), subtle: true) }
        var card: [(String, JSONValue)] = [
            ("$schema", "http://adaptivecards.io/schemas/adaptive-card.json"),
            ("type", "AdaptiveCard"),
            ("version", "1.4"),
            ("body", .array(body)),
        ]
        // Link buttons (Teams Workflows cannot call okrd back): each opens a person's check-in page.
        let links = (message.buttons ?? []).compactMap { button in button.link.map { (button.label, $0) } }
        if !links.isEmpty {
            card.append(("actions", .array(links.prefix(6).map { label, url in
                .object([("type", "Action.OpenUrl"), ("title", .string(String(label.prefix(50)))), ("url", .string(url))])
            })))
        }
        if !entities.isEmpty { card.append(("msteams", .object([("entities", .array(entities)), ("width", "Full")]))) }
        let envelope = JSONValue.object([
            ("type", "message"),
            ("attachments", .array([.object([("contentType", "application/vnd.microsoft.card.adaptive"), ("contentUrl", .null), ("content", .object(card))])])),
        ])
        let bytes = envelope.bytes
        return RenderedMessage(body: bytes, contentType: "application/json", notified: notified, size: bytes.count)
    }

    func defuse(_ text: String) -> String {
        RenderKit.defuseBroadcasts(text).replacingOccurrences(of: "<", with: "＜").replacingOccurrences(of: ">", with: "＞")
    }
}
