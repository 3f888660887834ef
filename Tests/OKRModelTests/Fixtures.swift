import Foundation
import OKRModel

let berlin = TimeZone(identifier: "Europe/Berlin")!
let newYork = TimeZone(identifier: "America/New_York")!
let utc = TimeZone(identifier: "UTC")!
let q4 = Period(named: "2026-Q4", timeZone: berlin)!

/// The instant at `fraction` of the way through Q4 2026 (Berlin).
func at(_ fraction: Double) -> Date {
    q4.start.addingTimeInterval(q4.duration * fraction)
}

/// A local instant in Berlin.
func berlinTime(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 12, _ mi: Int = 0) -> Date {
    WallClock.instant(day: LocalDate(year: y, month: m, day: d), hour: h, minute: mi, in: berlin)
}

func increase(_ key: String = "kr", baseline: Double = 0, target: Double = 100, weight: Double = 1, pace: Pace = .linear) -> KeyResult {
    KeyResult(key: key, title: "Title of \(key)", owner: "maria", kind: .increase, unit: .count, baseline: baseline, target: target, weight: weight, pace: pace)
}

func checkIn(_ key: String, _ value: Double?, at instant: Date, confidence: Int? = nil, reported: ReportedStatus? = nil) -> CheckIn {
    CheckIn(keyResult: key, author: "maria", at: instant, value: value, confidence: confidence, reported: reported)
}

func checkIn(_ value: Double?, at instant: Date, confidence: Int? = nil, reported: ReportedStatus? = nil) -> CheckIn {
    checkIn("kr", value, at: instant, confidence: confidence, reported: reported)
}
