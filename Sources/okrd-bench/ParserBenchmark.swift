import CheckinParser
import Foundation
import OKRModel

/// Parses 100,000 generated replies with one context and prints replies/s and MB/s.
enum ParserBenchmark {
    static func run(replies count: Int = 100_000) {
        let context = benchmarkContext()
        let parser = CheckinParser(context: context)
        let replies = generateReplies(count: count, seed: 42)
        let bytes = replies.reduce(0) { $0 + $1.utf8.count }
        let at = Date(timeIntervalSince1970: 1_795_424_400)

        // Warm up, then measure the best of five runs on one core (this machine's timing is noisy).
        var sink = 0
        for reply in replies.prefix(2_000) { sink &+= parser.parse(reply, at: at).checkIns.count }
        var best = Double.infinity
        var understood = 0
        var errors = 0
        for _ in 0..<5 {
            understood = 0
            errors = 0
            let start = ContinuousClock.now
            for reply in replies {
                let result = parser.parse(reply, at: at)
                understood &+= result.checkIns.count + result.actions.count + result.blockers.count + result.commands.count
                errors &+= result.errors.count
            }
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let megabytes = Double(bytes) / 1_000_000
        print("parser: \(count) replies, \(String(format: "%.1f", megabytes)) MB, avg \(bytes / count) bytes/reply")
        print("parser: \(String(format: "%.0f", Double(count) / best)) replies/s, \(String(format: "%.1f", megabytes / best)) MB/s (best of 5, one core)")
        print("parser: \(understood) statements understood, \(errors) line errors (sink \(sink))")
    }

    static func benchmarkContext() -> ParserContext {
        let people = [
            KnownPerson(id: "maria", name: "Maria Keller", handles: ["slack": "U02MARIA", "mattermost": "maria.keller"]),
            KnownPerson(id: "li", name: "Li Wei", handles: ["slack": "U02LIWEI", "mattermost": "li.wei"]),
            KnownPerson(id: "dana", name: "Dana Weber", handles: ["slack": "U02DANA"]),
        ]
        let targets = [
            Target(key: "territories", title: "Roll out the territory model", kind: .milestone(["Define territories", "Assign reps", "Migrate accounts", "Retire the old model"]), unit: .count, owner: "maria", goal: 4, lastValue: 1),
            Target(key: "territory-coverage", title: "Raise the share of accounts with a territory owner from 35% to 100%", kind: .increase, unit: .percent, owner: "maria", goal: 100),
            Target(key: "reseller-partners", title: "Sign 5 active reseller partners", kind: .increase, unit: .count, owner: "maria", goal: 5, lastValue: 2),
            Target(key: "reseller-deals", title: "Close 8 reseller-sourced deals", kind: .increase, unit: .count, owner: "maria", goal: 8, lastValue: 3),
            Target(key: "reseller-pipeline", title: "Generate $250k of qualified pipeline through resellers", kind: .increase, unit: .currency("USD"), owner: "li", goal: 250_000, lastValue: 90_000),
            Target(key: "upsell-rate", title: "Achieve a 20% upsell rate in the installed base", kind: .increase, unit: .percent, owner: "li", goal: 20),
            Target(key: "churn", title: "Reduce customer churn from 11% to 8%", kind: .decrease, unit: .percent, owner: "li", goal: 8),
            Target(key: "deal-size", title: "Average deal size", kind: .kpi, unit: .currency("USD"), owner: "dana"),
        ]
        return ParserContext(author: "maria", timeZone: TimeZone(identifier: "Europe/Berlin")!, targets: targets, people: people,
                             openActions: [OpenAction(id: 12, owner: "maria", text: "Send the contract draft to legal")])
    }

    /// Realistic replies: several statements each, in different people's styles.
    static func generateReplies(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix(seed: seed)
        // Comments as people write them: from a few words to a full sentence.
        let comments = [
            "two partners signed, third slipping", "Globex moved to January", "legal review done", "great week",
            "waiting for the pricing sheet", "Nordics signed, DACH next", "pipeline looks healthy", "slower than hoped",
            "Nordlicht signed on Tuesday; Alpen IT wants a second call with their CFO before they commit",
            "the ACME renewal slipped into next quarter because procurement froze all new vendor contracts",
            "two demos this week went well, but the champion at Globex left the company and we are starting over",
            "on track overall, the reseller enablement webinar had 40 attendees and three asked for a partner agreement",
        ]
        let lines: [(inout SplitMix) -> String] = [
            { r in "reseller-partners \(r.next(6)) conf \(r.next(11)) - \(comments[r.next(comments.count)])" },
            { r in "#\(r.next(4) + 1) \(r.next(5))" },
            { r in "reseller-pipeline $\(r.next(250))k \(["🟢", "🟡", "🔴"][r.next(3)])" },
            { r in "Reseller partners: \(r.next(6)) of 5 conf \(r.next(11)) — \(comments[r.next(comments.count)])" },
            { r in "territories \(r.next(5)) of 4" },
            { r in "territory-coverage \(35 + r.next(60))% on track" },
            { r in "churn from 11 to \(8 + r.next(3)).\(r.next(10))" },
            { r in "upsell-rate \(12 + r.next(9)) because \(comments[r.next(comments.count)])" },
            { r in "deal-size $\(40 + r.next(10)),\(100 + r.next(900))" },
            { r in "blocker: legal has not reviewed the reseller contract" },
            { r in "action: @li book a demo with ACME by \(["Friday", "Dec 4", "2026-12-04", "next week", "tomorrow"][r.next(5)])" },
            { r in "- [ ] follow up with Globex next week" },
            { r in "reseller-deals +\(r.next(3)) 70% confident" },
            { _ in "Hi team, here's my update:" },
            { _ in "Thanks!" },
        ]
        return (0..<count).map { _ in
            let n = 1 + random.next(5)
            return (0..<n).map { _ in lines[random.next(lines.count)](&random) }.joined(separator: "\n")
        }
    }
}

/// A small deterministic generator so every run parses the same corpus.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
