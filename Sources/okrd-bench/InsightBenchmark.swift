import Foundation
import OKRDaemon
import OKRModel
import OKRWorkflows

/// Lint of a large configuration (1,000 objectives, 5,000 key results, written through YAML and
/// loaded like okrd does) and drawing 100 radar charts to PNG through cairo.
enum InsightBenchmark {
    static func lint(objectives total: Int = 1_000) throws {
        let teams = 100
        let dir = NSTemporaryDirectory() + "okrd-bench-lint-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var yaml = "timezone: Europe/Berlin\nperiod: 2026-Q4\npeople:\n"
        for p in 0..<(teams * 5) { yaml += "  - {id: p\(p), name: Person \(p)}\n" }
        yaml += "destinations: [{name: terminal, platform: console}]\nteams:\n"
        for t in 0..<teams {
            yaml += "  - {id: t\(t), members: [\((0..<5).map { "p\(t * 5 + $0)" }.joined(separator: ", "))], lead: p\(t * 5), destination: terminal}\n"
        }
        yaml += "objectives:\n"
        let titles = ["Win %d new logos in the mid-market", "Make %d cold calls per week", "Raise the win rate from 18%% to %d%%",
                      "Generate $%dk of qualified pipeline", "Improve customer happiness"]
        for o in 0..<total {
            let team = o % teams
            yaml += "  - key: o\(o)\n    title: Objective \(o)\n    team: t\(team)\n    \(o % 7 == 0 ? "" : "top_level: true")\n    key_results:\n"
            for k in 0..<5 {
                let title = String(format: titles[(o + k) % titles.count], 20 + k)
                let (baseline, target) = (o + k) % 11 == 0 ? (100, 1_000) : ((o + k) % 13 == 0 ? (100, 102) : (10, 20))
                yaml += "      - {key: k\(o)-\(k), title: \"\(title)\", owner: p\(team * 5 + k), unit: count, baseline: \(baseline), target: \(target)}\n"
            }
        }
        let path = dir + "/okrd.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let loadStart = ContinuousClock.now
        let config = try ConfigLoader(environment: ["HOME": dir]).load(path: path)
        let loaded = ContinuousClock.now - loadStart
        var best = Duration.seconds(1_000)
        var findings: [LintFinding] = []
        for _ in 0..<5 {
            let start = ContinuousClock.now
            findings = Linter().lint(config.organization)
            best = min(best, ContinuousClock.now - start)
        }
        var byRule: [String: Int] = [:]
        for finding in findings { byRule[finding.rule.id, default: 0] += 1 }
        print("lint: \(config.organization.objectives.count) objectives, \(config.organization.allKeyResults.count) key results: configuration loaded in \(seconds(loaded)) s, lint in \(seconds(best)) s (best of 5)")
        print("lint: \(findings.count) findings: " + byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    static func radar(charts count: Int = 100) throws {
        let statuses: [Status] = [.complete, .onTrack, .atRisk, .inTrouble]
        let charts = (0..<count).map { n in
            RadarChart(title: "Team \(n) · 2026-Q4", subtitle: "57% of the period elapsed", axes: (0..<(3 + n % 4)).map { a in
                .init(label: "Objective \(a) of team \(n) with a realistic title length", actual: Double((n * 7 + a * 13) % 100) / 100,
                      expected: 0.57, status: statuses[(n + a) % 4])
            })
        }
        _ = try charts[0].png()  // warm up fonts
        let start = ContinuousClock.now
        var bytes = 0
        for chart in charts { bytes += try chart.png().count }
        let png = ContinuousClock.now - start
        let svgStart = ContinuousClock.now
        var svgBytes = 0
        for chart in charts { svgBytes += chart.svg().utf8.count }
        let svg = ContinuousClock.now - svgStart
        print("radar: \(count) charts to PNG in \(seconds(png)) s (\(String(format: "%.1f", Double(png.components.attoseconds) / 1e15 / Double(count) + Double(png.components.seconds) * 1000 / Double(count))) ms each, \(bytes / count / 1024) KiB each); to SVG in \(seconds(svg)) s")
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
