import CheckinParser
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import Testing
import OKRWorkflows

@Suite("Recording replies in a real SQLite store")
struct ReplyIntakeTests {
    let config = try! ConfigLoader(environment: ["HOME": "/tmp"], now: Date(timeIntervalSince1970: 1_795_000_000)).load(path: ConfigLoaderTests.examplePath)
    let dir = NSTemporaryDirectory() + "okrd-replies-" + UUID().uuidString
    /// Monday 23 November 2026, 10:00 Berlin.
    let monday = Date(timeIntervalSince1970: 1_795_424_400)

    func processor() throws -> (ReplyIntake, SQLiteStore) {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir + "/okrd.sqlite")
        return (ReplyIntake(organization: config.organization, store: store), store)
    }

    @Test("A reply's check-ins, blockers and action items are stored together and read back")
    func storesEverything() async throws {
        let (processor, store) = try processor()
        let outcome = try await processor.process(ReplyInput(author: "maria", text: """
            reseller-partners 3 conf 6 - two partners signed, third slipping
            blocker: legal has not reviewed the reseller contract
            action: @li book a demo with ACME by Friday
            deal-size $48k
            """, at: monday))
        #expect(outcome.recorded)
        #expect(outcome.parse.errors.isEmpty)
        let checkIns = try await store.checkIns(keyResults: ["reseller-partners"], through: nil)
        #expect(checkIns.map(\.checkIn.value) == [3])
        #expect(checkIns.first?.checkIn.confidence == 6)
        #expect(checkIns.first?.checkIn.comment == "two partners signed, third slipping")
        #expect(checkIns.first?.source == "cli")
        #expect(try await store.openBlockers().map(\.keyResult) == ["reseller-partners"])
        let actions = try await store.actionItems(openOnly: true)
        #expect(actions.map(\.owner) == ["li"])
        #expect(actions.first?.due == LocalDate(year: 2026, month: 11, day: 27))
        #expect(outcome.actionIDs == actions.map(\.id))
        #expect(try await store.kpiCheckIns(through: nil).map(\.value) == [48_000])
        #expect(outcome.reports["reseller-partners"]?.status == .onTrack)
        let confirmation = outcome.confirmation(organization: config.organization).joined(separator: "\n")
        #expect(confirmation.contains("reseller-partners: 3"))
        #expect(confirmation.contains("Action AI-\(actions[0].id) for Li Wei"))
    }

    @Test("The confirmation states the state after the reply at any sub-second instant")
    func confirmationAfterTheReply() async throws {
        let (processor, _) = try processor()
        var generator = SystemRandomNumberGenerator()
        for value in 1...60 {
            // Instants a clock gives: any fraction of a second (a quarter of them did not survive the
            // store's round trip, and the confirmation showed the state from before the reply).
            let at = monday.addingTimeInterval(Double(value) * 61 + Double.random(in: 0..<1, using: &generator))
            let outcome = try await processor.process(ReplyInput(author: "maria", text: "reseller-pipeline $\(value)k", at: at))
            let report = try #require(outcome.reports["reseller-pipeline"])
            #expect(report.currentValue == Double(value * 1_000), "at \(at.timeIntervalSince1970)")
        }
    }

    @Test("A reply and the answer it queues are one transaction; the answer states the state after the reply and names its action items")
    func answerInTheReplysTransaction() async throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = GatedStore(try SQLiteStore(path: dir + "/okrd.sqlite"))
        let processor = ReplyIntake(organization: config.organization, store: store)
        let organization = config.organization
        let answer: ReplyIntake.Answer = { outcome in
            let text = outcome.confirmation(organization: organization).joined(separator: "\n")
            return [.enqueue(OutboxMessage(idempotencyKey: "confirm:\(outcome.input.deliveryID ?? "")", destination: "emea", kind: "confirmation",
                                           payload: Array(text.utf8), createdAt: outcome.input.at))]
        }
        for (n, value) in [1, 2, 4, 5].enumerated() {
            let at = monday.addingTimeInterval(Double(n) * 3_600 + 0.123_456)
            let before = store.applies
            let outcome = try await processor.process(ReplyInput(author: "maria", text: "reseller-partners \(value)\naction: @li call ACME",
                                                                 at: at, deliveryID: "ev-\(n)"), answer: answer)
            #expect(store.applies == before + 1, "one transaction for reply \(n)")
            let queued = try await store.outbox(OutboxFilter()).first { $0.idempotencyKey == "confirm:ev-\(n)" }
            let text = String(decoding: try #require(queued).payload, as: UTF8.self)
            let report = try #require(outcome.reports["reseller-partners"])
            #expect(report.currentValue == Double(value))
            #expect(text.contains("reseller-partners: \(value)"), "\(text)")
            #expect(text.contains("AI-\(outcome.actionIDs[0])"), "\(text)")
            #expect(text == outcome.confirmation(organization: organization).joined(separator: "\n"))
        }
        // A redelivery queues nothing more.
        let again = try await processor.process(ReplyInput(author: "maria", text: "reseller-partners 2", at: monday, deliveryID: "ev-0"), answer: answer)
        #expect(again.duplicateOf != nil)
        #expect(try await store.outbox(OutboxFilter()).count == 4)
    }

    @Test("A key result evaluated from its history digest is evaluated exactly as from its whole history", arguments: [1, 2, 3, 4])
    func digestEvaluatesLikeTheHistory(seed: UInt64) async throws {
        let (_, store) = try processor()
        let organization = config.organization
        var random = SeededRandom(seed: seed)
        // The quarter and a month before it, across the end of summer time (25 Oct 2026):
        // check-ins at any hour (Monday just after midnight included), values missing or not,
        // confidences missing or not, some reaching the target and falling back.
        let start = Date(timeIntervalSince1970: 1_788_300_000)  // 2 Sep 2026
        let keyResults = organization.allKeyResults
        var changes: [StoreChange] = []
        for n in 0..<1_500 {
            let kr = keyResults[Int(random.next() % UInt64(keyResults.count))]
            let span = max(abs((kr.target ?? 10) - kr.startValue), 1)
            let roll = random.next() % 10
            let value: Double? = roll < 2 ? nil : kr.startValue + span * Double(random.next() % 130) / 100
            let confidence: Int? = roll == 3 || roll == 7 ? nil : Int(random.next() % 11)
            let offset = Double(random.next() % (130 * 86_400))
            // A cluster at Monday midnight Berlin, where weeks meet.
            let at = n % 9 == 0 ? Date(timeIntervalSince1970: 1_792_965_600 + Double(n % 5) * 7 * 86_400 + Double(random.next() % 7_200) - 3_600)
                : start.addingTimeInterval(offset)
            changes.append(.checkIn(CheckIn(keyResult: kr.key, author: "maria", at: at, value: value, confidence: confidence), source: "test", line: nil))
        }
        _ = try await store.apply(changes)
        // PostgreSQL, where installed, reads the same digest (both stores run one walk).
        let postgres: PostgresStore? = PostgresServer.isAvailable ? try await PostgresStore(url: try await PostgresServer.start().createDatabase()) : nil
        if let postgres { _ = try await postgres.apply(changes) }
        for day in stride(from: 0.0, through: 120, by: 7.3) {
            let at = start.addingTimeInterval(day * 86_400 + 3_333)
            let whole = try await Snapshot.load(organization, store: store, at: at)
            let requests = keyResults.map { HistoryRequest(keyResult: $0.key, completion: $0.completionBound) }
            let weeks = WeekCalendar(timeZone: organization.period.timeZone)
            let rows = try await store.checkInDigest(requests, weeks: weeks, through: at)
            var digest = whole
            digest.checkIns = Dictionary(grouping: rows.map(\.checkIn), by: \.keyResult)
            for kr in keyResults {
                #expect(digest.report(for: kr) == whole.report(for: kr), "\(kr.key) at \(at)")
            }
            if let postgres {
                let read = try await postgres.checkInDigest(requests, weeks: weeks, through: at)
                #expect(read.map(\.id) == rows.map(\.id), "PostgreSQL at \(at)")
            }
        }
        try await postgres?.close()
    }

    @Test("Chat in a channel okrd reads never answers its open question")
    func ambientChatLeavesTheQuestion() async throws {
        let (processor, store) = try processor()
        _ = try await processor.process(ReplyInput(author: "maria", text: "territory-coverage 0.5", at: monday))
        #expect(try await store.openQuestion(person: "maria", at: monday.addingTimeInterval(60)) != nil)
        // "ok thanks" to a colleague in the channel, then a bare number about something else.
        for (n, text) in ["ok thanks", "yes", "we had 3 calls today"].enumerated() {
            let input = ReplyInput(author: "maria", text: text, at: monday.addingTimeInterval(Double(120 + n)), platform: "slack", deliveryID: "ambient-\(n)", addressed: false)
            #expect(try await !processor.understands(input), "\(text)")
        }
        #expect(try await store.openQuestion(person: "maria", at: monday.addingTimeInterval(300)) != nil)
        #expect(try await store.checkIns(keyResults: ["territory-coverage"], through: nil).isEmpty)
        // Said to okrd, the same "yes" records the proposal.
        let yes = try await processor.process(ReplyInput(author: "maria", text: "yes", at: monday.addingTimeInterval(400)))
        #expect(yes.parse.checkIns.map(\.value) == [50])
    }

    @Test("People may update their own and their teams' key results only; refusals name the line")
    func authorization() async throws {
        let (processor, store) = try processor()
        // li is in sales-emea: may update maria's key results too.
        let teammate = try await processor.process(ReplyInput(author: "li", text: "reseller-partners 2", at: monday))
        #expect(teammate.parse.errors.isEmpty)
        // sam is in sales-americas: may not.
        let outsider = try await processor.process(ReplyInput(author: "sam", text: "demo-conversion 24%\nreseller-partners 4", at: monday))
        #expect(outsider.parse.errors.map(\.line) == [2])
        #expect(outsider.parse.errors.first?.message.contains("can't update `reseller-partners`") == true)
        #expect(try await store.checkIns(keyResults: ["reseller-partners"], through: nil).map(\.checkIn.value) == [2])
        #expect(try await store.checkIns(keyResults: ["demo-conversion"], through: nil).map(\.checkIn.value) == [24])
        await #expect(throws: ReplyError.self) { _ = try await processor.process(ReplyInput(author: "nobody", text: "x", at: monday)) }
    }

    @Test("A dry run stores nothing but shows the resulting status")
    func dryRun() async throws {
        let (processor, store) = try processor()
        let outcome = try await processor.process(ReplyInput(author: "maria", text: "reseller-partners 5", at: monday, dryRun: true))
        #expect(!outcome.recorded)
        #expect(outcome.reports["reseller-partners"]?.status == .complete)
        #expect(try await store.checkIns(keyResults: nil, through: nil).isEmpty)
    }

    @Test("A redelivered message is recognised by its delivery id and not recorded twice")
    func redelivery() async throws {
        let (processor, store) = try processor()
        let input = ReplyInput(author: "maria", text: "reseller-deals 2", at: monday, platform: "slack", deliveryID: "Ev08MFMKH6")
        let first = try await processor.process(input)
        let second = try await processor.process(input)
        #expect(first.recorded && first.duplicateOf == nil)
        #expect(!second.recorded && second.duplicateOf != nil)
        #expect(try await store.checkIns(keyResults: ["reseller-deals"], through: nil).count == 1)
    }

    @Test("+N adds to the latest stored value; a second check-in in a week keeps both in history")
    func incrementsAndHistory() async throws {
        let (processor, store) = try processor()
        _ = try await processor.process(ReplyInput(author: "maria", text: "reseller-deals 2", at: monday))
        let later = try await processor.process(ReplyInput(author: "maria", text: "reseller-deals +2", at: monday.addingTimeInterval(2 * 86_400)))
        #expect(later.parse.checkIns.first?.value == 4)
        #expect(try await store.checkIns(keyResults: ["reseller-deals"], through: nil).map(\.checkIn.value) == [2, 4])
        #expect(later.confirmation(organization: config.organization).joined().contains("(was 2)"))
    }

    @Test("Commands: snooze, ack, ooo, done and undo change state")
    func commands() async throws {
        let (processor, store) = try processor()
        let first = try await processor.process(ReplyInput(author: "maria", text: "action: send the draft by Friday", at: monday))
        let id = try #require(first.actionIDs.first)
        _ = try await processor.process(ReplyInput(author: "maria", text: "snooze reseller-deals 1w\nack churn\nooo until Dec 4\ndone AI-\(id)", at: monday))
        let states = try await store.escalationStates()
        // Snoozed through Sunday 29 November: until Monday 00:00 Berlin.
        #expect(states["reseller-deals"]?.memory.snoozedUntil == LocalDate(year: 2026, month: 11, day: 30).startOfDay(in: TimeZone(identifier: "Europe/Berlin")!))
        #expect(states["churn"]?.ackedBy == "maria")
        #expect(try await store.away(person: "maria").first?.until == LocalDate(year: 2026, month: 12, day: 4))
        #expect(try await store.actionItems(openOnly: true).isEmpty)

        _ = try await processor.process(ReplyInput(author: "maria", text: "reseller-partners 4", at: monday.addingTimeInterval(60)))
        let undo = try await processor.process(ReplyInput(author: "maria", text: "undo", at: monday.addingTimeInterval(120)))
        #expect(undo.undone?.text == "reseller-partners 4")
        #expect(try await store.checkIns(keyResults: ["reseller-partners"], through: nil).isEmpty)

        // A second undo withdraws the reply before (an undo is never itself the one undone).
        _ = try await processor.process(ReplyInput(author: "maria", text: "reseller-deals 4", at: monday.addingTimeInterval(180)))
        _ = try await processor.process(ReplyInput(author: "maria", text: "reseller-deals 5", at: monday.addingTimeInterval(240)))
        let firstUndo = try await processor.process(ReplyInput(author: "maria", text: "undo", at: monday.addingTimeInterval(300)))
        #expect(firstUndo.undone?.text == "reseller-deals 5")
        let secondUndo = try await processor.process(ReplyInput(author: "maria", text: "undo", at: monday.addingTimeInterval(360)))
        #expect(secondUndo.undone?.text == "reseller-deals 4")
        #expect(try await store.checkIns(keyResults: ["reseller-deals"], through: nil).isEmpty)
    }
}

