import Foundation
import GRDB
import PostgresNIO

extension PostgresStore {
    /// The tables `okrd migrate` copies, parents before the rows that refer to them.
    static let copiedTables = ["replies", "checkins", "kpi_checkins", "blockers", "action_items", "away", "outbox", "outbox_bodies",
                               "schedule_firings", "escalations", "destination_state", "open_questions", "meta"]

    /// Copies every row of an SQLite store into this database in one transaction, ids included,
    /// and checks the counts before committing. Refuses a database that holds any row already.
    /// Returns how many rows each table got.
    public func importRows(from source: SQLiteStore) async throws -> [(table: String, rows: Int)] {
        var copied: [(table: String, rows: Int)] = []
        try await write { connection in
            for table in Self.copiedTables {
                let count = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table)"), self.logger).first?.value("n", Int.self) ?? 0
                if count > 0 {
                    throw StoreError(.query, "the PostgreSQL database \(self.label) is not empty (\(table) has \(count) rows); okrd migrate copies into an empty database only")
                }
            }
            for table in Self.copiedTables {
                let columns = try await connection.rows(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position",
                    self.logger).map { (name: try $0.value("column_name", String.self), type: try $0.value("data_type", String.self)) }
                let rows = try await source.rows(of: table, columns: columns.map(\.name))
                let perStatement = max(1, 30_000 / max(1, columns.count))
                var start = 0
                while start < rows.count {
                    let chunk = rows[start..<min(rows.count, start + perStatement)]
                    var binds = PostgresBindings(capacity: chunk.count * columns.count)
                    var tuples: [String] = []
                    for row in chunk {
                        var placeholders: [String] = []
                        for (value, column) in zip(row, columns) {
                            try Self.bind(value, as: column.type, column: "\(table).\(column.name)", into: &binds)
                            placeholders.append("$\(binds.count)")
                        }
                        tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                    }
                    let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                    try await connection.run(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(names)) VALUES " + tuples.joined(separator: ", "), binds: binds), self.logger)
                    start += chunk.count
                }
                let stored = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table)"), self.logger).first?.value("n", Int.self) ?? 0
                guard stored == rows.count else {
                    throw StoreError(.query, "copying \(table): \(rows.count) rows read, \(stored) stored; nothing was committed")
                }
                if columns.contains(where: { $0.name == "id" }) {
                    // New rows continue after the copied ids.
                    try await connection.run(PostgresQuery(unsafeSQL: "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM \(table)"), self.logger)
                }
                copied.append((table, rows.count))
            }
        }
        return copied
    }

    /// Binds one SQLite value as the PostgreSQL column's type.
    private static func bind(_ value: DatabaseValue, as type: String, column: String, into binds: inout PostgresBindings) throws {
        switch (value.storage, type) {
        case (.null, _):
            binds.appendNull()
        case (.int64(let n), "bigint"): binds.append(n)
        case (.double(let d), "bigint") where d.rounded() == d: binds.append(Int64(d))
        case (.int64(let n), "double precision"): binds.append(Double(n))
        case (.double(let d), "double precision"): binds.append(d)
        case (.string(let s), "text"): binds.append(s)
        case (.int64(let n), "text"): binds.append(String(n))
        case (.double(let d), "text"): binds.append(String(d))
        case (.blob(let data), "bytea"): try binds.append(data)
        case (.string(let s), "bytea"): try binds.append(Data(s.utf8))
        case (.blob(let data), "text"):
            guard let s = String(data: data, encoding: .utf8) else { fallthrough }
            binds.append(s)
        default:
            throw StoreError(.query, "cannot copy \(column): SQLite holds \(value) where PostgreSQL expects \(type)")
        }
    }
}
