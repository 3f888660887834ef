import CheckinParser
import Foundation
import OKRDaemon
import OKRModel
import OKRWorkflows

/// The reply corpora in `Tests/Corpus/replies` and the state they are read in.
struct ReplyCorpus {
    struct Reply: @unchecked Sendable {
        var id: String
        var voice: String
        var author: String
        var platform: String
        var text: String
        var expect: [String: Any]

        var markup: Markup {
            switch platform {
            case "slack": .slack
            case "mattermost": .mattermost
            case "discord": .discord
            case "teams": .teams
            case "matrix": .matrixHTML
            case "matrix-plain": .matrix
            case "googlechat": .googlechat
            default: .plain
            }
        }
    }

    let config: OKRConfig
    let values: [String: Double]
    let kpis: [String: Double]
    let actions: [ActionItem]
    let blockers: [Blocker]
    let localTime: String

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load() throws -> ReplyCorpus {
        let world = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Tests/Corpus/replies/world.json"))) as! [String: Any]
        let config = try ConfigLoader().load(path: root.appendingPathComponent(world["config"] as! String).path)
        let at = Date(timeIntervalSince1970: 1_795_424_400)
        let actions = (world["actions"] as! [[String: Any]]).map { a in
            ActionItem(id: Int64(a["id"] as! Int), owner: a["owner"] as! String, author: a["author"] as! String, text: a["text"] as! String,
                       due: (a["due"] as? String).flatMap(LocalDate.init(iso:)), keyResult: nil, createdAt: at.addingTimeInterval(-7 * 86_400))
        }
        let blockers = (world["blockers"] as! [[String: Any]]).map { b in
            Blocker(id: Int64(b["id"] as! Int), keyResult: b["kr"] as? String, author: b["author"] as! String, text: b["text"] as! String, at: at.addingTimeInterval(-7 * 86_400))
        }
        return ReplyCorpus(config: config, values: (world["values"] as! [String: NSNumber]).mapValues(\.doubleValue),
                           kpis: (world["kpis"] as! [String: NSNumber]).mapValues(\.doubleValue), actions: actions, blockers: blockers,
                           localTime: world["local_time"] as! String)
    }

