public import ChatPlatforms
public import Foundation
public import OKRModel

/// Turns messages into outbox rows. A message too large for its platform becomes several rows
/// (`key#1/3`, `key#2/3`, ...), queued together, delivered in order. Each row keeps the neutral
/// message and the body rendered for its destination's platform, which is what gets sent unless the
/// destination's platform or the people directory changed since (then it is rendered again).
public struct OutboxWriter: Sendable {
    public var destinations: [String: Destination]
    public var directory: Directory

    public init(destinations: [Destination], directory: Directory) {
        var byName: [String: Destination] = [:]
        for destination in destinations { byName[destination.name] = destination }
        self.destinations = byName
        self.directory = directory
    }

    /// The store changes that queue `message` for `destination` under the idempotency key `key`.
    /// Queue them in the same transaction as the change that caused the message.
    public func enqueue(_ message: ChatMessage, to destination: String, key: String, at: Date, notBefore: Date? = nil) throws -> [StoreChange] {
        guard let target = destinations[destination] else {
            throw ReplyError(message: "no destination \"\(destination)\" in the configuration")
        }
        // Matrix takes an image okrd drew as an event of its own (uploaded, then `m.image`), queued
        // right after the text under the same key.
        if target.platform == .matrix, let image = message.image, image.png != nil,
           !(message.sections.isEmpty && message.intro.isEmpty && message.footer.isEmpty) {
            var text = message
            text.image = image.url.isEmpty ? nil : ChatMessage.Image(url: image.url, alt: image.alt)
            let chart = ChatMessage(kind: message.kind, severity: message.severity, title: image.alt, threadKey: message.threadKey, image: image)
            return try enqueue(text, to: destination, key: key, at: at, notBefore: notBefore)
                + enqueue(chart, to: destination, key: "\(key)#image", at: at, notBefore: notBefore)
        }
        let renderer = Renderers.renderer(for: target.platform)
        let parts = MessageSplitter.splitRendered(message, renderer: renderer, directory: directory)
        return parts.enumerated().map { index, part in
            let partKey = parts.count == 1 ? key : "\(key)#\(index + 1)/\(parts.count)"
            let (chat, rendered) = part
            return .enqueue(OutboxMessage(
                idempotencyKey: partKey, destination: destination, kind: message.kind.rawValue,
                payload: chat.jsonBytes(), createdAt: at, notBefore: notBefore ?? at,
                rendered: OutboxMessage.Rendering(platform: target.platform.rawValue, contentType: rendered.contentType, body: rendered.body)))
        }
    }
}
