import Foundation

/// okrd's benchmarks. Run in release, apart from the tests:
///   swift run -c release okrd-bench [parser]
@main
struct Bench {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let which = arguments.first ?? "all"
        let count = arguments.dropFirst().first.flatMap(Int.init)
        if which == "parser" || which == "all" { ParserBenchmark.run(replies: count ?? 100_000) }
    }
}
