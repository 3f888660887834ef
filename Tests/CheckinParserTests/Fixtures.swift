import CheckinParser
import Foundation
import OKRModel

enum Fixture {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// Monday 23 November 2026, 10:00 in Berlin.
    static let monday = Date(timeIntervalSince1970: 1_795_424_400)

    static let people = [
        KnownPerson(id: "maria", name: "Maria Keller", handles: ["slack": "U02MARIA", "mattermost": "maria.keller", "teams": "maria@example.com", "discord": "80351110224678912", "matrix": "@maria:example.org", "googlechat": "users/1234567"]),
        KnownPerson(id: "li", name: "Li Wei", handles: ["slack": "U02LIWEI", "mattermost": "li.wei", "discord": "80351110224678999", "matrix": "@li:example.org", "teams": "li@example.com", "googlechat": "users/7654321"]),
        KnownPerson(id: "dana", name: "Dana Weber", handles: ["slack": "U02DANA", "teams": "dana@example.com", "matrix": "@dana:example.org", "mattermost": "dana.weber"]),
        KnownPerson(id: "sam", name: "Sam Rivera", handles: ["slack": "U03SAM", "discord": "80351110224678913", "matrix": "@sam:example.org"]),
    ]

    // Maria's own key results first (numbered #1-#4 in her prompt), then her team's (#5-#9).
    static let territories = Target(key: "territories", title: "Roll out the territory model", kind: .milestone(["Define territories", "Assign reps", "Migrate accounts", "Retire the old model"]), unit: .count, owner: "maria", goal: 4, lastValue: 1, baseline: 0, group: "Move to a territory-focused sales model")
    static let coverage = Target(key: "territory-coverage", title: "Raise the share of accounts with a territory owner from 35% to 100%", kind: .increase, unit: .percent, owner: "maria", goal: 100, lastValue: 60, baseline: 35, group: "Move to a territory-focused sales model")
    static let partners = Target(key: "reseller-partners", title: "Sign 5 active reseller partners", kind: .increase, unit: .count, owner: "maria", goal: 5, lastValue: 2, baseline: 0, group: "Establish an active reseller channel")
    static let deals = Target(key: "reseller-deals", title: "Close 8 reseller-sourced deals", kind: .increase, unit: .count, owner: "maria", goal: 8, lastValue: 3, baseline: 0, group: "Establish an active reseller channel")
    static let winRate = Target(key: "territory-win-rate", title: "Increase the win rate in reassigned territories from 22% to 28%", kind: .increase, unit: .percent, owner: "li", goal: 28, baseline: 22, group: "Move to a territory-focused sales model")
    static let pipeline = Target(key: "reseller-pipeline", title: "Generate $250k of qualified pipeline through resellers", kind: .increase, unit: .currency("USD"), owner: "li", goal: 250_000, lastValue: 90_000, baseline: 0, group: "Establish an active reseller channel")
    static let upsell = Target(key: "upsell-rate", title: "Achieve a 20% upsell rate in the installed base", kind: .increase, unit: .percent, owner: "li", goal: 20, baseline: 12, group: "Increase revenue from existing customers")
    static let renewal = Target(key: "renewal-rate", title: "Keep renewal rates at or above 90%", kind: .threshold, unit: .percent, owner: "dana", goal: 90, baseline: 86, group: "Increase revenue from existing customers")
    static let churn = Target(key: "churn", title: "Reduce customer churn from 11% to 8%", kind: .decrease, unit: .percent, owner: "li", goal: 8, baseline: 11, group: "Increase revenue from existing customers")
    static let satisfaction = Target(key: "partner-satisfaction", title: "Raise partner satisfaction from 6.5 to 8", kind: .increase, unit: .number, owner: "maria", goal: 8, baseline: 6.5, group: "Establish an active reseller channel")
    /// A wide range and no value yet, for number formats.
    static let bookings = Target(key: "usd-bookings", title: "Book US dollar revenue", kind: .increase, unit: .currency("USD"), owner: "li", goal: 20_000_000, baseline: 0)
    static let dealSize = Target(key: "deal-size", title: "Average deal size", kind: .kpi, unit: .currency("USD"), owner: "dana")
    static let eurRevenue = Target(key: "emea-bookings", title: "EMEA bookings in euros", kind: .increase, unit: .currency("EUR"), owner: "maria", goal: 500_000, baseline: 0, group: "Book EMEA revenue")

    static let demoConversion = Target(key: "demo-conversion", title: "Lift demo-to-opportunity conversion from 20% to 35%", kind: .increase, unit: .percent, owner: "sam", goal: 35, baseline: 20)
    static let demoPipeline = Target(key: "demo-pipeline-value", title: "Grow demo-sourced pipeline to $1.2M", kind: .increase, unit: .currency("USD"), owner: "priya", goal: 1_200_000, baseline: 300_000)

