import Foundation
import OKRModel
import Testing

@Suite("Status, flags and roll-up")
struct StatusTests {
    let evaluator = Evaluator(period: q4)

    /// Status of a 0->100 key result at half time with `value` reported.
    func status(value: Double, confidence: Int? = nil, policy: StatusPolicy = StatusPolicy()) -> Status {
        Evaluator(period: q4, policy: policy)
            .evaluate(increase(), checkIns: [checkIn(value, at: at(0.5), confidence: confidence)], at: at(0.5)).status
    }

    @Test(
        "Boundaries at half time: gap <= 0.10 on track, <= 0.25 at risk, beyond in trouble",
        arguments: [
            (100.0, Status.complete), (120, .complete), (60, .onTrack), (50, .onTrack), (40, .onTrack),
            (39.9, .atRisk), (30, .atRisk), (25, .atRisk), (24.9, .inTrouble), (0, .inTrouble),
        ])
    func boundaries(value: Double, expected: Status) {
        #expect(status(value: value) == expected)
    }

    @Test("Boundaries hold where floating point would wobble (0.8 - 0.7 > 0.1 in binary)")
    func floatingBoundaries() {
        let report = evaluator.evaluate(increase(), checkIns: [checkIn(70, at: at(0.8))], at: at(0.8))
        #expect(report.status == .onTrack)
    }

    @Test("Thresholds are configurable")
    func customThresholds() {
        let strict = StatusPolicy(atRiskGap: 0.05, inTroubleGap: 0.15)
        #expect(status(value: 44, policy: strict) == .atRisk)
        #expect(status(value: 34, policy: strict) == .inTrouble)
    }

    @Test(
        "Confidence lowers a status, never raises it",
        arguments: [
            (60.0, 8, Status.onTrack), (60, 6, .onTrack), (60, 5, .atRisk), (60, 4, .atRisk), (60, 3, .inTrouble),
            (60, 0, .inTrouble), (30, 10, .atRisk), (0, 10, .inTrouble), (100, 2, .complete),
        ])
    func confidence(value: Double, confidence: Int, expected: Status) {
        #expect(status(value: value, confidence: confidence) == expected)
    }

    @Test("Confidence carries forward from the latest check-in that reported one")
    func confidenceCarries() {
        let report = evaluator.evaluate(
            increase(),
            checkIns: [checkIn(30, at: at(0.3), confidence: 4), checkIn(50, at: at(0.5))],
            at: at(0.5))
        #expect(report.confidence == 4)
        #expect(report.status == .atRisk)
    }

    @Test("Self-reported status words lower the status")
    func reportedStatus() {
        let offTrack = evaluator.evaluate(increase(), checkIns: [checkIn(55, at: at(0.5), reported: .offTrack)], at: at(0.5))
        #expect(offTrack.status == .inTrouble)
        let blocked = evaluator.evaluate(increase(), checkIns: [checkIn(55, at: at(0.5), reported: .blocked)], at: at(0.5))
        #expect(blocked.status == .atRisk)
        #expect(blocked.has(.blocked))
    }

    @Test("No check-in: no data once the period has started, on track before it starts")
    func noData() {
        let started = evaluator.evaluate(increase(), checkIns: [], at: at(0.1))
        #expect(started.status == .noData)
        #expect(started.progress == 0)
        let before = evaluator.evaluate(increase(), checkIns: [], at: q4.start.addingTimeInterval(-3600))
        #expect(before.status == .onTrack)
    }

    @Test("Check-ins after the evaluation instant are ignored")
    func onlyThePast() {
        let report = evaluator.evaluate(increase(), checkIns: [checkIn(10, at: at(0.2)), checkIn(90, at: at(0.6))], at: at(0.5))
        #expect(report.currentValue == 10)
        #expect(report.lastCheckIn == at(0.2))
    }

    @Test("A threshold is exactly on pace while healthy and complete once the period is over")
    func thresholdStatus() {
        let kr = KeyResult(key: "r", title: "Renewal", owner: "li", kind: .threshold, unit: .percent, baseline: 85, target: 90)
        let during = evaluator.evaluate(kr, checkIns: [checkIn("r", 92, at: at(0.2))], at: at(0.5))
        #expect(during.status == .onTrack)
        #expect(during.progress == during.expected)
        #expect(!during.has(.sandbagging))
        let end = evaluator.evaluate(kr, checkIns: [checkIn("r", 92, at: at(0.9))], at: q4.end)
        #expect(end.status == .complete)
        #expect(end.progress == 1)
        // A confidence without a value, from a healthy baseline: no more than on pace either.
        let healthyStart = KeyResult(key: "h", title: "Healthy", owner: "li", kind: .threshold, unit: .percent, baseline: 95, target: 90)
        let noValue = evaluator.evaluate(healthyStart, checkIns: [checkIn("h", nil, at: at(0.4), confidence: 8)], at: at(0.5))
        #expect(noValue.progress <= noValue.expected)
    }

