/// The words the grammar reacts to. Each word token is looked up once when the line is lexed, so
/// the grammar compares small integers instead of strings.
enum Word: UInt8, CaseIterable {
    case none = 0
    // confidence
    case conf, confidence, confident, c, high, medium, med, low, level
    // commands
    case help, undo, snooze, mute, ack, acknowledge, acknowledged
    case ooo, pto, vacation, away, holiday, holidays, leave, out, office, starting
    case done, closed, finished, completed, complete, achieved, hit, reached
    // blockers and actions
    case blocker, blockers, impediment, impediments, blocked, waiting
    case action, actions, todo, todoDash, ai, item, items, step, steps, next, `do`
    case will, should, must, shall, needs, has
    // prepositions and fillers
    case on, of, `for`, by, to, from, due, before, until, till, til, through, thru, because, `as`, and, the, a, one
    case now, at, `is`, currently, up, down, total, so, far, are, have, sitting, still, was, were, wereContraction, weveContraction
    case imContraction, itsContraction, its, around, about, approx, approximately, roughly
    // units
    case deals, deal, partners, partner, customers, customer, days, day, d, pct, percent, points, pts, accounts, demos
    case milestones, logos, signed, w, wk, wks, week, weeks, month
    // dates
    case end, today, tomorrow, tonight, eow, eod
    // status
    case track, risk, off, `in`, trouble, behind, onTrack, onTrackDash, atRiskDash, offTrackDash
    // chatter
    case hi, hello, hey, hiya, thanks, thank, thx, ty, cheers, morning, good, here, heres, heresPlain, weekly, update, updates
    case fyi, best, regards, sorry, ok, okay, sure, yes, no, greetings, dear, hallo, hola, bonjour, status, my, this, please, pls, sent

    var spelling: String {
        switch self {
        case .todoDash: "to-do"
        case .wereContraction: "we're"
        case .weveContraction: "we've"
        case .imContraction: "i'm"
        case .itsContraction: "it's"
        case .onTrack: "ontrack"
        case .onTrackDash: "on-track"
        case .atRiskDash: "at-risk"
        case .offTrackDash: "off-track"
        case .heres: "here's"
        case .heresPlain: "heres"
        default: "\(self)"
        }
    }

    /// Looks up a lowercase word without allocating or retaining: an open-addressing table of
    /// plain integers over one flat buffer of spellings, allocated once.
    static func lookup(_ bytes: [UInt8], _ range: Range<Int>) -> Word {
        let length = range.count
        guard length >= 1, length <= 13, bytes[range.lowerBound] >= 0x27, bytes[range.lowerBound] < 0x80 else { return .none }
        let table = Table.shared
        var slot = quickHash(first: bytes[range.lowerBound], last: bytes[range.upperBound - 1], length: length)
        while true {
            let entry = table.slots[slot]
            if entry.word == 0 { return .none }
            if Int(entry.length) == length {
                var equal = true
                var i = range.lowerBound
                var k = Int(entry.offset)
                while i < range.upperBound {
                    if bytes[i] != table.spellings[k] { equal = false; break }
                    i += 1
                    k += 1
                }
                if equal { return Word(rawValue: entry.word) ?? .none }
            }
            slot = (slot + 1) & (Table.slotCount - 1)
        }
    }

    /// The lookup table: fixed-size, immutable after creation.
    private struct Table: @unchecked Sendable {
        struct Slot {
            var offset: UInt16
            var length: UInt8
            var word: UInt8
        }

        static let slotCount = 1024
        static let shared = Table()

        // Written once in `init`, read-only afterwards (hence @unchecked Sendable).
        let slots: UnsafeMutablePointer<Slot>
        let spellings: UnsafeMutablePointer<UInt8>

        private init() {
            var flat: [UInt8] = []
            slots = .allocate(capacity: Self.slotCount)
            slots.initialize(repeating: Slot(offset: 0, length: 0, word: 0), count: Self.slotCount)
            var placed: [(Int, Int, Word)] = []
            for word in Word.allCases where word != .none {
                let bytes = Array(word.spelling.utf8)
                placed.append((flat.count, bytes.count, word))
                flat += bytes
            }
            spellings = .allocate(capacity: flat.count)
            spellings.initialize(from: flat, count: flat.count)
            for (offset, length, word) in placed {
                var slot = quickHash(first: flat[offset], last: flat[offset + length - 1], length: length)
                while slots[slot].word != 0 { slot = (slot + 1) & (Self.slotCount - 1) }
                slots[slot] = Slot(offset: UInt16(offset), length: UInt8(length), word: word.rawValue)
            }
        }
    }

    /// A cheap slot for a word: from its length and its first and last bytes.
    @inline(__always) static func quickHash(first: UInt8, last: UInt8, length: Int) -> Int {
        (Int(first) &* 37 &+ Int(last) &* 11 &+ length &* 101) & 1023
    }

    @inline(__always) static func fnv(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for i in range { hash = (hash ^ UInt32(bytes[i])) &* 16_777_619 }
        return hash
    }

}

/// A set of words as a 256-bit mask.
struct WordSet {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ words: [Word]) {
        for word in words { insert(word) }
    }

    mutating func insert(_ word: Word) {
        let v = Int(word.rawValue)
        let bit = UInt64(1) << UInt64(v & 63)
        switch v >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    @inline(__always) func contains(_ word: Word) -> Bool {
        let v = Int(word.rawValue)
        let bit = UInt64(1) << UInt64(v & 63)
        switch v >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }

    static let valueWords = WordSet([.done, .complete, .completed, .finished, .achieved, .hit, .reached])
    static let confidenceWords = WordSet([.conf, .confidence, .confident, .c])
    static let fillerBeforeValue = WordSet([
        .now, .at, .is, .currently, .to, .up, .down, .total, .so, .far, .are, .have, .has, .sitting, .still, .was, .were,
        .wereContraction, .weveContraction, .imContraction, .reached, .itsContraction, .its, .around, .about, .approx,
        .approximately, .roughly,
    ])
    static let unitWords = WordSet([
        .deals, .deal, .partners, .partner, .customers, .customer, .days, .day, .d, .pct, .percent, .points, .pts, .accounts,
        .demos, .milestones, .logos, .signed, .closed, .total,
    ])
    static let chatter = WordSet([
        .hi, .hello, .hey, .hiya, .thanks, .thank, .thx, .ty, .cheers, .morning, .good, .here, .heres, .heresPlain, .weekly, .update,
        .updates, .fyi, .best, .regards, .sorry, .ok, .okay, .sure, .yes, .no, .greetings, .dear, .hallo, .hola, .bonjour, .status,
        .my, .this, .as, .please, .pls, .sent, .from,
    ])
    static let statementStarts = WordSet([
        .help, .undo, .snooze, .mute, .ack, .acknowledge, .acknowledged, .ooo, .pto, .vacation, .away, .holiday, .holidays, .leave,
        .out, .done, .closed, .finished, .completed, .blocker, .blockers, .impediment, .impediments, .blocked, .waiting, .action,
        .actions, .todo, .todoDash, .ai, .next, .conf, .confidence,
    ])
    static let dateKeywords = WordSet([.by, .due, .before, .until, .till, .til, .on])
    static let trailingDateStarts = WordSet([.next, .this, .end, .in, .today, .tomorrow, .tonight, .eow, .eod])
    static let doneWords = WordSet([.done, .closed, .finished, .completed, .complete])
}
