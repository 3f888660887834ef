import CheckinParser
import Foundation
import OKRDaemon
import OKRModel
import OKRWorkflows
import Testing

/// The reply planner as a table: what was read, who wrote it and the state it was read against,
/// in; the store changes and the refusals, out. No store, no clock.
@Suite("Planning a reply's changes")
struct ReplyPlannerTests {
    static let organization = ReplyCorpusTests.corpus.config.organization
    /// Monday 23 November 2026, 10:00 Berlin.
    static let monday = Date(timeIntervalSince1970: 1_795_424_400)
    /// AI-7 is Li's (Sales EMEA), created by Dana; AI-8 is Sam's (Sales Americas), created by Carlos;
    /// AI-9 is Dana's own, and Grace (in no team) is her manager.
    static let open = [
        ActionItem(id: 7, owner: "li", author: "dana", text: "book a demo with ACME", due: nil, keyResult: nil, createdAt: monday.addingTimeInterval(-86_400)),
        ActionItem(id: 8, owner: "sam", author: "carlos", text: "send the partner deck", due: nil, keyResult: nil, createdAt: monday.addingTimeInterval(-86_400)),
        ActionItem(id: 9, owner: "dana", author: "dana", text: "review the Q1 territory plan with Grace", due: nil, keyResult: nil, createdAt: monday.addingTimeInterval(-86_400)),
    ]
    static let last = Reply(id: 41, deliveryID: "slack-command:t1", author: "maria", platform: "slack", receivedAt: monday.addingTimeInterval(-600), text: "territories 3")

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var author: String
        var read: ParseResult
        var changes: [StoreChange]
        var errors: [String] = []
        var undone: Int64? = nil
        var testDescription: String { name }
    }

    static func parse(_ build: (inout ParseResult) -> Void) -> ParseResult {
        var result = ParseResult()
        build(&result)
        return result
    }

    static let cases: [Case] = [
        Case(name: "a check-in and a KPI value become their records, at the reply's instant, from its platform", author: "maria",
             read: parse {
                 $0.checkIns = [ParsedCheckIn(target: "reseller-partners", value: 3, confidence: 6, comment: "two signed", line: 1),
                                ParsedCheckIn(target: "deal-size", value: 48_000, line: 2, isKPI: true)]
             },
             changes: [
                 .checkIn(CheckIn(keyResult: "reseller-partners", author: "maria", at: monday, value: 3, confidence: 6, comment: "two signed"), source: "slack", line: 1),
                 .kpiCheckIn(KPICheckIn(kpi: "deal-size", author: "maria", at: monday, value: 48_000), source: "slack", line: 2),
             ]),
        Case(name: "the owner closes an action item", author: "li",
             read: parse { $0.commands = [ParsedCommand(kind: .done, action: 7, line: 1)] },
             changes: [.completeAction(id: 7, at: monday)]),
        Case(name: "whoever created an action item closes it", author: "dana",
             read: parse { $0.commands = [ParsedCommand(kind: .done, action: 7, line: 1)] },
             changes: [.completeAction(id: 7, at: monday)]),
        Case(name: "someone of another team may not close an action item: refused by name", author: "maria",
             read: parse { $0.commands = [ParsedCommand(kind: .done, action: 8, line: 2)] },
             changes: [], errors: ["line 2: you can't close AI-8: it is Sam Rivera's. Only its owner, whoever created it, their manager or their team's lead can."]),
        Case(name: "the owner's manager closes an action item, though in no team", author: "grace",
             read: parse { $0.commands = [ParsedCommand(kind: .done, action: 9, line: 1)] },
             changes: [.completeAction(id: 9, at: monday)]),
        Case(name: "a teammate who neither owns, created, manages nor leads may not close it", author: "maria",
             read: parse { $0.commands = [ParsedCommand(kind: .done, action: 9, line: 1)] },
             changes: [], errors: ["line 1: you can't close AI-9: it is Dana Weber's. Only its owner, whoever created it, their manager or their team's lead can."]),
        Case(name: "an action item that is not open is an error naming it", author: "li",
             read: parse { $0.commands = [ParsedCommand(kind: .done, action: 99, line: 1)] },
             changes: [], errors: ["line 1: AI-99 is not an open action item (already done, or no such number)."]),
        Case(name: "blockers are cleared on the author's team's key results only", author: "li",
             read: parse {
                 $0.resolvedBlockers = [ResolvedBlocker(target: "reseller-partners", line: 1), ResolvedBlocker(target: "tech-partners", line: 2),
                                        ResolvedBlocker(target: nil, line: 3)]
             },
             changes: [.resolveBlockers(keyResult: "reseller-partners", at: monday)],
             errors: ["line 2: you can't clear the blockers of `tech-partners`: it is not yours or your team's.",
                      "line 3: which key result is no longer blocked? Write its key, e.g. `territory-win-rate unblocked`."]),
        Case(name: "a blocker and an action item are the author's, for whoever is asked", author: "maria",
             read: parse {
                 $0.blockers = [ParsedBlocker(target: "reseller-partners", text: "legal is slow", line: 1)]
                 $0.actions = [ParsedAction(owner: "li", text: "call ACME", due: LocalDate(year: 2026, month: 11, day: 27), target: nil, line: 2)]
             },
             changes: [
                 .blocker(Blocker(keyResult: "reseller-partners", author: "maria", text: "legal is slow", at: monday, line: 1)),
                 .actionItem(ActionItem(owner: "li", author: "maria", text: "call ACME", due: LocalDate(year: 2026, month: 11, day: 27), keyResult: nil, createdAt: monday, line: 2)),
             ]),
        Case(name: "snooze lasts through the whole last day in the author's time zone, and touches nothing else of the ladder", author: "maria",
             read: parse { $0.commands = [ParsedCommand(kind: .snooze, target: "territories", until: LocalDate(year: 2026, month: 11, day: 27), line: 1)] },
             changes: [.snooze(keyResult: "territories", until: LocalDate(year: 2026, month: 11, day: 28).startOfDay(in: TimeZone(identifier: "Europe/Berlin")!))]),
        Case(name: "ack records who acknowledged and when", author: "dana",
             read: parse { $0.commands = [ParsedCommand(kind: .ack, target: "churn", line: 1)] },
             changes: [.acknowledge(keyResult: "churn", at: monday, by: "dana")]),
        Case(name: "ooo from today when no start is given", author: "maria",
             read: parse { $0.commands = [ParsedCommand(kind: .ooo, until: LocalDate(year: 2026, month: 11, day: 30), line: 1)] },
             changes: [.away(AwayRecord(person: "maria", from: LocalDate(year: 2026, month: 11, day: 23), until: LocalDate(year: 2026, month: 11, day: 30), source: "slack"))]),
        Case(name: "undo withdraws the author's last reply and the question it left open", author: "maria",
             read: parse { $0.commands = [ParsedCommand(kind: .undo, line: 1)] },
             changes: [.undoReply(id: 41, at: monday), .settleQuestion(person: "maria", askedAt: nil)], undone: 41),
    ]

    @Test("Each case plans exactly its changes and refusals", arguments: cases)
    func plans(_ c: Case) throws {
        let person = try #require(Self.organization.person(c.author))
        let plan = ReplyPlanner.plan(c.read, context: ReplyPlanner.Context(
            organization: Self.organization, person: person, at: Self.monday, platform: "slack", openActions: Self.open,
            lastReply: c.author == "maria" ? Self.last : nil))
        #expect(plan.changes == c.changes)
        #expect(plan.parse.errors.map(\.description) == c.errors)
        #expect(plan.undone?.id == c.undone)
        // A refused statement is gone from what the confirmation reports.
        #expect(plan.parse.commands.count + plan.parse.resolvedBlockers.count
            == c.read.commands.count + c.read.resolvedBlockers.count - c.errors.count)
    }
}
