import ChatPlatforms
import Foundation
import OKRModel

enum Fixture {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let people = [
        Person(id: "maria", name: "Maria Keller", timeZone: berlin, handles: [.slack: "U02MARIA", .mattermost: "maria.keller", .teams: "maria@example.com", .discord: "80351110224678912", .matrix: "@maria:example.org", .googlechat: "users/1234567"]),
        Person(id: "li", name: "Li Wei", timeZone: berlin, handles: [.slack: "U02LIWEI", .mattermost: "li.wei", .teams: "li@example.com", .discord: "80351110224678999", .matrix: "@li:example.org", .googlechat: "users/7654321"]),
        Person(id: "dana", name: "Dana Weber", timeZone: berlin, handles: [.slack: "U02DANA", .matrix: "@dana:example.org"]),
    ]
    static let directory = Directory(people: people)

    static let hostile = "@channel <!channel> <!here> @everyone @here @all <users/all> <at>Li Wei</at> <b>bold</b> &amp; <@80351110224678999> ![pixel](https://evil.example/p.png) [invoice](https://evil.example/pay)"

    static let prompt = ChatMessage(
        kind: .prompt, title: "Weekly check-in · Sales EMEA · week 48",
        intro: [.text("Reply in this thread, one key result per line. Example: "), .code("reseller-partners 3 conf 7 - two signed")],
        sections: [
            ChatMessage.Section(title: "Maria Keller", lines: [
                ChatMessage.Line([.mention("maria"), .text(" #1 "), .strong("reseller-partners"), .text(" Sign 5 active reseller partners: 2 of 5")],
                                 progress: .init(actual: 0.4, expected: 0.58, status: "at_risk")),
                ChatMessage.Line([.text("#2 "), .strong("territories"), .text(" Roll out the territory model: 2 of 4")],
                                 progress: .init(actual: 0.5, expected: 0.58, status: "on_track")),
            ]),
            ChatMessage.Section(title: "Li Wei", lines: [
                ChatMessage.Line([.mention("li"), .text(" #1 "), .strong("reseller-pipeline"), .text(" $90,000 of $250,000")],
                                 progress: .init(actual: 0.36, expected: 0.33, status: "on_track")),
            ]),
        ],
        footer: [.text("Open action items are listed in your section. Send "), .code("help"), .text(" for the reply format.")],
        threadKey: "prompt-sales-emea-2026-W48")

    static let reminder = ChatMessage(
        kind: .reminder, title: "Reminder: your check-in for week 48",
        intro: [.mention("li"), .text(" you have not checked in yet this week.")],
        sections: [ChatMessage.Section(lines: [ChatMessage.Line([.strong("reseller-pipeline"), .text(" last value $90,000 on 16 Nov")])])],
        threadKey: "prompt-sales-emea-2026-W48")

    static let alert = ChatMessage(
        kind: .alert, severity: .warning, title: "At risk: Establish an active reseller channel",
        intro: [.mention("maria"), .text(" "), .mention("dana"), .text(" reseller-partners needs attention.")],
        sections: [ChatMessage.Section(title: "reseller-partners · Sign 5 active reseller partners", lines: [
            ChatMessage.Line([.text("18 points behind the expected 58%")], progress: .init(actual: 0.4, expected: 0.58, status: "at_risk")),
            ChatMessage.Line([.text("Last comment: "), .userText(hostile)]),
            ChatMessage.Line([.text("Blocker: "), .userText("legal has not reviewed the reseller contract")]),
        ])],
        footer: [.text("Reply "), .code("ack reseller-partners"), .text(" or "), .code("snooze reseller-partners 1w"), .text(".")])

    /// A digest long enough to need splitting on every platform with a limit.
    static var longDigest: ChatMessage {
        var sections: [ChatMessage.Section] = []
        for objective in 1...6 {
            var lines: [ChatMessage.Line] = []
            for kr in 1...12 {
                let owner = ["maria", "li", "dana"][kr % 3]
                lines.append(ChatMessage.Line(
                    [.strong("kr-\(objective)-\(kr)"), .text(" Key result number \(kr) of objective \(objective) · "), .mention(owner),
                     .text(" · "), .userText("comment: the pipeline moved because two partners signed and a third one is waiting for legal review #\(kr)")],
                    progress: .init(actual: Double(kr) / 14, expected: 0.58, status: kr % 4 == 0 ? "at_risk" : "on_track")))
            }
            sections.append(ChatMessage.Section(title: "Objective \(objective): Establish an active reseller channel in region \(objective)", lines: lines))
        }
        return ChatMessage(
            kind: .digest, title: "Weekly digest · Sales EMEA · week 48",
            intro: [.text("14 on track · 5 at risk · 1 in trouble · not checked in: "), .mention("li")],
            sections: sections, footer: [.text("okrd · next prompt Monday 09:30")], threadKey: "digest-sales-emea-2026-W48")
    }
}
