import Foundation
import OKRTestSupport
import Testing

@Suite("okrd checkin")
struct CheckinCommandTests {
    let db = NSTemporaryDirectory() + "okrd-checkin-" + UUID().uuidString + ".sqlite"

    @Test("Records from an argument and prints the chat confirmation")
    func text() throws {
        let result = try OKRD.run(["checkin", "--config", OKRD.example, "--db", db, "--as", "maria", "--at", "2026-11-23T10:00", "reseller-partners 3 conf 6 - two signed"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Thanks Maria Keller"))
        #expect(result.stdout.contains("reseller-partners: 3, confidence 6/10"))
        let status = try OKRD.run(["status", "--config", OKRD.example, "--db", db, "--at", "2026-11-23T12:00:00+01:00", "--format", "json"])
        #expect(status.stdout.contains("\"lastCheckin\": \"2026-11-23T10:00:00+01:00\""))
    }

    @Test("JSON has the stable shape; standard input works; errors exit 65 and still record the rest")
    func json() throws {
        let reply = "reseller-deals 4\nblocker: no demo environment\naction: @li book a demo by Dec 4\nsnooze churn 1w\nkr9 1\n"
        let result = try OKRD.run(["checkin", "--config", OKRD.example, "--db", db, "--as", "maria", "--at", "2026-11-23T10:00", "--format", "json"], stdin: reply)
        #expect(result.status == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["author"] as? String == "maria")
        #expect(json["at"] as? String == "2026-11-23T10:00:00+01:00")
        let checkins = try #require(json["checkins"] as? [[String: Any]])
        #expect(checkins.count == 1)
        for key in ["kr", "value", "confidence", "status", "comment", "line"] { #expect(checkins[0].keys.contains(key)) }
        #expect(checkins[0]["value"] as? Double == 4)
        #expect(checkins[0]["confidence"] is NSNull)
        let blockers = try #require(json["blockers"] as? [[String: Any]])
        #expect(blockers.first?["kr"] as? String == "reseller-deals")
        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(actions.first?["owner"] as? String == "li")
        #expect(actions.first?["due"] as? String == "2026-12-04")
        #expect(actions.first?["kr"] as? String == "reseller-deals")
        let commands = try #require(json["commands"] as? [[String: Any]])
        #expect(commands.first?["command"] as? String == "snooze")
        #expect(commands.first?["until"] as? String == "2026-11-29")
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Double == 5)
        #expect(json["recorded"] as? Bool == true)
    }

    @Test("Unknown people are a usage error; dry runs store nothing")
    func usage() throws {
        #expect(try OKRD.run(["checkin", "--config", OKRD.example, "--db", db, "--as", "nobody", "x"]).status == 64)
        let dry = try OKRD.run(["checkin", "--config", OKRD.example, "--db", db, "--as", "maria", "--dry-run", "reseller-deals 4"])
        #expect(dry.stdout.contains("Dry run"))
        let status = try OKRD.run(["status", "--config", OKRD.example, "--db", db, "--format", "json"])
        #expect(!status.stdout.contains("\"lastCheckin\": \"2"))
    }
}
