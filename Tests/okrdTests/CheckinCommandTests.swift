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

    func checkin(_ at: String, _ text: String, format: String = "text", as person: String = "maria") throws -> (status: Int32, stdout: String) {
        let result = try OKRD.run(["checkin", "--config", OKRD.example, "--db", db, "--as", person, "--at", at, "--format", format, text])
        return (result.status, result.stdout)
    }

    /// A key result as `okrd status --format json` shows it.
    func keyResult(_ key: String, at: String) throws -> [String: Any]? {
        let status = try OKRD.run(["status", "--config", OKRD.example, "--db", db, "--at", at, "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        for objective in json?["objectives"] as? [[String: Any]] ?? [] {
            for kr in objective["keyResults"] as? [[String: Any]] ?? [] where kr["key"] as? String == key { return kr }
        }
        return nil
    }

    func value(_ key: String, at: String) throws -> Double? {
        let kr = try keyResult(key, at: at)
        return kr?["lastCheckin"] is NSNull ? nil : kr?["value"] as? Double
    }

    @Test("A doubtful value is asked back, stored as a question, and recorded by the next reply's yes")
    func askBackYes() throws {
        let asked = try checkin("2026-12-01T10:00", "territory-coverage 0.5", format: "json")
        #expect(asked.status == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(asked.stdout.utf8)) as? [String: Any])
        #expect((json["checkins"] as? [Any])?.isEmpty == true)
        let clarification = try #require((json["clarifications"] as? [[String: Any]])?.first)
        #expect(clarification["line"] as? Double == 1)
        #expect((clarification["question"] as? String)?.contains("50%") == true)
        let proposed = try #require(clarification["proposed"] as? [String: Any])
        #expect(proposed["kr"] as? String == "territory-coverage")
        #expect(proposed["value"] as? Double == 50)
        #expect(try value("territory-coverage", at: "2026-12-01T10:30:00+01:00") == nil)

        // Chatter in between leaves the question open; "yes" records the proposal.
        #expect(try checkin("2026-12-01T10:05", "thanks!").stdout.contains("Nothing to record"))
        let yes = try checkin("2026-12-01T10:10", "yes")
        #expect(yes.status == 0)
        #expect(yes.stdout.contains("territory-coverage: 50%"), "\(yes.stdout)")
        #expect(try value("territory-coverage", at: "2026-12-01T10:30:00+01:00") == 50)
        // Answered: a second yes records nothing more.
        #expect(try checkin("2026-12-01T10:20", "yes").stdout.contains("Nothing to record"))
    }

    @Test("No drops the question; a value answers it; it expires when the week's cycle ends")
    func askBackNoAndExpiry() throws {
        #expect(try checkin("2026-12-01T10:00", "territory-coverage 0.5").status == 65)
        let no = try checkin("2026-12-01T10:05", "no")
        #expect(no.stdout.contains("dropped my question"), "\(no.stdout)")
        #expect(try checkin("2026-12-01T10:06", "yes").stdout.contains("Nothing to record"))

        #expect(try checkin("2026-12-01T11:00", "territory-coverage 0.5").status == 65)
        let answer = try checkin("2026-12-01T11:05", "territory-coverage 52")
        #expect(answer.stdout.contains("territory-coverage: 52%"))
        #expect(try checkin("2026-12-01T11:06", "yes").stdout.contains("Nothing to record"))

        // Asked on Tuesday; the team's digest on Friday 16:00 ends the cycle, and the question with it.
        #expect(try checkin("2026-12-01T12:00", "territory-coverage 0.6").status == 65)
        #expect(try checkin("2026-12-04T16:30", "yes").stdout.contains("Nothing to record"))
        #expect(try value("territory-coverage", at: "2026-12-04T17:00:00+01:00") == 52)
    }

    @Test("A blocker marked unblocked is resolved, and the key result no longer shows as blocked")
    func unblock() throws {
        #expect(try checkin("2026-12-01T10:00", "reseller-deals 4, blocked on legal review of the contract").status == 0)
        let flags = { (at: String) in try self.keyResult("reseller-deals", at: at)?["flags"] as? [String] ?? [] }
        #expect(try flags("2026-12-01T11:00:00+01:00").contains("blocked"))
        let cleared = try checkin("2026-12-02T10:00", "reseller-deals 5, unblocked now that legal signed", format: "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(cleared.stdout.utf8)) as? [String: Any])
        #expect((json["blockersResolved"] as? [[String: Any]])?.first?["kr"] as? String == "reseller-deals", "\(cleared.stdout)")
        let after = try flags("2026-12-02T11:00:00+01:00")
        #expect(!after.contains("blocked"))
    }

    @Test("An action item is closed only by its owner, its creator or their team's lead; others are refused by name")
    func closingActionItems() throws {
        let created = try checkin("2026-12-01T10:00", "action: @li book a demo with ACME by Friday", format: "json")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
            .flatMap { ($0["actions"] as? [[String: Any]])?.first?["id"] as? String })
        // Carlos leads another team; Sam is in it: neither may close Li's item.
        for stranger in ["carlos", "sam"] {
            let refused = try checkin("2026-12-01T11:00", "done \(id)", as: stranger)
            #expect(refused.status == 65)
            #expect(refused.stdout.contains("you can't close \(id): it is Li Wei's"), "\(refused.stdout)")
        }
        // Dana leads Li's team.
        let closed = try checkin("2026-12-01T12:00", "done \(id)", as: "dana")
        #expect(closed.status == 0)
        #expect(closed.stdout.contains("Closed \(id)"))
        let again = try checkin("2026-12-01T12:05", "done \(id)", as: "li")
        #expect(again.stdout.contains("\(id) is not an open action item"))
    }

    @Test("Blockers are cleared only on key results the author may update")
    func unblockOthers() throws {
        #expect(try checkin("2026-12-01T10:00", "reseller-deals 4, blocked on legal review").status == 0)
        let refused = try checkin("2026-12-01T11:00", "reseller-deals unblocked", as: "sam")
        #expect(refused.status == 65)
        #expect(refused.stdout.contains("you can't clear the blockers of `reseller-deals`"), "\(refused.stdout)")
        // Nobody's blocker is cleared by someone who names none of theirs.
        let vague = try checkin("2026-12-01T11:30", "unblocked!", as: "sam")
        #expect(!vague.stdout.contains("Cleared"))
        let flags = try keyResult("reseller-deals", at: "2026-12-01T12:00:00+01:00")?["flags"] as? [String] ?? []
        #expect(flags.contains("blocked"))
    }

    @Test("undo withdraws the question its reply asked")
    func undoQuestion() throws {
        #expect(try checkin("2026-12-01T10:00", "territory-coverage 0.5").status == 65)
        #expect(try checkin("2026-12-01T10:05", "undo").status == 0)
        #expect(try checkin("2026-12-01T10:10", "yes").stdout.contains("Nothing to record"))
        #expect(try value("territory-coverage", at: "2026-12-01T11:00:00+01:00") == nil)
    }
}
