import ChatPlatforms
import Foundation
import OKRModel
import Testing

@Suite("Images: uploaded to Discord, linked elsewhere, kept through the outbox's JSON")
struct UploadTests {
    let directory = Directory(people: [Person(id: "maria", name: "Maria Keller", timeZone: TimeZone(identifier: "Europe/Berlin")!, handles: [.discord: "80351110224678912"])])
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 64)

    func message(url: String) -> ChatMessage {
        ChatMessage(kind: .digest, title: "Weekly digest", intro: [.mention("maria"), .text(" here is the week")],
                    image: ChatMessage.Image(url: url, alt: "Radar chart", png: png), replyTo: "$event")
    }

    @Test("Discord gets multipart/form-data: payload_json with the attachment, and the PNG as files[0]")
    func discordMultipart() throws {
        let rendered = try #require(Renderers.render(message(url: ""), for: .discord, directory: directory).first)
        #expect(rendered.contentType.hasPrefix("multipart/form-data; boundary="))
        let boundary = String(rendered.contentType.split(separator: "=", maxSplits: 1)[1])
        let body = rendered.body
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix("--\(boundary)\r\nContent-Disposition: form-data; name=\"payload_json\""))
        #expect(text.contains("name=\"files[0]\"; filename=\"radar.png\"\r\nContent-Type: image/png"))
        #expect(text.hasSuffix("\r\n--\(boundary)--\r\n"))
        // The JSON part is valid and refers to the attachment; the PNG bytes are there verbatim.
        let jsonStart = text.range(of: "\r\n\r\n")!.upperBound
        let jsonEnd = text.range(of: "\r\n--\(boundary)", range: jsonStart..<text.endIndex)!.lowerBound
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(text[jsonStart..<jsonEnd].utf8)) as? [String: Any])
        #expect((payload["attachments"] as? [[String: Any]])?.first?["filename"] as? String == "radar.png")
        #expect((payload["allowed_mentions"] as? [String: Any])?["users"] as? [String] == ["80351110224678912"])
        #expect(body.indices.contains { Array(body[$0..<min(body.count, $0 + png.count)]) == png })
    }

    @Test("Without a URL other platforms leave the image out; with one they show it")
    func otherPlatforms() throws {
        for platform in [Platform.slack, .teams, .mattermost, .googlechat, .matrix, .console] {
            let without = try #require(Renderers.render(message(url: ""), for: platform, directory: directory).first)
            #expect(!String(decoding: without.body, as: UTF8.self).contains("Radar chart"), "\(platform)")
            let with = try #require(Renderers.render(message(url: "https://okrd.example.com/charts/t.png"), for: platform, directory: directory).first)
            #expect(String(decoding: with.body, as: UTF8.self).contains("https://okrd.example.com/charts/t.png"), "\(platform)")
        }
    }

    @Test("The outbox's JSON keeps the image bytes and the event a message answers")
    func roundTrip() throws {
        let original = message(url: "https://x")
        let decoded = try #require(ChatMessage(jsonBytes: original.jsonBytes()))
        #expect(decoded == original)
    }

    @Test("The outbox's JSON keeps a message's buttons (their callbacks and links), so a message rendered again after a reload still has them")
    func buttonsRoundTrip() throws {
        var original = message(url: "https://x")
        original.buttons = [
            ChatMessage.Button(action: "okrd_open_checkin", label: "Check in", value: "sales-emea", callback: .init(url: "https://okrd.example.com/mattermost/actions", token: "t.k")),
            ChatMessage.Button(action: "okrd_reply", label: "Done AI-3", value: "|done AI-3", primary: false),
            ChatMessage.Button(action: "okrd_link", label: "Check in: Maria Keller", value: "maria", link: "https://okrd.example.com/checkin/abc"),
        ]
        let decoded = try #require(ChatMessage(jsonBytes: original.jsonBytes()))
        #expect(decoded == original)
    }

    @Test("Buttons of one kind get ids unique within the message (Slack rejects repeated action_ids; Mattermost finds the clicked action by id)")
    func uniqueButtonIDs() throws {
        var message = ChatMessage(kind: .prompt, title: "Weekly check-in")
        let callback = ChatMessage.Button.Callback(url: "https://okrd.example.com/mattermost/actions", token: "t")
        message.buttons = (1...3).map { ChatMessage.Button(action: "okrd_reply", label: "Done AI-\($0)", value: "|done AI-\($0)", callback: callback) }
        let directory = Directory(people: [])
        for (platform, key) in [(Platform.slack, "action_id"), (.mattermost, "id")] {
            let body = try #require(Renderers.render(message, for: platform, directory: directory).first).body
            let text = String(decoding: body, as: UTF8.self)
            let ids = text.components(separatedBy: "\"\(key)\":\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(ids.count == 3 && Set(ids).count == 3, "\(platform): \(ids)")
        }
    }
}
