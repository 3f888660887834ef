import Foundation
public import OKRModel

/// A message rendered for one platform: the request body and a readable text form.
public struct RenderedMessage: Sendable, Hashable {
    public var body: [UInt8]
    public var contentType: String
    /// Everyone the message notifies, in the platform's own ids (for checks and tests).
    public var notified: [String]
    /// The size the platform limits: characters, runes or bytes of the relevant part.
    public var size: Int

    public init(body: [UInt8], contentType: String, notified: [String], size: Int) {
        self.body = body
        self.contentType = contentType
        self.notified = notified
        self.size = size
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Renders the neutral message model in one platform's format, within its size limits.
public protocol Renderer: Sendable {
    var platform: Platform { get }
    /// The most a single message may measure on this platform (`RenderedMessage.size`), with headroom.
    var budget: Int { get }
    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage
}

public enum Renderers {
    public static func renderer(for platform: Platform) -> any Renderer {
        switch platform {
        case .slack: SlackRenderer()
        case .teams: TeamsRenderer()
        case .discord: DiscordRenderer()
        case .mattermost: MattermostRenderer()
        case .googlechat: GoogleChatRenderer()
        case .matrix: MatrixRenderer()
        case .webhook: WebhookRenderer()
        case .console: ConsoleRenderer()
        }
    }

    /// Splits a message into parts that each fit the platform, then renders them.
    public static func render(_ message: ChatMessage, for platform: Platform, directory: Directory) -> [RenderedMessage] {
        let renderer = renderer(for: platform)
        return MessageSplitter.split(message, renderer: renderer, directory: directory).map { renderer.render($0, directory: directory) }
    }
}

/// Shared pieces of rendering: bars, status markers, part labels.
enum RenderKit {
    /// `▓▓▓▓▓░░░░░ 50%`
    static func bar(_ progress: ChatMessage.Progress) -> String {
        let clamped = min(1, max(0, progress.actual))
        let filled = Int((clamped * 10).rounded())
        return String(repeating: "▓", count: filled) + String(repeating: "░", count: 10 - filled) + " \(percent(progress.actual))"
    }

    /// `▓▓▓▓▓░░░░░ 50% / 57% expected 🟢`
    static func progressText(_ progress: ChatMessage.Progress) -> String {
        "\(emoji(progress.status)) \(bar(progress)) (expected \(percent(progress.expected)))"
    }

    static func percent(_ fraction: Double) -> String { "\(Int((min(9.99, max(-9.99, fraction)) * 100).rounded()))%" }

    static func emoji(_ status: String) -> String {
        (Status(rawValue: status) ?? .noData).emoji
    }

    static func severityEmoji(_ severity: ChatMessage.Severity) -> String {
        switch severity {
        case .info: "📋"
        case .success: "✅"
        case .warning: "⚠️"
        case .critical: "🚨"
        }
    }

    static func title(_ message: ChatMessage) -> String {
        guard let part = message.part, part.count > 1 else { return message.title }
        return "\(message.title) (\(part.index)/\(part.count))"
    }

    /// Markdown images and links in people's words shown as text (`\[text\](url)`): on platforms
    /// that render markdown in public, someone's `![](https://...)` would otherwise load a
    /// picture for everyone, and `[invoice](https://...)` hide where a link goes.
    static func defuseLinks(_ text: String) -> String {
        guard text.contains("[") || text.contains("]") else { return text }
        return text.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }

    /// Inserts a zero-width space after `@` in broadcast words (`@channel`, `@here`, `@everyone`,
    /// `@all`, `@room`), so they read the same but notify nobody.
    static func defuseBroadcasts(_ text: String) -> String {
        guard text.contains("@") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            out.append(character)
            if character == "@" {
                let rest = text[text.index(after: index)...].prefix(8).lowercased()
                if ["channel", "here", "everyone", "all", "room", "team"].contains(where: { rest.hasPrefix($0) }) {
                    out.append("\u{200B}")
                }
            }
            index = text.index(after: index)
        }
        return out
    }
}
