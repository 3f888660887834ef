import ArgumentParser
import CurlHTTP
import OKRDaemon

@main
struct OKRCommand: AsyncParsableCommand {
    static let version = Build.version

    static let configuration = CommandConfiguration(
        commandName: "okrd",
        abstract: "Runs OKR check-ins in team chat: weekly prompts, parsed replies, escalation of key results that fall behind.",
        discussion: """
            okrd reads its configuration (people, teams, objectives, key results, destinations) from a YAML \
            file, keeps check-ins in SQLite (one box) or PostgreSQL (replicas), and talks to Slack, Microsoft Teams, Discord, \
            Mattermost, Google Chat, Matrix or a generic webhook.

            Examples:
              okrd validate --config config/okrd.example.yaml
              okrd status --config config/okrd.example.yaml --format json
            """,
        version: "okrd \(version) (\(CurlClient.libcurlVersion))",
        subcommands: [RunCommand.self, DemoCommand.self, ValidateCommand.self, LintCommand.self, StatusCommand.self, GradeCommand.self, ExportCommand.self, RadarCommand.self, CheckinCommand.self, PromptCommand.self, DigestCommand.self, SendTestCommand.self, OutboxCommand.self, BackupCommand.self, MigrateCommand.self, ManualCommand.self]
    )

    /// ArgumentParser's entry point, after tuning the allocator for a long-running daemon.
    static func main() async {
        AllocatorTuning.apply()
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
