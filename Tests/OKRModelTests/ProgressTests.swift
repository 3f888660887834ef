import Foundation
import OKRModel
import Testing

@Suite("Progress of each key-result kind")
struct ProgressTests {
    @Test("increase: (c - b) / (g - b), raw beyond both ends")
    func increaseProgress() {
        let kr = increase(baseline: 20, target: 70)
        #expect(kr.progress(of: 20) == 0)
        #expect(kr.progress(of: 45) == 0.5)
        #expect(kr.progress(of: 70) == 1)
        #expect(kr.progress(of: 95) == 1.5)  // over-achievement kept raw
        #expect(kr.progress(of: 10) == -0.2)  // below the baseline kept raw
    }

    @Test("decrease works with the same formula")
    func decreaseProgress() {
        let kr = KeyResult(key: "cycle", title: "Cut sales cycle", owner: "li", kind: .decrease, unit: .days, baseline: 60, target: 45)
        #expect(kr.progress(of: 60) == 0)
        #expect(kr.progress(of: 52.5) == 0.5)
        #expect(kr.progress(of: 45) == 1)
        #expect(kr.progress(of: 30) == 2)
        #expect(kr.progress(of: 66) == -0.4)
    }

    @Test("threshold at least: 1 while healthy, else the way from baseline to threshold")
    func thresholdAtLeast() {
        let kr = KeyResult(key: "renewals", title: "Renewal rate", owner: "li", kind: .threshold, unit: .percent, baseline: 80, target: 90)
        #expect(kr.progress(of: 90) == 1)
        #expect(kr.progress(of: 97) == 1)
        #expect(abs(kr.progress(of: 85) - 0.5) < 1e-12)
        #expect(kr.progress(of: 80) == 0)
        #expect(kr.progress(of: 75) < 0)
    }

    @Test("threshold at most, and a baseline that was already healthy")
    func thresholdAtMost() {
        let churn = KeyResult(key: "churn", title: "Churn", owner: "li", kind: .threshold, unit: .percent, baseline: 12, target: 8, direction: .atMost)
        #expect(churn.progress(of: 8) == 1)
        #expect(churn.progress(of: 5) == 1)
        #expect(churn.progress(of: 10) == 0.5)
        let healthyStart = KeyResult(key: "nps", title: "NPS", owner: "li", kind: .threshold, unit: .number, baseline: 50, target: 45)
        #expect(healthyStart.progress(of: 47) == 1)
        #expect(healthyStart.progress(of: 40) == 0)
    }

    @Test("milestones: done / total")
    func milestones() {
        let kr = KeyResult(key: "territory", title: "Territory model", owner: "maria", kind: .milestone, milestones: ["a", "b", "c", "d"])
        #expect(kr.progress(of: 0) == 0)
        #expect(kr.progress(of: 1) == 0.25)
        #expect(kr.progress(of: 4) == 1)
        #expect(kr.format(2) == "2 of 4")
    }

    @Test("clamping is for display only")
    func clamping() {
        let evaluator = Evaluator(period: q4)
        let over = evaluator.evaluate(increase(), checkIns: [checkIn(150, at: at(0.8))], at: at(0.8))
        #expect(over.progress == 1.5)
        #expect(over.clampedProgress == 1)
        let under = evaluator.evaluate(increase(baseline: 50, target: 100), checkIns: [checkIn(40, at: at(0.1))], at: at(0.1))
        #expect(under.progress == -0.2)
        #expect(under.clampedProgress == 0)
    }
}

@Suite("Pace curves")
struct PaceTests {
    @Test("linear is the elapsed fraction, clamped to the period")
    func linear() {
        #expect(Pace.linear.expected(at: at(0), in: q4) == 0)
        #expect(abs(Pace.linear.expected(at: at(0.5), in: q4) - 0.5) < 1e-12)
        #expect(Pace.linear.expected(at: q4.start.addingTimeInterval(-86_400), in: q4) == 0)
        #expect(Pace.linear.expected(at: q4.end.addingTimeInterval(86_400), in: q4) == 1)
    }

    @Test("backloaded expects a quarter of the result at half time")
    func backloaded() {
        #expect(abs(Pace.backloaded.expected(at: at(0.5), in: q4) - 0.25) < 1e-12)
        #expect(abs(Pace.backloaded.expected(at: at(1), in: q4) - 1) < 1e-12)
        #expect(Pace.backloaded.expected(at: at(0.3), in: q4) < Pace.linear.expected(at: at(0.3), in: q4))
    }

    @Test("explicit points interpolate between checkpoints and end at 1")
    func points() {
        let pace = Pace.points([PacePoint(day: LocalDate(year: 2026, month: 11, day: 15), expected: 0.4)])
        let mid = LocalDate(year: 2026, month: 11, day: 15).startOfDay(in: berlin)
        #expect(abs(pace.expected(at: mid, in: q4) - 0.4) < 1e-9)
        #expect(pace.expected(at: q4.start, in: q4) == 0)
        #expect(abs(pace.expected(at: q4.end, in: q4) - 1) < 1e-9)
        let halfwayToMid = Date(timeIntervalSince1970: (q4.start.timeIntervalSince1970 + mid.timeIntervalSince1970) / 2)
        #expect(abs(pace.expected(at: halfwayToMid, in: q4) - 0.2) < 1e-9)
    }

    @Test("a period runs from the first instant of its first day to the first instant after its last")
    func periodBounds() {
        #expect(q4.firstDay == LocalDate(year: 2026, month: 10, day: 1))
        #expect(q4.lastDay == LocalDate(year: 2026, month: 12, day: 31))
        #expect(q4.start == berlinTime(2026, 10, 1, 0, 0))
        #expect(q4.end == berlinTime(2027, 1, 1, 0, 0))
        #expect(q4.weekCount == 14)
        #expect(Period(named: "2027-H1", timeZone: utc)?.lastDay == LocalDate(year: 2027, month: 6, day: 30))
        #expect(Period(named: "2026-Q5", timeZone: utc) == nil)
        #expect(Period(named: "Q4", timeZone: utc) == nil)
    }
}
