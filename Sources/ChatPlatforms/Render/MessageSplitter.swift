import Foundation
/// Splits a message that is too large for a platform into parts that each fit, cutting only
/// between lines (never inside a line, so never inside a mention). Each part repeats the title
/// with "(2/3)"; the intro goes with the first part and the footer and image with the last.
public enum MessageSplitter {
    public static func split(_ message: ChatMessage, renderer: any Renderer, directory: Directory) -> [ChatMessage] {
        if renderer.render(message, directory: directory).size <= renderer.budget { return [message] }
        return splitLarge(message, renderer: renderer, directory: directory)
    }

    /// Like ``split(_:renderer:directory:)``, with each part's rendering (rendered once when the
    /// message fits whole, the common case).
    public static func splitRendered(_ message: ChatMessage, renderer: any Renderer, directory: Directory) -> [(ChatMessage, RenderedMessage)] {
        let whole = renderer.render(message, directory: directory)
        if whole.size <= renderer.budget { return [(message, whole)] }
        return splitLarge(message, renderer: renderer, directory: directory).map { ($0, renderer.render($0, directory: directory)) }
    }

    private static func splitLarge(_ message: ChatMessage, renderer: any Renderer, directory: Directory) -> [ChatMessage] {

        var parts: [ChatMessage] = []
        var current = shell(of: message, intro: message.intro)
        func fits(_ candidate: ChatMessage) -> Bool {
            renderer.render(candidate, directory: directory).size <= renderer.budget
        }
        func commit() {
            parts.append(current)
            current = shell(of: message, intro: [])
        }
        for section in message.sections {
            var placedTitle = false
            for line in section.lines {
                var candidate = current
                append(line, titled: section.title, placedTitle: placedTitle, to: &candidate)
                if fits(candidate) {
                    current = candidate
                    placedTitle = true
                    continue
                }
                // Start a new part; the section title is repeated there.
                if !current.sections.isEmpty || !current.intro.isEmpty { commit() }
                var fresh = current
                append(line, titled: section.title, placedTitle: false, to: &fresh)
                if !fits(fresh) {
                    // A single line larger than a whole message: shorten its text, never drop it.
                    fresh = current
                    append(shortened(line, renderer: renderer, directory: directory, shell: current, title: section.title), titled: section.title, placedTitle: false, to: &fresh)
                }
                current = fresh
                placedTitle = true
            }
            if section.lines.isEmpty, let title = section.title {
                current.sections.append(ChatMessage.Section(title: title, lines: []))
            }
        }
        var last = current
        last.footer = message.footer
        last.image = message.image
        last.buttons = message.buttons
        if fits(last) {
            current = last
        } else {
            commit()
            current.footer = message.footer
            current.image = message.image
            current.buttons = message.buttons
        }
        parts.append(current)
        let count = parts.count
        return parts.enumerated().map { index, part in
            var numbered = part
            numbered.part = count > 1 ? ChatMessage.Part(index: index + 1, count: count) : nil
            return numbered
        }
    }

    private static func shell(of message: ChatMessage, intro: [Inline]) -> ChatMessage {
        ChatMessage(kind: message.kind, severity: message.severity, title: message.title, intro: intro, threadKey: message.threadKey,
                    part: ChatMessage.Part(index: 99, count: 99), replyTo: message.replyTo)
    }

    private static func append(_ line: ChatMessage.Line, titled title: String?, placedTitle: Bool, to message: inout ChatMessage) {
        if placedTitle, !message.sections.isEmpty {
            message.sections[message.sections.count - 1].lines.append(line)
        } else {
            message.sections.append(ChatMessage.Section(title: title, lines: [line]))
        }
    }

    private static func shortened(_ line: ChatMessage.Line, renderer: any Renderer, directory: Directory, shell: ChatMessage, title: String?) -> ChatMessage.Line {
        var shortened = line
        var keep = 2_000
        while keep > 20 {
            shortened.inlines = line.inlines.map { inline in
                switch inline {
                case .userText(let s) where s.count > keep: .userText(String(s.prefix(keep)) + "…")
                case .text(let s) where s.count > keep: .text(String(s.prefix(keep)) + "…")
                default: inline
                }
            }
            var probe = shell
            probe.sections = [ChatMessage.Section(title: title, lines: [shortened])]
            if renderer.render(probe, directory: directory).size <= renderer.budget { return shortened }
            keep /= 2
        }
        return shortened
    }
}
