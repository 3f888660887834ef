import Foundation

/// okrd's benchmarks. Run in release, apart from the tests:
///   swift build -c release && .build/release/okrd-bench [parser|replies|reply-path|clicks|delivery|evaluation|lint|radar|idle] [count]
///   okrd-bench delivery 10000 --replicas 1,3   (also through PostgreSQL, with 1 and 3 replicas)
@main
struct Bench {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let which = arguments.first ?? "all"
        let count = arguments.dropFirst().first.flatMap(Int.init)
        if which == "parser" || which == "all" { ParserBenchmark.run(replies: count ?? 100_000) }
        if which == "replies" || which == "all" { try await ReplyBenchmark.run(history: count ?? 50_000) }
        if which == "reply-path" || which == "all" { try await ReplyPathBenchmark.run(history: count ?? 50_000) }
        if which == "clicks" || which == "all" { try await ClickBenchmark.run(clicks: count ?? 2_000) }
        // `delivery [N] --replicas 1,3` also delivers them through PostgreSQL with 1 and with 3 replicas.
        let replicas = arguments.firstIndex(of: "--replicas").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }?
            .split(separator: ",").compactMap { Int($0) } ?? []
        if which == "delivery" || which == "all" {
            try await DeliveryBenchmark.run(messages: count ?? 10_000, destinations: ProcessInfo.processInfo.environment["OKRD_BENCH_DESTINATIONS"].flatMap(Int.init) ?? 100,
                                            replicas: replicas)
        }
        if which == "evaluation" || which == "all" { try await EvaluationBenchmark.run(keyResults: count ?? 10_000) }
        if which == "lint" || which == "all" { try InsightBenchmark.lint(objectives: count ?? 1_000) }
        if which == "radar" || which == "all" { try InsightBenchmark.radar(charts: count ?? 100) }
        // Last: it replaces this process with the shell that measures okrd.
        if which == "idle" || which == "all" { try IdleBenchmark.run(seconds: count ?? 60) }
    }
}
