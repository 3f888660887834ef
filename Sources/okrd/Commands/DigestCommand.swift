import ArgumentParser
import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Prints a team's weekly digest now, or sends it to the team's destination.",
        discussion: """
            The digest shows every objective and key result with progress against the pace, status counts, who \
            has not checked in this week, stalled key results, new and overdue action items and open blockers. \
            Without --send it is printed here and nothing is queued.

            Examples:
              okrd digest --team sales-emea
              okrd digest --team sales-americas --at 2026-11-20 --send
            """
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The team's id.", valueName: "id"))
    var team: String

    @Option(help: ArgumentHelp("As of this instant (ISO 8601 or a date) instead of now.", valueName: "iso8601"))
    var at: String?

    @ArgumentParser.Flag(help: "Queue it for the team's destination and deliver it now.")
    var send = false

    func run() async throws {
        let view = try await TeamView.load(options, database, team: team, at: at, creating: send, secrets: send ? .resolveAll : .unused)
        let (config, target, store, snapshot) = (view.config, view.team, view.store, view.snapshot)
        let message = DigestBuilder(snapshot: snapshot).digest(for: target)
        guard send else {
            try await store.close()
            let directory = Directory(people: config.organization.people)
            for part in Renderers.render(message, for: .console, directory: directory) {
                Terminal.print(part.text)
            }
            return
        }
        let stack = DeliveryStack(config: config, store: store, clock: SystemClock())
        let queuedAt = Date()
        let key = "digest:\(target.id):manual:\(Int(queuedAt.timeIntervalSince1970))"
        // The scheduled digest's message, chart included.
        let links = try await CheckinLinks.load(config: config, store: store)
        let planner = FiringPlanner(config: config, writer: stack.writer, links: links, chart: Scheduler.drawChart)
        let sent = planner.digest(for: target, snapshot: snapshot, now: queuedAt)
        let result = try await store.apply(try stack.writer.enqueue(sent, to: target.destination, key: key, at: queuedAt))
        try await stack.deliverAndReport(config, store: store, database: database, ids: result.enqueuedIDs, label: "digest")
    }
}
