import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

/// One full evaluation of a large organisation: 10,000 key results in 100 teams, 200,000 check-ins
/// in SQLite. Times reading the snapshot, evaluating every key result and objective, and running
/// the escalation ladder with grouping and message building for every team (what the scheduler's
/// escalation check does), and prints the process's peak RSS during it (VmHWM, reset before).
enum EvaluationBenchmark {
    static func run(keyResults total: Int = 10_000, checkIns perKeyResult: Int = 20) async throws {
        let teams = 100
        let objectivesPerTeam = max(1, total / teams / 4)
        let dir = NSTemporaryDirectory() + "okrd-bench-evaluation-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // The configuration, as YAML: loading it is part of what a restart costs.
        var yaml = "timezone: Europe/Berlin\nperiod: 2026-Q4\npeople:\n"
        for p in 0..<(teams * 5) { yaml += "  - {id: p\(p), name: Person \(p)\(p % 5 == 0 ? "" : ", manager: p\(p - p % 5)")}\n" }
        yaml += "destinations: [{name: terminal, platform: console}]\nteams:\n"
        for t in 0..<teams {
            let members = (0..<5).map { "p\(t * 5 + $0)" }.joined(separator: ", ")
            yaml += "  - {id: t\(t), members: [\(members)], lead: p\(t * 5), destination: terminal}\n"
        }
        yaml += "objectives:\n"
        var keys: [(String, Int)] = []
        for t in 0..<teams {
            for o in 0..<objectivesPerTeam {
                yaml += "  - key: o\(t)-\(o)\n    title: Objective \(o) of team \(t)\n    team: t\(t)\n    top_level: true\n    key_results:\n"
                for k in 0..<4 {
                    let key = "k\(t)-\(o)-\(k)"
                    let owner = "p\(t * 5 + (o + k) % 5)"
                    yaml += "      - {key: \(key), title: Key result \(k), owner: \(owner), unit: count, baseline: 0, target: 100}\n"
                    keys.append((key, t * 5 + (o + k) % 5))
                }
            }
        }
        let loadStart = ContinuousClock.now
        let config = try ConfigLoader(environment: [:], now: Date(timeIntervalSince1970: 1_795_000_000)).load(yaml: yaml, file: "bench.yaml")
        let loadSeconds = seconds(since: loadStart)
        let organization = config.organization
        let period = organization.period

        // 200,000 check-ins, spread over the first 70% of the quarter; a third of the key results lag.
        let store = try SQLiteStore(path: dir + "/okrd.sqlite")
        var batch: [StoreChange] = []
        var random = SplitMixRandom(seed: 7)
        for (index, (key, owner)) in keys.enumerated() {
            let lagging = index % 3 == 0
            for n in 0..<perKeyResult {
                let fraction = 0.7 * Double(n + 1) / Double(perKeyResult)
                let at = period.start.addingTimeInterval(period.duration * fraction)
                let value = (lagging ? 55 : 100) * fraction + Double.random(in: -2...2, using: &random)
                batch.append(.checkIn(CheckIn(keyResult: key, author: "p\(owner)", at: at, value: value, confidence: lagging ? 4 : 7), source: "bench", line: nil))
            }
            if batch.count >= 20_000 {
                _ = try await store.apply(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { _ = try await store.apply(batch) }

        let now = period.start.addingTimeInterval(period.duration * 0.72)
        let planner = FiringPlanner(config: config, writer: OutboxWriter(destinations: config.destinations, directory: Directory(people: organization.people)))
        resetPeakRSS()
        let rssBefore = memory("VmRSS")
        let start = ContinuousClock.now
        let snapshot = try await Snapshot.load(organization, store: store, at: now)
        let loaded = seconds(since: start)
        var statuses: [Status: Int] = [:]
        for objective in snapshot.objectiveReports() {
            for report in objective.keyResults { statuses[report.status, default: 0] += 1 }
        }
        let evaluated = seconds(since: start)
        var changes = 0
        var messages = 0
        for team in organization.teams {
            let occurrence = ScheduleSpec.Occurrence(instant: now, day: LocalDate(now, in: team.timeZone), hour: 11, minute: 0)
            let planned = try planner.plan(.check, team: team, occurrence: occurrence, snapshot: snapshot, now: now)
            changes += planned.count
            messages += planned.filter { if case .enqueue = $0 { true } else { false } }.count
        }
        let total = seconds(since: start)
        let peak = memory("VmHWM")
        try await store.close()

        let counts = Status.allCases.compactMap { status in statuses[status].map { "\($0) \(status.label)" } }.joined(separator: ", ")
        print("evaluation: configuration with \(keys.count) key results loaded in \(format(loadSeconds)) s")
        print("evaluation: \(keys.count) key results, \(keys.count * perKeyResult) check-ins: snapshot read in \(format(loaded)) s, statuses in \(format(evaluated - loaded)) s (\(counts))")
        print("evaluation: escalation ladder and grouping for \(organization.teams.count) teams in \(format(total - evaluated)) s: \(changes) store changes, \(messages) messages")
        print("evaluation: one full evaluation in \(format(total)) s; peak RSS during it \(peak / 1024) MB (RSS before \(rssBefore / 1024) MB)")
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Resets VmHWM so it measures from here (Linux: write 5 to clear_refs).
    static func resetPeakRSS() {
        if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            handle.write(Data("5".utf8))
            try? handle.close()
        }
    }

    /// A `/proc/self/status` field in KiB.
    static func memory(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") })
        else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}
