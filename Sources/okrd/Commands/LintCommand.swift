import ArgumentParser
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Checks how the OKRs are written: too many objectives, vague or activity key results, volume-only objectives, unrealistic or sandbagged targets.",
        discussion: """
            Every finding names its rule (OKR001...OKR011), the file, line and column, and how to fix it. \
            A rule that does not apply to an objective can be silenced there with a reason:
              silence: {OKR006: "demos are the outcome we need this quarter"}
            With a database (--db, or the configured storage when it exists) the rules also use the \
            values okrd has recorded: targets already reached at the start, KPI targets beyond anything seen.

            Exit status: 0, or 1 with --strict when there are findings; 78 when the configuration is invalid.

            Examples:
              okrd lint --config okrd.yaml
              okrd lint --config okrd.yaml --format sarif > okrd.sarif
              okrd lint --strict --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "text (like a compiler), json, or sarif (SARIF 2.1.0 for code scanning).")
    var format: Format = .text

    @ArgumentParser.Flag(help: "Exit 1 when there is any finding.")
    var strict = false

    func run() async throws {
        let config = try options.load(secrets: .unused)
        var history = LintHistory()
        if database.db != nil || config.storage.existingSQLitePath != nil {
            let store = try await database.open(config, creating: false)
            history = try await LintReport.history(from: store)
            try await store.close()
        }
        let findings = Linter().lint(config.organization, history: history)
        switch format {
        case .text:
            if !findings.isEmpty { Terminal.print(LintReport.text(findings) + "\n") }
            Terminal.print("\(options.config): \(findings.count) lint finding\(findings.count == 1 ? "" : "s")\n")
        case .json:
            Terminal.print(LintReport.json(findings) + "\n")
        case .sarif:
            Terminal.print(LintReport.sarif(findings, version: OKRCommand.version) + "\n")
        }
        if strict && !findings.isEmpty { throw ExitCode(1) }
    }
}
