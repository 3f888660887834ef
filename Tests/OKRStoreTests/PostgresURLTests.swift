import Foundation
@testable import OKRStore
import OKRTestSupport
import Testing

/// `storage.postgres` URLs: what they connect to, and that the password never shows.
@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test("The label names user, host, port and database, never the password")
    func label() throws {
        let url = try PostgresURL("postgres://okrd:s%40cr%2Ft@db.example.org:6432/okrd_prod?sslmode=require")
        #expect(url.label == "okrd@db.example.org:6432/okrd_prod")
        #expect(!url.label.contains("s@cr"))
        let socket = try PostgresURL("postgresql://okrd@/okrd?host=/run/postgresql")
        #expect(socket.label == "okrd@/run/postgresql/okrd")
    }

    @Test("Bad URLs are refused with a reason and without the password", arguments: [
        ("mysql://u:hunter2@h/db", "not a postgres:// URL"),
        ("postgres://u:hunter2@h/db?sslmode=sometimes", "sslmode=sometimes"),
        ("postgres://u:hunter2@h/db?pool=3", "'pool' is not supported"),
        ("postgres://u:hunter2@/db", "names no host"),
    ])
    func refused(url: String, reason: String) {
        do {
            _ = try PostgresURL(url)
            Issue.record("\(url) was accepted")
        } catch let error as StoreError {
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(!error.message.contains("hunter2"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("A wrong password or an unreachable server is a clear error that names the database, not the password",
          .enabled(if: PostgresServer.isAvailable))
    func unreachable() async throws {
        let server = try await PostgresServer.start()
        do {
            _ = try await PostgresStore(url: "postgres://okrd:wrong-pw-9f2@127.0.0.1:\(server.port)/postgres?sslmode=disable", connectTimeout: .seconds(2))
            Issue.record("a wrong password was accepted")
        } catch let error as StoreError {
            #expect(error.kind == .cannotOpen)
            #expect(error.message.contains("okrd@127.0.0.1:\(server.port)/postgres"), "\(error.message)")
            #expect(error.message.contains("password authentication failed"), "\(error.message)")
            #expect(!error.message.contains("wrong-pw-9f2"))
        }
        do {
            _ = try await PostgresStore(url: "postgres://okrd:pw-7c3@127.0.0.1:1/okrd?sslmode=disable", connectTimeout: .seconds(1))
            Issue.record("a closed port was reached")
        } catch let error as StoreError {
            #expect(error.message.hasPrefix("cannot reach the PostgreSQL database okrd@127.0.0.1:1/okrd"), "\(error.message)")
            #expect(!error.message.contains("pw-7c3"))
        }
    }
}
