import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import Synchronization
import OKRWorkflows

/// Fans out 10,000 messages over 100 destinations to a local receiver with pacing disabled, once
/// through `okrd outbox flush` (a separate process, so its peak RSS is the daemon's own) and once
/// through `curl --parallel --parallel-max 16` with the same requests, and prints both rates.
enum DeliveryBenchmark {
    /// With `replicas` (PostgreSQL), the same messages are then queued in a PostgreSQL database and
    /// delivered by that many `okrd outbox flush` processes at once, for each count given.
    static func run(messages total: Int = 10_000, destinations count: Int = 100, replicas: [Int] = []) async throws {
        // OKRD_BENCH_BINARY compares another build of okrd (e.g. the previous commit's).
        let okrd = ProcessInfo.processInfo.environment["OKRD_BENCH_BINARY"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("okrd")
        guard FileManager.default.isExecutableFile(atPath: okrd.path) else {
            print("delivery: build okrd first (swift build -c release), looked for \(okrd.path)")
            return
        }
        let received = Mutex(0)
        // The receiver answers on its event loop and keeps no ledger: it should take as little of
        // the machine's CPU from the client under test as it can.
        let receiver = try await TestHTTPServer.start(recording: false) { _ in
            received.withLock { $0 += 1 }
            return .respond(status: 204)
        }
        let dir = NSTemporaryDirectory() + "okrd-bench-delivery-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/bodies", withIntermediateDirectories: true)
        // OKRD_BENCH_KEEP=1 keeps the directory (config, queued database, curl bodies) for profiling.
        let keep = ProcessInfo.processInfo.environment["OKRD_BENCH_KEEP"] != nil
        defer { if keep { print("delivery: kept \(dir)") } else { try? FileManager.default.removeItem(atPath: dir) } }

        // 16 requests at once, like curl's --parallel-max 16; OKRD_BENCH_IN_FLIGHT sets the window
        // of messages sent but not yet recorded on disk (okrd's default).
        let inFlight = ProcessInfo.processInfo.environment["OKRD_BENCH_IN_FLIGHT"].flatMap(Int.init) ?? DeliverySettings().inFlight
        print("delivery: okrd with parallel 16, in_flight \(inFlight)")
        var yaml = """
            timezone: UTC
            period: 2026-Q4
            people: [{id: p}]
            teams: [{id: t, members: [p], lead: p, destination: d0}]
            objectives: [{key: o, title: O, team: t, top_level: true, key_results: [{key: k, title: K, owner: p, baseline: 0, target: 1}]}]
            delivery: {parallel: 16, in_flight: \(inFlight), timeout: 10s}
            destinations:

            """
        var destinations: [Destination] = []
        for d in 0..<count {
            let url = receiver.baseURL + "/hook/d\(d)"
            yaml += "  - {name: d\(d), platform: webhook, url: \"\(url)\", rate_limit: \"0\"}\n"
            destinations.append(Destination(name: "d\(d)", platform: .webhook, url: Secret(url, source: "bench"), ratePerSecond: 0))
        }
        try yaml.write(toFile: dir + "/okrd.yaml", atomically: true, encoding: .utf8)

        // The same messages for both: queued for okrd, rendered to files for curl.
        let store = try SQLiteStore(path: dir + "/okrd.sqlite")
        let directory = Directory(people: [])
        let writer = OutboxWriter(destinations: destinations, directory: directory)
        var changes: [StoreChange] = []
        var curlConfig = ""
        for n in 0..<total {
            let destination = destinations[n % count]
            let message = ChatMessage(kind: .digest, title: "Weekly digest \(n)", intro: [.text("14 on track · 5 at risk · 1 in trouble")],
                                      sections: [ChatMessage.Section(title: "Objective", lines: (0..<5).map { ChatMessage.Line([.text("key result \($0) moved to \($0 * 10)%")]) })])
            changes += try writer.enqueue(message, to: destination.name, key: "bench-\(n)", at: Date())
            // curl sends the very requests okrd sends: same body, same headers (the webhook's id
            // and timestamp, okrd's user agent, Accept-Encoding), so the receiver does the same
            // work for both.
            let rendered = Renderers.renderer(for: .webhook).render(message, directory: directory)
            let request = destination.request(for: rendered, key: "bench-\(n)", now: Date())!
            let file = dir + "/bodies/\(n).json"
            _ = FileManager.default.createFile(atPath: file, contents: Data(request.body))
            if n > 0 { curlConfig += "next\n" }
            curlConfig += "url = \"\(request.url)\"\ndata-binary = \"@\(file)\"\noutput = \"/dev/null\"\ncompressed\n"
            for (name, value) in request.headers { curlConfig += "header = \"\(name): \(value)\"\n" }
        }
        _ = try await store.apply(changes)
        try await store.close()
        if keep { try? FileManager.default.copyItem(atPath: dir + "/okrd.sqlite", toPath: dir + "/queued.sqlite") }
        try curlConfig.write(toFile: dir + "/curl.cfg", atomically: true, encoding: .utf8)

        // okrd
        // OKRD_BENCH_WRAP="/usr/bin/perf record -g -o /tmp/okrd.perf --" runs okrd under a profiler.
        let flush = ["outbox", "flush", "--config", dir + "/okrd.yaml", "--db", dir + "/okrd.sqlite"]
        var receiverCPU = ownCPUSeconds()
        let (okrdSeconds, okrdRSS, status) = try spawnMeasured(okrd.path, flush, log: dir + "/okrd.log", wrappedBy: "OKRD_BENCH_WRAP")
        print("delivery: the receiver used \(String(format: "%.2f", ownCPUSeconds() - receiverCPU)) s of CPU meanwhile")
        let okrdReceived = received.withLock { $0 }
        print("delivery: okrd outbox flush: \(okrdReceived) of \(total) messages over \(count) destinations in \(String(format: "%.2f", okrdSeconds)) s = \(Int(Double(total) / okrdSeconds)) messages/s, peak RSS \(String(format: "%.1f", Double(okrdRSS) / 1024)) MB (exit \(status))")

        guard status == 0, okrdReceived >= total else {
            print("delivery: FAILED: okrd exited \(status) after delivering \(okrdReceived) of \(total)")
            await receiver.shutdown()
            return
        }
        if !replicas.isEmpty {
            // The same messages through PostgreSQL (fsync on, like SQLite's synchronous=FULL).
            let server = try await PostgresServer.start(durable: true)
            for count in replicas {
                let url = try server.createDatabase("bench")
                setenv("OKRD_BENCH_PG", url, 1)
                try (yaml + "storage: {postgres: \"${OKRD_BENCH_PG}\"}\n").write(toFile: dir + "/okrd-pg.yaml", atomically: true, encoding: .utf8)
                let postgres = try await PostgresStore(url: url)
                _ = try await postgres.apply(changes)
                try await postgres.close()
                received.withLock { $0 = 0 }
                let start = ContinuousClock.now
                try await withThrowingTaskGroup(of: (Double, Int, Int32).self) { group in
                    for replica in 0..<count {
                        group.addTask {
                            try await onOwnThread {
                                try spawnMeasured(okrd.path, ["outbox", "flush", "--config", dir + "/okrd-pg.yaml"], log: dir + "/okrd-pg-\(replica).log")
                            }
                        }
                    }
                    for try await (_, rss, status) in group where status != 0 {
                        print("delivery: a PostgreSQL replica exited \(status) (peak RSS \(rss / 1024) MB); see \(dir)/okrd-pg-*.log")
                    }
                }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let delivered = received.withLock { $0 }
                print("delivery: PostgreSQL, \(count) replica\(count == 1 ? "" : "s") (okrd outbox flush each): \(delivered) of \(total) in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds)) messages/s, \(String(format: "%.2f", okrdSeconds / seconds))x the SQLite rate")
            }
        }
        // curl --parallel
        received.withLock { $0 = 0 }
        let curl = ["/usr/bin/curl", "/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if let curl {
            let curlArguments = ["--parallel", "--parallel-max", "16", "-s", "-K", dir + "/curl.cfg"]
            receiverCPU = ownCPUSeconds()
            let (curlSeconds, curlRSS, curlStatus) = try spawnMeasured(curl, curlArguments, log: dir + "/curl.log", wrappedBy: "OKRD_BENCH_CURL_WRAP")
            print("delivery: the receiver used \(String(format: "%.2f", ownCPUSeconds() - receiverCPU)) s of CPU meanwhile")
            let curlReceived = received.withLock { $0 }
            print("delivery: curl --parallel --parallel-max 16: \(curlReceived) of \(total) in \(String(format: "%.2f", curlSeconds)) s = \(Int(Double(total) / curlSeconds)) messages/s, peak RSS \(String(format: "%.1f", Double(curlRSS) / 1024)) MB (exit \(curlStatus))")
            print("delivery: okrd/curl throughput ratio \(String(format: "%.2f", curlSeconds / okrdSeconds))")
        } else {
            print("delivery: curl is not installed; apt-get install curl to compare")
        }
        await receiver.shutdown()
    }