    @Test(
        "A breached threshold: at risk, in trouble when breached two weekly check-ins in a row or worse than the baseline",
        arguments: [
            ([92.0, 89], Status.atRisk), ([89, 92], .onTrack), ([89, 89.5], .inTrouble), ([92, 84], .inTrouble), ([91, 90], .onTrack),
        ])
    func thresholdBreach(values: [Double], expected: Status) {
        let kr = KeyResult(key: "r", title: "Renewal", owner: "li", kind: .threshold, unit: .percent, baseline: 85, target: 90)
        // One check-in a week, the last at 0.5.
        let checkIns = values.enumerated().map { checkIn("r", $1, at: at(0.5).addingTimeInterval(Double($0 - values.count + 1) * 7 * 86_400)) }
        let report = evaluator.evaluate(kr, checkIns: checkIns, at: at(0.5))
        #expect(report.status == expected, "\(values): \(report.reasons)")
        if expected != .onTrack {
            #expect(report.reasons.first?.hasPrefix("below 90% since ") == true, "\(report.reasons)")
            #expect(report.progress < report.expected)
        }
    }

    @Test("Stale after 14 days without a check-in, not counting time away")
    func stale() {
        let kr = increase()
        let last = berlinTime(2026, 11, 2)
        let fresh = evaluator.evaluate(kr, checkIns: [checkIn(40, at: last)], at: berlinTime(2026, 11, 15))
        #expect(!fresh.has(.stale))
        let old = evaluator.evaluate(kr, checkIns: [checkIn(40, at: last)], at: berlinTime(2026, 11, 16, 12, 1))
        #expect(old.has(.stale))
        #expect(old.stalled)
        #expect(old.needsAttention)

        // A week of holiday in between does not count.
        let holiday = DateInterval(start: berlinTime(2026, 11, 5, 0, 0), end: berlinTime(2026, 11, 12, 0, 0))
        let away = evaluator.evaluate(kr, checkIns: [checkIn(40, at: last)], at: berlinTime(2026, 11, 20), context: KeyResultContext(ownerAway: [holiday]))
        #expect(!away.has(.stale))
        let awayNow = evaluator.evaluate(kr, checkIns: [checkIn(40, at: last)], at: berlinTime(2026, 11, 6), context: KeyResultContext(ownerAway: [holiday]))
        #expect(awayNow.has(.ownerAway))
    }

    @Test("Only the owner's work days count toward staleness: two weeks are ten work days, whichever days those are")
    func staleInWorkDays() {
        let kr = increase()
        let mondayToFriday = KeyResultContext(ownerWorkWeek: WorkWeek(workdays: Weekday.workweek, timeZone: berlin))
        let sundayToThursday = KeyResultContext(ownerWorkWeek: WorkWeek(workdays: [.sunday, .monday, .tuesday, .wednesday, .thursday], timeZone: berlin))

        // Monday to Friday: nine work days by Friday of the next week, ten by the Monday after.
        let monday = [checkIn(40, at: berlinTime(2026, 11, 2))]
        #expect(!evaluator.evaluate(kr, checkIns: monday, at: berlinTime(2026, 11, 13), context: mondayToFriday).has(.stale))
        let stale = evaluator.evaluate(kr, checkIns: monday, at: berlinTime(2026, 11, 16, 12, 1), context: mondayToFriday)
        #expect(stale.has(.stale))
        #expect(stale.reasons.contains("no check-in for 10 work days"), "\(stale.reasons)")

        // Sunday to Thursday, last check-in on a Thursday: their Fridays and Saturdays do not count,
        // so by Sunday night of the next week it is six work days, not ten calendar days.
        let thursday = [checkIn(40, at: berlinTime(2026, 11, 5))]
        #expect(!evaluator.evaluate(kr, checkIns: thursday, at: berlinTime(2026, 11, 15, 23, 0), context: sundayToThursday).has(.stale))
        #expect(evaluator.evaluate(kr, checkIns: thursday, at: berlinTime(2026, 11, 19, 12, 1), context: sundayToThursday).has(.stale))
        // The same silence judged without a work week: fourteen calendar days.
        #expect(!evaluator.evaluate(kr, checkIns: thursday, at: berlinTime(2026, 11, 19, 11, 59)).has(.stale))

        // A four-day week gets the same share of the two weeks: eight work days.
        let fourDays = KeyResultContext(ownerWorkWeek: WorkWeek(workdays: [.monday, .tuesday, .wednesday, .thursday], timeZone: berlin))
        #expect(!evaluator.evaluate(kr, checkIns: monday, at: berlinTime(2026, 11, 12, 12, 1), context: fourDays).has(.stale))
        #expect(evaluator.evaluate(kr, checkIns: monday, at: berlinTime(2026, 11, 16, 12, 1), context: fourDays).has(.stale))
    }

