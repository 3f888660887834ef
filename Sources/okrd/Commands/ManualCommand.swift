import ArgumentParser
import Foundation

/// `okrd manual`: the man page, okrd(1), made from the same help every command prints, so the two
/// never disagree. `deploy/install.sh` installs it with the shell completions.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Prints okrd's man page (roff) on standard output.",
        discussion: """
            Examples:
              okrd manual | man -l -
              okrd manual > /usr/local/share/man/man1/okrd.1
            """
    )

    func run() throws {
        Terminal.print(Self.page())
    }

    static func page() -> String {
        let root = OKRCommand.configuration
        var roff = ".TH OKRD 1 \"\(OKRCommand.version)\" \"okrd\" \"User Commands\"\n"
        roff += ".SH NAME\nokrd \\- \(escape(root.abstract))\n"
        roff += ".SH SYNOPSIS\n.B okrd\n.I command\n[\n.I options\n]\n"
        roff += ".SH DESCRIPTION\n\(escape(root.discussion.components(separatedBy: "\n\n").first ?? ""))\n"
        roff += ".SH COMMANDS\n"
        for command in root.subcommands where command != ManualCommand.self {
            let name = command._commandName
            roff += ".SS okrd \(escape(name))\n.nf\n"
            roff += escape(OKRCommand.helpMessage(for: command, columns: 78)) + "\n.fi\n"
            for sub in command.configuration.subcommands {
                roff += ".SS okrd \(escape(name)) \(escape(sub._commandName))\n.nf\n"
                roff += escape(OKRCommand.helpMessage(for: sub, columns: 78)) + "\n.fi\n"
            }
        }
        roff += ".SH EXIT STATUS\n0 success, 64 usage error, 65 a reply that could not be read, 69 the database or a destination is unavailable, 78 a configuration error.\n"
        roff += ".SH FILES\n.TP\n/etc/okrd/okrd.yaml\nthe configuration\n.TP\n/var/lib/okrd/okrd.sqlite\nthe service's database\n"
        roff += ".SH SEE ALSO\n/usr/local/share/doc/okrd/README.md\n"
        return roff
    }

    /// Text as roff reads it: backslashes doubled, a line starting with . or ' kept as text.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e").split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
        }.joined(separator: "\n")
    }
}
