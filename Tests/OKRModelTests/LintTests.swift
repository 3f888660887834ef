import Foundation
import OKRModel
import Testing

@Suite("Lint rules for how OKRs are written")
struct LintTests {
    static func kr(_ key: String, _ title: String, owner: String? = "maria", kind: KeyResult.Kind = .increase, unit: MetricUnit = .count,
                   baseline: Double? = 10, target: Double? = 20, line: Int = 1, unitGiven: Bool = true) -> KeyResult {
        var kr = KeyResult(key: key, title: title, owner: owner, kind: kind, unit: unit, baseline: baseline, target: target,
                           location: SourceLocation(file: "okrd.yaml", line: line, column: 9))
        kr.unitGiven = unitGiven
        return kr
    }

    static func objective(_ key: String, _ krs: [KeyResult], team: String = "t", topLevel: Bool = true, silenced: [String: String] = [:], line: Int = 1) -> Objective {
        Objective(key: key, title: "Objective \(key)", team: team, topLevel: topLevel, keyResults: krs, silenced: silenced,
                  location: SourceLocation(file: "okrd.yaml", line: line, column: 5))
    }

    static func organization(_ objectives: [Objective], kpis: [KPI] = []) -> Organization {
        Organization(period: q4, people: [Person(id: "maria", name: "Maria", timeZone: berlin)],
                     teams: [Team(id: "t", name: "T", members: ["maria"], lead: "maria", destination: "d", timeZone: berlin)],
                     objectives: objectives, kpis: kpis)
    }

    /// A well-written objective: a volume and a rate, numbers, baselines, targets, units, owners.
    static let good = objective("good", [
        kr("new-logos", "Win 12 new logos in the mid-market", baseline: 8, target: 12),
        kr("win-rate", "Raise the win rate from 18% to 25%", unit: .percent, baseline: 18, target: 25),
    ])

    func ids(_ findings: [LintFinding]) -> [String] { findings.map(\.rule.id) }

    @Test("A well-written set of OKRs has no findings")
    func clean() {
        #expect(Linter().lint(Self.organization([Self.good])).isEmpty)
    }

    @Test("Each rule fires on what it describes and points at the line")
    func rules() {
        let org = Self.organization([
            Self.objective("o1", [Self.kr("lonely", "Close 20 deals", line: 10)], line: 9),
            Self.objective("o2", (1...6).map { Self.kr("k\($0)", "Close \($0 * 10) deals at \($0)% margin", unit: .percent, line: 20 + $0) }, line: 20),
            Self.objective("o3", [
                Self.kr("vague", "Improve customer happiness", baseline: nil, target: nil, line: 31, unitGiven: false),
                Self.kr("calls", "Make 400 cold calls to prospects", baseline: 100, target: 200, line: 32),
                Self.kr("owner", "Sign 10 partners", owner: nil, baseline: 5, target: 10, line: 33),
            ], topLevel: false, line: 30),
            Self.objective("o4", [
                Self.kr("moon", "Grow pipeline from $100k to $1M", unit: .currency("USD"), baseline: 100_000, target: 1_000_000, line: 41),
                Self.kr("sandbag", "Keep 50 active accounts, reach 51", baseline: 50, target: 51, line: 42),
            ], line: 40),
            Self.objective("o5", [Self.kr("a", "Close 5 deals"), Self.kr("b", "Book 5 meetings with CFOs", baseline: 2, target: 5)], line: 50),
        ])
        let findings = Linter().lint(org)
        func rule(_ id: String, line: Int) -> Bool { findings.contains { $0.rule.id == id && $0.location.line == line } }
        #expect(rule("OKR001", line: 50))  // the fifth objective of team t
        #expect(rule("OKR002", line: 9))
        #expect(rule("OKR003", line: 20))
        #expect(rule("OKR005", line: 31))
        #expect(findings.first { $0.location.line == 31 }?.message.contains("no baseline, no target, no unit") == true)
        #expect(rule("OKR006", line: 32))
        #expect(rule("OKR006", line: 50 + 0) == false)
        #expect(findings.contains { $0.rule.id == "OKR006" && $0.message.contains("meetings") })
        #expect(rule("OKR007", line: 40))
        #expect(rule("OKR008", line: 30))
        #expect(rule("OKR009", line: 33))
        #expect(rule("OKR010", line: 41))
        #expect(rule("OKR011", line: 42))
        // A rate next to volumes satisfies OKR007; outcomes are not activities.
        #expect(!rule("OKR007", line: 20))
        #expect(!findings.contains { $0.rule.id == "OKR006" && $0.location.line == 41 })
    }

    @Test("A rule silenced on an objective stays quiet there and only there")
    func silence() {
        let volume = [Self.kr("a", "Close 20 deals"), Self.kr("b", "Create $400k pipeline", unit: .currency("USD"), baseline: 300_000, target: 400_000)]
        let loud = Self.organization([Self.objective("o", volume)])
        #expect(ids(Linter().lint(loud)) == ["OKR007"])
        let quiet = Self.organization([Self.objective("o", volume, silenced: ["OKR007": "pipeline quality is tracked as a KPI"])])
        #expect(Linter().lint(quiet).isEmpty)
    }

    @Test("KPIs: 3-6 per team, and targets checked against the history okrd recorded")
    func kpisAndHistory() {
        let kpi = KPI(key: "deal-size", title: "Average deal size", team: "t", unit: .currency("USD"), direction: .atLeast, target: 200_000,
                      location: SourceLocation(file: "okrd.yaml", line: 70, column: 5))
        let org = Self.organization([Self.good], kpis: [kpi])
        #expect(ids(Linter().lint(org)) == ["OKR004"])
        let seen = [40_000.0, 42_000, 45_000].enumerated().map { (at: q4.start.addingTimeInterval(Double($0.offset) * 86_400), value: $0.element) }
        let history = LintHistory(values: ["deal-size": seen, "new-logos": [(at: q4.start.addingTimeInterval(86_400), value: 13)]])
        let findings = Linter().lint(org, history: history)
        #expect(findings.contains { $0.rule.id == "OKR010" && $0.message.contains("KPI \"deal-size\"") })
        #expect(findings.contains { $0.rule.id == "OKR011" && $0.message.contains("already at its target") })
    }

    @Test("Activity detection: verbs with activity nouns, not outcome words that share them")
    func activities() {
        #expect(Linter.activity(in: "Make 200 calls per rep") != nil)
        #expect(Linter.activity(in: "500 emails sent to the installed base") != nil)
        #expect(Linter.activity(in: "Schedule 30 demos with enterprise prospects") != nil)
        #expect(Linter.activity(in: "Complete 5 product training modules") != nil)
        #expect(Linter.activity(in: "Raise demo-to-close conversion from 20% to 30%") == nil)
        #expect(Linter.activity(in: "Generate $1.2M demo pipeline") == nil)
        #expect(Linter.activity(in: "Win 12 new logos") == nil)
    }
}
