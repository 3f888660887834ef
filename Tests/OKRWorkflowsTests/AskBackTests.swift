import CheckinParser
import Foundation
import OKRModel
import OKRWorkflows
import Testing

@Suite("Asking back: what a reply does to the open question")
struct AskBackTests {
    let at = Date(timeIntervalSince1970: 1_796_000_000)
    var expires: Date { at.addingTimeInterval(3 * 86_400) }
    let open = OpenQuestion(person: "maria", keyResult: "win-rate", question: "did you mean 31%?",
                            proposals: [.value(keyResult: "win-rate", value: 31, confidence: 6, isKPI: false), .done(action: 4)],
                            askedAt: Date(timeIntervalSince1970: 1_795_990_000), expiresAt: Date(timeIntervalSince1970: 1_796_100_000))

    @Test("yes records every proposal on the line that said it and settles the question")
    func yes() {
        var parse = ParseResult()
        parse.commands = [ParsedCommand(kind: .confirm, line: 2)]
        let (changes, settled) = AskBack.settle(&parse, open: open, person: "maria", at: at, expiresAt: expires)
        #expect(settled == .confirmed)
        #expect(parse.checkIns == [ParsedCheckIn(target: "win-rate", value: 31, confidence: 6, line: 2)])
        #expect(parse.commands.contains(ParsedCommand(kind: .done, action: 4, line: 2)))
        #expect(changes == [.settleQuestion(person: "maria", askedAt: open.askedAt)])
    }

    @Test("no settles it without recording; a value for its key result answers it; anything else leaves it open")
    func otherAnswers() {
        var declined = ParseResult()
        declined.commands = [ParsedCommand(kind: .decline, line: 1)]
        let no = AskBack.settle(&declined, open: open, person: "maria", at: at, expiresAt: expires)
        #expect(no.settled == .declined)
        #expect(declined.checkIns.isEmpty)
        #expect(no.changes == [.settleQuestion(person: "maria", askedAt: open.askedAt)])

        var answered = ParseResult()
        answered.checkIns = [ParsedCheckIn(target: "win-rate", value: 29, line: 1)]
        #expect(AskBack.settle(&answered, open: open, person: "maria", at: at, expiresAt: expires).settled == .answered)

        var other = ParseResult()
        other.checkIns = [ParsedCheckIn(target: "pipeline", value: 300_000, line: 1)]
        let untouched = AskBack.settle(&other, open: open, person: "maria", at: at, expiresAt: expires)
        #expect(untouched.settled == .untouched)
        #expect(untouched.changes.isEmpty)

        var nothingOpen = ParseResult()
        nothingOpen.commands = [ParsedCommand(kind: .confirm, line: 1)]
        #expect(AskBack.settle(&nothingOpen, open: nil, person: "maria", at: at, expiresAt: expires).settled == .untouched)
        #expect(nothingOpen.checkIns.isEmpty)
    }

    @Test("yes with a value for the same key result: the value written wins")
    func yesAndValue() {
        var parse = ParseResult()
        parse.commands = [ParsedCommand(kind: .confirm, line: 1)]
        parse.checkIns = [ParsedCheckIn(target: "win-rate", value: 32, line: 2)]
        let (_, settled) = AskBack.settle(&parse, open: open, person: "maria", at: at, expiresAt: expires)
        #expect(settled == .confirmed)
        #expect(parse.checkIns.map(\.value) == [32])
    }

    @Test("A reply's own questions become the open question, with every proposal, until the cycle ends")
    func newQuestions() {
        var parse = ParseResult()
        parse.clarifications = [
            Clarification(line: 1, question: "‘0.31’: did you mean 31%?", proposal: .value(keyResult: "win-rate", value: 31, confidence: nil, isKPI: false), target: "win-rate"),
            Clarification(line: 2, question: "“17” or “18” for `deals`?", proposal: nil, target: "deals"),
        ]
        let (changes, _) = AskBack.settle(&parse, open: nil, person: "li", at: at, expiresAt: expires)
        guard case .ask(let question)? = changes.last else { Issue.record("no question stored: \(changes)"); return }
        #expect(question.person == "li")
        #expect(question.keyResult == "win-rate")
        #expect(question.proposals == [.value(keyResult: "win-rate", value: 31, confidence: nil, isKPI: false)])
        #expect(question.question.contains("31%") && question.question.contains("“17”"))
        #expect(question.expiresAt == expires)
        #expect(AskBack.pending(question) == PendingQuestion(target: "win-rate", proposal: .value(keyResult: "win-rate", value: 31, confidence: nil, isKPI: false)))
    }

    @Test("One question proposing several values (\"28 / 8.1 / 10\" in the prompt's order): yes records them all")
    func severalProposals() {
        var asked = ParseResult()
        asked.clarifications = [Clarification(line: 1, question: "Are these your key results in your prompt's order: ...?",
                                              proposal: .value(keyResult: "demo-conversion", value: 28, confidence: nil, isKPI: false),
                                              alsoProposed: [.value(keyResult: "demo-satisfaction", value: 8.1, confidence: nil, isKPI: false),
                                                             .value(keyResult: "partner-customers", value: 10, confidence: nil, isKPI: false)],
                                              target: "demo-conversion")]
        let (changes, _) = AskBack.settle(&asked, open: nil, person: "sam", at: at, expiresAt: expires)
        guard case .ask(let question)? = changes.last else { Issue.record("no question stored: \(changes)"); return }
        #expect(question.proposals.count == 3)

        var yes = ParseResult()
        yes.commands = [ParsedCommand(kind: .confirm, line: 1)]
        _ = AskBack.settle(&yes, open: question, person: "sam", at: at, expiresAt: expires)
        #expect(yes.checkIns.map(\.target) == ["demo-conversion", "demo-satisfaction", "partner-customers"])
        #expect(yes.checkIns.map(\.value) == [28, 8.1, 10])
    }
}
