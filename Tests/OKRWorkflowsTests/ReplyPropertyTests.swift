import CheckinParser
import Foundation
import OKRModel
import OKRWorkflows
import Testing

/// Properties over every reply of the blind corpora: what is recorded survives being said back, and
/// chatter never changes it.
@Suite("Reply properties over the corpora")
struct ReplyPropertyTests {
    static let corpus = ReplyCorpusTests.corpus
    static let replies = (try? ["dev", "holdout", "fresh", "fresh2"].flatMap { try ReplyCorpus.replies($0) }) ?? []

    @Test("A recorded statement, written back the way the confirmation states it, parses to the same key result and value")
    func confirmationRoundTrip() throws {
        #expect(Self.replies.count > 900)
        var checked = 0
        for reply in Self.replies {
            let result = Self.corpus.parse(reply)
            for checkIn in result.checkIns where !checkIn.isKPI {
                guard let kr = Self.corpus.config.organization.keyResult(checkIn.target) else { continue }
                var statement = "\(kr.key): \(kr.format(checkIn.value))"
                if let before = Self.corpus.values[kr.key], before != checkIn.value { statement += " (was \(kr.format(before)))" }
                if let confidence = checkIn.confidence { statement += ", confidence \(confidence)/10" }
                let back = Self.corpus.parser(for: reply.author).parse(statement, at: Self.corpus.instant(for: reply.author))
                #expect(back.checkIns.map(\.target) == [kr.key], "\(reply.id): “\(statement)” -> \(back.checkIns) \(back.clarifications.map(\.question)) \(back.errors)")
                #expect(back.checkIns.first.map { abs($0.value - checkIn.value) <= abs(checkIn.value) * 1e-9 } == true, "\(reply.id): “\(statement)” -> \(back.checkIns)")
                #expect(back.checkIns.first?.confidence == checkIn.confidence, "\(reply.id): “\(statement)”")
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test("Appending chatter to a reply never changes what it records", arguments: ["thanks!", "lol", "+1", "have a great week 🙌", "Sent from my iPhone", "cheers, talk Monday"])
    func chatterChangesNothing(_ chatter: String) throws {
        for reply in Self.replies {
            let plain = Self.corpus.parse(reply)
            var chatty = reply
            chatty.text += "\n\n" + chatter
            let with = Self.corpus.parse(chatty)
            #expect(with.checkIns == plain.checkIns, "\(reply.id) + “\(chatter)”")
            #expect(with.actions == plain.actions, "\(reply.id) + “\(chatter)”")
            #expect(with.blockers == plain.blockers, "\(reply.id) + “\(chatter)”")
            #expect(with.commands == plain.commands, "\(reply.id) + “\(chatter)”")
        }
    }
}