    /// CPU seconds of each thread of `pid` (by thread id and name), from /proc.
    static func threadTimes(of pid: pid_t) -> [String: Double] {
        var times: [String: Double] = [:]
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return times }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        for task in tasks {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
            let name = stat[stat.index(after: open)..<close]
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            // utime and stime are fields 14 and 15 of stat; 12 and 13 after the name.
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
            times["\(task)/\(name)"] = (user + system) / ticks
        }
        return times
    }

    /// CPU time this process (the receiver, mostly) has used so far.
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Runs a program, returns wall seconds, its peak RSS in KiB (sampled every 2 ms), and its exit
    /// status (and prints its CPU time).
    /// The same, with the command line prefixed by the environment variable `wrapper` when it is set
    /// (an absolute path and its arguments: a profiler, taskset).
    static func spawnMeasured(_ path: String, _ arguments: [String], log: String, wrappedBy wrapper: String) throws -> (Double, Int, Int32) {
        let prefix = (ProcessInfo.processInfo.environment[wrapper] ?? "").split(separator: " ").map(String.init)
        guard let program = prefix.first else { return try spawnMeasured(path, arguments, log: log) }
        return try spawnMeasured(program, Array(prefix.dropFirst()) + [path] + arguments, log: log)
    }

    static func spawnMeasured(_ path: String, _ arguments: [String], log: String) throws -> (Double, Int, Int32) {
        var pid: pid_t = 0
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let start = ContinuousClock.now
        let result = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        var status: Int32 = 0
        var usage = rusage()
        // ru_maxrss is no good here: the kernel carries the spawning process's high-water mark into
        // a vforked child at exec. Sample the child's own VmHWM (monotonic) until it exits instead.
        let peak = Mutex(0)
        let sampling = Mutex(true)
        // OKRD_BENCH_VERBOSE also prints each thread's CPU time (its last sample before exit).
        let verbose = ProcessInfo.processInfo.environment["OKRD_BENCH_VERBOSE"] != nil
        let threads = Mutex<[String: Double]>([:])
        let sampler = Thread { [pid] in
            while sampling.withLock({ $0 }) {
                if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                    let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
                {
                    peak.withLock { $0 = max($0, kib) }
                }
                if verbose { threads.withLock { $0.merge(threadTimes(of: pid)) { max($0, $1) } } }
                usleep(2_000)
            }
        }
        sampler.start()
        _ = wait4(pid, &status, 0, &usage)
        sampling.withLock { $0 = false }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        print("delivery: \((path as NSString).lastPathComponent) used \(String(format: "%.2f", cpu)) s of CPU (user \(usage.ru_utime.tv_sec).\(String(format: "%06d", usage.ru_utime.tv_usec)) s) in \(String(format: "%.2f", seconds)) s")
        if verbose {
            let times = threads.withLock { $0 }.sorted { $0.value > $1.value }.prefix(6)
            print("delivery: threads: " + times.map { "\($0.key) \(String(format: "%.2f", $0.value)) s" }.joined(separator: ", "))
        }
        let exit = (status >> 8) & 0xFF
        if exit != 0 || ProcessInfo.processInfo.environment["OKRD_BENCH_VERBOSE"] != nil, let text = try? String(contentsOfFile: log, encoding: .utf8) {
            print("delivery: \((path as NSString).lastPathComponent) exited \(exit):\n" + text.split(separator: "\n").suffix(10).joined(separator: "\n"))
        }
        return (seconds, peak.withLock { $0 }, exit)
    }
}
