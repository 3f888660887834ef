public import Foundation
public import OKRWorkflows

extension StorageSettings {
    /// The service's database under the shipped unit (`StateDirectory=okrd`).
    public static let servicePath = "/var/lib/okrd/okrd.sqlite"

    /// The embedded default, the same for the service and the command line beside it:
    /// `$STATE_DIRECTORY/okrd.sqlite` under systemd, else the service's database when it exists,
    /// else a file in the user's state directory (`$XDG_STATE_HOME/okrd` or `~/.local/state/okrd`).
    public static func defaultSQLite(environment: [String: String] = ProcessInfo.processInfo.environment) -> StorageSettings {
        if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first {
            return .sqlite(path: "\(state)/okrd.sqlite")
        }
        if FileManager.default.fileExists(atPath: servicePath) { return .sqlite(path: servicePath) }
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
            return .sqlite(path: "\(xdg)/okrd/okrd.sqlite")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return .sqlite(path: "\(home)/.local/state/okrd/okrd.sqlite")
    }

    /// The SQLite file, when storage is SQLite and the file exists (read-only commands use it
    /// only then, rather than creating an empty database).
    public var existingSQLitePath: String? {
        guard case .sqlite(let path) = self, FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }
}
