import ChatPlatforms
import Foundation
import OKRModel
import Testing

@Suite("Rendering for each platform")
struct RendererTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let platforms: [Platform] = [.slack, .teams, .discord, .mattermost, .googlechat, .matrix, .webhook, .console]
    static let messages: [(String, ChatMessage)] = [("prompt", Fixture.prompt), ("reminder", Fixture.reminder), ("alert", Fixture.alert), ("digest", Fixture.longDigest)]

    /// Compares with the golden file, or writes it when OKRD_RECORD_GOLDEN=1.
    func golden(_ name: String, _ actual: String) throws {
        let url = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["OKRD_RECORD_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from its golden file; rerun with OKRD_RECORD_GOLDEN=1 after checking the change")
    }

    @Test("Golden files: prompt, reminder, alert and a long digest on every platform", arguments: platforms)
    func goldenFiles(platform: Platform) throws {
        for (kind, message) in Self.messages {
            let parts = Renderers.render(message, for: platform, directory: Fixture.directory)
            let text = parts.enumerated().map { index, part in
                let body = platform == .console || platform == .webhook ? part.text : (JSONValue.parse(part.body)?.pretty() ?? part.text)
                return "--- part \(index + 1)/\(parts.count) (\(part.contentType))\n" + body
            }.joined(separator: "\n")
            try golden("\(platform.rawValue)-\(kind).txt", text + "\n")
        }
    }

    @Test("Every part of a long digest fits the platform's limits, cut only between lines", arguments: platforms)
    func splitting(platform: Platform) throws {
        let renderer = Renderers.renderer(for: platform)
        let parts = MessageSplitter.split(Fixture.longDigest, renderer: renderer, directory: Fixture.directory)
        if [.slack, .discord].contains(platform) { #expect(parts.count > 1) }
        var seenLines = 0
        for (index, part) in parts.enumerated() {
            let rendered = renderer.render(part, directory: Fixture.directory)
            #expect(rendered.size <= renderer.budget)
            if parts.count > 1 { #expect(part.part == ChatMessage.Part(index: index + 1, count: parts.count)) }
            seenLines += part.sections.reduce(0) { $0 + $1.lines.count }
            switch platform {
            case .slack:
                let json = try #require(JSONValue.parse(rendered.body))
                let blocks = try #require(json["blocks"]?.array)
                #expect(blocks.count <= 50)
                for block in blocks { #expect((block["text"]?["text"]?.string?.count ?? 0) <= 3000) }
                #expect((json["text"]?.string?.count ?? 0) <= 3000)
            case .discord:
                let content = try #require(JSONValue.parse(rendered.body)?["content"]?.string)
                #expect(content.count <= 2000)
            case .teams:
                #expect(rendered.body.count <= 28_000)
            case .mattermost:
                #expect((JSONValue.parse(rendered.body)?["text"]?.string?.unicodeScalars.count ?? 0) <= 16_383)
            case .googlechat:
                #expect(rendered.body.count <= 32_000)
            case .matrix:
                #expect(rendered.body.count <= 65_536)
            default:
                break
            }
        }
        // Nothing lost, nothing duplicated.
        #expect(seenLines == Fixture.longDigest.sections.reduce(0) { $0 + $1.lines.count })
        #expect(parts.first?.intro == Fixture.longDigest.intro)
        #expect(parts.last?.footer == Fixture.longDigest.footer)
    }

    @Test("Broadcast mentions and markup in people's text notify nobody", arguments: platforms)
    func neutralised(platform: Platform) throws {
        let rendered = Renderers.render(Fixture.alert, for: platform, directory: Fixture.directory)[0]
        let body = rendered.text
        switch platform {
        case .slack:
            #expect(!body.contains("<!channel>") && !body.contains("<!here>"))
            #expect(body.contains("&lt;!channel&gt;"))
            #expect(!body.contains("link_names"))
            #expect(rendered.notified == ["U02MARIA", "U02DANA"])
        case .discord:
            let json = try #require(JSONValue.parse(rendered.body))
            #expect(json["allowed_mentions"]?["parse"]?.array?.isEmpty == true)
            #expect(json["allowed_mentions"]?["users"]?.array?.compactMap(\.string) == ["80351110224678912"])
            // The user mention li typed is shown but does not ping (not in allowed users, and broken).
            #expect(!(json["content"]?.string?.contains("<@80351110224678999>") ?? true))
            // Someone's markdown image and link show as text, not as a picture or a masked link.
            let content = json["content"]?.string ?? ""
            #expect(!content.contains("pixel](") && !content.contains("invoice]("), "\(content)")
        case .mattermost:
            let text = try #require(JSONValue.parse(rendered.body)?["text"]?.string)
            for word in ["@channel", "@here", "@all", "@everyone"] { #expect(!text.contains(word)) }
            #expect(!text.contains("<!channel>"))
            #expect(text.contains("@maria.keller"))
            // Someone's markdown image and link show as text: a public comment loads no picture.
            #expect(!text.contains("pixel](") && !text.contains("invoice]("), "\(text)")
            #expect(text.contains(#"!\[pixel\](https://evil.example/p.png)"#))
        case .googlechat:
            let text = try #require(JSONValue.parse(rendered.body)?["text"]?.string)
            #expect(!text.contains("<users/all>"))
            #expect(text.contains("<users/1234567>"))
        case .teams:
            let json = try #require(JSONValue.parse(rendered.body))
            let card = try #require(json["attachments"]?[0]?["content"])
            let entities = card["msteams"]?["entities"]?.array ?? []
            #expect(entities.compactMap { $0["mentioned"]?["id"]?.string } == ["maria@example.com"])
            // li's name typed as <at>..</at> must not match a mention entity.
            #expect(!body.contains("<at>Li Wei</at>"))
        case .matrix:
            let json = try #require(JSONValue.parse(rendered.body))
            #expect(json["m.mentions"]?["user_ids"]?.array?.compactMap(\.string) == ["@maria:example.org", "@dana:example.org"])
            #expect(json["m.mentions"]?["room"] == nil)
            let html = try #require(json["formatted_body"]?.string)
            #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;"))
            #expect(!html.contains("<b>bold</b>"))
            #expect(json["msgtype"]?.string == "m.notice")
        case .webhook, .console:
            #expect(rendered.notified == ["maria", "dana"])
        }
    }

    @Test("Mentions use each platform's syntax from the person's handle; unknown handles fall back to the name")
    func mentions() {
        let message = ChatMessage(kind: .nudge, title: "t", intro: [.mention("maria"), .text(" and "), .mention("dana")])
        #expect(Renderers.render(message, for: .slack, directory: Fixture.directory)[0].text.contains("<@U02MARIA> and <@U02DANA>"))
        let discord = Renderers.render(message, for: .discord, directory: Fixture.directory)[0].text
        #expect(discord.contains("<@80351110224678912> and **Dana Weber**"))
        #expect(Renderers.render(message, for: .mattermost, directory: Fixture.directory)[0].text.contains("@maria.keller and **Dana Weber**"))
        #expect(Renderers.render(message, for: .googlechat, directory: Fixture.directory)[0].text.contains("<users/1234567> and *Dana Weber*"))
        let matrix = Renderers.render(message, for: .matrix, directory: Fixture.directory)[0].text
        #expect(matrix.contains("https://matrix.to/#/@maria:example.org"))
    }

    @Test("Requests: Discord waits, Google Chat threads, Matrix uses the key as txnId, webhooks are signed")
    func requests() throws {
        let now = Date(timeIntervalSince1970: 1_795_424_400)
        let rendered = Renderers.render(Fixture.reminder, for: .discord, directory: Fixture.directory)[0]
        let discord = Destination(name: "d", platform: .discord, url: Secret("https://discord.com/api/webhooks/1/SECRET", source: "test"))
        #expect(discord.request(for: rendered, key: "k", now: now)?.url == "https://discord.com/api/webhooks/1/SECRET?wait=true&with_components=true")
        let chat = Destination(name: "g", platform: .googlechat, url: Secret("https://chat.googleapis.com/v1/spaces/S/messages?key=K&token=T", source: "test"))
        #expect(chat.request(for: rendered, key: "k", now: now)?.url.hasSuffix("&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD") == true)
        let matrix = Destination(name: "m", platform: .matrix, homeserver: "https://matrix.example.org", room: "!abc:example.org", accessToken: Secret("TOKEN", source: "test"))
        let first = try #require(matrix.request(for: rendered, key: "prompt:emea:2026-W48", now: now))
        let again = try #require(matrix.request(for: rendered, key: "prompt:emea:2026-W48", now: now.addingTimeInterval(60)))
        #expect(first.method == "PUT")
        #expect(first.url == again.url)
        #expect(first.url.hasPrefix("https://matrix.example.org/_matrix/client/v3/rooms/%21abc%3Aexample.org/send/m.room.message/okrd-prompt_emea_2026-W48-"))
        #expect(first.headers.contains { $0 == ("Authorization", "Bearer TOKEN") })

        // Standard Webhooks: the receiver can verify the signature with the shared secret.
        let secret = "whsec_" + Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let hook = Destination(name: "w", platform: .webhook, url: Secret("https://crm.example.com/hook", source: "test"), signingSecret: Secret(secret, source: "test"))
        let request = try #require(hook.request(for: rendered, key: "alert:kr1:1", now: now))
        let id = try #require(request.headers.first { $0.0 == "webhook-id" }?.1)
        let timestamp = try #require(request.headers.first { $0.0 == "webhook-timestamp" }?.1)
        let signature = try #require(request.headers.first { $0.0 == "webhook-signature" }?.1)
        #expect(timestamp == "1795424400")
        #expect(signature == StandardWebhookKey.signature(id: id, timestamp: timestamp, body: request.body, key: StandardWebhookKey.decode(secret)!))
        #expect(Destination(name: "c", platform: .console).request(for: rendered, key: "k", now: now) == nil)
    }

    @Test("Secrets do not show when destinations are printed")
    func secretsHidden() {
        let destination = Destination(name: "emea", platform: .slack, url: Secret("https://hooks.slack.com/services/T/B/SECRET", source: "env:OKRD_SLACK_URL"))
        let printed = "\(destination) \(String(reflecting: destination))"
        #expect(!printed.contains("SECRET"))
        #expect(printed.contains("env:OKRD_SLACK_URL"))
    }
}
