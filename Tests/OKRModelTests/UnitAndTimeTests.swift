import Foundation
import OKRModel
import Testing

@Suite("Units and number text")
struct UnitTests {
    @Test(
        "Formatting is locale-independent",
        arguments: [
            (MetricUnit.count, 1234.0, "1,234"), (.count, 5, "5"), (.number, 1234.5, "1,234.5"), (.number, -0.25, "-0.25"),
            (.percent, 45, "45%"), (.days, 12, "12 days"), (.days, 1, "1 day"), (.currency("USD"), 120_000, "$120,000"),
            (.currency("EUR"), 40_000.5, "€40,000.5"), (.currency("CHF"), 9_500, "9,500 CHF"), (.currency("USD"), -20, "-$20"),
        ])
    func format(unit: MetricUnit, value: Double, text: String) {
        #expect(unit.format(value) == text)
    }

    @Test("Compact forms")
    func compact() {
        #expect(MetricUnit.currency("USD").formatCompact(120_000) == "$120k")
        #expect(MetricUnit.count.formatCompact(3_200_000) == "3.2M")
        #expect(MetricUnit.count.formatCompact(950) == "950")
    }

    @Test("Configuration spellings")
    func parse() {
        #expect(MetricUnit(configValue: "currency:usd") == .currency("USD"))
        #expect(MetricUnit(configValue: "percent") == .percent)
        #expect(MetricUnit(configValue: "currency:dollars") == nil)
        #expect(MetricUnit(configValue: "furlongs") == nil)
    }
}

@Suite("Schedules across time zones and DST")
struct ScheduleTests {
    @Test("mon 09:30 in Berlin fires every Monday at 09:30 local, across the October DST change")
    func weeklyAcrossDST() throws {
        let spec = try ScheduleSpec(parsing: "mon 09:30")
        let occurrences = spec.occurrences(after: berlinTime(2026, 10, 18), through: berlinTime(2026, 11, 3), in: berlin)
        #expect(occurrences.map(\.key) == ["2026-10-19T09:30", "2026-10-26T09:30", "2026-11-02T09:30"])
        for occurrence in occurrences {
            #expect(WallClock.time(of: occurrence.instant, in: berlin) == (9, 30))
        }
        // CEST (+2) before, CET (+1) after the 25 October change.
        #expect(occurrences[0].instant.timeIntervalSince1970 == 1_792_395_000)
        #expect(occurrences[1].instant.timeIntervalSince1970 == 1_793_003_400)
    }

    @Test("A local time that does not exist fires at the end of the gap; a repeated one fires once")
    func dstEdges() throws {
        let spring = try ScheduleSpec(parsing: "30 2 * * *")
        // 29 March 2026 in Berlin: 02:00 jumps to 03:00.
        let gap = spring.occurrences(on: LocalDate(year: 2026, month: 3, day: 29), in: berlin)
        #expect(gap.count == 1)
        #expect(WallClock.time(of: gap[0].instant, in: berlin) == (3, 0))
        // 25 October 2026: 02:30 happens twice; fire at the first.
        let repeated = spring.occurrences(on: LocalDate(year: 2026, month: 10, day: 25), in: berlin)
        #expect(repeated.count == 1)
        #expect(repeated[0].instant.timeIntervalSince1970 == 1_792_888_200)  // 02:30 CEST = 00:30 UTC
        let all = spring.occurrences(after: berlinTime(2026, 10, 24), through: berlinTime(2026, 10, 26), in: berlin)
        #expect(all.count == 2)
    }

    @Test("Cron: lists, ranges, steps and names; day-of-month OR day-of-week when both are set")
    func cron() throws {
        let spec = try ScheduleSpec(parsing: "0,30 9-10 * * mon-fri")
        let monday = spec.occurrences(on: LocalDate(year: 2026, month: 11, day: 23), in: utc)
        #expect(monday.map(\.key) == ["2026-11-23T09:00", "2026-11-23T09:30", "2026-11-23T10:00", "2026-11-23T10:30"])
        #expect(spec.occurrences(on: LocalDate(year: 2026, month: 11, day: 22), in: utc).isEmpty)
        let either = try ScheduleSpec(parsing: "0 8 1 * sun")
        #expect(either.fires(on: LocalDate(year: 2026, month: 12, day: 1)))  // a Tuesday, first of the month
        #expect(either.fires(on: LocalDate(year: 2026, month: 12, day: 6)))  // a Sunday
        #expect(!either.fires(on: LocalDate(year: 2026, month: 12, day: 2)))
        let every15 = try ScheduleSpec(parsing: "*/15 * * * *")
        #expect(every15.occurrences(on: LocalDate(year: 2026, month: 1, day: 5), in: utc).count == 96)
    }

    @Test("A Sunday-Thursday week and multi-day schedules")
    func sundayWeek() throws {
        let spec = try ScheduleSpec(parsing: "sun-thu 09:00")
        let week = (0..<7).map { LocalDate(year: 2026, month: 11, day: 22).adding(days: $0) }  // Sunday 22nd
        #expect(week.map { spec.fires(on: $0) } == [true, true, true, true, true, false, false])
    }

    @Test("Bad schedules say what is wrong", arguments: ["monday 9:30x", "funday 09:30", "mon 25:00", "61 * * * *", "* * * *", "5-1 * * * *"])
    func badSchedules(text: String) {
        #expect(throws: ScheduleSpec.ParseError.self) { try ScheduleSpec(parsing: text) }
    }

    @Test("Quiet hours wrap past midnight")
    func quietHours() throws {
        let quiet = try #require(QuietHours(parsing: "19:00-08:00"))
        #expect(quiet.contains(berlinTime(2026, 11, 20, 22, 0), in: berlin))
        #expect(quiet.contains(berlinTime(2026, 11, 20, 7, 59), in: berlin))
        #expect(!quiet.contains(berlinTime(2026, 11, 20, 8, 0), in: berlin))
        #expect(quiet.end(after: berlinTime(2026, 11, 20, 22, 0), in: berlin) == berlinTime(2026, 11, 21, 8, 0))
        #expect(quiet.end(after: berlinTime(2026, 11, 20, 6, 0), in: berlin) == berlinTime(2026, 11, 20, 8, 0))
        #expect(quiet.end(after: berlinTime(2026, 11, 20, 12, 0), in: berlin) == berlinTime(2026, 11, 20, 12, 0))
    }

    @Test("Weekdays and working days")
    func workingDays() {
        #expect(LocalDate(year: 2026, month: 11, day: 23).isoWeekday == 1)
        #expect(LocalDate(year: 2026, month: 11, day: 22).isoWeekday == 7)
        let person = Person(id: "p", name: "P", timeZone: berlin, holidays: [LocalDate(year: 2026, month: 12, day: 24)],
                            away: [LocalDate(year: 2026, month: 12, day: 28)...LocalDate(year: 2026, month: 12, day: 31)])
        #expect(person.works(on: LocalDate(year: 2026, month: 12, day: 23)))
        #expect(!person.works(on: LocalDate(year: 2026, month: 12, day: 24)))
        #expect(!person.works(on: LocalDate(year: 2026, month: 12, day: 26)))
        #expect(!person.works(on: LocalDate(year: 2026, month: 12, day: 29)))
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2028-02-29") != nil)
    }
}
