import ArgumentParser
import Foundation
import OKRDaemon
import OKRModel
import OKRStore

struct RadarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radar",
        abstract: "Draws a team's radar chart: one axis per objective, expected progress as an outline, actual progress filled, points coloured by status.",
        discussion: """
            The format follows the file name: .svg (drawn by okrd) or .png (drawn with cairo).

            Examples:
              okrd radar --team sales-emea --out sales-emea.svg
              okrd radar --team sales-americas --out radar.png --at 2026-11-30
            """
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The team's id.", valueName: "id"))
    var team: String

    @Option(help: ArgumentHelp("Where to write the chart: FILE.svg or FILE.png.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("As of this instant (ISO 8601 or a date) instead of now.", valueName: "iso8601"))
    var at: String?

    func validate() throws {
        guard out.lowercased().hasSuffix(".svg") || out.lowercased().hasSuffix(".png") else {
            throw ValidationError("--out \(out): the file name must end in .svg or .png")
        }
    }

    func run() async throws {
        let view = try await TeamView.load(options, database, team: team, at: at, creating: false, secrets: .unused)
        let (target, store, snapshot) = (view.team, view.store, view.snapshot)
        try await store.close()
        let chart = RadarChart(team: target, snapshot: snapshot)
        let bytes = out.lowercased().hasSuffix(".png") ? try chart.png() : Array(chart.svg().utf8)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: out))
        } catch {
            Terminal.error("error: cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(73)
        }
        Terminal.error("\(out): radar chart of \(target.name), \(chart.axes.count) objectives, \(bytes.count) bytes")
    }
}
