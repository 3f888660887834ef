import ArgumentParser
import ChatPlatforms
import Foundation
import Logging
import OKRDaemon
import OKRModel
import OKRStore
import Synchronization
import OKRWorkflows

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Plays a whole OKR period in seconds: prompts, replies, reminders, alerts, digests, then the status table.",
        discussion: """
            The configuration's people answer with scripted replies (one steady, one sandbagging, one stalling, \
            one in trouble, one away for two weeks) and okrd's real scheduler, reply parser, escalation ladder \
            and dispatcher handle them on a virtual clock. Every destination is replaced by the console: the \
            demo never posts to real chat. The database is temporary unless --db names a file (then inspect it \
            afterwards with okrd status --db).

            Without --config and without /etc/okrd/okrd.yaml it plays the example configuration built into okrd.

            Examples:
              okrd demo --speed 0 --brief
              okrd demo --config config/okrd.example.yaml
              okrd demo --config config/okrd.example.yaml --speed 0 --brief
              okrd demo --config config/okrd.example.yaml --db /tmp/demo.sqlite && okrd status --config config/okrd.example.yaml --db /tmp/demo.sqlite
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("Keep the demo's database in this SQLite file (it must not exist yet).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Virtual days per real second (default 3: a quarter in about 30 s; 0: as fast as possible).", valueName: "days"))
    var speed: Double = 3

    @ArgumentParser.Flag(help: "One line per message instead of the whole text.")
    var brief = false

    func validate() throws {
        guard speed >= 0, speed.isFinite else { throw ValidationError("--speed must be 0 or more virtual days per second") }
        if let db, FileManager.default.fileExists(atPath: db) {
            throw ValidationError("--db \(db) already exists; the demo writes a fresh database (remove it or pick another path)")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { LogfmtHandler(label: $0, level: .warning) }
        var config: OKRConfig
        if options.config == ConfigLoader.defaultPath, !FileManager.default.fileExists(atPath: options.config) {
            // A fresh machine has no configuration yet: play the example built into okrd.
            Terminal.error("no \(options.config); playing the example configuration built into okrd (pass --config PATH for yours)")
            do {
                config = try ConfigLoader(secrets: .unused).load(yaml: ExampleConfiguration.yaml, file: ExampleConfiguration.name)
            } catch {
                Terminal.error(error.description)
                throw ExitCode(Terminal.exitConfig)
            }
        } else {
            config = try options.load()
        }
        // Everything goes to the console: a demo never posts to real chat.
        config.destinations = config.destinations.map { Destination(name: $0.name, platform: .console, ratePerSecond: $0.ratePerSecond) }

        let directory: String? = db == nil ? NSTemporaryDirectory() + "okrd-demo-" + UUID().uuidString : nil
        if let directory { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { if let directory { try? FileManager.default.removeItem(atPath: directory) } }
        let path = db ?? directory! + "/demo.sqlite"
        let store = try SQLiteStore(path: path)

        let organization = config.organization
        let period = organization.period
        let script = DemoScript(organization: organization)
        let zone = period.timeZone
        let printer = DemoPrinter(organization: organization, timeZone: zone, brief: brief)
        printer.header(period: period, parts: script.parts)

        let simulation = Simulation(config: config, store: store, start: period.start, replies: script.replies()) { event in
            printer.print(event)
        }
        let speed = self.speed
        @Sendable func pace(_ seconds: TimeInterval) async {
            let real = min(seconds / 86_400 / speed, 5)
            guard real > 0.0005 else { return }
            try? await Task.sleep(nanoseconds: UInt64(real * 1e9))
        }
        try await simulation.run(until: period.end, pace: speed == 0 ? nil : pace)

        let snapshot = try await Snapshot.load(organization, store: store, at: period.end.addingTimeInterval(-1))
        let report = StatusReport(snapshot: snapshot, team: nil)
        Terminal.print("\n" + printer.rule("Status at the end of \(period.id)") + "\n")
        Terminal.print(report.table(colour: Terminal.stdoutIsColourTerminal, width: Terminal.width))
        Terminal.print("\n" + printer.summary() + "\n")
        if let db { Terminal.print("The demo's database is \(db): okrd status --config \(options.config) --db \(db)\n") }
        try await store.close()
    }
}

/// Prints the demo's timeline.
private final class DemoPrinter: Sendable {
    let organization: Organization
    let timeZone: TimeZone
    let brief: Bool
    private let counts = Mutex<[String: Int]>([:])

    init(organization: Organization, timeZone: TimeZone, brief: Bool) {
        self.organization = organization
        self.timeZone = timeZone
        self.brief = brief
    }

    func header(period: Period, parts: [String: DemoScript.Part]) {
        var text = rule("okrd demo · \(period.id) · \(period.firstDay) to \(period.lastDay) · times in \(timeZone.identifier)") + "\n"
        for person in organization.people {
            guard let part = parts[person.id] else { continue }
            text += "  \(person.name) plays \(part.rawValue)\n"
        }
        Terminal.print(text + "\n")
    }

    func print(_ event: Simulation.Event) {
        switch event {
        case .delivered(let at, let destination, let text):
            let title = text.split(separator: "\n").first.map(String.init) ?? ""
            counts.withLock { $0[Self.kind(of: title), default: 0] += 1 }
            if brief {
                Terminal.print("\(stamp(at))  → \(destination)  \(title)\n")
            } else {
                Terminal.print(rule("\(stamp(at)) → \(destination)") + "\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "\n")
            }
        case .reply(let reply, let confirmation):
            counts.withLock { $0["replies", default: 0] += 1 }
            let name = organization.person(reply.author)?.name ?? reply.author
            if brief {
                Terminal.print("\(stamp(reply.at))  💬 \(name): \(reply.text.split(separator: "\n").first ?? "")\(reply.text.contains("\n") ? " …" : "")\n")
            } else {
                let said = reply.text.split(separator: "\n").map { "   │ \($0)" }.joined(separator: "\n")
                let answer = confirmation.map { "   ↳ \($0)" }.joined(separator: "\n")
                Terminal.print("\(stamp(reply.at))  💬 \(name) replies:\n\(said)\n\(answer)\n\n")
            }
        case .restarted, .occurrence:
            break
        }
    }

    func summary() -> String {
        let counts = counts.withLock { $0 }
        let order = ["prompts", "reminders", "alerts", "escalations", "recoveries", "nudges", "sandbagging notices", "KPI alerts", "digests",
                     "retrospectives", "other messages", "replies"]
        return "In this period: " + order.compactMap { key in counts[key].map { "\($0) \(key)" } }.joined(separator: ", ") + "."
    }

    func rule(_ title: String) -> String {
        "── \(title) " + String(repeating: "─", count: max(3, 76 - title.count))
    }

    private func stamp(_ instant: Date) -> String {
        let day = LocalDate(instant, in: timeZone)
        let time = WallClock.time(of: instant, in: timeZone)
        let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.isoWeekday - 1]
        return "\(weekday) \(day) " + String(format: "%02d:%02d", time.hour, time.minute)
    }

    private static func kind(of title: String) -> String {
        if title.contains("Weekly check-in") { return "prompts" }
        if title.contains("Reminder") { return "reminders" }
        if title.contains("Escalation") { return "escalations" }
        if title.contains("At risk") { return "alerts" }
        if title.contains("Back on track") { return "recoveries" }
        if title.contains("blocker") { return "nudges" }
        if title.contains("Weekly digest") { return "digests" }
        if title.contains("Target too easy") { return "sandbagging notices" }
        if title.contains("KPI unhealthy") { return "KPI alerts" }
        if title.contains("Retrospective") { return "retrospectives" }
        return "other messages"
    }
}
