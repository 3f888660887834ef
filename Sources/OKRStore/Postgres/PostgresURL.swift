import Foundation
import PostgresNIO

/// A `postgres://` URL read into a client configuration, and a label that names the database
/// without its password (for errors and logs).
struct PostgresURL: Sendable {
    var configuration: PostgresClient.Configuration
    /// The same, for a connection outside the pool.
    var connection: PostgresConnection.Configuration
    /// `user@host:port/database`: never the password.
    var label: String

    /// Reads `postgres://user:password@host:port/database?sslmode=...` (also `postgresql://`).
    /// `sslmode`: `disable`, `prefer` (the default), `require` (encrypted, certificate not checked,
    /// as libpq does), `verify-ca` and `verify-full` (certificate checked against the system's roots).
    /// A `host` query item naming a directory connects over a Unix socket.
    init(_ string: String) throws {
        guard let components = URLComponents(string: string), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw StoreError(.cannotOpen, "storage.postgres is not a postgres:// URL (write postgres://USER:PASSWORD@HOST:5432/DATABASE)")
        }
        let user = components.user?.removingPercentEncoding ?? components.user ?? "postgres"
        let password = components.password.map { $0.removingPercentEncoding ?? $0 }
        var database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = database.removingPercentEncoding ?? database
        let items = Dictionary((components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { $1 })
        let known: Set<String> = ["sslmode", "host", "connect_timeout", "application_name"]
        if let unknown = items.keys.first(where: { !known.contains($0) }) {
            throw StoreError(.cannotOpen, "storage.postgres: the URL's parameter '\(unknown)' is not supported (supported: \(known.sorted().joined(separator: ", ")))")
        }
        let tls: PostgresClient.Configuration.TLS
        let connectionTLS: PostgresConnection.Configuration.TLS
        switch items["sslmode"]?.lowercased() ?? "prefer" {
        case "disable":
            (tls, connectionTLS) = (.disable, .disable)
        case "prefer", "allow":
            (tls, connectionTLS) = (.prefer(Self.unverified), .prefer(try NIOSSLContext(configuration: Self.unverified)))
        case "require":
            (tls, connectionTLS) = (.require(Self.unverified), .require(try NIOSSLContext(configuration: Self.unverified)))
        case "verify-ca", "verify-full":
            (tls, connectionTLS) = (.require(.makeClientConfiguration()), .require(try NIOSSLContext(configuration: .makeClientConfiguration())))
        case let other:
            throw StoreError(.cannotOpen, "storage.postgres: sslmode=\(other) is not one of disable, prefer, require, verify-ca, verify-full")
        }
        if let socket = items["host"], socket.hasPrefix("/") {
            let path = socket + "/.s.PGSQL.\(components.port ?? 5432)"
            configuration = PostgresClient.Configuration(unixSocketPath: path, username: user, password: password, database: database.isEmpty ? nil : database)
            connection = PostgresConnection.Configuration(unixSocketPath: path, username: user, password: password, database: database.isEmpty ? nil : database)
            label = "\(user)@\(socket)/\(database)"
        } else {
            guard let host = components.host, !host.isEmpty else {
                throw StoreError(.cannotOpen, "storage.postgres: the URL names no host (write postgres://USER:PASSWORD@HOST:5432/DATABASE)")
            }
            let port = components.port ?? 5432
            configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database.isEmpty ? nil : database, tls: tls)
            connection = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                          database: database.isEmpty ? nil : database, tls: connectionTLS)
            label = "\(user)@\(host):\(port)/\(database)"
        }
        if let timeout = items["connect_timeout"], let seconds = Int(timeout), seconds > 0 {
            configuration.options.connectTimeout = .seconds(seconds)
            connection.options.connectTimeout = .seconds(Int64(seconds))
        }
        configuration.options.additionalStartupParameters = [("application_name", items["application_name"] ?? "okrd")]
        connection.options.additionalStartupParameters = configuration.options.additionalStartupParameters
        configuration.options.maximumConnections = 16
    }

    /// TLS without checking the certificate: `sslmode=require` encrypts, as libpq's does.
    private static var unverified: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        return tls
    }
}
