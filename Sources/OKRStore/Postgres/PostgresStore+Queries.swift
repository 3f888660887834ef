public import Foundation
public import OKRModel
import PostgresNIO

extension PostgresStore {
    // MARK: Check-ins and replies

    static let checkInColumns = "id, kr, author, at, value, confidence, reported, comment, source, reply_id, line"

    static func checkIn(from row: PostgresRandomAccessRow) throws -> StoredCheckIn {
        StoredCheckIn(
            id: try row.value("id"),
            checkIn: CheckIn(
                keyResult: try row.value("kr"),
                author: try row.value("author"),
                at: try row.date("at"),
                value: try row.value("value", Double?.self),
                confidence: try row.value("confidence", Int?.self),
                reported: try row.value("reported", String?.self).flatMap(ReportedStatus.init(rawValue:)),
                comment: try row.value("comment", String?.self)
            ),
            source: try row.value("source"),
            replyID: try row.value("reply_id", Int64?.self),
            line: try row.value("line", Int?.self)
        )
    }

    public func checkIns(keyResults: [String]?, through: Date?) async throws -> [StoredCheckIn] {
        if let keyResults, keyResults.isEmpty { return [] }
        let upper = (through ?? .distantFuture).timeIntervalSince1970
        return try await read { connection in
            let query: PostgresQuery = keyResults.map { keys in
                "SELECT \(unescaped: Self.checkInColumns) FROM checkins WHERE kr = ANY(\(keys)) AND at <= \(upper) ORDER BY at, id"
            } ?? "SELECT \(unescaped: Self.checkInColumns) FROM checkins WHERE at <= \(upper) ORDER BY at, id"
            return try await connection.rows(query, self.logger).map(Self.checkIn(from:))
        }
    }

    public func checkInDigest(_ requests: [HistoryRequest], weeks: WeekCalendar, through: Date) async throws -> [StoredCheckIn] {
        try await read { connection in
            let columns = Self.checkInColumns
            var walk = CheckInDigestWalk(requests, weeks: weeks, through: through)
            while let next = walk.next() {
                let query: PostgresQuery
                switch next {
                case .newest(let kr, let upTo, let offset, let limit):
                    query = "SELECT \(unescaped: columns) FROM checkins WHERE kr = \(kr) AND at <= \(upTo) ORDER BY at DESC, id DESC LIMIT \(limit) OFFSET \(offset)"
                case .newestValue(let kr, let upTo, let from):
                    query = "SELECT \(unescaped: columns) FROM checkins WHERE kr = \(kr) AND at <= \(upTo) AND at >= \(from) AND value IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1"
                case .newestConfidence(let kr, let upTo, let from):
                    query = "SELECT \(unescaped: columns) FROM checkins WHERE kr = \(kr) AND at <= \(upTo) AND at >= \(from) AND confidence IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1"
                case .reaching(let kr, .atLeast(let bound), let upTo, let limit):
                    query = "SELECT \(unescaped: columns) FROM checkins WHERE kr = \(kr) AND value >= \(bound) AND at <= \(upTo) ORDER BY at, id LIMIT \(limit)"
                case .reaching(let kr, .atMost(let bound), let upTo, let limit):
                    query = "SELECT \(unescaped: columns) FROM checkins WHERE kr = \(kr) AND value <= \(bound) AND at <= \(upTo) ORDER BY at, id LIMIT \(limit)"
                }
                walk.take(try await connection.rows(query, self.logger).map(Self.checkIn(from:)))
            }
            return walk.result
        }
    }

    public func kpiCheckIns(through: Date?) async throws -> [KPICheckIn] {
        let upper = (through ?? .distantFuture).timeIntervalSince1970
        return try await read { connection in
            try await connection.rows("SELECT kpi, author, at, value, comment FROM kpi_checkins WHERE at <= \(upper) ORDER BY at, id", self.logger).map { row in
                KPICheckIn(kpi: try row.value("kpi"), author: try row.value("author"), at: try row.date("at"), value: try row.value("value"),
                           comment: try row.value("comment", String?.self))
            }
        }
    }