    static let openActions = [
        OpenAction(id: 12, owner: "maria", text: "Send the contract draft to legal"),
        OpenAction(id: 15, owner: "maria", text: "Book a demo with ACME"),
        OpenAction(id: 21, owner: "li", text: "Call Globex about the renewal"),
    ]

    static let maria = ParserContext(
        author: "maria", timeZone: berlin,
        targets: [territories, coverage, partners, deals, satisfaction, winRate, pipeline, upsell, renewal, churn, bookings, dealSize],
        otherTargets: [demoConversion, demoPipeline], people: people, openActions: openActions)

    /// A sales rep with exactly one key result.
    static let sam = ParserContext(
        author: "sam", timeZone: TimeZone(identifier: "America/New_York")!,
        targets: [demoConversion], otherTargets: [partners, demoPipeline], people: people, openActions: [])

    /// A sales rep who owns one key result and may report a teammate's too.
    static let samInTeam = ParserContext(
        author: "sam", timeZone: TimeZone(identifier: "America/New_York")!,
        targets: [demoConversion, demoPipeline], otherTargets: [partners], people: people, openActions: [])

    /// A context with a euro key result, for currency checks.
    static let euro = ParserContext(
        author: "maria", timeZone: berlin, targets: [eurRevenue, pipeline, partners], people: people)

    /// Key results with wide ranges and no value yet, so plausibility never asks: for properties of
    /// number forms.
    static let wide = ParserContext(
        author: "maria", timeZone: berlin,
        targets: [
            Target(key: "wide-count", title: "Count things", kind: .increase, unit: .count, owner: "maria", goal: 1_000_000, baseline: 0),
            Target(key: "wide-percent", title: "Share of things", kind: .increase, unit: .percent, owner: "maria", goal: 100, baseline: 0),
            Target(key: "wide-usd", title: "Money in dollars", kind: .increase, unit: .currency("USD"), owner: "maria", goal: 1_000_000_000, baseline: 0),
            Target(key: "wide-number", title: "A score", kind: .increase, unit: .number, owner: "maria", goal: 1_000_000_000, baseline: 0),
            territories,
        ], people: people)

    static let mariaParser = CheckinParser(context: maria)
    static let wideParser = CheckinParser(context: wide)
    static let samParser = CheckinParser(context: sam)
    static let samInTeamParser = CheckinParser(context: samInTeam)
    static let euroParser = CheckinParser(context: euro)
}

/// A compact, canonical description of a parse result, for table-driven expectations:
/// `ci KEY=VALUE c7 s:at_risk 'comment'`, `kpi KEY=VALUE`, `bl KEY 'text'`,
/// `ai OWNER 'text' due:DATE kr:KEY`, `cmd KIND KEY until:DATE from:DATE AI-n`, `err LINE`.
func describe(_ result: ParseResult) -> String {
    var items: [(Int, String)] = []
    for c in result.checkIns {
        var s = (c.isKPI ? "kpi " : "ci ") + c.target + "=" + format(c.value)
        if let conf = c.confidence { s += " c\(conf)" }
        if let status = c.status { s += " s:\(status.rawValue)" }
        if let comment = c.comment { s += " '\(comment)'" }
        items.append((c.line, s))
    }
    for b in result.blockers { items.append((b.line, "bl \(b.target ?? "-") '\(b.text)'")) }
    for a in result.actions {
        var s = "ai \(a.owner) '\(a.text)'"
        if let due = a.due { s += " due:\(due)" }
        if let kr = a.target { s += " kr:\(kr)" }
        items.append((a.line, s))
    }
    for c in result.commands {
        var s = "cmd \(c.kind.rawValue)"
        if let t = c.target { s += " \(t)" }
        if let from = c.from { s += " from:\(from)" }
        if let until = c.until { s += " until:\(until)" }
        if let action = c.action { s += " AI-\(action)" }
        items.append((c.line, s))
    }
    for r in result.resolvedBlockers { items.append((r.line, "res \(r.target ?? "-")")) }
    for q in result.clarifications {
        var s = "ask \(q.target ?? "-")"
        if case .value(_, let value, _, _)? = q.proposal { s += "=\(format(value))" }
        if case .done(let action)? = q.proposal { s += " AI-\(action)" }
        for case .value(let key, let value, _, _) in q.alsoProposed { s += " +\(key)=\(format(value))" }
        items.append((q.line, s))
    }
    for e in result.errors { items.append((e.line, "err \(e.line)")) }
    return items.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: " | ")
}

func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}
