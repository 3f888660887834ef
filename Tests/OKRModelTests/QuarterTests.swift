import Foundation
import OKRModel
import Testing

@Suite("A quarter played on a virtual clock")
struct QuarterTests {
    @Test("Weekly check-ins through Q4: statuses follow the story week by week")
    func quarter() {
        // Given a key result to sign 5 partners, checked in every Monday with this story
        let kr = KeyResult(key: "partners", title: "Sign 5 reseller partners", owner: "maria", kind: .increase, unit: .count, baseline: 0, target: 5)
        let evaluator = Evaluator(period: q4)
        let mondays = (0..<13).map { LocalDate(year: 2026, month: 10, day: 5).adding(days: 7 * $0) }
        let values: [Double] = [0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
        var history: [CheckIn] = []
        var statuses: [Status] = []
        var stalledWeeks: [Int] = []
        for (week, day) in mondays.enumerated() {
            let now = WallClock.instant(day: day, hour: 10, minute: 0, in: berlin)
            history.append(CheckIn(keyResult: "partners", author: "maria", at: now, value: values[week]))
            // When the virtual clock reaches Wednesday of that week
            let wednesday = now.addingTimeInterval(2 * 86_400)
            let report = evaluator.evaluate(kr, checkIns: history, at: wednesday)
            statuses.append(report.status)
            if report.stalled { stalledWeeks.append(week) }
        }
        // Then (by hand: Wednesday of week w is e = 0.0697 + 0.0761 w; p = value / 5; at risk once
        // e - p > 0.10): on pace early, slipping in the flat middle (week 4: 0.374 vs 0.2; week 6:
        // 0.526 vs 0.4), recovering, complete at the end
        #expect(statuses == [
            .onTrack, .onTrack, .onTrack, .onTrack, .atRisk, .onTrack, .atRisk, .onTrack, .onTrack, .onTrack, .onTrack, .complete, .complete,
        ])
        #expect(stalledWeeks == [3, 4])
        let final = evaluator.evaluate(kr, checkIns: history, at: q4.end)
        #expect(Grading.score(final) == 1)
        #expect(!final.has(.sandbagging))
    }

    @Test("The same history gives the same answer at every hour: evaluation is a pure function of time")
    func deterministic() {
        let kr = increase()
        let evaluator = Evaluator(period: q4)
        let history = (0..<10).map { checkIn(Double($0 * 8), at: at(Double($0) / 12)) }
        var instant = q4.start
        while instant < q4.end {
            let a = evaluator.evaluate(kr, checkIns: history, at: instant)
            let b = evaluator.evaluate(kr, checkIns: history.shuffled(), at: instant)
            #expect(a == b)
            instant = instant.addingTimeInterval(7 * 3600)
        }
    }
}
