import Foundation
import OKRModel

/// Google Chat webhooks: `text` up to 32,000 bytes, threaded with `thread.threadKey`. Mentions are
/// `<users/NUMBER>`; in people's text `<` becomes a full-width look-alike, so `<users/all>` cannot
/// notify the space.
struct GoogleChatRenderer: Renderer {
    let platform = Platform.googlechat
    let budget = 28_000

    var markup: TextMarkup {
        TextMarkup(
            platform: .googlechat, strong: { "*\($0)*" }, code: { "`\($0)`" },
            link: { "<\($0)|\($1.replacingOccurrences(of: "<", with: "＜").replacingOccurrences(of: "|", with: "/"))>" },
            userText: { RenderKit.defuseBroadcasts($0).replacingOccurrences(of: "<", with: "＜") },
            mention: { "<\($0.hasPrefix("users/") ? $0 : "users/" + $0)>" }, title: { "*\($0)*" }, sectionTitle: { "\n*\($0)*" }, bullet: "• ",
            imageLine: { $0.url.isEmpty ? nil : $0.url }, footer: { "_\($0)_" })
    }

    func render(_ message: ChatMessage, directory: Directory) -> RenderedMessage {
        let (lines, notified) = markup.lines(message, directory: directory)
        let text = lines.joined(separator: "\n")
        var pairs: [(String, JSONValue)] = [("text", .string(text))]
        if let key = message.threadKey { pairs.append(("thread", .object([("threadKey", .string(String(key.prefix(4000))))]))) }
        // Link buttons (a webhook cannot call okrd back): each opens a person's check-in page.
        let links = (message.buttons ?? []).compactMap { button in button.link.map { (button.label, $0) } }
        if !links.isEmpty {
            let buttons = JSONValue.array(links.prefix(20).map { label, url in
                .object([("text", .string(String(label.prefix(60)))), ("onClick", .object([("openLink", .object([("url", .string(url))]))]))])
            })
            pairs.append(("cardsV2", .array([.object([("cardId", "okrd-check-in"), ("card", .object([
                ("sections", .array([.object([("widgets", .array([.object([("buttonList", .object([("buttons", buttons)]))])]))])])),
            ]))])])))
        }
        let bytes = JSONValue.object(pairs).bytes
        return RenderedMessage(body: bytes, contentType: "application/json; charset=UTF-8", notified: notified, size: bytes.count)
    }
}
