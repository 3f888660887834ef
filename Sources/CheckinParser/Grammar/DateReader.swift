import Foundation
import OKRModel

/// Reads dates people write in chat, relative to the reply time in the author's time zone:
/// weekday names (the next one; `next Tue` is the Tuesday of next week), `today`, `tomorrow`,
/// `EOD`, `EOW`, `end of week|month`, `next week`, `in N days|weeks`, ISO dates, `Dec 4` / `4th Dec`,
/// numeric dates only when unambiguous, and ranges (`Wed-Fri`, `Dec 1-4`, `23-27 Nov`, `Thu/Fri`).
/// Weekday names in German, Spanish, French and Portuguese are read too.
struct DateReader {
    let today: LocalDate
    /// Monday = 1 ... Sunday = 7.
    let weekday: Int

    /// Whether "30.11" is a day and a month: only where time away is said ("vom 30.11. bis 4.12. im
    /// Urlaub"); elsewhere "by 4.12" stays as ambiguous as "12/4".
    var dottedDays = false

    init(replyTime: Date, timeZone: TimeZone) {
        today = LocalDate(replyTime, in: timeZone)
        weekday = today.isoWeekday
    }

    enum Outcome: Equatable {
        case day(LocalDate)
        /// A span of days (`Wed-Fri`, `Dec 1-4`, `next week` read as a span).
        case range(LocalDate, LocalDate)
        case error(String)
        case notADate
    }

