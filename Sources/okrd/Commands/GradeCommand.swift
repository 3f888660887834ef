import ArgumentParser
import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grades the period: each key result 0.0-1.0, each objective the weighted mean, with the retrospective per team.",
        discussion: """
            As of the end of the period (or now, while it runs; or --at). The retrospective lists \
            grades, sandbagged and unrealistic targets, key results that never moved and action items \
            still open, and asks each owner for a one-line reflection (`KEY - what we learned`, \
            recorded like a check-in comment). okrd run posts it by itself on the period's last day, at the team's digest time.

            Examples:
              okrd grade --config okrd.yaml
              okrd grade --team sales-emea --format json
              okrd grade --team sales-emea --send
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this team.", valueName: "id"))
    var team: String?

    @Option(help: ArgumentHelp("The period's id; must be the configured period.", valueName: "id"))
    var period: String?

    @Option(help: ArgumentHelp("As of this instant (ISO 8601 or a date) instead of the period's end.", valueName: "iso8601"))
    var at: String?

    @Option(help: "text (the retrospective as it would be posted) or json.")
    var format: Format = .text

    @ArgumentParser.Flag(help: "Queue each team's retrospective for its destination (once per period) and deliver it now.")
    var send = false

    func run() async throws {
        let config = try options.load(secrets: send ? .resolveAll : .unused)
        let organization = config.organization
        try config.checkPeriod(period)
        let teams = try team.map { [try config.team(named: $0)] } ?? organization.teams
        let instant = try at.map { try InstantArgument.parse($0, timeZone: organization.period.timeZone) }
            ?? min(Date(), organization.period.end.addingTimeInterval(-1))
        let store = try await database.open(config, creating: send)
        let snapshot = try await Snapshot.load(organization, store: store, at: instant)
        let builder = RetrospectiveBuilder(snapshot: snapshot)
        // Before the period ends the grades are provisional (the end-of-period retrospective is final).
        let final = instant >= organization.period.end.addingTimeInterval(-1)

        if format == .json {
            let objectives = teams.flatMap { builder.grades(team: $0.id) }
            let json = JSONValue.object([
                ("period", .string(organization.period.id)), ("asOf", .string(ISO8601DateFormatter().string(from: instant))), ("final", .bool(final)),
                ("objectives", .array(objectives.map { objective in
                    .object([
                        ("key", .string(objective.key)), ("title", .string(objective.title)), ("team", .string(objective.team)),
                        ("grade", .number(objective.grade)), ("band", .string(objective.band.rawValue)),
                        ("keyResults", .array(objective.keyResults.map { kr in
                            .object([
                                ("key", .string(kr.key)), ("title", .string(kr.title)), ("owner", kr.owner.map { .string($0) } ?? .null),
                                ("grade", .number(kr.grade)), ("band", .string(kr.band.rawValue)), ("sandbagged", .bool(kr.sandbagged)),
                                ("unrealistic", .bool(kr.unrealistic)), ("neverMoved", .bool(kr.neverMoved)),
                            ])
                        })),
                    ])
                })),
            ])
            Terminal.print(json.pretty() + "\n")
        } else if !send {
            let directory = Directory(people: organization.people)
            for team in teams {
                for part in Renderers.render(builder.retrospective(for: team), for: .console, directory: directory) { Terminal.print(part.text) }
            }
        }
        guard send else {
            try await store.close()
            return
        }
        let stack = DeliveryStack(config: config, store: store, clock: SystemClock())
        var changes: [StoreChange] = []
        for team in teams {
            changes += try stack.writer.enqueue(builder.retrospective(for: team), to: team.destination,
                                                key: "retrospective:\(team.id):\(organization.period.id)" + (final ? "" : ":so-far:\(Int(instant.timeIntervalSince1970))"), at: Date())
        }
        let result = try await store.apply(changes)
        if result.enqueuedIDs.isEmpty { Terminal.error("the retrospective was already sent for \(organization.period.id)") }
        try await stack.deliverAndReport(config, store: store, database: database, ids: result.enqueuedIDs, label: "retrospective")
    }
}
