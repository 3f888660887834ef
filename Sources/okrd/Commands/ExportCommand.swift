import ArgumentParser
import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exports check-ins, action items and grades as CSV or JSON.",
        discussion: """
            JSON holds all three tables (or the one --table names), numbers as numbers and missing \
            values as null; CSV holds one table (--table checkins, actions or grades), with a header row \
            and RFC 4180 quoting. Instants are ISO 8601, values in each key result's unit. Undone \
            check-ins are left out.

            Examples:
              okrd export --format json > okrs-2026-Q4.json
              okrd export --format csv --table checkins > checkins.csv
              okrd export --format csv --table grades --period 2026-Q4
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }
    enum Table: String, ExpressibleByArgument, CaseIterable { case checkins, actions, grades }

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "csv or json.")
    var format: Format = .json

    @Option(help: "checkins, actions or grades (csv: default checkins; json: all three unless one is named).")
    var table: Table?

    @Option(help: ArgumentHelp("The period's id; must be the configured period.", valueName: "id"))
    var period: String?

    func run() async throws {
        let config = try options.load(secrets: .unused)
        let organization = config.organization
        try config.checkPeriod(period)
        let span = organization.period
        let store = try await database.open(config, creating: false)
        let checkIns = try await store.checkIns(keyResults: nil, through: nil).filter { $0.checkIn.at >= span.start && $0.checkIn.at < span.end }
        let actions = try await store.actionItems(openOnly: false)
        let snapshot = try await Snapshot.load(organization, store: store, at: min(Date(), span.end.addingTimeInterval(-1)))
        try await store.close()
        let grades = RetrospectiveBuilder(snapshot: snapshot).grades()
        let iso = ISO8601DateFormatter()

        let checkInRows: [[String]] = checkIns.map { stored in
            let c = stored.checkIn
            return [c.keyResult, c.author, iso.string(from: c.at), c.value.map { NumberText.plain($0) } ?? "", c.confidence.map(String.init) ?? "",
                    c.reported?.rawValue ?? "", c.comment ?? "", stored.source]
        }
        let actionRows: [[String]] = actions.map { a in
            ["AI-\(a.id)", a.owner, a.author, a.text, a.due?.description ?? "", a.keyResult ?? "", iso.string(from: a.createdAt), a.doneAt.map(iso.string) ?? ""]
        }
        var gradeRows: [[String]] = []
        for objective in grades {
            gradeRows.append(["objective", objective.key, objective.team, "", String(format: "%.2f", objective.grade), objective.band.rawValue, "", "", ""])
            for kr in objective.keyResults {
                gradeRows.append(["key_result", kr.key, objective.team, kr.owner ?? "", String(format: "%.2f", kr.grade), kr.band.rawValue,
                                  "\(kr.sandbagged)", "\(kr.unrealistic)", "\(kr.neverMoved)"])
            }
        }

        switch format {
        case .csv:
            let (header, rows): ([String], [[String]]) = switch table ?? .checkins {
            case .checkins: (["key_result", "author", "at", "value", "confidence", "status", "comment", "source"], checkInRows)
            case .actions: (["id", "owner", "author", "text", "due", "key_result", "created_at", "done_at"], actionRows)
            case .grades: (["level", "key", "team", "owner", "grade", "band", "sandbagged", "unrealistic", "never_moved"], gradeRows)
            }
            Terminal.print(CSV.document(header: header, rows: rows))
        case .json:
            // Typed: numbers as numbers, missing values as null, instants in ISO 8601.
            let checkInsJSON: JSONValue = .array(checkIns.map { stored in
                let c = stored.checkIn
                return .object([
                    ("keyResult", .string(c.keyResult)), ("author", .string(c.author)), ("at", .string(iso.string(from: c.at))),
                    ("value", .optional(c.value)), ("confidence", .optional(c.confidence)), ("status", .optional(c.reported?.rawValue)),
                    ("comment", .optional(c.comment)), ("source", .string(stored.source)),
                ])
            })
            let actionsJSON: JSONValue = .array(actions.map { a in
                .object([
                    ("id", .string("AI-\(a.id)")), ("owner", .string(a.owner)), ("author", .string(a.author)), ("text", .string(a.text)),
                    ("due", .optional(a.due?.description)), ("keyResult", .optional(a.keyResult)), ("createdAt", .string(iso.string(from: a.createdAt))),
                    ("doneAt", .optional(a.doneAt.map(iso.string))),
                ])
            })
            let gradesJSON: JSONValue = .array(grades.map { objective in
                .object([("objective", .string(objective.key)), ("team", .string(objective.team)), ("grade", .number(objective.grade)),
                         ("band", .string(objective.band.rawValue)),
                         ("keyResults", .array(objective.keyResults.map { kr in
                             .object([("key", .string(kr.key)), ("owner", .optional(kr.owner)), ("grade", .number(kr.grade)), ("band", .string(kr.band.rawValue)),
                                      ("sandbagged", .bool(kr.sandbagged)), ("unrealistic", .bool(kr.unrealistic)), ("neverMoved", .bool(kr.neverMoved))])
                         }))])
            })
            var fields: [(String, JSONValue)] = [("period", .string(span.id))]
            if table == nil || table == .checkins { fields.append(("checkIns", checkInsJSON)) }
            if table == nil || table == .actions { fields.append(("actionItems", actionsJSON)) }
            if table == nil || table == .grades { fields.append(("grades", gradesJSON)) }
            let json = JSONValue.object(fields)
            Terminal.print(json.pretty() + "\n")
        }
    }
}

/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled; CRLF rows.
/// Fields that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) get a leading `'`.
enum CSV {
    static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