    static let monthNames: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7), ("august", 8),
        ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4),
        ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
        ("januar", 1), ("februar", 2), ("märz", 3), ("mai", 5), ("juni", 6), ("juli", 7), ("oktober", 10), ("dezember", 12), ("dez", 12),
        ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7), ("agosto", 8),
        ("septiembre", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12), ("dic", 12),
        ("janvier", 1), ("février", 2), ("mars", 3), ("avril", 4), ("juin", 6), ("juillet", 7), ("août", 8), ("septembre", 9),
        ("octobre", 10), ("novembre", 11), ("décembre", 12), ("dezembro", 12), ("novembro", 11),
    ]
    static let dayNames: [(String, Int)] = [
        ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5), ("saturday", 6), ("sunday", 7),
        ("mon", 1), ("tue", 2), ("tues", 2), ("wed", 3), ("weds", 3), ("thu", 4), ("thur", 4), ("thurs", 4), ("fri", 5), ("sat", 6), ("sun", 7),
        ("montag", 1), ("dienstag", 2), ("mittwoch", 3), ("donnerstag", 4), ("freitag", 5), ("samstag", 6), ("sonntag", 7),
        ("lunes", 1), ("martes", 2), ("miércoles", 3), ("miercoles", 3), ("jueves", 4), ("viernes", 5), ("sábado", 6), ("domingo", 7),
        ("lundi", 1), ("mardi", 2), ("mercredi", 3), ("jeudi", 4), ("vendredi", 5), ("samedi", 6), ("dimanche", 7),
        ("segunda", 1), ("terça", 2), ("quarta", 3), ("quinta", 4), ("sexta", 5),
        ("lunedì", 1), ("martedì", 2), ("mercoledì", 3), ("giovedì", 4), ("venerdì", 5), ("lunedi", 1), ("martedi", 2), ("mercoledi", 3), ("giovedi", 4), ("venerdi", 5),
        ("maandag", 1), ("dinsdag", 2), ("woensdag", 3), ("donderdag", 4), ("vrijdag", 5),
    ]
    static let germanShortDays = ["mo": 1, "di": 2, "mi": 3, "do": 4, "fr": 5, "sa": 6, "so": 7]
    static let numberWords = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1]

    /// Splits lowercase bytes into at most `limit` words at spaces and commas, trimming `.!?()`
    /// and a possessive `'s` from each, without going through `Character`.
    static func words<C: RandomAccessCollection<UInt8>>(_ lower: C, _ range: Range<Int>, limit: Int = 7) -> [String] where C.Index == Int {
        var result: [String] = []
        var i = range.lowerBound
        while i < range.upperBound, result.count < limit {
            while i < range.upperBound, lower[i] == 0x20 || lower[i] == 0x2C { i += 1 }
            var j = i
            while j < range.upperBound, lower[j] != 0x20, lower[j] != 0x2C { j += 1 }
            var a = i
            var b = j
            func trimmed(_ byte: UInt8) -> Bool { byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x28 || byte == 0x29 || byte == 0x3B || byte == 0x3A }
            while a < b, trimmed(lower[a]) { a += 1 }
            while b > a, trimmed(lower[b - 1]) { b -= 1 }
            if b - a > 2, lower[b - 2] == UInt8(ascii: "'"), lower[b - 1] == UInt8(ascii: "s") { b -= 2 }
            if b > a {
                // ("next wk", "in 2 wks": the short forms are the week; Dutch "t/m", up to and including.)
                let word = String(decoding: lower[a..<b], as: UTF8.self)
                result.append(word == "wk" ? "week" : word == "wks" ? "weeks" : word == "t/m" ? "through" : word)
            }
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
        // "by the end of the week", "on the 4th": a leading article or preposition carries nothing.
        if let first = words.first, first == "the" || first == "on" || first == "el" || first == "am" || first == "le", words.count > 1 {
            let (outcome, used) = read(words: Array(words.dropFirst()))
            return used > 0 ? (outcome, used + 1) : (outcome, 0)
        }
        guard let first = words.first else { return (.notADate, 0) }
        func word(_ i: Int) -> String? { i < words.count ? words[i] : nil }
        // "between 14 and 18 December", "zwischen 21. und 23. Dezember".
        if first == "between" || first == "zwischen" || first == "entre", let joiner = word(2), ["and", "und", "et", "y", "e", "&"].contains(joiner) {
            let (outcome, used) = read(words: [word(1) ?? "", "to"] + Array(words.dropFirst(3)))
            if case .range = outcome { return (outcome, used + 1) }
        }

        // "the week of Dec 14", "week of the 14th": Monday to Friday of that week.
        if first == "week", word(1) == "of", words.count > 2 {
            let (dated, used) = read(words: Array(words.dropFirst(2)))
            if case .day(let day) = dated, used > 0 {
                let monday = day.adding(days: 1 - weekday(of: day))
                return (.range(monday, monday.adding(days: 4)), used + 2)
            }
        }
        // "30.11.", "4.12.2026": day and month as German, French or Spanish write them.
        if dottedDays, let (day, month) = Self.dottedDay(first) { return dayOfMonth(month, day, used: 1, text: first) }
        // "30.11.-4.12.", "30.11.–04.12." written as one word.
        if dottedDays, let dash = first.firstIndex(where: { $0 == "-" || $0 == "–" }) {
            let a = first[..<dash].trimmingCharacters(in: CharacterSet(charactersIn: "."))
            let b = first[first.index(after: dash)...].trimmingCharacters(in: CharacterSet(charactersIn: "."))
            if let (d1, m1) = Self.dottedDay(a), let (d2, m2) = Self.dottedDay(b),
               case .day(let start) = dayOfMonth(m1, d1, used: 1, text: first).0, case .day(let end) = dayOfMonth(m2, d2, used: 1, text: first).0, end >= start {
                return (.range(start, end), 1)
            }
        }
        // ("week 2 of December", "week 8 of Q4": a week counted in something; which days is asked.)
        if Self.calendarWeekNames.contains(first), let n = word(1).flatMap({ Int($0) }), n >= 1, n <= 53, word(2) == "of" {
            return (.error("“\(words.prefix(4).joined(separator: " "))”: which days is that? Write them, e.g. Dec 7-11"), min(words.count, 4))
        }
        // "KW 49", "CW49", "week 49": Monday to Friday of that calendar (ISO) week.
        if let (week, used) = Self.calendarWeek(first, word(1), word(2)) {
            guard let monday = mondayOf(calendarWeek: week) else { return (.error("“\(words.prefix(used).joined(separator: " "))”: there is no calendar week \(week) this year or next; write the days, e.g. Dec 1-4"), used) }
            // ("KW 49 ab Dienstag", "week 49 from Wednesday": from that day of the week.)
            if let from = word(used), ["from", "ab", "desde", "dès"].contains(from), let day = word(used + 1).flatMap(Self.weekday), day <= 5 {
                return (.range(monday.adding(days: day - 1), monday.adding(days: 4)), used + 2)
            }
            // ("KW 49 (Mo-Mi)", "week 49 Mon-Wed", "KW 49 Dienstag": those days of that week.)
            if let next = word(used) {
                if let (a, b) = Self.pair(next), let start = Self.weekday(a) ?? Self.germanShortDays[a], let end = Self.weekday(b) ?? Self.germanShortDays[b], start <= end {
                    return (.range(monday.adding(days: start - 1), monday.adding(days: end - 1)), used + 1)
                }
                if Self.weekday(next) != nil || Self.germanShortDays[next] != nil { return (.error("“\(words.prefix(used + 1).joined(separator: " "))”: which days of that week? Write them, e.g. \(monday)"), used + 1) }
                // ("KW 49 und 50", "wk 49 and 50", "KW 49-50": both weeks.)
                if Self.rangeJoiners.contains(next) || ["und", "bis", "y", "et", "en", "e", "i"].contains(next), let other = word(used + 1).flatMap({ Int($0) }), other > week, other - week <= 4,
                   let last = mondayOf(calendarWeek: other) {
                    return (.range(monday, last.adding(days: 4)), used + 2)
                }
            }
            return (.range(monday, monday.adding(days: 4)), used)
        }
        // "nächste Woche ab Dienstag", "nächste Woche am Mittwoch": read as "next week from Tuesday".
        if first == "nächste" || first == "nächsten", word(1) == "woche", let third = word(2), third == "ab" || third == "am" || Self.weekday(third) != nil {
            let (outcome, used) = read(words: ["next", "week"] + words.dropFirst(2).map { $0 == "ab" ? "from" : $0 == "am" ? "on" : $0 })
            return (outcome, used)
        }
        switch first {
        case "today", "tonight", "eod", "heute", "hoy", "hoje", "aujourd'hui": return (.day(today), 1)
        case "tomorrow", "tmrw", "tmr", "tomorow", "morgen", "mañana", "amanhã", "demain": return (.day(adding(1)), 1)
        case "übermorgen", "overmorgen", "après-demain": return (.day(adding(2)), 1)
        case "eow": return (.day(endOfWeek(weeksAhead: 0)), 1)
        case "eom": return (.day(endOfMonth()), 1)
        case "thanksgiving": return (.day(thanksgiving()), 1)
        // Holidays as days, not as words of a noun ("the Christmas party", "Christmas shopping").
        case "christmas", "xmas", "weihnachten", "navidad", "noël":
            // "Christmas Eve", "Heiligabend" below; Christmas itself is the 25th.
            if word(1) == "eve" { return Self.endsPhrase(word(2)) ? dayOfMonth(12, 24, used: 2, text: "christmas eve") : (.notADate, 0) }
            return Self.endsPhrase(word(1)) ? dayOfMonth(12, 25, used: 1, text: first) : (.notADate, 0)
        case "heiligabend", "nochebuena": return Self.endsPhrase(word(1)) ? dayOfMonth(12, 24, used: 1, text: first) : (.notADate, 0)
        case "silvester", "nochevieja": return Self.endsPhrase(word(1)) ? dayOfMonth(12, 31, used: 1, text: first) : (.notADate, 0)
        case "new" where (word(1) == "year" || word(1) == "years") && word(2) == "eve" && Self.endsPhrase(word(3)):
            return dayOfMonth(12, 31, used: 3, text: "new year's eve")
        // ("off Dec 21 through New Year's Day", "bis Neujahr", "hasta Año Nuevo".)
        case "new" where (word(1) == "year" || word(1) == "years" || word(1) == "year's") && word(2) == "day" && Self.endsPhrase(word(3)):
            return dayOfMonth(1, 1, used: 3, text: "new year's day")
        case "neujahr": return Self.endsPhrase(word(1)) ? dayOfMonth(1, 1, used: 1, text: first) : (.notADate, 0)
        default: break
        }
        // "Ende des Monats", "fin de mes", "fim do mês", "fin du mois", "fine mese", "eind van de maand"; the week too.
        if let (unit, used) = Self.foreignEnd(words) {
            return unit == "month" ? (.day(endOfMonth()), used) : (.day(endOfWeek(weeksAhead: 0)), used)
        }
        if first == "end" {
            let rest = words.dropFirst().filter { $0 != "the" && $0 != "of" }
            let skipped = words.count - 1 - rest.count
            if rest.first == "week" || (rest.first == "this" && rest.dropFirst().first == "week") {
                return (.day(endOfWeek(weeksAhead: 0)), 1 + skipped + (rest.first == "this" ? 2 : 1))
            }
            if rest.first == "next" && rest.dropFirst().first == "week" { return (.day(endOfWeek(weeksAhead: 1)), 1 + skipped + 2) }
            if rest.first == "month" || (rest.first == "this" && rest.dropFirst().first == "month") {
                return (.day(endOfMonth()), 1 + skipped + (rest.first == "this" ? 2 : 1))
            }
            if let month = rest.first.flatMap(Self.month) {
                var year = today.year
                if month < today.month { year += 1 }
                return (.day(LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))), 1 + skipped + 1)
            }
            return (.notADate, 0)
        }
        if first == "next" || first == "this", word(1) == "week" {
            // "next week Mon-Wed", "next week Tuesday", "this week Thursday": those days of that week;
            // "next week from Wednesday": Wednesday to its Friday.
            let next = first == "next"
            func day(_ weekday: Int) -> LocalDate { next ? dayOfNextWeek(weekday) : upcoming(weekday) }
            var at = 2
            let from = word(at) == "from"
            if word(at) == "on" || from { at += 1 }
            if let third = word(at) {
                if let (a, b) = Self.pair(third), let start = Self.weekday(a), let end = Self.weekday(b) {
                    return (.range(day(start), day(end)), at + 1)
                }
                if let weekday = Self.weekday(third) {
                    // "next week Mon to Wed", "next week Thursday and Friday"
                    if let joiner = word(at + 1), Self.rangeJoiners.contains(joiner),
                       let last = word(at + 2).flatMap(Self.weekday) {
                        return (.range(day(weekday), day(last)), at + 3)
                    }
                    if from { return (.range(day(weekday), endOfWeek(weeksAhead: next ? nextWeekOffset() : 0)), at + 1) }
                    return (.day(day(weekday)), at + 1)
                }
            }
            return (.day(endOfWeek(weeksAhead: next ? nextWeekOffset() : 0)), 2)
        }
        if (first == "nächste" || first == "nächsten") && (word(1) == "woche") { return (.day(endOfWeek(weeksAhead: nextWeekOffset())), 2) }
        if first == "next", word(1) == "month" { return (.day(endOfMonth(monthsAhead: 1)), 2) }
        if first == "all", word(1) == "of", word(2) == "next", word(3) == "week" { return (.day(endOfWeek(weeksAhead: nextWeekOffset())), 4) }
        if first == "in", let amount = word(1).flatMap({ Int($0) ?? Self.numberWords[$0] }), let unit = word(2) {
            if unit.hasPrefix("day") { return (.day(adding(amount)), 3) }
            if unit.hasPrefix("week") || unit == "wk" || unit == "wks" { return (.day(adding(7 * amount)), 3) }
            return (.notADate, 0)
        }
        // Weekday ranges: "wed-fri", "mon–wed", "thu/fri".
        // (German short names only in a pair: "Do+Fr nächste Woche", "Mo-Mi".)
        if let (a, b) = Self.pair(first), let start = Self.weekday(a) ?? Self.germanShortDays[a], let end = Self.weekday(b) ?? Self.germanShortDays[b] {
            let nextWeek = (word(1) == "next" && word(2) == "week") || (word(1) == "nächste" || word(1) == "nächsten") && word(2) == "woche"
            let from = nextWeek ? dayOfNextWeek(start) : upcoming(start)
            var until = nextWeek ? dayOfNextWeek(end) : upcoming(end)
            if until < from { until = until.adding(days: 7) }
            return (.range(from, until), nextWeek ? 3 : 1)
        }
        // Weekday names, optionally after "this" or "next" ("next Tue": the Tuesday of next week).
        if first == "next", let name = word(1), let target = Self.weekday(name) {
            return (.day(dayOfNextWeek(target)), 2)
        }
        // "martes que viene", "mardi prochain", "nächsten Dienstag", "próxima terça", "martedì prossimo", "volgende dinsdag": next week's.
        if let target = Self.weekday(first), word(1) == "que", word(2) == "viene" || word(2) == "vem" { return (.day(dayOfNextWeek(target)), 3) }
        if let target = Self.weekday(first), word(1) == "prochain" || word(1) == "prossimo" || word(1) == "próximo" || word(1) == "proximo" { return (.day(dayOfNextWeek(target)), 2) }
        if Self.nextWords.contains(first), let name = word(1), let target = Self.weekday(name) {
            return (.day(dayOfNextWeek(target)), 2)
        }
        let offset = first == "this" || first == "coming" ? 1 : 0
        if let name = word(offset), let target = Self.weekday(name) {
            var used = offset + 1
            let day = upcoming(target)
            // "Thursday and Friday", "Thu + Fri": a span.
            if let joiner = word(used), joiner == "and" || joiner == "+" || joiner == "&" || joiner == "to" || joiner == "through" || joiner == "thru" || joiner == "until", let other = word(used + 1).flatMap(Self.weekday) {
                var end = upcoming(other)
                if end < day { end = end.adding(days: 7) }
                used += 2
                if word(used) == "next", word(used + 1) == "week" { return (.range(dayOfNextWeek(target), dayOfNextWeek(other)), used + 2) }
                return (.range(day, end), used)
            }
            if word(used) == "next", word(used + 1) == "week" { return (.day(dayOfNextWeek(target)), used + 2) }
            // "Friday Dec 4", "Fri 4th Dec", "Friday, 4 December": the date decides, and a weekday
            // that is not the date's is asked ("Thursday Dec 4": which of the two?).
            if let next = word(used), Self.month(next) != nil || Self.dayNumber(next) != nil && word(used + 1).flatMap(Self.month) != nil {
                let (dated, more) = read(words: Array(words.dropFirst(used)))
                let start: LocalDate? = switch dated { case .day(let d): d; case .range(let d, _): d; default: nil }
                if let start, more > 0 {
                    guard weekday(of: start) == target else {
                        return (.error("“\(words[offset...].prefix(used + more).joined(separator: " "))”: \(start) is a \(Self.weekdayNames[weekday(of: start) - 1]), not a \(Self.weekdayNames[target - 1]); write the day you mean, e.g. \(start)"), used + more)
                    }
                    return (dated, used + more)
                }
            }
            func mismatch(_ date: LocalDate, _ count: Int) -> (Outcome, Int) {
                (.error("“\(words[offset...].prefix(count).joined(separator: " "))”: \(date) is a \(Self.weekdayNames[weekday(of: date) - 1]), not a \(Self.weekdayNames[target - 1]); write the day you mean, e.g. \(date)"), count)
            }
            // "Tuesday the 1st", "back Monday 7th": the date decides, and must be that weekday.
            // (An ordinal: not "Friday 3 deals".)
            let ordinal = word(used) == "the" ? word(used + 1) : word(used).flatMap { $0.allSatisfy(\.isNumber) ? nil : $0 }
            if let ordinal, let n = Self.dayNumber(ordinal), let exact = dayOfMonthNear(n) {
                let count = used + (word(used) == "the" ? 2 : 1)
                return weekday(of: exact) == target ? (.day(exact), count) : mismatch(exact, count)
            }
            // "Fri 12/4", "Friday 4/12": the order of day and month whose date is that weekday.
            if let numeric = word(used), Self.isNumericDate(numeric) {
                let parts = numeric.split(whereSeparator: { $0 == "/" || $0 == "." }).compactMap { Int($0) }
                if parts.count == 2 {
                    var matching: [LocalDate] = []
                    for (month, dayOfMonth) in [(parts[0], parts[1]), (parts[1], parts[0])] where (1...12).contains(month) {
                        if case .day(let date) = self.dayOfMonth(month, dayOfMonth, used: 1, text: numeric).0, weekday(of: date) == target, !matching.contains(date) { matching.append(date) }
                    }
                    if matching.count == 1 { return (.day(matching[0]), used + 1) }
                    let said = words[offset...].prefix(used + 1).joined(separator: " ")
                    if matching.count == 2 { return (.error("“\(said)”: both \(matching[0]) and \(matching[1]) are \(Self.weekdayNames[target - 1])s; write the month's name, e.g. \(Self.describe(month: matching[0].month, day: matching[0].day))"), used + 1) }
                    return (.error("“\(said)”: \(numeric) is not a \(Self.weekdayNames[target - 1]) read either way; write the month's name, e.g. December 4"), used + 1)
                }
            }
            return (.day(day), used)
        }
        // ISO 2026-12-04
        if first.count == 10, first.dropFirst(4).first == "-" {
            let parts = first.split(separator: "-")
            if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
                guard valid(y, m, d) else { return (.error("\(first) is not a real date; check the day and month, e.g. 2026-12-04"), 1) }
                return (.day(LocalDate(year: y, month: m, day: d)), 1)
            }
        }
        // Month name then day: "dec 4", "december 4th", "dec 4 2026", "dec 1-4", "dec 8 - dec 10".
        if let month = Self.month(first), let second = word(1) {
            if let (a, b) = Self.pair(second), let d1 = Self.dayNumber(a), let d2 = Self.dayNumber(b), d2 >= d1 {
                guard case .day(let start) = dayOfMonth(month, d1, used: 2, text: first).0, case .day(let end) = dayOfMonth(month, d2, used: 2, text: first).0 else { return (.notADate, 0) }
                return (.range(start, end), 2)
            }
            if let day = Self.dayNumber(second) {
                if let year = word(2).flatMap({ Int($0) }), year > 1900 {
                    return valid(year, month, day) ? (.day(LocalDate(year: year, month: month, day: day)), 3) : (.error("\(first) \(day) \(year) is not a real date; check the day and month, e.g. 2026-12-04"), 3)
                }
                // "Dec 8 - Dec 10"
                if word(2) == "-" || word(2) == "to" || word(2) == "until", let otherMonth = word(3).flatMap(Self.month), let otherDay = word(4).flatMap(Self.dayNumber),
                   case .day(let start) = dayOfMonth(month, day, used: 2, text: first).0, case .day(let end) = dayOfMonth(otherMonth, otherDay, used: 2, text: first).0, end >= start {
                    return (.range(start, end), 5)
                }
                // "Dec 23 - 3 days", "Dec 21 for 2 weeks": that many days from the first.
                if word(2) == "-" || word(2) == "for", let count = word(3).flatMap({ Int($0) }), count >= 1, count <= 92, let unit = word(4),
                   let length = Self.dayUnits[unit].map({ $0 * count }), length <= 92,
                   case .day(let start) = dayOfMonth(month, day, used: 2, text: first).0 {
                    return (.range(start, start.adding(days: length - 1)), 5)
                }
                // "Dec 21 - 31", "Dec 21 to 31": the second day in the same month; "Dec 21 - 3": in the next.
                // (Not "Dec 23 - 3 days", "Nov 23 - 2 new customers": a count after a date.)
                if word(2) == "-" || word(2) == "to" || word(2) == "until" || word(2) == "till", let otherDay = word(3).flatMap(Self.dayNumber), otherDay != day,
                   word(4).map({ !Self.afterDayCount.contains($0) }) ?? true,
                   case .day(let start) = dayOfMonth(month, day, used: 2, text: first).0,
                   case .day(let end) = dayOfMonth(otherDay > day ? month : month % 12 + 1, otherDay, used: 2, text: first).0, end > start {
                    return (.range(start, end), 4)
                }
                // "December 1st and 2nd", "Dec 1 & 2": two days in a row.
                // (Not "Dec 1 and 2 weeks at Christmas", "Dec 1 and 2 of my reports".)
                if word(2) == "and" || word(2) == "&" || word(2) == "+", let otherDay = word(3).flatMap(Self.dayNumber), otherDay == day + 1,
                   word(4).map({ !Self.afterDayCount.contains($0) && $0 != "of" && $0 != "new" && $0 != "more" }) ?? true,
                   case .day(let start) = dayOfMonth(month, day, used: 2, text: first).0, case .day(let end) = dayOfMonth(month, otherDay, used: 2, text: first).0 {
                    return (.range(start, end), 4)
                }
                return dayOfMonth(month, day, used: 2, text: "\(first) \(day)")
            }
        }
        // "del 1 al 3 de diciembre", "du 1 au 3 décembre", "vom 1. bis 3. Dezember", "1 to 3 December".
        // ("vom 14. bis 18.12.": the first day takes the month of the second.)
        // ("vom 14. bis zum 18.12.", "del 14 hasta el 18.12.": an article after the joiner.)
        if let (d1, used1) = Self.dayAfterPreposition(words, 0, ["del", "de", "du", "vom", "from"]),
           let joiner = word(used1), ["al", "a", "au", "bis", "to", "until", "-", "till", "hasta", "tot", "do"].contains(joiner),
           case let at = ["zum", "zur", "el", "the"].contains(word(used1 + 1) ?? "") ? used1 + 2 : used1 + 1,
           let second = word(at), let (d2, month) = Self.dottedDay(second.hasSuffix(".") ? String(second.dropLast()) : second) {
            // ("vom 30. bis 2.12.": the first day in the month before; "vom 18. bis 14.12." would start
            // weeks ago or end before it starts: said wrong, not guessed.)
            if d2 <= d1 {
                if case .day(let start) = dayOfMonth(month == 1 ? 12 : month - 1, d1, used: at + 1, text: first).0, case .day(let end) = dayOfMonth(month, d2, used: at + 1, text: first).0,
                   start >= today, end > start, daysBetween(start, end) <= 14 {
                    return (.range(start, end), at + 1)
                }
                return (.error("“\(words[0]) \(d1). \(joiner) \(second)”: which days? Write the first and the last day with their months, e.g. `\(words[0]) 30.11. \(joiner) 4.12.`"), at + 1)
            }
            if case .day(let start) = dayOfMonth(month, d1, used: at + 1, text: first).0, case .day(let end) = dayOfMonth(month, d2, used: at + 1, text: first).0 {
                return (.range(start, end), at + 1)
            }
        }
        if let (d1, used1) = Self.dayAfterPreposition(words, 0, ["del", "de", "du", "vom", "from"]),
           let joiner = word(used1), ["al", "a", "au", "bis", "to", "until", "-", "till", "hasta", "tot", "do"].contains(joiner),
           let (d2, used2) = Self.dayAfterPreposition(words, ["zum", "zur", "el", "the"].contains(word(used1 + 1) ?? "") ? used1 + 2 : used1 + 1, []) {
            var i = used2
            if word(i) == "de" || word(i) == "of" { i += 1 }
            if let month = word(i).flatMap(Self.month) {
                if d2 >= d1, case .day(let start) = dayOfMonth(month, d1, used: i + 1, text: first).0, case .day(let end) = dayOfMonth(month, d2, used: i + 1, text: first).0 {
                    return (.range(start, end), i + 1)
                }
                // ("del 30 al 2 de diciembre": the first day in the month before, when that is near; else
                // which days is asked, not cut to one.)
                if d2 < d1 {
                    if case .day(let start) = dayOfMonth(month == 1 ? 12 : month - 1, d1, used: i + 1, text: first).0, case .day(let end) = dayOfMonth(month, d2, used: i + 1, text: first).0,
                       start >= today, end > start, daysBetween(start, end) <= 14 {
                        return (.range(start, end), i + 1)
                    }
                    return (.error("“\(words[0...min(i, words.count - 1)].joined(separator: " "))”: which days? Write the first and the last day with their months, e.g. `from 30 Nov to 4 Dec`."), i + 1)
                }
            }
        }
        // Day then month: "4 dec", "4th of december", "4. dezember", "23-27 nov".
        if let (a, b) = Self.pair(first), let d1 = Self.dayNumber(a), let d2 = Self.dayNumber(b), d2 >= d1, let month = word(1).flatMap(Self.month) {
            guard case .day(let start) = dayOfMonth(month, d1, used: 2, text: first).0, case .day(let end) = dayOfMonth(month, d2, used: 2, text: first).0 else { return (.notADate, 0) }
            return (.range(start, end), 2)
        }
        if let day = Self.dayNumber(first) {
            // "1 to 4 December", "du 1er au 4 décembre", "vom 1. bis 4. Dezember", "del 1 al 4 de diciembre".
            // (Not "24 and 31 December": two days.)
            if let joiner = word(1), Self.rangeJoiners.contains(joiner) && joiner != "and" && joiner != "&" && joiner != "+" || Self.foreignRangeJoiners.contains(joiner),
               let last = word(2).flatMap(Self.dayNumber), last > day {
                let at = word(3) == "of" || word(3) == "de" ? 4 : 3
                if let month = word(at).flatMap(Self.month),
                   case .day(let start) = dayOfMonth(month, day, used: at + 1, text: first).0, case .day(let end) = dayOfMonth(month, last, used: at + 1, text: first).0, end >= start {
                    return (.range(start, end), at + 1)
                }
            }
            var i = 1
            if word(i) == "of" || word(i) == "de" { i += 1 }
            if let month = word(i).flatMap(Self.month) {
                if let year = word(i + 1).flatMap({ Int($0) }), year > 1900 {
                    return valid(year, month, day) ? (.day(LocalDate(year: year, month: month, day: day)), i + 2) : (.error("\(day) \(word(i)!) \(year) is not a real date; check the day and month, e.g. 2026-12-04"), i + 2)
                }
                return dayOfMonth(month, day, used: i + 1, text: "\(day) \(word(i)!)")
            }
        }
        // Two numeric dates: "11/25-11/27", "25.11.-27.11." (each read as below; one unclear is an error).
        // (Bytes, not characters: this runs for every word a date may start at; dashes are normalised to "-".)
        if let dash = first.utf8.firstIndex(of: UInt8(ascii: "-")), first.utf8[..<dash].contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") }),
           first.utf8[first.utf8.index(after: dash)...].contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") }) {
            let (start, end) = numericSpan(String(first[..<dash]), String(first[first.utf8.index(after: dash)...]))
            switch (start, end) {
            case (.day(let a), .day(let b)) where b >= a && b.daysSinceEpoch - a.daysSinceEpoch > 31:
                return (.error("\(first) would be \(b.daysSinceEpoch - a.daysSinceEpoch + 1) days; write the dates with the month's name, e.g. Dec 21 - Jan 4"), 1)
            case (.day(let a), .day(let b)) where b >= a: return (.range(a, b), 1)
            case (.error(let message), _), (_, .error(let message)): return (.error(message), 1)
            default: return (.error("\(first) is not a span of days I can read; write it like Nov 25-27 or 2026-11-25 to 2026-11-27"), 1)
            }
        }
        // "12/21 - 1/4", "30/11 a 4/12": two numeric dates as a span, in the order the clear one shows.
        if Self.isNumericDate(first), let joiner = word(1), joiner == "-" || Self.rangeJoiners.contains(joiner) && joiner != "and" && joiner != "&" && joiner != "+" || Self.foreignRangeJoiners.contains(joiner),
           let second = word(2), Self.isNumericDate(second) {
            switch numericSpan(first, second) {
            // (A span of more than a month written with numbers is more likely a misread: asked.)
            case (.day(let a), .day(let b)) where b >= a && b.daysSinceEpoch - a.daysSinceEpoch > 31:
                return (.error("\(first) \(joiner) \(second) would be \(b.daysSinceEpoch - a.daysSinceEpoch + 1) days; write the dates with the month's name, e.g. Dec 21 - Jan 4"), 3)
            case (.day(let a), .day(let b)) where b >= a: return (.range(a, b), 3)
            case (.error(let message), _), (_, .error(let message)): return (.error(message), 3)
            default: return (.error("\(first) \(joiner) \(second) is not a span of days I can read; write it like Dec 21 - Jan 4"), 3)
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
        // "by the 25th", "on the 4th": that day of this month, or of the next when it has passed.
        // (An ordinal: not a bare "25".)
        if first.count >= 3, first.hasSuffix("st") || first.hasSuffix("nd") || first.hasSuffix("rd") || first.hasSuffix("th"), let n = Self.dayNumber(first), let date = dayOfMonthNear(n) {
            return (.day(date), 1)
        }
        return (.notADate, 0)
    }

    /// "12/4", "4.12.", "25/12/2026": digits with slashes or points.
    static func isNumericDate(_ word: String) -> Bool {
        word.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") })
            && word.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") })
    }

    /// Two numeric dates that make a span: when one of them shows the order ("12/21" can only be
    /// December 21), the other is read in the same order ("1/4" is then January 4, in the next
    /// year when it comes before the first); otherwise each is read on its own (unclear is an error).
    func numericSpan(_ a: String, _ b: String) -> (Outcome, Outcome) {
        func parts(_ word: String) -> [Int] { word.split(whereSeparator: { $0 == "/" || $0 == "." }).map { Int($0) ?? 0 } }
        let first = parts(a)
        let second = parts(b)
        guard first.count == 2, second.count == 2 else { return (read(words: [a]).0, read(words: [b]).0) }
        func order(_ p: [Int]) -> Bool? {
            let dayFirst = (1...12).contains(p[1]) && (1...31).contains(p[0])
            let monthFirst = (1...12).contains(p[0]) && (1...31).contains(p[1])
            return dayFirst == monthFirst ? nil : dayFirst
        }
        guard let dayFirst = order(first) ?? order(second), order(first) ?? dayFirst == dayFirst, order(second) ?? dayFirst == dayFirst else {
            return (read(words: [a]).0, read(words: [b]).0)
        }
        func date(_ p: [Int], _ text: String) -> Outcome {
            let (month, day) = dayFirst ? (p[1], p[0]) : (p[0], p[1])
            guard (1...12).contains(month), day >= 1, day <= 31 else { return .error("\(text) is not a real date; check the day and month, e.g. 2026-12-04") }
            return dayOfMonth(month, day, used: 1, text: text).0
        }
        let start = date(first, a)
        var end = date(second, b)
        if case .day(let s) = start, case .day(let e) = end, e < s, e.month < s.month {
            end = valid(s.year + 1, e.month, e.day) ? .day(LocalDate(year: s.year + 1, month: e.month, day: e.day)) : end
        }
        return (start, end)
    }

    /// A day number at `i`, after one of `prepositions` when given: the day and the index after it.
    static func dayAfterPreposition(_ words: [String], _ i: Int, _ prepositions: [String]) -> (Int, Int)? {
        var j = i
        if !prepositions.isEmpty {
            guard j < words.count, prepositions.contains(words[j]) else { return nil }
            j += 1
        }
        guard j < words.count, let day = dayNumber(words[j]) else { return nil }
        return (day, j + 1)
    }

    /// "next week" said on a weekend is the coming Monday-Friday.
    func nextWeekOffset() -> Int { weekday >= 6 ? 0 : 1 }

    /// Monday to Friday of the week a phrase like "next week" names, when it names one.
    func weekRange(words: [String]) -> (LocalDate, LocalDate)? {
        var w = words
        if w.first == "all", w.dropFirst().first == "of" { w = Array(w.dropFirst(2)) }
        if w.first == "the" { w = Array(w.dropFirst()) }
        let ahead: Int
        if w.count >= 2, w[0] == "next", w[1] == "week" { ahead = nextWeekOffset() } else if w.count >= 2, (w[0] == "nächste" || w[0] == "nächsten"), w[1] == "woche" { ahead = nextWeekOffset() } else if w.count >= 2, w[0] == "this", w[1] == "week" { ahead = 0 } else { return nil }
        // ("next week Tuesday", "next week Mon-Wed": the days named, not the whole week.)
        if w.count >= 3 {
            let after = w[2] == "on" || w[2] == "from" || w[2] == "am" || w[2] == "ab" ? (w.count > 3 ? w[3] : "") : w[2]
            if Self.weekday(after) != nil || Self.pair(after).map({ Self.weekday($0.0) != nil && Self.weekday($0.1) != nil }) == true { return nil }
        }
        let friday = endOfWeek(weeksAhead: ahead)
        return (friday.adding(days: -4), friday)
    }

    static let calendarWeekNames: Set<String> = ["kw", "cw", "week", "semana", "semaine"]

    /// "kw 49", "cw49", "week 49", "semana 49": the number of a calendar week and how many words say it.
    /// (Not "week 30 Nov", a day of a month; nor "week 2 of December", "week 8 of Q4", a week counted
    /// in something else.)
    static func calendarWeek(_ first: String, _ second: String?, _ third: String?) -> (Int, Int)? {
        if calendarWeekNames.contains(first), let second, second.count <= 2, let n = Int(second), (1...53).contains(n),
           third.flatMap(month) == nil, third != "of" { return (n, 2) }
        for prefix in ["kw", "cw"] where first.hasPrefix(prefix) {
            let digits = first.dropFirst(prefix.count)
            if (1...2).contains(digits.count), let n = Int(digits), (1...53).contains(n), second != "of" { return (n, 1) }
        }
        return nil
    }

    /// The Monday of ISO week `week`: of this year, or of next year when this year's was more than
    /// eight weeks ago ("KW 2" said in December); nil when the year has no such week (53).
    func mondayOf(calendarWeek week: Int) -> LocalDate? {
        func monday(_ year: Int) -> LocalDate? {
            let january4 = LocalDate(year: year, month: 1, day: 4)
            let day = january4.adding(days: 1 - january4.isoWeekday + 7 * (week - 1))
            // (Week 53 exists only when its Thursday is still in that year.)
            return day.adding(days: 3).year == year ? day : nil
        }
        if let this = monday(today.year), this.adding(days: 4 + 7 * 8) >= today { return this }
        return monday(today.year + 1)
    }

    static func pair(_ word: String) -> (String, String)? {
        for separator in ["-", "/", "+"] {
            let parts = word.split(separator: Character(separator), omittingEmptySubsequences: true)
            if parts.count == 2 { return (String(parts[0]), String(parts[1])) }
        }
        return nil
    }

    static let monthHashes: [UInt64: Int] = Dictionary(monthNames.map { (TargetIndex.hash64(Array($0.0.utf8)), $0.1) }, uniquingKeysWith: { a, _ in a })
    static let dayHashes: [UInt64: Int] = Dictionary(dayNames.map { (TargetIndex.hash64(Array($0.0.utf8)), $0.1) }, uniquingKeysWith: { a, _ in a })

    static func weekday(_ word: String) -> Int? {
        dayNames.first { $0.0 == word }?.1
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The ISO weekday (Monday 1 ... Sunday 7) of `date`.
    func weekday(of date: LocalDate) -> Int {
        ((weekday - 1 + date.daysSinceEpoch - today.daysSinceEpoch) % 7 + 7) % 7 + 1
    }

    /// The day before `day`, stepping back over a weekend ("back Monday": away to the Friday), but
    /// not before `first`.
    func lastWorkday(before day: LocalDate, notBefore first: LocalDate?) -> LocalDate {
        var last = day.adding(days: -1)
        while weekday(of: last) >= 6, first.map({ last.adding(days: -1) >= $0 }) ?? true { last = last.adding(days: -1) }
        return last
    }

    /// The next such weekday (a week ahead when it is today).
    func upcoming(_ target: Int) -> LocalDate {
        var ahead = (target - weekday + 7) % 7
        if ahead == 0 { ahead = 7 }
        return adding(ahead)
    }

    /// That weekday in next week (Monday-Sunday after this one).
    func dayOfNextWeek(_ target: Int) -> LocalDate {
        adding(7 - weekday + target)
    }

    /// The day of this or next month with that number, whichever is next.
    func dayOfMonthNear(_ n: Int) -> LocalDate? {
        if n >= today.day, valid(today.year, today.month, n) { return LocalDate(year: today.year, month: today.month, day: n) }
        let month = today.month == 12 ? 1 : today.month + 1
        let year = today.month == 12 ? today.year + 1 : today.year
        return valid(year, month, n) ? LocalDate(year: year, month: month, day: n) : nil
    }

    /// Whether the word after a holiday's name ends the date phrase (nothing, or a joining word),
    /// rather than making the holiday a noun's attribute ("Christmas party").
    static func endsPhrase(_ next: String?) -> Bool {
        guard let next else { return true }
        return rangeJoiners.contains(next) || afterDatePhrase.contains(next)
    }

    static let afterDatePhrase: Set<String> = ["for", "at", "or", "so", "then", "but", "if", "when", "we", "i", "please", "pls", "latest", "the", "this", "next"]

    /// Words between two days of a span: "Mon to Wed", "Thursday and Friday", "Mon - Wed".
    /// Units of a stretch of days after a date: "Dec 23 - 3 days", "Dec 21 for 2 weeks".
    static let dayUnits: [String: Int] = ["days": 1, "day": 1, "d": 1, "weeks": 7, "week": 7, "wks": 7, "wk": 7, "w": 7, "tage": 1, "tagen": 1, "días": 1,
                                          "dias": 1, "jours": 1, "dagen": 1, "giorni": 1, "wochen": 7, "semanas": 7, "semaines": 7]

    /// Words after a number that make it a count, not the second day of a range ("Dec 23 - 3 days").
    static let afterDayCount: Set<String> = ["days", "day", "d", "weeks", "week", "wks", "wk", "w", "nights", "tage", "tagen", "días", "dias", "jours", "dagen",
                                             "giorni", "wochen", "semanas", "semaines", "new", "more", "deals", "partners", "customers", "demos", "accounts"]

    static let rangeJoiners: Set<String> = ["to", "through", "thru", "until", "till", "and", "&", "+", "-", "–"]
    /// "au", "bis", "al", "a", "tot", "till": the same in other languages, between two days of a month.
    static let foreignRangeJoiners: Set<String> = ["au", "bis", "al", "a", "tot", "até", "ate", "fino", "do"]

    /// The fourth Thursday of November this year.
    func thanksgiving() -> LocalDate {
        let first = LocalDate(year: today.year, month: 11, day: 1)
        let offset = (4 - first.isoWeekday + 7) % 7
        return first.adding(days: offset + 21)
    }

    private func dayOfMonth(_ month: Int, _ day: Int, used: Int, text: String) -> (Outcome, Int) {
        // The next such day: this year, unless it is more than a month past.
        var year = today.year
        guard valid(year, month, day) || valid(year + 1, month, day) else { return (.error("\(text) is not a real date; check the day and month, e.g. 2026-12-04"), used) }
        let candidate = LocalDate(year: year, month: month, day: day)
        if candidate < today, candidate.daysSinceEpoch < today.daysSinceEpoch - 31 { year += 1 }
        guard valid(year, month, day) else { return (.error("\(text) is not a real date; check the day and month, e.g. 2026-12-04"), used) }
        return (.day(LocalDate(year: year, month: month, day: day)), used)
    }

    /// "next" before a weekday in other languages: "nächsten Dienstag", "el próximo martes", "il prossimo martedì".
    static let nextWords: Set<String> = ["nächsten", "nächster", "kommenden", "próxima", "proxima", "próximo", "proximo", "volgende", "prochain", "prossimo"]

    /// "ende des monats" (month), "fin de semana" (week): the unit and the words used.
    static func foreignEnd(_ words: [String]) -> (String, Int)? {
        guard let first = words.first, ["ende", "fin", "fim", "fine", "eind"].contains(first) else { return nil }
        var i = 1
        while i < words.count, i < 4, ["des", "der", "de", "del", "do", "da", "du", "la", "van", "el"].contains(words[i]) { i += 1 }
        guard i < words.count else { return nil }
        switch words[i] {
        case "monats", "mes", "mês", "mois", "mese", "maand", "monat": return ("month", i + 1)
        case "woche", "semana", "semaine", "settimana", "week": return ("week", i + 1)
        default: return nil
        }
    }

    static func month(_ word: String) -> Int? {
        monthNames.first { $0.0 == word }?.1
    }

    /// "30.11" (the trailing dot already trimmed), "4.12.2026": a day and a month.
    static func dottedDay(_ word: String) -> (Int, Int)? {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 && parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2, parts[1].count >= 1,
              let day = Int(parts[0]), let month = Int(parts[1]), (1...31).contains(day), (1...12).contains(month),
              parts.count == 2 || Int(parts[2]) != nil else { return nil }
        return (day, month)
    }

    static func dayNumber(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th", "er", "."] where digits.hasSuffix(suffix) { digits = String(digits.dropLast(suffix.count)) }
        guard let value = Int(digits), (1...31).contains(value) else { return nil }
        return value
    }

    static func describe(month: Int, day: Int) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(day) \(names[month - 1])"
    }

    func adding(_ days: Int) -> LocalDate {
        today.adding(days: days)
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
        return LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
    }

    func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= LocalDate.daysIn(month: month, year: year) && (1900...9999).contains(year)
    }

    func daysBetween(_ a: LocalDate, _ b: LocalDate) -> Int {
        b.daysSinceEpoch - a.daysSinceEpoch
    }
}
