import CheckinParser
import Foundation
import OKRModel
import PropertyBased
import Testing

/// Characters people and platforms put in replies, including the troublesome ones.
private let pool: [Character] = Array("abcXYZ019 .,:;-+$€£%/#@!?()[]<>&*_~`'\"\n\t") + [
    "\r", "\r\n", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{2013}", "\u{2014}", "\u{2018}", "\u{2019}",
    "\u{201C}", "\u{201D}", "\u{2028}", "\u{00AD}", "🟢", "🟡", "🔴", "🚧", "✅", "👍🏽", "é", "ß", "日", "\u{0301}", "\u{FF13}", "\u{0000}", "\u{007F}",
]
private let replyText = Gen.element(of: pool).compactMap { $0 }.array(of: 0...120).map { String($0) }

@Suite("Parser properties")
struct PropertyTests {
    @Test("Normalisation is idempotent")
    func idempotent() async {
        await propertyCheck(count: 500, input: replyText) { text in
            let once = Normalizer.normalize(text)
            #expect(Normalizer.normalize(once) == once)
        }
    }

    @Test("Decoding a platform's markup, then normalising again, changes nothing more", arguments: Markup.allCases)
    func markupThenPlain(markup: Markup) async {
        await propertyCheck(count: 200, input: replyText) { text in
            let decoded = Normalizer.normalize(text, markup: markup, people: Fixture.people)
            #expect(Normalizer.normalize(decoded) == decoded)
        }
    }

    @Test("A value okrd renders in a key result's unit parses back to the same number")
    func renderedValuesParseBack() async {
        let units: [(MetricUnit, String)] = [(.count, "wide-count"), (.percent, "wide-percent"), (.currency("USD"), "wide-usd"), (.number, "wide-number")]
        await propertyCheck(count: 400, input: Gen.int(in: 0..<4), Gen.int(in: 0...99_999_999)) { which, raw in
            let (unit, key) = units[which]
            // Counts are whole; other units carry up to two decimals, as okrd renders them.
            let value = unit == .count ? Double(raw % 10_000) : (unit == .percent ? Double(raw % 10_001) / 100 : Double(raw) / 100)
            let rendered = unit.format(value)
            let result = Fixture.wideParser.parse("\(key) \(rendered)", at: Fixture.monday)
            #expect(result.errors.isEmpty, "\(key) \(rendered): \(result.errors.map(\.message))")
            #expect(result.checkIns.first?.value == value, "\(key) \(rendered)")
        }
    }

    @Test("Milestone counts and compact amounts parse back too")
    func compactForms() async {
        await propertyCheck(count: 200, input: Gen.int(in: 10...999)) { thousands in
            let rendered = MetricUnit.currency("USD").formatCompact(Double(thousands) * 1000)
            let result = Fixture.wideParser.parse("wide-usd \(rendered)", at: Fixture.monday)
            #expect(result.checkIns.first?.value == Double(thousands) * 1000, "\(rendered)")
        }
        let territories = KeyResult(key: "territories", title: "t", owner: "maria", kind: .milestone, milestones: ["a", "b", "c", "d"])
        for done in 0...4 {
            let result = Fixture.wideParser.parse("territories \(territories.format(Double(done)))", at: Fixture.monday)
            #expect(result.checkIns.first?.value == Double(done))
        }
    }

    @Test("Every input the fuzzer ever crashed the parser with now parses (the corpus replayed)")
    func fuzzCorpus() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzCorpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("regression-huge-prompt-number.bin"))
        for name in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            for markup in Markup.allCases {
                _ = Fixture.mariaParser.parse(String(decoding: data, as: UTF8.self), markup: markup, at: Fixture.monday)
            }
        }
        // The case itself: a prompt number no prompt has, however large, is an error on its line.
        let result = Fixture.mariaParser.parse("99999999999999999999999999. 5\n#4294967296 5", at: Fixture.monday)
        #expect(result.errors.map(\.line) == [1, 2])
    }

    @Test("No input traps, and every error points at a line of the reply", arguments: Markup.allCases)
    func total(markup: Markup) async {
        await propertyCheck(count: 300, input: replyText) { text in
            let result = Fixture.mariaParser.parse(text, markup: markup, at: Fixture.monday)
            let lines = max(1, text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count + 1)
            for error in result.errors {
                #expect(error.line >= 1 && error.line <= max(lines, CheckinParser.maxLines + 1))
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("Arbitrary bytes, including invalid UTF-8, never trap")
    func bytes() async {
        await propertyCheck(count: 500, input: Gen.uint8(in: 0...255).array(of: 0...200)) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            for markup in [Markup.plain, .slack, .teams, .matrixHTML] {
                _ = Fixture.mariaParser.parse(text, markup: markup, at: Fixture.monday)
            }
        }
    }

    @Test("Statements built from the grammar's own words never trap and stay within their lines")
    func grammarSoup() async {
        let words = ["reseller-partners", "#3", "3", "of", "5", "conf", "7", "🟢", "-", "blocked", "by", "action:", "@li", "by", "Friday",
                     "done", "AI-12", "snooze", "1w", "ooo", "until", "Dec", "4", "12/4", "$120k", "€", "40", "000", "%", ":", "[", "]", "x",
                     "because", "on", "track", "<@U02LIWEI>", "&amp;", "1.234,5", "+2", "→", "\n"]
        await propertyCheck(count: 500, input: Gen.element(of: words).compactMap { $0 }.array(of: 0...30)) { parts in
            let text = parts.joined(separator: " ")
            let result = Fixture.mariaParser.parse(text, markup: .slack, at: Fixture.monday)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            for line in result.errors.map(\.line) + result.checkIns.map(\.line) + result.actions.map(\.line) { #expect(line >= 1 && line <= lines) }
        }
    }

    @Test("Hostile sizes are bounded: huge replies, long lines, deep markup")
    func hostile() {
        let huge = String(repeating: "reseller-partners 3\n", count: 20_000)
        let result = Fixture.mariaParser.parse(huge, at: Fixture.monday)
        // The same statement 200 times over is one statement; the rest of the reply was not read.
        #expect(result.checkIns.count == 1)
        #expect(result.errors.contains { $0.message.contains("I read the first \(CheckinParser.maxLines)") })

        let long = String(repeating: "a", count: 100_000)
        let longResult = Fixture.mariaParser.parse(long, at: Fixture.monday)
        #expect(longResult.errors.map(\.line) == [1, 2])  // the line is too long; the reply was cut after it
        #expect(Fixture.mariaParser.parse(String(repeating: "a", count: 17_000), at: Fixture.monday).errors.count == 1)

        let nested = String(repeating: "<blockquote>", count: 10_000) + "reseller-partners 3"
        _ = Fixture.mariaParser.parse(nested, markup: .matrixHTML, at: Fixture.monday)
        let brackets = String(repeating: "<", count: 50_000) + String(repeating: "&#", count: 50_000)
        _ = Fixture.mariaParser.parse(brackets, markup: .slack, at: Fixture.monday)
        let digits = String(repeating: "9", count: 5_000)
        _ = Fixture.mariaParser.parse("reseller-pipeline \(digits)", at: Fixture.monday)
        let separators = "reseller-pipeline 1" + String(repeating: ",000", count: 2_000)
        _ = Fixture.mariaParser.parse(separators, at: Fixture.monday)
    }
}
