import CheckinParser
import Foundation
import OKRModel

/// The context every fuzzed reply is parsed in: targets of every kind and unit, people with
/// handles on every platform, and open action items.
let fuzzParser: CheckinParser = {
    let people = [
        KnownPerson(id: "maria", name: "Maria Keller", handles: ["slack": "U02MARIA", "mattermost": "maria.keller", "discord": "803511", "matrix": "@maria:example.org", "teams": "maria@example.com", "googlechat": "users/1"]),
        KnownPerson(id: "li", name: "Li Wei", handles: ["slack": "U02LIWEI", "mattermost": "li.wei", "matrix": "@li:example.org"]),
    ]
    let targets = [
        Target(key: "territories", title: "Roll out the territory model", kind: .milestone(["Define territories", "Assign reps", "Migrate accounts"]), unit: .count, owner: "maria", goal: 3, lastValue: 1),
        Target(key: "reseller-partners", title: "Sign 5 active reseller partners", kind: .increase, unit: .count, owner: "maria", goal: 5, lastValue: 2),
        Target(key: "reseller-pipeline", title: "Generate $250k of pipeline", kind: .increase, unit: .currency("USD"), owner: "li", goal: 250_000),
        Target(key: "churn", title: "Reduce churn from 11% to 8%", kind: .decrease, unit: .percent, owner: "li", goal: 8),
        Target(key: "renewal-rate", title: "Keep renewal rates at or above 90%", kind: .threshold, unit: .percent, owner: "li", goal: 90),
        Target(key: "cycle", title: "Shorten the sales cycle", kind: .decrease, unit: .days, owner: "maria", goal: 45),
        Target(key: "deal-size", title: "Average deal size", kind: .kpi, unit: .currency("EUR")),
    ]
    let context = ParserContext(
        author: "maria", timeZone: TimeZone(identifier: "Europe/Berlin")!, targets: targets,
        otherTargets: [Target(key: "demo-conversion", title: "Lift demo conversion", kind: .increase, unit: .percent, owner: "sam", goal: 35)],
        people: people, openActions: [OpenAction(id: 12, owner: "maria", text: "Send the contract draft")])
    return CheckinParser(context: context)
}()

let fuzzTime = Date(timeIntervalSince1970: 1_795_424_400)

/// Parses one input in every markup; the first byte picks nothing, so every byte is text.
func fuzzOne(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    for markup in Markup.allCases {
        let result = fuzzParser.parse(text, markup: markup, at: fuzzTime)
        // Invariants a crash-free run must also keep.
        for error in result.errors where error.line < 1 || error.message.isEmpty { fatalError("bad error: \(error)") }
        for checkIn in result.checkIns where checkIn.line < 1 || (checkIn.confidence.map { !(0...10).contains($0) } ?? false) {
            fatalError("bad check-in: \(checkIn)")
        }
    }
}

#if FUZZING
/// libFuzzer entry point. Build and run:
///   swift build -c release --product okrd-fuzz --sanitize=fuzzer -Xswiftc -DFUZZING --scratch-path .build-fuzz
///   SWIFT_BACKTRACE=enable=no .build-fuzz/release/okrd-fuzz -max_total_time=60 Tests/CheckinParserTests/FuzzCorpus
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without libFuzzer: replays the files or directories given as arguments (for example crash
/// files libFuzzer saved, or the seed corpus) through the same checks.
@main
struct FuzzReplay {
    static func main() throws {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("okrd-fuzz: \(path) does not exist\n".utf8))
                exit(66)
            }
            let files = isDirectory.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                fuzzOne(Array(data))
                count += 1
            }
        }
        print("okrd-fuzz: replayed \(count) inputs without a crash")
    }
}
#endif
