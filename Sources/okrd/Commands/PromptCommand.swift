import ArgumentParser
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

struct PromptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt",
        abstract: "Queues this week's check-in prompt for a team and delivers it.",
        discussion: """
            The prompt mentions each member who is not away, with their key results, what is expected by now, \
            their open action items and an example reply. It is queued once per team and week: running the command \
            again does not post it twice. Quiet hours and weekends hold it back unless --now is given.

            Examples:
              okrd prompt --team sales-emea
              okrd prompt --team sales-americas --now
            """
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The team's id.", valueName: "id"))
    var team: String

    @ArgumentParser.Flag(help: "Deliver now, even in quiet hours or on a weekend.")
    var now = false

    @Option(help: ArgumentHelp("Show progress as of this instant (ISO 8601 or a date) instead of now.", valueName: "iso8601"))
    var at: String?

    func run() async throws {
        let view = try await TeamView.load(options, database, team: team, at: at)
        let (config, target, instant, store, snapshot) = (view.config, view.team, view.instant, view.store, view.snapshot)
        let stack = DeliveryStack(config: config, store: store, clock: SystemClock())
        // The same page links and buttons (Check in, Done) as the scheduled prompt.
        let links = try await CheckinLinks.load(config: config, store: store)
        let planner = FiringPlanner(config: config, writer: stack.writer, links: links)
        guard let built = planner.promptBuilder(snapshot, team: target, at: Date(), onlyAtWork: false).prompt(for: target) else {
            try await store.close()
            Terminal.print("nobody in \(target.name) has key results to check in (or everyone is away)\n")
            return
        }
        let message = planner.withCheckInButton(built, team: target, at: Date())
        let week = MessageText.week(instant, in: target.timeZone)
        let queuedAt = Date()
        let notBefore = now ? queuedAt : Quiet(config: config).release(queuedAt, team: target)
        let changes = try stack.writer.enqueue(message, to: target.destination, key: "prompt:\(target.id):\(week)", at: queuedAt, notBefore: notBefore)
        let result = try await store.apply(changes)
        if result.enqueuedIDs.isEmpty {
            Terminal.print("the \(week) prompt for \(target.name) was already queued; not posting it twice\n")
        } else if notBefore > queuedAt {
            Terminal.print("queued the \(week) prompt for \(target.name); it is held until \(notBefore) (quiet hours or weekend); the running daemon delivers it, or use --now\n")
        }
        // Report the week's prompt (all its parts) also when an earlier run queued it.
        let queued = try await store.outbox(OutboxFilter(states: [.sent, .pending, .dead], destination: target.destination, limit: 200))
            .filter { $0.idempotencyKey.hasPrefix("prompt:\(target.id):\(week)") }
        try await stack.deliverAndReport(config, store: store, database: database, ids: queued.reversed().map(\.id), label: "prompt")
    }
}
