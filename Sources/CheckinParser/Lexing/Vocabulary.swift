/// The words the grammar reacts to. Each word token is looked up once when the line is lexed, so
/// the grammar compares small integers instead of strings. Spellings that mean the same to the
/// grammar (`what's`, `whats`) share a case; `spellings` lists the extra ones.
enum Word: UInt16, CaseIterable {
    case none = 0
    // confidence
    case conf, confidence, confident, c, high, medium, med, low, level, sure, certain, likely, unlikely, doubtful
    case optimistic, pessimistic, comfortable, shaky, worried, nervous, unsure, feeling, feel, chance, chances, odds
    case zuversichtlich, sicher, seguro, segura, confiante, confiant
    // commands
    case help, undo, snooze, mute, ack, acknowledge, acknowledged
    case ooo, pto, vacation, away, holiday, holidays, leave, out, office, starting, off, offsite, sick, urlaub, back, returning
    case done, closed, finished, completed, complete, achieved, hit, reached, booked, sent, shipped, delivered, submitted, reviewed
    case wrapped, tick, ticked, handled, sorted, fixed, followed, listo, erledigt, fertig, gebucht, hecho, feito, fait
    // blockers and actions
    case blocker, blockers, impediment, impediments, blocked, waiting, stuck, held, hold, depends, dependency, unable, cannot, cant
    case unblocked, resolved, cleared, gone, removed, lifted, solved, unstuck, longer
    case action, actions, todo, todoDash, ai, item, items, step, steps, next, `do`
    case will, should, must, shall, needs, need, has, please, pls, ill, well, gonna, going, `let`, lets
    // prepositions and fillers
    case on, of, `for`, by, to, from, due, before, until, till, til, through, thru, because, `as`, and, the, a, an, one, or, but
    case now, at, `is`, currently, up, down, total, so, far, are, have, sitting, still, was, were, wereContraction, weveContraction
    case imContraction, itsContraction, its, around, about, approx, approximately, roughly, circa, ca, ish, nearly, almost
    case with, `in`, than, that, then, there, these, those, it, we, our, us, i, me, my, mine, you, your, he, she, they, them, his, her
    case also, `while`, plus, both, all, each, every, across, board, everything, rest, other, others, too, only, just, already, again, yet, very
    case stand, stands, sits, sit, stays, stay, stayed, holding, landed, came, come, went, goes, go, moved, move, got, get, getting
    case reach, reaching, make, making, land, hitting, into, per, vs, bei, en, em, à, est, ist, liegt, sind, son, são, agora, ahora
    case jetzt, maintenant, estamos, vamos, wir, haben, bin, estoy, je, suis, ich
    // relative movement
    case more, another, additional, extra, added, new, gained, lost, fewer, less, minus, increased, decreased, grew, dropped, rose
    case fell, jumped, dipped, slipped, climbed, improved, ticked2, shorter, longer2, higher, lower, half, halfway, double, twice
    case flat, unchanged, same, change, changes, changed, steady, stable, nothing, moving, movement, didnt, didntMove, doubled, tripled
    case increase, decrease, raised, cut, shrank, declined, crept, inched, bumped, slid
    // corrections and hedges
    case wait, sorry, oops, correction, correct, actually, mean, scratch, rather, edit, typo, oh, hmm, instead, swapped, misread
    case maybe, perhaps, might, probably, possibly, could, would, think, guess, guessing, somewhere, depending, unless, confirm
    case either, `if`, assuming, suppose, hopefully, hoping, hope, expect, expecting, expected, forecast, projected, aim, aiming, plan
    case planning, target, goal, hopeful, want, wants
    // questions
    case what, whats, how, why, when, `where`, who, which, does, did, can, anyone, anybody, any, whether, isnt, arent
    // negation
    case not, no, never, havent, hasnt, dont, doesnt, wasnt, wont, neither, nor, isntShort
    // units
    case deals, deal, partners, partner, customers, customer, days, day, d, pct, percent, points, pts, pp, accounts, demos
    case milestones, milestone, logos, signed, w, wk, wks, week, weeks, month, months, dias, tage, jours, semanas, wochen
    // magnitudes and number words
    case thousand, thousands, k, grand, million, millions, mio, mil, mn, mm, m, billion, billions, bn, mrd, lakh, tsd
    case zero, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, thirteen, fourteen, fifteen, sixteen
    case seventeen, eighteen, nineteen, twenty, dozen, couple, pair, first, second, third, fourth, fifth
    case dos, tres, cuatro, cinco, zwei, drei, vier, fünf, deux, trois, quatre, cinq, dois, três
    // dates
    case end, today, tomorrow, tonight, eow, eod, eom, this, last, yesterday
    // status
    case track, risk, trouble, behind, ahead, onTrack, onTrackDash, atRiskDash, offTrackDash
    // chatter
    case hi, hello, hey, hiya, yo, thanks, thank, thx, ty, cheers, morning, good, here, heres, heresPlain, weekly, update, updates
    case fyi, best, regards, ok, okay, yes, yep, yeah, yup, y, greetings, dear, hallo, hola, bonjour, moin, status, this2
    case lol, haha, nice, congrats, great, awesome, kudos, wow, yay, cool, love, proud, welldone, bravo, gracias, danke, merci
    case asking, wondering, question, quick, q, btw, tbh, honestly
    case much, previously, above, below, over, under, least, way, someone, be, nicht, like, ask, assign, follow, chase, send, review
    case am, record, nope, myself, finally, say, call, huge, job, tbc, otherwise, final, cautiously, somewhat, fairly, moderately, reasonably, kinda, semi, wrong, bc, pretty, number, numbers, figure, figures, thats, said, since, after, ago, point, something, green, yellow, amber, red, overall, schaffen, give, ever, approved, canyou

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
        case .whats: "what's"
        case .cant: "can't"
        case .ill: "i'll"
        case .well: "we'll"
        case .lets: "let's"
        case .didnt: "didn't"
        case .didntMove: "hasn't"
        case .havent: "haven't"
        case .hasnt: "hasnt"
        case .dont: "don't"
        case .doesnt: "doesn't"
        case .wasnt: "wasn't"
        case .wont: "won't"
        case .isnt: "isn't"
        case .arent: "aren't"
        case .isntShort: "isnt"
        case .ticked2: "ticked-up"
        case .longer2: "no-longer"
        case .this2: "this-week"
        case .welldone: "well-done"
        default: "\(self)"
        }
    }

    /// Other spellings of the same word.
    static let spellings: [(String, Word)] = [
        ("whats", .whats), ("baixa", .low), ("baja", .low), ("basse", .low), ("niedrig", .low), ("alta", .high), ("haute", .high), ("hoch", .high), ("feelin", .feeling), ("feelin'", .feeling),
        ("sûre", .sure), ("sûr", .sure), ("pas", .not), ("u", .you), ("super", .very), ("overly", .very), ("totally", .very), ("particularly", .very), ("cant", .cant), ("im", .imContraction), ("ive", .weveContraction), ("i've", .weveContraction),
        ("didnt", .didnt), ("havent", .havent), ("dont", .dont), ("doesnt", .doesnt), ("wasnt", .wasnt), ("wont", .wont),
        ("arent", .arent), ("ill", .ill), ("we'd", .would), ("i'd", .would), ("it'd", .would), ("they'll", .well), ("you'll", .well),
        ("he'll", .well), ("she'll", .well), ("it'll", .well), ("that'll", .well), ("there's", .heres), ("that's", .its),
        ("thats", .its), ("confidant", .confident), ("confidnece", .confidence), ("tmrw", .tomorrow), ("tmr", .tomorrow),
        ("tomorow", .tomorrow), ("thnx", .thanks), ("sry", .sorry), ("soz", .sorry), ("nvm", .scratch), ("nevermind", .scratch), ("thankyou", .thanks), ("todo:", .todo), ("k.", .k), ("mio.", .mio),
        ("millones", .million), ("millón", .million), ("millionen", .million), ("milhões", .million), ("mi", .million),
        ("tausend", .thousand), ("mille", .thousand), ("mrd.", .mrd), ("bil", .billion), ("ooo:", .ooo), ("pts.", .pts), ("målet", .goal), ("mål", .goal), ("cel", .goal), ("pontos", .points), ("pp", .points), ("p.p.", .points), ("puntos", .points), ("punti", .points), ("punkte", .points), ("punten", .points), ("punkty", .points),
        ("prozent", .percent), ("por", .per), ("porcento", .percent), ("pourcent", .percent), ("cents", .none),
        ("closes", .closed), ("finish", .finished), ("completo", .complete), ("terminé", .finished), ("abgeschlossen", .completed),
        ("concluído", .completed), ("hoje", .today), ("heute", .today), ("hoy", .today), ("morgen", .tomorrow), ("mañana", .tomorrow),
        ("amanhã", .tomorrow), ("demain", .tomorrow), ("unos", .around), ("environ", .around), ("etwa", .around), ("ca.", .ca),
        ("aprox", .approx), ("cerca", .around), ("ungefähr", .around), ("ongeveer", .around), ("ungefär", .around), ("około", .around), ("sin", .no), ("sem", .no), ("keine", .no), ("kein", .no),
        ("sans", .no), ("igual", .same), ("gleich", .same), ("pareil", .same), ("mismo", .same), ("unverändert", .unchanged),
        // ("inchangé", "ongewijzigd", "oförändrad", "değişmedi", "invariato", "bez zmian", "geen verandering": no change.)
        ("inchangé", .unchanged), ("inchangée", .unchanged), ("inchangés", .unchanged), ("ongewijzigd", .unchanged), ("onveranderd", .unchanged), ("oförändrad", .unchanged),
        ("oförändrat", .unchanged), ("değişmedi", .unchanged), ("invariato", .unchanged), ("invariata", .unchanged), ("inalterado", .unchanged), ("inalterada", .unchanged),
        ("niezmieniony", .unchanged), ("niezmienione", .unchanged), ("stesso", .same), ("uguale", .same), ("aynı", .same), ("samma", .same), ("dezelfde", .same), ("hetzelfde", .same),
        ("bez", .no), ("geen", .no), ("ingen", .no), ("zmian", .change), ("zmiany", .change), ("verandering", .change), ("veranderingen", .change),
        ("förändring", .change), ("förändringar", .change), ("cambiamento", .change), ("cambiamenti", .change), ("changement", .change), ("alteração", .change), ("alterações", .change),
        ("hey,", .hey), ("struck-out", .correction), ("correção", .correction), ("correcao", .correction), ("corrección", .correction), ("correccion", .correction), ("correzione", .correction), ("correctie", .correction), ("poprawka", .correction), ("korrektur", .correction), ("berichtigung", .correction), ("rättelse", .correction), ("korrigering", .correction), ("jk", .correction), ("scratch", .scratch), ("-ish", .ish), ("ish", .ish),
        ("blocker's", .blocker), ("bloqueo", .blocker), ("hm", .hmm), ("hmmm", .hmm), ("hmmmm", .hmm), ("hrm", .hmm), ("resuelto", .resolved), ("resuelta", .resolved), ("resolvido", .resolved), ("resolvida", .resolved), ("résolu", .resolved), ("gelöst", .resolved), ("bloqueio", .blocker), ("blocage", .blocker), ("blockade", .blocker), ("blocking", .blocked),
        ("bloqué", .blocked), ("bloquée", .blocked), ("bloqueado", .blocked), ("bloqueada", .blocked), ("blockiert", .blocked), ("geblockt", .blocked), ("cambios", .change), ("cambio", .change), ("mudança", .change), ("mudanças", .change), ("änderung", .change),
        ("caiu", .dropped), ("cayó", .dropped), ("bajó", .dropped), ("baixou", .dropped), ("gesunken", .dropped), ("gefallen", .dropped), ("sank", .dropped),
        ("subiu", .rose), ("subió", .rose), ("aumentó", .rose), ("aumentou", .rose), ("gestiegen", .rose), ("stieg", .rose), ("erreichen", .reach),
        ("lograr", .reach), ("ob", .whether), ("bitte", .please), ("pode", .canyou), ("puedes", .canyou), ("podes", .canyou), ("kannst", .canyou), ("peux", .canyou),
        ("bis", .until), ("hasta", .until), ("até", .until), ("avant", .until), ("meilenstein", .milestone), ("hito", .milestone), ("fuera", .away), ("vacaciones", .vacation), ("ausente", .away), ("férias", .vacation),
        ("abwesend", .away), ("absent", .away), ("congé", .vacation), ("estaré", .imContraction), ("estarei", .imContraction), ("serai", .imContraction), ("alcanzar", .reach), ("atteindre", .reach), ("tbc", .tbc), ("tbd", .tbc), ("oder", .or), ("ou", .or), ("o", .or), ("auf", .to), ("pra", .to), ("confianza", .confidence), ("confiança", .confidence), ("confiance", .confidence), ("konfidenz", .confidence), ("fiducia", .confidence), ("confidenza", .confidence), ("vertrouwen", .confidence), ("zuversicht", .confidence), ("pewność", .confidence), ("信心", .confidence), ("自信", .confidence), ("acción", .action), ("accion", .action), ("ação", .action), ("acao", .action), ("actie", .action), ("azione", .action), ("aktion", .action),
        ("acciones", .actions), ("ações", .actions), ("acties", .actions), ("azioni", .actions), ("aktionen", .actions), 
        ("bloccato", .blocked), ("geblokkeerd", .blocked), ("entro", .until), ("vóór", .until), ("prelim", .tbc), ("preliminary", .tbc), ("estimate", .tbc), ("estimated", .tbc), ("est", .tbc),
    ]

    /// Looks up a lowercase word without allocating or retaining: an open-addressing table of
    /// plain integers over one flat buffer of spellings, allocated once.
    static func lookup(_ bytes: [UInt8], _ range: Range<Int>) -> Word {
        let length = range.count
        guard length >= 1, length <= 15, bytes[range.lowerBound] >= 0x27 else { return .none }
        let table = Table.shared
        var slot = quickHash(first: bytes[range.lowerBound], last: bytes[range.upperBound - 1], length: length, second: length > 1 ? bytes[range.lowerBound + 1] : 0)
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
            var offset: UInt32
            var length: UInt8
            var word: UInt16
        }

        static let slotCount = 4096
        static let shared = Table()

        // Written once in `init`, read-only afterwards (hence @unchecked Sendable).
        let slots: UnsafeMutablePointer<Slot>
        let spellings: UnsafeMutablePointer<UInt8>

        private init() {
            var flat: [UInt8] = []
            slots = .allocate(capacity: Self.slotCount)
            slots.initialize(repeating: Slot(offset: 0, length: 0, word: 0), count: Self.slotCount)
            var placed: [(Int, Int, Word)] = []
            var seen = Set<[UInt8]>()
            let all = Word.allCases.filter { $0 != .none }.map { ($0.spelling, $0) } + Word.spellings.filter { $0.1 != .none }
            for (spelling, word) in all {
                let bytes = Array(spelling.utf8)
                guard bytes.count <= 15, seen.insert(bytes).inserted else { continue }
                placed.append((flat.count, bytes.count, word))
                flat += bytes
            }
            spellings = .allocate(capacity: flat.count)
            spellings.initialize(from: flat, count: flat.count)
            for (offset, length, word) in placed {
                var slot = quickHash(first: flat[offset], last: flat[offset + length - 1], length: length, second: length > 1 ? flat[offset + 1] : 0)
                while slots[slot].word != 0 { slot = (slot + 1) & (Self.slotCount - 1) }
                slots[slot] = Slot(offset: UInt32(offset), length: UInt8(length), word: word.rawValue)
            }
        }
    }

    /// A cheap slot for a word: from its length and its first, second and last bytes.
    @inline(__always) static func quickHash(first: UInt8, last: UInt8, length: Int, second: UInt8) -> Int {
        (Int(first) &* 37 &+ Int(last) &* 11 &+ Int(second) &* 131 &+ length &* 101) & (Table.slotCount - 1)
    }
}

