import Foundation
import OKRModel

/// The console destination: readable text on standard output, no account needed.
struct ConsoleRenderer: Renderer {
    let platform = Platform.console
    let budget = Int.max

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        func plain(_ parts: [Inline]) -> String {
            parts.map { part in
                switch part {
                case .mention(let id): "@" + directory.name(id)
                case .link(let url, let label): "\(label) <\(url)>"
                case .text(let s), .userText(let s), .strong(let s), .code(let s): s
                }
            }.joined()
        }
        var lines = ["\(RenderKit.severityEmoji(message.severity)) \(RenderKit.title(message))"]
        if !message.intro.isEmpty { lines.append("  " + plain(message.intro)) }
        for section in message.sections {
            if let title = section.title { lines.append("  \(title)") }
            for line in section.lines {
                lines.append("    " + (line.progress.map { RenderKit.progressText($0) + "  " } ?? "") + plain(line.inlines))
            }
        }
        if let image = message.image, !image.url.isEmpty { lines.append("  [\(image.alt)] \(image.url)") }
        if !message.footer.isEmpty { lines.append("  " + plain(message.footer)) }
        let text = lines.joined(separator: "\n") + "\n"
        return RenderedMessage(body: Array(text.utf8), contentType: "text/plain; charset=utf-8", notified: message.mentionedPeople, size: 0)
    }
}
