import Foundation
import OKRModel

/// The generic JSON webhook for custom integrations: the message as structured JSON (kind,
/// severity, title, sections with lines and progress, mentioned people) plus a plain `text`.
struct WebhookRenderer: Renderer {
    let platform = Platform.webhook
    let budget = 200_000

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        func plain(_ parts: [Inline]) -> String { parts.plain(directory) }
        let sections: [JSONValue] = message.sections.map { section in
            .object([
                ("title", .optional(section.title)),
                ("lines", .array(section.lines.map { line in
                    var pairs: [(String, JSONValue)] = [("text", .string(plain(line.inlines)))]
                    if let progress = line.progress {
                        pairs.append(("progress", .object([("actual", .number(progress.actual)), ("expected", .number(progress.expected)), ("status", .string(progress.status))])))
                    }
                    return .object(pairs)
                })),
            ])
        }
        var text = [RenderKit.title(message)]
        if !message.intro.isEmpty { text.append(plain(message.intro)) }
        for section in message.sections {
            if let title = section.title { text.append(title) }
            text += section.lines.map { ($0.progress.map { RenderKit.progressText($0) + "  " } ?? "") + plain($0.inlines) }
        }
        let people = message.mentionedPeople
        let body = JSONValue.object([
            ("type", .string("okrd.\(message.kind.rawValue)")),
            ("severity", .string(message.severity.rawValue)),
            ("title", .string(RenderKit.title(message))),
            ("text", .string(text.joined(separator: "\n"))),
            ("sections", .array(sections)),
            ("mentions", .array(people.map { .object([("id", .string($0)), ("name", .string(directory.name($0)))]) })),
            ("image", .optional(message.image?.url)),
            ("part", message.part.map { .object([("index", .number(Double($0.index))), ("count", .number(Double($0.count)))]) } ?? .null),
        ])
        let bytes = body.bytes
        return RenderedMessage(body: bytes, contentType: "application/json", notified: people, size: bytes.count)
    }
}