/// A set of words as a 1024-bit mask.
struct WordSet {
    private var bits: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                       UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    init(_ words: [Word]) {
        for word in words { insert(word) }
    }

    mutating func insert(_ word: Word) {
        let v = Int(word.rawValue)
        precondition(v < 1024, "WordSet holds words below 1024")
        withUnsafeMutableBytes(of: &bits) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            words[v >> 6] |= UInt64(1) << UInt64(v & 63)
        }
    }

    @inline(__always) func contains(_ word: Word) -> Bool {
        let v = Int(word.rawValue)
        guard v < 1024 else { return false }
        return withUnsafeBytes(of: bits) { raw in
            raw.load(fromByteOffset: (v >> 6) * 8, as: UInt64.self) & (UInt64(1) << UInt64(v & 63)) != 0
        }
    }

    static let confidenceWords = WordSet([.conf, .confidence, .confident, .c])
    static let fillerBeforeValue = WordSet([
        .now, .at, .is, .currently, .to, .total, .so, .far, .are, .have, .has, .sitting, .still, .was, .were,
        .wereContraction, .weveContraction, .imContraction, .reached, .itsContraction, .its, .around, .about, .approx,
        .approximately, .roughly, .circa, .ca, .nearly, .almost, .stands, .stand, .sits, .stays, .landed, .bei, .en, .em, .à, .est,
        .ist, .liegt, .sind, .son, .são, .agora, .ahora, .jetzt, .maintenant, .estamos, .vamos, .by, .of,
    ])
    /// Words that say "the value is now": `at`, `to`, `now`, `is`...
    static let absoluteCues = WordSet([
        .now, .at, .is, .currently, .to, .are, .reached, .hit, .stands, .stand, .sits, .sit, .sitting, .stays, .stay, .stayed, .landed,
        .bei, .en, .em, .à, .est, .ist, .liegt, .sind, .son, .são, .agora, .ahora, .jetzt, .maintenant, .estamos, .vamos, .total,
    ])
    static let unitWords = WordSet([
        .deals, .deal, .partners, .partner, .customers, .customer, .days, .day, .d, .pct, .percent, .points, .pts, .pp, .accounts,
        .demos, .milestones, .logos, .signed, .closed, .total, .dias, .tage, .jours,
    ])
    static let chatter = WordSet([
        .hi, .hello, .hey, .hiya, .yo, .thanks, .thank, .thx, .ty, .cheers, .morning, .good, .here, .heres, .heresPlain, .weekly,
        .update, .updates, .fyi, .best, .regards, .sorry, .ok, .okay, .yes, .yep, .yeah, .yup, .greetings, .dear, .hallo, .hola,
        .bonjour, .moin, .status, .my, .this, .as, .please, .pls, .sent, .from, .lol, .haha, .nice, .congrats, .great, .awesome,
        .kudos, .wow, .yay, .cool, .love, .proud, .welldone, .bravo, .gracias, .danke, .merci, .quick, .btw,
    ])
    static let statementStarts = WordSet([
        .help, .undo, .snooze, .mute, .ack, .acknowledge, .acknowledged, .ooo, .pto, .vacation, .away, .holiday, .holidays, .leave,
        .out, .done, .closed, .finished, .completed, .blocker, .blockers, .impediment, .impediments, .blocked, .waiting, .action,
        .actions, .todo, .todoDash, .ai, .next, .conf, .confidence,
    ])
    static let dateKeywords = WordSet([.by, .due, .before, .until, .till, .til, .on])
    static let trailingDateStarts = WordSet([.next, .this, .end, .in, .today, .tomorrow, .tonight, .eow, .eod, .eom])
    static let doneWords = WordSet([.done, .closed, .finished, .completed, .complete, .erledigt, .fertig, .listo, .hecho, .feito, .fait])
    /// Words that say a task was carried out (`booked the ACME demo`, `sent the draft`).
    static let completionWords = WordSet([
        .done, .finished, .completed, .complete, .booked, .sent, .shipped, .delivered, .submitted, .reviewed, .wrapped,
        .tick, .ticked, .handled, .sorted, .fixed, .followed, .listo, .erledigt, .fertig, .gebucht, .hecho, .feito, .fait, .resolved,
    ])
    /// Of those, the verbs that say what was done ("sent", "booked"), not only that it was.
    static let completionVerbs = WordSet([.booked, .sent, .shipped, .delivered, .submitted, .reviewed, .fixed, .followed, .gebucht])
    static let timeNouns = WordSet([.weeks, .week, .wks, .wk, .w, .days, .day, .d, .months, .month, .dias, .tage, .jours, .semanas, .wochen])
    static let whWords = WordSet([.what, .whats, .how, .why, .when, .where, .who, .which])
    static let questionStarts = WordSet([
        .what, .whats, .how, .why, .when, .where, .who, .which, .does, .did, .do, .can, .could, .should, .would, .is, .are, .anyone,
        .anybody, .any, .whether, .isnt, .arent, .shall, .will,
    ])
    static let hypotheticalStarts = WordSet([.if, .assuming, .suppose, .hopefully, .hoping, .hope, .maybe, .perhaps])
    /// Words that make a value uncertain: `maybe 5`, `I think`, `-ish`, `will confirm`.
    static let hedges = WordSet([.maybe, .perhaps, .probably, .possibly, .think, .guess, .guessing, .ish, .somewhere, .depending, .depends, .unless, .confirm, .either, .tbc, .otherwise])
    /// Words that talk about the future or a goal rather than the state now.
    static let futureWords = WordSet([
        .will, .well, .ill, .gonna, .going, .get, .getting, .reach, .reaching, .hitting, .make, .making, .land, .expect, .expecting, .schaffen,
        .hope, .hoping, .hopefully, .aim, .aiming, .plan, .planning, .target, .goal, .forecast, .projected, .could, .would, .should,
        .might, .need, .needs, .want,
    ])
    static let corrections = WordSet([
        .wait, .sorry, .oops, .correction, .actually, .mean, .scratch, .rather, .edit, .typo, .instead, .swapped, .misread, .correct,
    ])
    static let negations = WordSet([.not, .no, .never, .havent, .hasnt, .dont, .doesnt, .wasnt, .wont, .didnt, .isnt, .isntShort, .arent, .cant, .cannot, .neither, .nor, .didntMove])
    static let increaseWords = WordSet([
        .up, .more, .another, .additional, .extra, .added, .new, .gained, .plus, .increased, .grew, .rose, .jumped, .climbed, .improved,
        .higher, .raised, .crept, .inched, .bumped, .ticked2,
    ])
    static let decreaseWords = WordSet([.down, .fewer, .less, .minus, .decreased, .dropped, .fell, .dipped, .slipped, .lower, .shorter, .cut, .shrank, .declined, .slid, .lost])
    static let noChangeWords = WordSet([.flat, .unchanged, .same, .steady, .stable, .holding])
    static let blockerCues = WordSet([.blocker, .blockers, .blocked, .stuck, .impediment, .impediments, .waiting, .held, .dependency, .unable, .cannot, .cant])
    static let unblockCues = WordSet([.unblocked, .resolved, .cleared, .gone, .removed, .lifted, .solved, .unstuck, .fixed])
    static let oooWords = WordSet([.ooo, .pto, .vacation, .away, .holiday, .holidays, .leave, .off, .offsite, .sick, .urlaub, .out])
    static let greetings = WordSet([
        .hi, .hello, .hey, .hiya, .yo, .morning, .greetings, .dear, .hallo, .hola, .bonjour, .moin, .good,
    ])
    static let reactions = WordSet([
        .thanks, .thank, .thx, .ty, .cheers, .lol, .haha, .nice, .congrats, .great, .awesome, .kudos, .wow, .yay, .cool, .love,
        .proud, .welldone, .bravo, .gracias, .danke, .merci, .ok, .okay, .yes, .yep, .yeah, .yup, .sorry, .best, .regards,
    ])
    static let affirmatives = WordSet([.yes, .yep, .yeah, .yup, .y, .ok, .okay, .correct, .sure])
    static let magnitudes = WordSet([.thousand, .thousands, .k, .grand, .million, .millions, .mio, .mil, .mn, .mm, .m, .billion, .billions, .bn, .mrd, .lakh, .tsd])
    static let stopwordsForMatching = WordSet([
        .the, .a, .an, .of, .for, .to, .in, .on, .and, .or, .my, .by, .from, .with, .at, .is, .are, .we, .i, .our, .it, .its, .that,
    ])
}