    public func replyState(_ request: ReplyStateRequest) async throws -> ReplyState {
        try await read { connection in
            var latest = LatestValues()
            let at = request.at.timeIntervalSince1970
            let keys = Array(Set(request.keyResults))
            if !keys.isEmpty {
                // One index seek per key result, newest first.
                let rows = try await connection.rows("""
                    SELECT k.kr, c.value FROM unnest(\(keys)::text[]) AS k(kr)
                    JOIN LATERAL (SELECT value FROM checkins WHERE kr = k.kr AND at <= \(at) AND value IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1) c ON true
                    """, self.logger)
                for row in rows { latest.keyResults[try row.value("kr")] = try row.value("value", Double.self) }
            }
            let kpis = Array(Set(request.kpis))
            if !kpis.isEmpty {
                let rows = try await connection.rows("""
                    SELECT k.kpi, c.value FROM unnest(\(kpis)::text[]) AS k(kpi)
                    JOIN LATERAL (SELECT value FROM kpi_checkins WHERE kpi = k.kpi AND at <= \(at) ORDER BY at DESC, id DESC LIMIT 1) c ON true
                    """, self.logger)
                for row in rows { latest.kpis[try row.value("kpi")] = try row.value("value", Double.self) }
            }
            var seen: Reply?
            if let delivery = request.deliveryID { seen = try await Self.reply(deliveryID: delivery, connection, self.logger) }
            let lastReply = try await connection.rows(
                "SELECT * FROM replies WHERE author = \(request.person) AND undone_at IS NULL ORDER BY id DESC LIMIT 1", self.logger).first.map(Self.reply(from:))
            return ReplyState(
                seen: seen,
                latest: latest,
                openActions: try await Self.actionItems(openOnly: true, connection, self.logger),
                openBlockers: try await Self.openBlockers(connection, self.logger),
                question: request.readsQuestion ? try await Self.openQuestion(person: request.person, at: request.at, connection, self.logger) : nil,
                escalation: try await Self.escalationStates(connection, self.logger),
                away: try await Self.away(person: nil, connection, self.logger),
                lastReply: lastReply)
        }
    }

    public func reply(deliveryID: String) async throws -> Reply? {
        try await read { connection in try await Self.reply(deliveryID: deliveryID, connection, self.logger) }
    }

