import OKRModel

/// How a platform whose messages are one block of marked-up text (Mattermost, Discord, Google
/// Chat) writes each part of a message. `TextMarkup.lines` walks the message once for all of them:
/// title, intro, sections of bulleted lines with progress bars, image, footer.
struct TextMarkup {
    var platform: Platform
    var strong: (String) -> String
    var code: (String) -> String
    var link: (_ url: String, _ label: String) -> String
    /// Words a person wrote, made safe for the platform.
    var userText: (String) -> String
    /// A mention from the person's handle on the platform.
    var mention: (_ handle: String) -> String
    var title: (String) -> String
    var sectionTitle: (String) -> String
    var bullet: String
    var imageLine: (ChatMessage.Image) -> String?
    var footer: (String) -> String

    func inline(_ parts: [Inline], directory: Directory, notified: inout [String]) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let s): out += s
            case .userText(let s): out += userText(s)
            case .strong(let s): out += strong(s)
            case .code(let s): out += code(s)
            case .link(let url, let label): out += link(url, label)
            case .mention(let id):
                if let handle = directory.handle(id, on: platform) {
                    if !notified.contains(handle) { notified.append(handle) }
                    out += mention(handle)
                } else {
                    out += strong(directory.name(id))
                }
            }
        }
        return out
    }

    /// The message's lines and the handles it mentions (each once).
    func lines(_ message: ChatMessage, directory: Directory) -> (lines: [String], notified: [String]) {
        var notified: [String] = []
        var lines = [title(RenderKit.severityEmoji(message.severity) + " " + RenderKit.title(message))]
        if !message.intro.isEmpty { lines.append(inline(message.intro, directory: directory, notified: &notified)) }
        for section in message.sections {
            if let title = section.title { lines.append(sectionTitle(title)) }
            for line in section.lines {
                lines.append(bullet + (line.progress.map { RenderKit.progressText($0) + "  " } ?? "") + inline(line.inlines, directory: directory, notified: &notified))
            }
        }
        if let image = message.image, let text = imageLine(image) { lines.append(text) }
        if !message.footer.isEmpty { lines.append(footer(inline(message.footer, directory: directory, notified: &notified))) }
        return (lines, notified)
    }
}