    @Test("A work week's days off are whole local days, adjacent ones merged")
    func daysOff() {
        let week = WorkWeek(workdays: [.sunday, .monday, .tuesday, .wednesday, .thursday], timeZone: berlin)
        let off = week.daysOff(from: berlinTime(2026, 11, 5), to: berlinTime(2026, 11, 16))
        #expect(off == [DateInterval(start: berlinTime(2026, 11, 6, 0, 0), end: berlinTime(2026, 11, 8, 0, 0)),
                        DateInterval(start: berlinTime(2026, 11, 13, 0, 0), end: berlinTime(2026, 11, 15, 0, 0))])
        #expect(WorkWeek(workdays: Set(Weekday.allCases), timeZone: berlin).daysOff(from: berlinTime(2026, 11, 5), to: berlinTime(2026, 11, 16)).isEmpty)
        #expect(week.share == 5.0 / 7)
    }

    @Test("Never checked in: stale 14 days into the period")
    func staleFromStart() {
        let report = evaluator.evaluate(increase(), checkIns: [], at: berlinTime(2026, 10, 16))
        #expect(report.has(.stale))
        #expect(report.status == .noData)
    }

    @Test("No movement: three weekly check-ins without progress while the pace rose")
    func noMovement() {
        let kr = increase()
        let flat = [checkIn(30, at: berlinTime(2026, 11, 2)), checkIn(30, at: berlinTime(2026, 11, 9)), checkIn(29, at: berlinTime(2026, 11, 16))]
        let report = evaluator.evaluate(kr, checkIns: flat, at: berlinTime(2026, 11, 17))
        #expect(report.has(.noMovement))
        #expect(report.stalled)

        let moving = [checkIn(30, at: berlinTime(2026, 11, 2)), checkIn(30, at: berlinTime(2026, 11, 9)), checkIn(31, at: berlinTime(2026, 11, 16))]
        #expect(!evaluator.evaluate(kr, checkIns: moving, at: berlinTime(2026, 11, 17)).has(.noMovement))

        // Three updates in one week count as one: not enough history yet.
        let sameWeek = [checkIn(30, at: berlinTime(2026, 11, 16)), checkIn(30, at: berlinTime(2026, 11, 17)), checkIn(30, at: berlinTime(2026, 11, 18))]
        #expect(!evaluator.evaluate(kr, checkIns: sameWeek, at: berlinTime(2026, 11, 19)).has(.noMovement))
    }

    @Test("A second check-in in the same week replaces the first for status purposes")
    func sameWeekReplaces() {
        let kr = increase()
        let monday = checkIn(60, at: berlinTime(2026, 11, 16), confidence: 8)
        let wednesday = checkIn(55, at: berlinTime(2026, 11, 18))
        let weekly = evaluator.weeklyLatest([monday, wednesday])
        #expect(weekly.count == 1)
        #expect(weekly[0].value == 55)
        #expect(weekly[0].confidence == 8)
        let report = evaluator.evaluate(kr, checkIns: [monday, wednesday], at: berlinTime(2026, 11, 19))
        #expect(report.currentValue == 55)
    }

    @Test("A confidence drop of 3 or more between check-ins needs attention")
    func confidenceDrop() {
        let kr = increase()
        let drop = evaluator.evaluate(kr, checkIns: [checkIn(40, at: berlinTime(2026, 11, 2), confidence: 9), checkIn(48, at: berlinTime(2026, 11, 9), confidence: 6)], at: berlinTime(2026, 11, 10))
        #expect(drop.has(.confidenceDrop))
        #expect(drop.needsAttention)
        let small = evaluator.evaluate(kr, checkIns: [checkIn(40, at: berlinTime(2026, 11, 2), confidence: 9), checkIn(48, at: berlinTime(2026, 11, 9), confidence: 7)], at: berlinTime(2026, 11, 10))
        #expect(!small.has(.confidenceDrop))
    }

    @Test("Sandbagging: complete before half time, or 50 points ahead of pace")
    func sandbagging() {
        let kr = increase()
        let early = evaluator.evaluate(kr, checkIns: [checkIn(100, at: at(0.4))], at: at(0.6))
        #expect(early.status == .complete)
        #expect(early.has(.sandbagging))
        let late = evaluator.evaluate(kr, checkIns: [checkIn(100, at: at(0.7))], at: at(0.75))
        #expect(!late.has(.sandbagging))
        let ahead = evaluator.evaluate(kr, checkIns: [checkIn(80, at: at(0.3))], at: at(0.3))
        #expect(ahead.has(.sandbagging))
        let slightlyAhead = evaluator.evaluate(kr, checkIns: [checkIn(60, at: at(0.3))], at: at(0.3))
        #expect(!slightlyAhead.has(.sandbagging))
    }

    /// One row of the objective roll-up table: key results (weight, value reported at half time)
    /// of 0 -> 100 key results, and the objective's expected status.
    struct RollUpCase: Sendable, CustomStringConvertible {
        var name: String
        var keyResults: [(weight: Double, value: Double?)]
        var status: Status
        var description: String { name }
    }

    static let rollUps: [RollUpCase] = [
        // A heavy key result done and a light one in trouble: 75 % against 50 %, on pace.
        RollUpCase(name: "heavy done, light in trouble", keyResults: [(3, 150), (1, 0)], status: .onTrack),
        // 45 % against 50 %: within 10 points, though one key result is at risk.
        RollUpCase(name: "slightly behind", keyResults: [(1, 60), (1, 30)], status: .onTrack),
        // 35 % against 50 %: 15 points behind.
        RollUpCase(name: "15 points behind", keyResults: [(1, 40), (1, 30)], status: .atRisk),
        // The case: a heavy key result complete, two in trouble, 71 % against 100 % at the end.
        RollUpCase(name: "complete heavy one cannot hide two in trouble", keyResults: [(2, 100), (1, 20), (1, 0)], status: .inTrouble),
        // Close to the pace on average, yet two thirds of its weight in trouble: never better than at risk.
        RollUpCase(name: "most weight in trouble", keyResults: [(1, 100), (1, 20), (1, 20)], status: .atRisk),
        RollUpCase(name: "every key result complete", keyResults: [(1, 100), (2, 120)], status: .complete),
        RollUpCase(name: "nothing reported", keyResults: [(1, nil), (1, nil)], status: .noData),
    ]

    @Test("Objective status: its weighted progress against its weighted pace, never better than at risk with most weight in trouble",
          arguments: rollUps)
    func objectiveRollUp(_ row: RollUpCase) {
        let keyResults = row.keyResults.indices.map { increase("k\($0)", weight: row.keyResults[$0].weight) }
        let objective = Objective(key: "o", title: "O", team: "t", keyResults: keyResults)
        var checkIns: [String: [CheckIn]] = [:]
        // The case is read at the end of the period; the others at half time.
        let instant = row.name.hasPrefix("complete heavy") ? at(0.999) : at(0.5)
        for (index, entry) in row.keyResults.enumerated() {
            if let value = entry.value { checkIns["k\(index)"] = [checkIn("k\(index)", value, at: instant)] }
        }
        let report = evaluator.evaluate(objective, checkIns: checkIns, at: instant)
        #expect(report.status == row.status, "\(row.name): \(report.progress) against \(report.expected), \(report.reasons)")
    }

    @Test("An objective's reasons say how far behind it is and name the key results that pull it down, worst first")
    func objectiveReasons() {
        let objective = Objective(key: "o", title: "O", team: "t", keyResults: [increase("a"), increase("b", weight: 2), increase("c")])
        let report = evaluator.evaluate(objective, checkIns: ["a": [checkIn("a", 50, at: at(0.5))], "b": [checkIn("b", 10, at: at(0.5))],
                                                              "c": [checkIn("c", 35, at: at(0.5))]], at: at(0.5))
        // 26 % against 50 %: 24 points behind; b, in trouble, is half of the weight, not more.
        #expect(report.status == .atRisk)
        #expect(report.reasons == ["26% done against the expected 50%", "pulled down by b (in trouble), c (at risk)"])
        #expect(abs(report.progress - 0.2625) < 1e-12)
    }

    @Test("Grades are clamped progress, objectives the weighted mean")
    func grading() {
        let objective = Objective(key: "o", title: "O", team: "t", keyResults: [increase("a", weight: 2), increase("b")])
        let report = evaluator.evaluate(objective, checkIns: ["a": [checkIn("a", 130, at: at(0.9))], "b": [checkIn("b", 40, at: at(0.9))]], at: q4.end)
        #expect(Grading.score(report.keyResults[0]) == 1)
        #expect(Grading.score(report.keyResults[1]) == 0.4)
        #expect(Grading.score(report) == 0.8)
        #expect(Grading.band(0.7) == .green)
        #expect(Grading.band(0.5) == .yellow)
        #expect(Grading.band(0.2) == .red)
    }

    @Test("KPI health follows its direction")
    func kpiHealth() {
        let dealSize = KPI(key: "deal-size", title: "Deal size", team: "t", unit: .currency("USD"), direction: .atLeast, target: 45_000)
        #expect(!dealSize.isHealthy(41_000))
        #expect(dealSize.isHealthy(45_000))
        let cycle = KPI(key: "cycle", title: "Sales cycle", team: "t", unit: .days, direction: .atMost, target: 45)
        #expect(cycle.isHealthy(40))
        #expect(!cycle.isHealthy(52))
    }
}