    static func reply(deliveryID: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> Reply? {
        try await connection.rows("SELECT * FROM replies WHERE delivery_id = \(deliveryID)", logger).first.map(reply(from:))
    }

    static func reply(from row: PostgresRandomAccessRow) throws -> Reply {
        Reply(id: try row.value("id"), deliveryID: try row.value("delivery_id", String?.self), author: try row.value("author"),
              platform: try row.value("platform"), receivedAt: try row.date("received_at"), text: try row.value("text"),
              undoneAt: try row.optionalDate("undone_at"))
    }

    // MARK: Blockers, action items, absences

    public func openBlockers() async throws -> [Blocker] {
        try await read { connection in try await Self.openBlockers(connection, self.logger) }
    }

    static func openBlockers(_ connection: PostgresConnection, _ logger: Logger) async throws -> [Blocker] {
        try await connection.rows("SELECT * FROM blockers WHERE resolved_at IS NULL ORDER BY at, id", logger).map { row in
            Blocker(id: try row.value("id"), keyResult: try row.value("kr", String?.self), author: try row.value("author"), text: try row.value("text"),
                    at: try row.date("at"), resolvedAt: try row.optionalDate("resolved_at"), line: try row.value("line", Int?.self))
        }
    }

    public func actionItems(openOnly: Bool) async throws -> [ActionItem] {
        try await read { connection in try await Self.actionItems(openOnly: openOnly, connection, self.logger) }
    }

    static func actionItems(openOnly: Bool, _ connection: PostgresConnection, _ logger: Logger) async throws -> [ActionItem] {
        let query: PostgresQuery = openOnly ? "SELECT * FROM action_items WHERE done_at IS NULL ORDER BY id" : "SELECT * FROM action_items ORDER BY id"
        return try await connection.rows(query, logger).map { row in
            ActionItem(
                id: try row.value("id"), owner: try row.value("owner"), author: try row.value("author"), text: try row.value("text"),
                due: try row.value("due", String?.self).flatMap(LocalDate.init(iso:)), keyResult: try row.value("kr", String?.self),
                createdAt: try row.date("created_at"), doneAt: try row.optionalDate("done_at"), line: try row.value("line", Int?.self))
        }
    }

    public func away(person: String?) async throws -> [AwayRecord] {
        try await read { connection in try await Self.away(person: person, connection, self.logger) }
    }

    static func away(person: String?, _ connection: PostgresConnection, _ logger: Logger) async throws -> [AwayRecord] {
        let query: PostgresQuery = person.map { "SELECT * FROM away WHERE person = \($0) ORDER BY id" } ?? "SELECT * FROM away ORDER BY id"
        return try await connection.rows(query, logger).compactMap { row in
            guard let from = LocalDate(iso: try row.value("from_day")), let until = LocalDate(iso: try row.value("until_day")) else { return nil }
            return AwayRecord(person: try row.value("person"), from: from, until: until, source: try row.value("source"))
        }
    }

    // MARK: Escalation and schedule

    public func escalationStates() async throws -> [String: EscalationState] {
        try await read { connection in try await Self.escalationStates(connection, self.logger) }
    }

    static func escalationStates(_ connection: PostgresConnection, _ logger: Logger) async throws -> [String: EscalationState] {
        var states: [String: EscalationState] = [:]
        for row in try await connection.rows("SELECT * FROM escalations", logger) {
            let memory = EscalationPolicy.Memory(
                level: try row.value("level"), since: try row.optionalDate("since"), lastAlertAt: try row.optionalDate("last_alert_at"),
                lastFingerprint: try row.value("last_fingerprint", String?.self), cyclesAtLevel: try row.value("cycles_at_level"),
                snoozedUntil: try row.optionalDate("snoozed_until"), ackedAt: try row.optionalDate("acked_at"), reason: try row.value("last_status", String?.self))
            let state = EscalationState(keyResult: try row.value("kr"), memory: memory, ackedBy: try row.value("acked_by", String?.self))
            states[state.keyResult] = state
        }
        return states
    }

    public func firing(team: String, kind: String, occurrence: String) async throws -> Firing? {
        try await read { connection in
            try await connection.rows("SELECT * FROM schedule_firings WHERE team = \(team) AND kind = \(kind) AND occurrence = \(occurrence)", self.logger)
                .first.map(Self.firing(from:))
        }
    }

    public func lastFiring(team: String, kind: String) async throws -> Firing? {
        try await read { connection in
            try await connection.rows("SELECT * FROM schedule_firings WHERE team = \(team) AND kind = \(kind) ORDER BY due_at DESC LIMIT 1", self.logger)
                .first.map(Self.firing(from:))
        }
    }

    static func firing(from row: PostgresRandomAccessRow) throws -> Firing {
        Firing(team: try row.value("team"), kind: try row.value("kind"), occurrence: try row.value("occurrence"), dueAt: try row.date("due_at"),
               firedAt: try row.date("fired_at"), outcome: try row.value("outcome"))
    }

    // MARK: Questions and meta

    public func openQuestion(person: String, at: Date) async throws -> OpenQuestion? {
        try await read { connection in try await Self.openQuestion(person: person, at: at, connection, self.logger) }
    }

    static func openQuestion(person: String, at: Date, _ connection: PostgresConnection, _ logger: Logger) async throws -> OpenQuestion? {
        let instant = at.timeIntervalSince1970
        guard let row = try await connection.rows(
            "SELECT * FROM open_questions WHERE person = \(person) AND asked_at <= \(instant) AND expires_at > \(instant)", logger).first else { return nil }
        let stored: String = try row.value("proposals")
        let proposals = try JSONDecoder().decode([OpenQuestion.Proposal].self, from: Data(stored.utf8))
        return OpenQuestion(person: try row.value("person"), keyResult: try row.value("kr", String?.self), question: try row.value("question"),
                            proposals: proposals, askedAt: try row.date("asked_at"), expiresAt: try row.date("expires_at"))
    }

    public func meta(_ key: String) async throws -> String? {
        try await read { connection in
            try await connection.rows("SELECT value FROM meta WHERE key = \(key)", self.logger).first?.value("value", String.self)
        }
    }

    public func metaSetIfAbsent(_ key: String, _ value: String) async throws -> String {
        try await write { connection in
            try await connection.run("INSERT INTO meta (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO NOTHING", self.logger)
            return try await connection.rows("SELECT value FROM meta WHERE key = \(key)", self.logger).first?.value("value", String.self) ?? value
        }
    }
}
