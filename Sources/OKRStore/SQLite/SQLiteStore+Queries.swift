public import Foundation
import GRDB
public import OKRModel

extension SQLiteStore {
    // MARK: Check-ins and replies

    public func checkIns(keyResults: [String]?, through: Date?) async throws -> [StoredCheckIn] {
        try await read { db in
            var sql = "SELECT \(Self.checkInColumns) FROM checkins WHERE 1 = 1"
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let keyResults {
                guard !keyResults.isEmpty else { return [] }
                // One parameter however many keys (an organisation may have tens of thousands).
                sql += " AND kr IN (SELECT value FROM json_each(?))"
                arguments.append(Self.jsonArray(keyResults))
            }
            if let through {
                sql += " AND at <= ?"
                arguments.append(through.timeIntervalSince1970)
            }
            sql += " ORDER BY at, id"
            // A cursor reuses one row: no array of 200,000 intermediate rows.
            var result: [StoredCheckIn] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try rows.next() { result.append(Self.checkIn(from: row)) }
            return result
        }
    }

    public func checkInDigest(_ requests: [HistoryRequest], weeks: WeekCalendar, through: Date) async throws -> [StoredCheckIn] {
        try await read { db in
            let columns = Self.checkInColumns
            let newest = try db.cachedStatement(sql: "SELECT \(columns) FROM checkins WHERE kr = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")
            let valued = try db.cachedStatement(sql: "SELECT \(columns) FROM checkins WHERE kr = ? AND at <= ? AND at >= ? AND value IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1")
            let confident = try db.cachedStatement(sql: "SELECT \(columns) FROM checkins WHERE kr = ? AND at <= ? AND at >= ? AND confidence IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1")
            let reaching = try db.cachedStatement(sql: "SELECT \(columns) FROM checkins INDEXED BY checkins_kr_value WHERE kr = ? AND value >= ? AND at <= ? ORDER BY at, id LIMIT ?")
            let falling = try db.cachedStatement(sql: "SELECT \(columns) FROM checkins INDEXED BY checkins_kr_value WHERE kr = ? AND value <= ? AND at <= ? ORDER BY at, id LIMIT ?")
            var walk = CheckInDigestWalk(requests, weeks: weeks, through: through)
            while let next = walk.next() {
                let statement: Statement
                let arguments: StatementArguments
                switch next {
                case .newest(let kr, let upTo, let offset, let limit):
                    (statement, arguments) = (newest, [kr, upTo, limit, offset])
                case .newestValue(let kr, let upTo, let from):
                    (statement, arguments) = (valued, [kr, upTo, from])
                case .newestConfidence(let kr, let upTo, let from):
                    (statement, arguments) = (confident, [kr, upTo, from])
                case .reaching(let kr, .atLeast(let bound), let upTo, let limit):
                    (statement, arguments) = (reaching, [kr, bound, upTo, limit])
                case .reaching(let kr, .atMost(let bound), let upTo, let limit):
                    (statement, arguments) = (falling, [kr, bound, upTo, limit])
                }
                walk.take(try Row.fetchAll(statement, arguments: arguments).map(Self.checkIn(from:)))
            }
            return walk.result
        }
    }

    /// What `checkIn(from:)` reads, in this order (positional reads: 200,000 rows in a snapshot).
    static let checkInColumns = "id, kr, author, at, value, confidence, reported, comment, source, reply_id, line"

    static func checkIn(from row: Row) -> StoredCheckIn {
        StoredCheckIn(
            id: row[0],
            checkIn: CheckIn(
                keyResult: row[1],
                author: row[2],
                at: Date(timeIntervalSince1970: row[3]),
                value: row[4],
                confidence: row[5],
                reported: (row[6] as String?).flatMap(ReportedStatus.init(rawValue:)),
                comment: row[7]
            ),
            source: row[8],
            replyID: row[9],
            line: row[10]
        )
    }

