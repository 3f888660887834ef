import CheckinParser
import Foundation
import Testing

/// One reply of the grammar corpus (`Tests/Corpus/grammar.jsonl`) and what it must parse to (see
/// `describe` in Fixtures.swift for the notation).
struct Case: CustomTestStringConvertible, Sendable {
    var group: String
    var text: String
    var expected: String
    var markup: Markup
    var who: Who

    enum Who: String, Sendable { case maria, sam, samInTeam, euro }

    var testDescription: String { text.replacingOccurrences(of: "\n", with: "⏎") }

    var parser: CheckinParser {
        switch who {
        case .maria: Fixture.mariaParser
        case .sam: Fixture.samParser
        case .samInTeam: Fixture.samInTeamParser
        case .euro: Fixture.euroParser
        }
    }
}

/// The grammar corpus: the forms okrd documents, one reply each, read in the contexts of
/// Fixtures.swift at Monday 2026-11-23 10:00 Berlin. Maria's prompt numbers her own key results
/// #1 territories, #2 territory-coverage, #3 reseller-partners, #4 reseller-deals, #5
/// partner-satisfaction. Data, not code: `Tests/Corpus/grammar.jsonl`.
enum Corpus {
    static let all: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus/grammar.jsonl")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map { line in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
            return Case(group: object["group"] ?? "", text: object["text"]!, expected: object["expect"]!,
                        markup: object["markup"].flatMap(Markup.init(rawValue:)) ?? .plain, who: object["who"].flatMap(Case.Who.init(rawValue:)) ?? .maria)
        }
    }()
}

@Suite("Grammar corpus")
struct CorpusTests {
    @Test("The corpus has at least 300 replies")
    func size() {
        #expect(Corpus.all.count >= 300)
    }

    @Test("Each reply parses to what its author meant", arguments: Corpus.all)
    func corpus(_ testCase: Case) {
        let result = testCase.parser.parse(testCase.text, markup: testCase.markup, at: Fixture.monday)
        #expect(describe(result) == testCase.expected, "errors: \(result.errors.map(\.message)) asked: \(result.clarifications.map(\.question))")
    }

    @Test("Every error and question names its line and says how to fix it", arguments: Corpus.all.filter { $0.expected.contains("err") || $0.expected.contains("ask") })
    func errorMessages(_ testCase: Case) {
        let result = testCase.parser.parse(testCase.text, markup: testCase.markup, at: Fixture.monday)
        for message in result.errors.map(\.message) + result.clarifications.map(\.question) {
            #expect(message.count >= 20)
            // A fix is offered: an example, a suggestion or an instruction.
            let helpful = ["e.g.", "write", "Write", "Did you mean", "did you mean", "use", "Use", "Yours", "Start", "Mention", "check", "Send", "Convert", "Split", "put", "Say", "Reply", "reply"]
            #expect(helpful.contains { message.contains($0) }, "\(message)")
        }
    }
}
