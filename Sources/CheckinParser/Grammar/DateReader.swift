import Foundation
import OKRModel

/// Reads dates people write in chat, relative to the reply time in the author's time zone:
/// weekday names (next occurrence), `today`, `tomorrow`, `end of week`, `next week`,
/// `in N days|weeks`, ISO dates, `Dec 4` / `4 Dec`; numeric dates only when unambiguous.
struct DateReader {
    let today: LocalDate
    /// Monday = 1 ... Sunday = 7.
    let weekday: Int
    /// Days since 1970-01-01 of `today`.
    private let todayNumber: Int

    init(replyTime: Date, timeZone: TimeZone) {
        let local = replyTime.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: replyTime))
        let days = Int((local / 86_400).rounded(.down))
        todayNumber = days
        today = Self.civil(days)
        weekday = ((days % 7) + 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday
    }

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    static func dayNumber(_ day: LocalDate) -> Int {
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (day.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    static func civil(_ days: Int) -> LocalDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return LocalDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    enum Outcome: Equatable {
        case day(LocalDate)
        case error(String)
        case notADate
    }

    static let monthNames: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7), ("august", 8),
        ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4),
        ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ]
    static let dayNames: [(String, Int)] = [
        ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5), ("saturday", 6), ("sunday", 7),
        ("mon", 1), ("tue", 2), ("tues", 2), ("wed", 3), ("thu", 4), ("thur", 4), ("thurs", 4), ("fri", 5), ("sat", 6), ("sun", 7),
    ]
    static let numberWords = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1]

    /// Splits lowercase bytes into at most `limit` words at spaces and commas, trimming `.!?()`
    /// from each, without going through `Character`.
    static func words<C: RandomAccessCollection<UInt8>>(_ lower: C, _ range: Range<Int>, limit: Int = 6) -> [String] where C.Index == Int {
        var result: [String] = []
        var i = range.lowerBound
        while i < range.upperBound, result.count < limit {
            while i < range.upperBound, lower[i] == 0x20 || lower[i] == 0x2C { i += 1 }
            var j = i
            while j < range.upperBound, lower[j] != 0x20, lower[j] != 0x2C { j += 1 }
            var a = i
            var b = j
            func trimmed(_ byte: UInt8) -> Bool { byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x28 || byte == 0x29 }
            while a < b, trimmed(lower[a]) { a += 1 }
            while b > a, trimmed(lower[b - 1]) { b -= 1 }
            if b > a { result.append(String(decoding: lower[a..<b], as: UTF8.self)) }
            i = j
        }
        return result
    }

    /// Reads the date at the start of `text` (lowercase). Returns how many words it used.
    func read(_ text: String) -> (Outcome, Int) {
        let lower = Array(text.utf8)
        return read(words: Self.words(lower, 0..<lower.count))
    }

    /// Reads the date at the start of `words` (lowercase). Returns how many words it used.
    func read(words: [String]) -> (Outcome, Int) {
        // "by the end of the week": a leading article carries nothing.
        if words.first == "the", words.count > 1 {
            let (outcome, used) = read(words: Array(words.dropFirst()))
            return used > 0 ? (outcome, used + 1) : (outcome, 0)
        }
        guard let first = words.first else { return (.notADate, 0) }
        func word(_ i: Int) -> String? { i < words.count ? words[i] : nil }

        switch first {
        case "today", "tonight", "eod": return (.day(today), 1)
        case "tomorrow", "tmrw", "tmr", "tomorow": return (.day(adding(1)), 1)
        case "eow": return (.day(endOfWeek(weeksAhead: 0)), 1)
        case "eom": return (.day(endOfMonth()), 1)
        default: break
        }
        if first == "end" {
            let rest = words.dropFirst().filter { $0 != "the" && $0 != "of" }
            if rest.first == "week" || (rest.first == "this" && rest.dropFirst().first == "week") {
                return (.day(endOfWeek(weeksAhead: 0)), words.count >= 4 && words[2] == "the" ? 4 : (rest.first == "this" ? 4 : 3))
            }
            if rest.first == "next" && rest.dropFirst().first == "week" { return (.day(endOfWeek(weeksAhead: 1)), 4) }
            if rest.first == "month" || (rest.first == "this" && rest.dropFirst().first == "month") {
                return (.day(endOfMonth()), words.count >= 4 && words[2] == "the" ? 4 : 3)
            }
            return (.notADate, 0)
        }
        if first == "this", word(1) == "week" { return (.day(endOfWeek(weeksAhead: 0)), 2) }
        if first == "next", word(1) == "week" { return (.day(endOfWeek(weeksAhead: 1)), 2) }
        if first == "next", word(1) == "month" { return (.day(endOfMonth(monthsAhead: 1)), 2) }
        if first == "in", let amount = word(1).flatMap({ Int($0) ?? Self.numberWords[$0] }), let unit = word(2) {
            if unit.hasPrefix("day") { return (.day(adding(amount)), 3) }
            if unit.hasPrefix("week") || unit == "wk" || unit == "wks" { return (.day(adding(7 * amount)), 3) }
            return (.notADate, 0)
        }
        // Weekday names, optionally after "on", "this" or "next".
        let offset = first == "on" || first == "this" || first == "next" ? 1 : 0
        if let name = word(offset), let target = Self.dayNames.first(where: { $0.0 == name })?.1 {
            var ahead = (target - weekday + 7) % 7
            if ahead == 0 { ahead = 7 }
            return (.day(adding(ahead)), offset + 1)
        }
        // ISO 2026-12-04
        if first.count == 10, first.dropFirst(4).first == "-" {
            let parts = first.split(separator: "-")
            if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
                guard valid(y, m, d) else { return (.error("\(first) is not a real date; check the day and month, e.g. 2026-12-04"), 1) }
                return (.day(LocalDate(year: y, month: m, day: d)), 1)
            }
        }
        // Month name then day: "dec 4", "december 4th", "dec 4 2026"
        if let month = Self.month(first), let day = word(1).flatMap(Self.dayNumber) {
            if let year = word(2).flatMap({ Int($0) }), year > 1900 {
                return valid(year, month, day) ? (.day(LocalDate(year: year, month: month, day: day)), 3) : (.error("\(first) \(day) \(year) is not a real date; check the day and month, e.g. 2026-12-04"), 3)
            }
            return dayOfMonth(month, day, used: 2, text: "\(first) \(day)")
        }
        // LocalDate then month: "4 dec", "4th of december", "4. dezember"
        if let day = Self.dayNumber(first) {
            var i = 1
            if word(i) == "of" { i += 1 }
            if let month = word(i).flatMap(Self.month) {
                if let year = word(i + 1).flatMap({ Int($0) }), year > 1900 {
                    return valid(year, month, day) ? (.day(LocalDate(year: year, month: month, day: day)), i + 2) : (.error("\(day) \(word(i)!) \(year) is not a real date; check the day and month, e.g. 2026-12-04"), i + 2)
                }
                return dayOfMonth(month, day, used: i + 1, text: "\(day) \(word(i)!)")
            }
        }
        // Numeric day and month: 12/4, 4.12., 25/12
        let numeric = first.split(whereSeparator: { $0 == "/" || $0 == "." }).compactMap { Int($0) }
        if numeric.count >= 2, numeric.count <= 3, first.allSatisfy({ $0.isNumber || $0 == "/" || $0 == "." }) {
            let a = numeric[0]
            let b = numeric[1]
            let year = numeric.count == 3 ? (numeric[2] < 100 ? 2000 + numeric[2] : numeric[2]) : nil
            let dayFirst = (1...12).contains(b) && (1...31).contains(a)
            let monthFirst = (1...12).contains(a) && (1...31).contains(b)
            let example = "write it as \(today.year)-MM-DD (e.g. \(LocalDate(year: today.year, month: 12, day: 4))) or with the month's name (Dec 4)"
            if dayFirst && monthFirst && a != b {
                return (.error("\(first) could be \(Self.describe(month: b, day: a)) or \(Self.describe(month: a, day: b)); \(example)"), 1)
            }
            if dayFirst || monthFirst {
                let (month, day) = dayFirst ? (b, a) : (a, b)
                if let year { return valid(year, month, day) ? (.day(LocalDate(year: year, month: month, day: day)), 1) : (.error("\(first) is not a real date; check the day and month, e.g. 2026-12-04"), 1) }
                return dayOfMonth(month, day, used: 1, text: first)
            }
            return (.error("\(first) is not a date I can read; \(example)"), 1)
        }
        return (.notADate, 0)
    }

    private func dayOfMonth(_ month: Int, _ day: Int, used: Int, text: String) -> (Outcome, Int) {
        // The next such day: this year, unless it is more than a month past.
        var year = today.year
        guard valid(year, month, day) || valid(year + 1, month, day) else { return (.error("\(text) is not a real date; check the day and month, e.g. 2026-12-04"), used) }
        let candidate = LocalDate(year: year, month: month, day: day)
        if candidate < today, daysBetween(candidate, today) > 31 { year += 1 }
        guard valid(year, month, day) else { return (.error("\(text) is not a real date; check the day and month, e.g. 2026-12-04"), used) }
        return (.day(LocalDate(year: year, month: month, day: day)), used)
    }

    static func month(_ word: String) -> Int? {
        monthNames.first { $0.0 == word }?.1
    }

    static func dayNumber(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th", "."] where digits.hasSuffix(suffix) { digits = String(digits.dropLast(suffix.count)) }
        guard let value = Int(digits), (1...31).contains(value) else { return nil }
        return value
    }

    static func describe(month: Int, day: Int) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(day) \(names[month - 1])"
    }

    func adding(_ days: Int) -> LocalDate {
        Self.civil(todayNumber + days)
    }

    /// Friday of this week (or of a later week). On a weekend, the coming Friday.
    func endOfWeek(weeksAhead: Int) -> LocalDate {
        var ahead = 5 - weekday
        if ahead < 0 { ahead += 7 }
        return adding(ahead + 7 * weeksAhead)
    }

    func endOfMonth(monthsAhead: Int = 0) -> LocalDate {
        var month = today.month + monthsAhead
        var year = today.year
        while month > 12 { month -= 12; year += 1 }
        return LocalDate(year: year, month: month, day: Self.daysIn(month: month, year: year))
    }

    func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.daysIn(month: month, year: year) && (1900...9999).contains(year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    func daysBetween(_ a: LocalDate, _ b: LocalDate) -> Int {
        Self.dayNumber(b) - Self.dayNumber(a)
    }
}
