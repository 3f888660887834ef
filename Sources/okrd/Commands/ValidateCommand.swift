import ArgumentParser
import OKRDaemon
import OKRModel
import OKRWorkflows

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks the configuration and reports every problem with file, line and column.",
        discussion: """
            Exits 0 when the configuration is valid (warnings and lint findings are printed but allowed) \
            and 78 (EX_CONFIG) when it is not.

            Examples:
              okrd validate --config /etc/okrd/okrd.yaml
              okrd validate --config config/okrd.example.yaml
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        do {
            let config = try ConfigLoader(secrets: .credentialsLater).load(path: options.config)
            for warning in config.warnings { Terminal.print(warning.description + "\n") }
            let org = config.organization
            let findings = Linter().lint(org)
            if !findings.isEmpty { Terminal.print(LintReport.text(findings) + "\n") }
            let keyResults = org.allKeyResults.count
            Terminal.print("\(options.config): valid · period \(org.period.id) · \(org.people.count) people · \(org.teams.count) teams · \(org.objectives.count) objectives · \(keyResults) key results · \(org.kpis.count) KPIs · \(config.destinations.count) destinations" + (config.warnings.isEmpty ? "" : " · \(config.warnings.count) warning\(config.warnings.count == 1 ? "" : "s")")
                + (findings.isEmpty ? "" : " · \(findings.count) lint finding\(findings.count == 1 ? "" : "s") (okrd lint)") + "\n")
        } catch {
            Terminal.print(error.description + "\n")
            throw ExitCode(Terminal.exitConfig)
        }
    }
}
