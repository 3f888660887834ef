import GRDB
import GRDBSQLite

/// Binds and steps a cached GRDB statement through SQLite's C API. For the dispatcher's hot path
/// only: GRDB's argument arrays hold an existential per value, and binding them cost as much as
/// running the statement.
struct RawStatement {
    private let handle: SQLiteStatement
    private var next: Int32 = 1

    /// Resets `statement` and clears its bindings, ready to bind from the first parameter (or, with
    /// `clearing` false, to step a statement whose arguments GRDB has set).
    init(_ statement: Statement, clearing: Bool = true) {
        handle = statement.sqliteStatement
        if clearing {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
    }

    mutating func bind(_ value: Int64) {
        sqlite3_bind_int64(handle, next, value)
        next += 1
    }

    mutating func bind(_ value: Int?) {
        if let value { sqlite3_bind_int64(handle, next, Int64(value)) } else { sqlite3_bind_null(handle, next) }
        next += 1
    }

    mutating func bind(_ value: Double) {
        sqlite3_bind_double(handle, next, value)
        next += 1
    }

    mutating func bind(_ value: String?) {
        if let value {
            let count = Int32(value.utf8.count)
            _ = value.withCString { sqlite3_bind_text(handle, next, $0, count, rawTransient) }
        } else {
            sqlite3_bind_null(handle, next)
        }
        next += 1
    }

    /// Runs a statement that returns no rows.
    func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Steps to the next row; false when there is none.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            sqlite3_reset(handle)
            throw error(code)
        }
    }

    func reset() { sqlite3_reset(handle) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func int(_ column: Int32) -> Int? { isNull(column) ? nil : Int(sqlite3_column_int64(handle, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func bytes(_ column: Int32) -> [UInt8]? {
        if isNull(column) { return nil }
        // The pointer first, then the size (SQLite's documented order).
        let blob = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let blob else { return [] }
        return Array(UnsafeRawBufferPointer(start: blob, count: count))
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: String(cString: sqlite3_sql(handle)))
    }
}

/// SQLite copies the bound text (the Swift string's buffer does not outlive the call).
private let rawTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
