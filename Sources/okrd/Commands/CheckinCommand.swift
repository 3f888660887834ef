import ArgumentParser
import CheckinParser
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

struct CheckinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin",
        abstract: "Records a check-in written the way people write it in chat, and prints the confirmation.",
        discussion: """
            TEXT (or standard input) is parsed in PERSON's context: their key results are numbered as in their \
            prompt (#1, #2, ...), and they may update their own key results and their teams'. Check-ins, KPI \
            values, blockers and action items are stored in one transaction; lines that were not understood are \
            listed with what to write instead; what okrd is not sure of is asked back (answer `yes` to record its proposal) and not stored. Exits 65 when some lines were not understood or asked back.

            Examples:
              okrd checkin --as maria "reseller-partners 3 conf 6 - two partners signed, third slipping"
              okrd checkin --as li --at 2026-11-23T10:00 "#2 \\$120k 🟡"
              printf 'churn 9.5\\nblocker: finance freeze\\naction: @dana escalate by Friday\\n' | okrd checkin --as li
              okrd checkin --as maria --dry-run --format json "territories done"
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("The person writing, by id.", valueName: "person"))
    var person: String

    @Option(help: ArgumentHelp("When it was written (ISO 8601, local time or a date); default now.", valueName: "iso8601"))
    var at: String?

    @ArgumentParser.Flag(help: "Parse and show what would be recorded, without storing anything.")
    var dryRun = false

    @Option(help: "Output: text (the chat confirmation) or json.")
    var format: Format = .text

    @Argument(help: "The reply; read from standard input when left out.")
    var text: [String] = []

    func run() async throws {
        let config = try options.load(secrets: .unused)
        let org = config.organization
        guard let author = org.person(person) else {
            throw ValidationError("no person \"\(person)\" in \(config.path); people: \(org.people.map(\.id).joined(separator: ", "))")
        }
        let instant = try at.map { try InstantArgument.parse($0, timeZone: author.timeZone) } ?? Date()
        var reply = text.joined(separator: " ")
        if text.isEmpty {
            reply = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let store = try await database.open(config)
        let outcome = try await ReplyIntake(organization: org, store: store)
            .process(ReplyInput(author: author.id, text: reply, at: instant, platform: "cli", dryRun: dryRun))
        try await store.close()
        switch format {
        case .json: Terminal.print(outcome.json() + "\n")
        case .text: Terminal.print(outcome.confirmation(organization: org).joined(separator: "\n") + "\n")
        }
        // A line not understood, or asked back instead of recorded, is not in the store.
        if !outcome.parse.errors.isEmpty || !outcome.parse.clarifications.isEmpty { throw ExitCode(Terminal.exitData) }
    }
}
