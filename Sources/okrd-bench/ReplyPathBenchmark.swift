import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

/// What one reply costs through the whole reply path (context, parse, one transaction, the
/// confirmation's evaluation) on the example organisation in SQLite: p50 and p99 with an empty
/// store, again after `history` stored replies, and the throughput of 64 people replying at once.
enum ReplyPathBenchmark {
    static func run(history: Int = 50_000) async throws {
        let config = try ConfigLoader(now: Date(timeIntervalSince1970: 1_795_000_000)).load(path: "config/okrd.example.yaml")
        let organization = config.organization
        let dir = NSTemporaryDirectory() + "okrd-bench-replies-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SQLiteStore(path: dir + "/okrd.sqlite")
        let processor = ReplyIntake(organization: organization, store: store)
        let start = Date(timeIntervalSince1970: 1_795_424_400)  // Monday 23 Nov 2026, 10:00 Berlin
        let authors = ["maria", "li", "dana", "carlos", "sam", "priya"]
        let owned = authors.map { person in organization.keyResults(updatableBy: person).filter { $0.kind != .milestone && $0.target != nil }.map(\.key) }
        var serial = 0
        func reply(_ n: Int) -> ReplyInput {
            let who = n % authors.count
            let keys = owned[who]
            let key = keys[n % keys.count]
            let kr = organization.keyResult(key)!
            let baseline = kr.baseline ?? 0
            let value = baseline + (kr.target! - baseline) * Double(n % 10) / 10
            serial += 1
            return ReplyInput(author: authors[who], text: "\(key) \(kr.format(value)) conf \(5 + n % 4) - week \(n % 13)",
                              at: start.addingTimeInterval(Double(serial) * 0.37), platform: "bench", deliveryID: "bench-\(serial)")
        }
        func measure(_ label: String, count: Int) async throws -> Double {
            var times: [Double] = []
            for n in 0..<count {
                let input = reply(n)
                let began = ContinuousClock.now
                _ = try await processor.process(input)
                times.append(EvaluationBenchmark.seconds(since: began))
            }
            times.sort()
            let p50 = times[times.count / 2]
            print("replies: \(label): p50 \(ms(p50)), p99 \(ms(times[times.count * 99 / 100])) over \(count) replies")
            return p50
        }

        let empty = try await measure("empty store", count: 500)
        // History: stored the way replies store it, in batches (one transaction per 500 replies).
        var batch: [StoreChange] = []
        for n in 0..<history {
            let input = reply(n)
            let key = String(input.text.split(separator: " ")[0])
            batch.append(.reply(Reply(deliveryID: input.deliveryID, author: input.author, platform: "bench", receivedAt: input.at, text: input.text)))
            batch.append(.checkIn(CheckIn(keyResult: key, author: input.author, at: input.at, value: organization.keyResult(key)!.baseline ?? 0, confidence: 6), source: "bench", line: 1))
            if batch.count >= 1_000 { _ = try await store.apply(batch); batch = [] }
        }
        if !batch.isEmpty { _ = try await store.apply(batch) }
        let full = try await measure("after \(history) stored replies", count: 500)
        print("replies: p50 after \(history) / empty = \(String(format: "%.2f", full / empty))x")

        // 64 people at once (each reply its own transaction).
        let concurrent = 64
        let perTask = 20
        let inputs = (0..<(concurrent * perTask)).map { reply($0) }
        let began = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for t in 0..<concurrent {
                let mine = Array(inputs[(t * perTask)..<((t + 1) * perTask)])
                group.addTask {
                    var times: [Double] = []
                    for input in mine {
                        let at = ContinuousClock.now
                        _ = try await processor.process(input)
                        times.append(EvaluationBenchmark.seconds(since: at))
                    }
                    return times
                }
            }
            var all: [Double] = []
            for try await times in group { all += times }
            return all.sorted()
        }
        let elapsed = EvaluationBenchmark.seconds(since: began)
        print("replies: \(concurrent) concurrent repliers: \(String(format: "%.0f", Double(latencies.count) / elapsed)) replies/s, p50 \(ms(latencies[latencies.count / 2])), p99 \(ms(latencies[latencies.count * 99 / 100]))")
        try await store.close()
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
}
