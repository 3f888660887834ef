/// A fixed list of lowercase spellings a token is checked against on hot paths: the token's
/// length and first byte rule most words out before a hash lookup, so a list of thirty words
/// costs about what one comparison does.
struct Spellings: Sendable {
    private let words: [[UInt8]]
    private let hashes: Set<UInt64>
    /// Bit n set: some spelling is n bytes long (spellings of 64 bytes or more are not kept).
    private let lengths: UInt64
    /// Bit (b & 63) set: some spelling starts with a byte b.
    private let firstBytes: UInt64

    init(_ list: [String]) {
        words = list.map { Array($0.utf8) }.filter { !$0.isEmpty && $0.count < 64 }
        hashes = Set(words.map { TargetIndex.hash64($0) })
        lengths = words.reduce(0) { $0 | (1 << UInt64($1.count)) }
        firstBytes = words.reduce(0) { $0 | (1 << UInt64($1[0] & 63)) }
    }

    @inline(__always) func contains(_ spelling: ArraySlice<UInt8>) -> Bool {
        guard let first = spelling.first, spelling.count < 64, lengths >> UInt64(spelling.count) & 1 == 1, firstBytes >> UInt64(first & 63) & 1 == 1,
              hashes.contains(TargetIndex.hash64(spelling)) else { return false }
        return words.contains { $0.elementsEqual(spelling) }
    }
}