extension Word {
    /// The value of a number word (`two`, `a dozen`, `zwei`), if it is one.
    var numberValue: Double? {
        switch self {
        case .zero: 0
        case .one, .a, .an: 1
        case .two, .pair, .dos, .zwei, .deux, .dois: 2
        case .three, .tres, .drei, .trois, .três: 3
        case .four, .cuatro, .vier, .quatre: 4
        case .five, .cinco, .fünf, .cinq: 5
        case .six: 6
        case .seven: 7
        case .eight: 8
        case .nine: 9
        case .ten: 10
        case .eleven: 11
        case .twelve, .dozen: 12
        case .thirteen: 13
        case .fourteen: 14
        case .fifteen: 15
        case .sixteen: 16
        case .seventeen: 17
        case .eighteen: 18
        case .nineteen: 19
        case .twenty: 20
        default: nil
        }
    }

    /// The multiplier of a magnitude word (`thousand`, `million`, `Mio`, `bn`).
    var magnitude: Double? {
        switch self {
        case .thousand, .thousands, .k, .grand, .tsd: 1_000
        case .million, .millions, .mio, .mil, .mn, .mm, .m: 1_000_000
        case .billion, .billions, .bn, .mrd: 1_000_000_000
        case .lakh: 100_000
        default: nil
        }
    }

    /// The value of an ordinal (`third` = 3).
    var ordinalValue: Int? {
        switch self {
        case .first: 1
        case .second: 2
        case .third: 3
        case .fourth: 4
        case .fifth: 5
        default: nil
        }
    }
}