    static func replies(_ name: String) throws -> [Reply] {
        let text = try String(contentsOf: root.appendingPathComponent("Tests/Corpus/replies/\(name).jsonl"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { line in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return Reply(id: object["id"] as! String, voice: object["voice"] as? String ?? "other", author: object["author"] as! String,
                         platform: object["platform"] as? String ?? "plain", text: object["text"] as! String, expect: object["expect"] as? [String: Any] ?? [:])
        }
    }

    /// When `author` wrote: Monday 10:00 in their own time zone.
    func instant(for author: String) -> Date {
        let zone = config.organization.person(author)?.timeZone ?? config.organization.period.timeZone
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        formatter.timeZone = zone
        return formatter.date(from: localTime)!
    }

    func parser(for author: String) -> CheckinParser {
        let context = ParserContext.forPerson(author, in: config.organization, latestValues: values, kpiValues: kpis, openActions: actions, openBlockers: blockers)
        return CheckinParser(context: context)
    }

    /// What the daemon keeps of a reply: the parser's reading, planned as every reply path plans it
    /// (so `done AI-2` by someone who may not close it, or `done AI-6`, is the error the author sees).
    func parse(_ reply: Reply) -> ParseResult {
        let at = instant(for: reply.author)
        let read = parser(for: reply.author).parse(reply.text, markup: reply.markup, at: at)
        guard let person = config.organization.person(reply.author) else { return read }
        let context = ReplyPlanner.Context(organization: config.organization, person: person, at: at, platform: reply.platform, openActions: actions, lastReply: nil)
        return ReplyPlanner.plan(read, context: context).parse
    }
}

/// How a parse result compares with a reply's label.
struct Verdict {
    /// Recorded something the label does not have: a value, key result, confidence, closed action
    /// item, absence or action owner. Must never happen.
    var wrong: [String] = []
    /// Missed or asked about something the label records (a question where none was needed).
    var missed: [String] = []
    /// Recorded a blocker or action item the label does not have.
    var spurious: [String] = []

    var fullyRight: Bool { wrong.isEmpty && missed.isEmpty && spurious.isEmpty }

    static func judge(_ result: ParseResult, _ reply: ReplyCorpus.Reply, corpus: ReplyCorpus) -> Verdict {
        var verdict = Verdict()
        let expect = reply.expect
        func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= max(1e-6, abs(b) * 1e-9) }
        let asks = (expect["ask"] as? [[String: Any]]) ?? []
        let askKeys = Set(asks.compactMap { $0["kr"] as? String })
        let refused = Set((expect["refuse"] as? [String]) ?? [])

        // Check-ins and KPI values.
        var expected: [String: (Double, Int?)] = [:]
        for c in (expect["checkins"] as? [[String: Any]]) ?? [] { expected[c["kr"] as! String] = ((c["value"] as! NSNumber).doubleValue, (c["confidence"] as? NSNumber)?.intValue) }
        for c in (expect["kpis"] as? [[String: Any]]) ?? [] { expected[c["kpi"] as! String] = ((c["value"] as! NSNumber).doubleValue, nil) }
        var seen = Set<String>()
        for checkIn in result.checkIns {
            seen.insert(checkIn.target)
            guard let (value, confidence) = expected[checkIn.target] else {
                let why = askKeys.contains(checkIn.target) ? "guessed instead of asking" : refused.contains(checkIn.target) ? "recorded a refused key result" : "recorded unlabelled"
                verdict.wrong.append("\(why): \(checkIn.target)=\(checkIn.value)")
                continue
            }
            if !same(checkIn.value, value) { verdict.wrong.append("\(checkIn.target)=\(checkIn.value), label \(value)") }
            if !checkIn.isKPI {
                switch (checkIn.confidence, confidence) {
                case (let got?, let want?) where got != want: verdict.wrong.append("\(checkIn.target) confidence \(got), label \(want)")
                case (let got?, nil): verdict.wrong.append("\(checkIn.target) confidence \(got), label none")
                case (nil, let want?): verdict.missed.append("\(checkIn.target) confidence \(want) not read")
                default: break
                }
            }
        }
        for key in expected.keys where !seen.contains(key) {
            let asked = result.clarifications.contains { $0.target == key }
            verdict.missed.append(asked ? "asked about \(key)" : "missed \(key)")
        }
        // Questions okrd should ask.
        for ask in asks {
            let key = ask["kr"] as? String
            // (One question may propose several key results' values: "28 / 8.1 / 10" in the prompt's order.)
            let asked = result.clarifications.contains { clarification in
                key == nil || clarification.target == key || clarification.target == nil
                    || clarification.alsoProposed.contains { if case .value(let proposed, _, _, _) = $0 { return proposed == key } else { return false } }
            } || !result.errors.isEmpty
            if !asked { verdict.missed.append("did not ask about \(key ?? "the reply")") }
        }
        // Finished action items.
        let done = Set(((expect["done"] as? [String]) ?? []))
        for command in result.commands where command.kind == .done {
            let id = "AI-\(command.action ?? 0)"
            if !done.contains(id) { verdict.wrong.append("closed \(id)") }
        }
        for id in done where !result.commands.contains(where: { $0.kind == .done && "AI-\($0.action ?? 0)" == id }) {
            verdict.missed.append("did not close \(id)")
        }
        // Time away.
        let today = LocalDate(corpus.instant(for: reply.author), in: corpus.config.organization.person(reply.author)?.timeZone ?? .current)
        let ooo = result.commands.filter { $0.kind == .ooo }
        if let away = expect["ooo"] as? [String: Any] {
            let from = (away["from"] as? String).flatMap(LocalDate.init(iso:)) ?? today
            let until = (away["until"] as? String).flatMap(LocalDate.init(iso:))
            if let got = ooo.first {
                if (got.from ?? today) != from || got.until != until { verdict.wrong.append("away \(got.from ?? today)...\(got.until.map { "\($0)" } ?? "?"), label \(from)...\(until.map { "\($0)" } ?? "?")") }
            } else {
                verdict.missed.append("missed time away")
            }
        } else if let got = ooo.first {
            verdict.wrong.append("away until \(got.until.map { "\($0)" } ?? "?") unlabelled")
        }
        // Action items: owner and due date.
        var wantedActions = ((expect["actions"] as? [[String: Any]]) ?? []).map { ($0["owner"] as! String, ($0["due"] as? String)) }
        for action in result.actions {
            if let match = wantedActions.firstIndex(where: { $0.0 == action.owner && $0.1 == action.due?.description }) {
                wantedActions.remove(at: match)
            } else if let owner = wantedActions.firstIndex(where: { $0.0 == action.owner }) {
                verdict.missed.append("action for \(action.owner) due \(action.due.map { "\($0)" } ?? "none"), label \(wantedActions[owner].1 ?? "none")")
                wantedActions.remove(at: owner)
            } else {
                verdict.spurious.append("action for \(action.owner): \(action.text)")
            }
        }
        for (owner, due) in wantedActions { verdict.missed.append("missed action for \(owner) due \(due ?? "none")") }
        // Blockers and resolved ones.
        var wantedBlockers = ((expect["blockers"] as? [[String: Any]]) ?? []).map { $0["kr"] as? String }
        for blocker in result.blockers {
            if let match = wantedBlockers.firstIndex(where: { $0 == blocker.target }) {
                wantedBlockers.remove(at: match)
            } else if !wantedBlockers.isEmpty {
                verdict.missed.append("blocker on \(blocker.target ?? "none"), label \(wantedBlockers[0] ?? "none")")
                wantedBlockers.removeFirst()
            } else {
                verdict.spurious.append("blocker on \(blocker.target ?? "none"): \(blocker.text)")
            }
        }
        for target in wantedBlockers { verdict.missed.append("missed blocker on \(target ?? "none")") }
        var wantedResolved = (expect["resolve_blockers"] as? [String]) ?? []
        for resolved in result.resolvedBlockers {
            // Clearing a blocker nobody said was cleared hides it from the lead: a wrong recording.
            if let match = wantedResolved.firstIndex(where: { $0 == resolved.target }) { wantedResolved.remove(at: match) } else { verdict.wrong.append("resolved blockers of \(resolved.target ?? "none") unlabelled") }
        }
        for target in wantedResolved { verdict.missed.append("missed resolving \(target)") }
        // Questions asked where the label records everything.
        if asks.isEmpty, expected.isEmpty == false {
            for clarification in result.clarifications where clarification.target == nil || expected[clarification.target!] == nil {
                verdict.missed.append("asked: \(clarification.question)")
            }
        }
        return verdict
    }
}
