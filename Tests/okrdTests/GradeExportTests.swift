import Foundation
import OKRStore
import OKRTestSupport
import Testing

@Suite("okrd grade and okrd export", .serialized)
struct GradeExportTests {
    static func database() throws -> (dir: String, db: String) {
        let dir = NSTemporaryDirectory() + "okrd-grade-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // An empty database: the commands under test only read, and never create one.
        try SQLiteStore(path: dir + "/okrd.sqlite").closeNow()
        return (dir, dir + "/okrd.sqlite")
    }

    @Test("Grades are clamped progress per key result and the weighted mean per objective; the retrospective lists what to learn")
    func grade() throws {
        let (dir, db) = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try OKRD.run(["checkin", "--config", OKRD.example, "--db", db, "--as", "maria", "--at", "2026-12-30T10:00",
                              "reseller-partners 6\nreseller-deals 4\nterritories 3 of 4"]).status == 0)
        let json = try OKRD.run(["grade", "--config", OKRD.example, "--db", db, "--at", "2026-12-31T12:00", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let objectives = try #require(document["objectives"] as? [[String: Any]])
        let reseller = try #require(objectives.first { $0["key"] as? String == "reseller-channel" })
        let krs = try #require(reseller["keyResults"] as? [[String: Any]])
        func grade(_ key: String) -> Double? { krs.first { $0["key"] as? String == key }?["grade"] as? Double }
        #expect(grade("reseller-partners") == 1.0)  // 6 of 5: over-achieved, clamped
        #expect(grade("reseller-deals") == 0.5)     // 4 of 8
        #expect(grade("reseller-pipeline") == 0.0)  // never moved
        #expect(krs.first { $0["key"] as? String == "reseller-pipeline" }?["neverMoved"] as? Bool == true)
        #expect(reseller["grade"] as? Double == 0.5)   // (1 + 0 + 0.5) / 3
        let demo = try #require(objectives.first { $0["key"] as? String == "demo-pipeline" })
        let value = (demo["keyResults"] as? [[String: Any]])?.first { $0["key"] as? String == "demo-pipeline-value" }
        #expect(value?["unrealistic"] as? Bool == true)

        #expect(document["final"] as? Bool == false)  // 31 Dec at noon: the period has half a day to go
        let text = try OKRD.run(["grade", "--config", OKRD.example, "--db", db, "--at", "2026-12-31T23:59:59+01:00", "--team", "sales-emea"])
        #expect(text.stdout.contains("Retrospective · Sales EMEA · 2026-Q4"))
        #expect(text.stdout.contains("The period is over"))
        // In the middle of the period the grades are provisional.
        let middle = try OKRD.run(["grade", "--config", OKRD.example, "--db", db, "--at", "2026-11-20T12:00", "--team", "sales-emea"])
        #expect(middle.stdout.contains("Grades so far · Sales EMEA · 2026-Q4"), "\(middle.stdout)")
        #expect(middle.stdout.contains("Grades so far (the period ends on 31 Dec): provisional"))
        #expect(!middle.stdout.contains("The period is over"))
        #expect(text.stdout.contains("never moved"))
        #expect(text.stdout.contains("what did you learn?"))
        // A reflection is recorded like a check-in comment.
        let reflection = try OKRD.run(["checkin", "--config", OKRD.example, "--db", db, "--as", "maria", "--at", "2026-12-31T13:00",
                                       "reseller-pipeline - resellers needed enablement before they could source pipeline"])
        #expect(reflection.status == 0)
        #expect(reflection.stdout.contains("resellers needed enablement"))
    }

    @Test("CSV follows RFC 4180 and defuses spreadsheet formulas; JSON carries check-ins, action items and grades")
    func export() throws {
        let (dir, db) = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try OKRD.run(["checkin", "--config", OKRD.example, "--db", db, "--as", "maria", "--at", "2026-11-23T10:00", """
            reseller-partners 3 conf 6 - two signed, "third" slipping
            territories 2 of 4 - =HYPERLINK("http://evil.example")
            action: @li book a demo with ACME by Friday
            """]).status == 0)
        let csv = try OKRD.run(["export", "--config", OKRD.example, "--db", db, "--format", "csv", "--table", "checkins"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "key_result,author,at,value,confidence,status,comment,source")
        #expect(rows.count == 3)
        #expect(rows.contains { $0.hasPrefix("reseller-partners,maria,2026-11-23T09:00:00Z,3,6,,\"two signed, \"\"third\"\" slipping\",cli") }, "\(rows)")
        #expect(rows.contains { $0.contains(",\"'=HYPERLINK(\"\"http") }, "\(rows)")

        let actions = try OKRD.run(["export", "--config", OKRD.example, "--db", db, "--format", "csv", "--table", "actions"])
        #expect(actions.stdout.contains("li,maria,book a demo with ACME,2026-11-27"))

        let json = try OKRD.run(["export", "--config", OKRD.example, "--db", db])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["checkIns"] as? [Any])?.count == 2)
        #expect((document["actionItems"] as? [Any])?.count == 1)
        #expect((document["grades"] as? [Any])?.count == 5)
        // Typed: numbers as numbers, missing values as null.
        let partners = try #require((document["checkIns"] as? [[String: Any]])?.first { $0["keyResult"] as? String == "reseller-partners" })
        #expect(partners["value"] as? Double == 3)
        #expect(partners["confidence"] as? Double == 6)
        #expect(partners["status"] is NSNull)
        let item = try #require((document["actionItems"] as? [[String: Any]])?.first)
        #expect(item["doneAt"] is NSNull)
        #expect(item["due"] as? String == "2026-11-27")
        // --table names the one table JSON carries.
        let only = try OKRD.run(["export", "--config", OKRD.example, "--db", db, "--table", "actions"])
        let onlyDocument = try #require(try JSONSerialization.jsonObject(with: Data(only.stdout.utf8)) as? [String: Any])
        #expect(Set(onlyDocument.keys) == ["period", "actionItems"])
        #expect(try OKRD.run(["export", "--config", OKRD.example, "--db", db, "--period", "2027-Q1"]).status == 64)
    }

    @Test("okrd radar writes SVG or PNG by the file name and refuses other names")
    func radar() throws {
        let (dir, db) = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try OKRD.run(["radar", "--config", OKRD.example, "--db", db, "--team", "sales-emea", "--out", dir + "/r.svg"]).status == 0)
        let svg = try String(contentsOfFile: dir + "/r.svg", encoding: .utf8)
        #expect(svg.components(separatedBy: "class=\"point\"").count - 1 == 3)
        #expect(try OKRD.run(["radar", "--config", OKRD.example, "--db", db, "--team", "sales-americas", "--out", dir + "/r.png"]).status == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/r.png"))
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        let refused = try OKRD.run(["radar", "--config", OKRD.example, "--db", db, "--team", "sales-emea", "--out", dir + "/r.gif"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("must end in .svg or .png"))
    }
}
