import Foundation

/// Runs `okrd run` on the example configuration (console destination, fresh database) and
/// measures it while it waits for the next occurrence: CPU time, wake-ups (voluntary context
/// switches of all its threads) and resident memory, over `seconds` after a 10 s settling time.
///
/// The measuring is done by a shell the benchmark replaces itself with (exec): a Swift parent
/// would map the same Swift libraries, and pages shared with another process count in okrd's RSS
/// and cannot be released by it, which is not what a deployed okrd sees.
enum IdleBenchmark {
    static func run(seconds: Int = 60) throws {
        let okrd = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("okrd")
        guard FileManager.default.isExecutableFile(atPath: okrd.path) else {
            print("idle: build okrd first (swift build -c release), looked for \(okrd.path)")
            return
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let config = root.appendingPathComponent("config/okrd.example.yaml").path
        let script = """
            set -e
            dir=$(mktemp -d)
            "\(okrd.path)" run --config "\(config)" --db "$dir/okrd.sqlite" --listen 127.0.0.1:0 >/dev/null 2>"$dir/okrd.log" &
            pid=$!
            sample() {
              ticks=$(cut -d')' -f2 /proc/$pid/stat | awk '{print $12 + $13}')
              wakeups=$(cat /proc/$pid/task/*/status | awk '/^voluntary_ctxt_switches/ {s += $2} END {print s}')
              rss=$(awk '/^VmRSS/ {print $2}' /proc/$pid/status)
              peak=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)
            }
            sleep 10
            sample; t0=$ticks; w0=$wakeups; r0=$rss
            sleep \(seconds)
            sample
            kill -TERM $pid; status=0; wait $pid || status=$?
            echo "idle: okrd run over \(seconds) s between occurrences: $((ticks - t0)) CPU ticks of 1/$(getconf CLK_TCK) s, $((wakeups - w0)) wake-ups, RSS $((r0 / 1024)) MB after settling, $((rss / 1024)) MB at the end (peak while starting $((peak / 1024)) MB), exit $status"
            rm -rf "$dir"
            """
        fflush(nil)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(script), nil]
        execv("/bin/sh", argv)
        print("idle: cannot run /bin/sh: \(String(cString: strerror(errno)))")
    }
}
