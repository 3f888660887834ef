import ArgumentParser
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Shows progress against the expected pace for every objective and key result.",
        discussion: """
            Statuses: complete, on track, at risk, in trouble, no data. Expected progress comes from each key \
            result's pace curve at the given instant. The JSON format has a stable shape for scripts.

            Examples:
              okrd status --config config/okrd.example.yaml
              okrd status --team sales-emea --at 2026-11-22
              okrd status --format json --at 2026-12-01T09:00:00+01:00 | jq '.objectives[].status'
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Evaluate at this instant instead of now (ISO 8601, or a date).", valueName: "iso8601"))
    var at: String?

    @Option(help: ArgumentHelp("Only this team's objectives.", valueName: "id"))
    var team: String?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func run() async throws {
        let config = try options.load(secrets: .unused)
        let org = config.organization
        let instant = try at.map { try InstantArgument.parse($0, timeZone: org.period.timeZone) } ?? Date()
        if let team { _ = try config.team(named: team) }
        let store = try await database.open(config, creating: false)
        let snapshot = try await Snapshot.load(org, store: store, at: instant)
        try await store.close()
        let report = StatusReport(snapshot: snapshot, team: team)
        switch format {
        case .json: Terminal.print(report.json() + "\n")
        case .table: Terminal.print(report.table(colour: Terminal.stdoutIsColourTerminal, width: Terminal.width))
        }
    }
}