    public func kpiCheckIns(through: Date?) async throws -> [KPICheckIn] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM kpi_checkins WHERE at <= ? ORDER BY at, id", arguments: [(through ?? .distantFuture).timeIntervalSince1970])
            return rows.map { row in
                KPICheckIn(kpi: row["kpi"], author: row["author"], at: Date(timeIntervalSince1970: row["at"]), value: row["value"], comment: row["comment"])
            }
        }
    }

    static func latestValues(keyResults: [String], kpis: [String], through: Date, _ db: Database) throws -> LatestValues {
        do {
            var latest = LatestValues()
            let at = through.timeIntervalSince1970
            // Each a seek on (kr, at) / (kpi, at) read backwards from `through`.
            let checkIn = try db.cachedStatement(sql: "SELECT value FROM checkins WHERE kr = ? AND at <= ? AND value IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1")
            for key in Set(keyResults) {
                if let value = try Double.fetchOne(checkIn, arguments: [key, at]) { latest.keyResults[key] = value }
            }
            let kpi = try db.cachedStatement(sql: "SELECT value FROM kpi_checkins WHERE kpi = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1")
            for key in Set(kpis) {
                if let value = try Double.fetchOne(kpi, arguments: [key, at]) { latest.kpis[key] = value }
            }
            return latest
        }
    }

    public func reply(deliveryID: String) async throws -> Reply? {
        try await read { db in try Self.reply(deliveryID: deliveryID, db) }
    }

    static func reply(deliveryID: String, _ db: Database) throws -> Reply? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM replies WHERE delivery_id = ?"), arguments: [deliveryID]).map(Self.reply(from:))
    }

    static func lastReply(author: String, _ db: Database) throws -> Reply? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM replies WHERE author = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1"), arguments: [author])
            .map(Self.reply(from:))
    }

    public func replyState(_ request: ReplyStateRequest) async throws -> ReplyState {
        try await read { db in
            ReplyState(
                seen: try request.deliveryID.flatMap { try Self.reply(deliveryID: $0, db) },
                latest: try Self.latestValues(keyResults: request.keyResults, kpis: request.kpis, through: request.at, db),
                openActions: try Self.actionItems(openOnly: true, db),
                openBlockers: try Self.openBlockers(db),
                question: request.readsQuestion ? try Self.openQuestion(person: request.person, at: request.at, db) : nil,
                escalation: try Self.escalationStates(db),
                away: try Self.away(person: nil, db),
                lastReply: try Self.lastReply(author: request.person, db))
        }
    }

    static func reply(from row: Row) -> Reply {
        Reply(
            id: row["id"], deliveryID: row["delivery_id"], author: row["author"], platform: row["platform"],
            receivedAt: Date(timeIntervalSince1970: row["received_at"]), text: row["text"],
            undoneAt: (row["undone_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    // MARK: Blockers, action items, absences

    public func openBlockers() async throws -> [Blocker] {
        try await read { db in try Self.openBlockers(db) }
    }

    static func openBlockers(_ db: Database) throws -> [Blocker] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM blockers WHERE resolved_at IS NULL ORDER BY at, id")).map(Self.blocker(from:))
    }

    static func blocker(from row: Row) -> Blocker {
        Blocker(id: row["id"], keyResult: row["kr"], author: row["author"], text: row["text"], at: Date(timeIntervalSince1970: row["at"]),
                resolvedAt: (row["resolved_at"] as Double?).map(Date.init(timeIntervalSince1970:)), line: row["line"])
    }

    public func actionItems(openOnly: Bool) async throws -> [ActionItem] {
        try await read { db in try Self.actionItems(openOnly: openOnly, db) }
    }

    static func actionItems(openOnly: Bool, _ db: Database) throws -> [ActionItem] {
        do {
            let sql = openOnly ? "SELECT * FROM action_items WHERE done_at IS NULL ORDER BY id" : "SELECT * FROM action_items ORDER BY id"
            return try Row.fetchAll(db.cachedStatement(sql: sql)).map { row in
                ActionItem(
                    id: row["id"], owner: row["owner"], author: row["author"], text: row["text"],
                    due: (row["due"] as String?).flatMap(LocalDate.init(iso:)), keyResult: row["kr"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    doneAt: (row["done_at"] as Double?).map(Date.init(timeIntervalSince1970:)), line: row["line"])
            }
        }
    }

    public func away(person: String?) async throws -> [AwayRecord] {
        try await read { db in try Self.away(person: person, db) }
    }

    static func away(person: String?, _ db: Database) throws -> [AwayRecord] {
        do {
            let rows = try person.map { try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM away WHERE person = ? ORDER BY id"), arguments: [$0]) }
                ?? Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM away ORDER BY id"))
            return rows.compactMap { row in
                guard let from = LocalDate(iso: row["from_day"]), let until = LocalDate(iso: row["until_day"]) else { return nil }
                return AwayRecord(person: row["person"], from: from, until: until, source: row["source"])
            }
        }
    }

    // MARK: Escalation and schedule

    public func escalationStates() async throws -> [String: EscalationState] {
        try await read { db in try Self.escalationStates(db) }
    }

    static func escalationStates(_ db: Database) throws -> [String: EscalationState] {
        do {
            var states: [String: EscalationState] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM escalations")) {
                func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
                let memory = EscalationPolicy.Memory(
                    level: row["level"], since: date("since"), lastAlertAt: date("last_alert_at"), lastFingerprint: row["last_fingerprint"],
                    cyclesAtLevel: row["cycles_at_level"], snoozedUntil: date("snoozed_until"), ackedAt: date("acked_at"), reason: row["last_status"])
                let state = EscalationState(keyResult: row["kr"], memory: memory, ackedBy: row["acked_by"])
                states[state.keyResult] = state
            }
            return states
        }
    }

    public func firing(team: String, kind: String, occurrence: String) async throws -> Firing? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM schedule_firings WHERE team = ? AND kind = ? AND occurrence = ?", arguments: [team, kind, occurrence])
                .map(Self.firing(from:))
        }
    }

    public func lastFiring(team: String, kind: String) async throws -> Firing? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM schedule_firings WHERE team = ? AND kind = ? ORDER BY due_at DESC LIMIT 1", arguments: [team, kind])
                .map(Self.firing(from:))
        }
    }

    static func firing(from row: Row) -> Firing {
        Firing(team: row["team"], kind: row["kind"], occurrence: row["occurrence"], dueAt: Date(timeIntervalSince1970: row["due_at"]),
               firedAt: Date(timeIntervalSince1970: row["fired_at"]), outcome: row["outcome"])
    }

    // MARK: Meta

    public func openQuestion(person: String, at: Date) async throws -> OpenQuestion? {
        try await read { db in try Self.openQuestion(person: person, at: at, db) }
    }

    static func openQuestion(person: String, at: Date, _ db: Database) throws -> OpenQuestion? {
        do {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM open_questions WHERE person = ? AND asked_at <= ? AND expires_at > ?"),
                                             arguments: [person, at.timeIntervalSince1970, at.timeIntervalSince1970]) else { return nil }
            let stored: String = row["proposals"]
            let proposals = try JSONDecoder().decode([OpenQuestion.Proposal].self, from: Data(stored.utf8))
            return OpenQuestion(person: row["person"], keyResult: row["kr"], question: row["question"], proposals: proposals,
                                askedAt: Date(timeIntervalSince1970: row["asked_at"]), expiresAt: Date(timeIntervalSince1970: row["expires_at"]))
        }
    }

    public func meta(_ key: String) async throws -> String? {
        try await read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func metaSetIfAbsent(_ key: String, _ value: String) async throws -> String {
        try await write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", arguments: [key, value])
            return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) ?? value
        }
    }
}
