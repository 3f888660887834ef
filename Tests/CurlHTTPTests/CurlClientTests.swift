import CurlHTTP
import Foundation
import OKRTestSupport
import Synchronization
import Testing

@Suite("CurlClient against real local HTTP servers")
struct CurlClientTests {
    @Test("200 with a body; the request's method, headers and body reach the server")
    func okWithBody() async throws {
        let server = try await TestHTTPServer.start { request in
            .json(200, #"{"echo":"\#(request.text)"}"#, headers: [("X-RateLimit-Remaining", "4")])
        }
        let client = CurlClient()
        let response = try await client.send(HTTPRequest(
            method: .post, url: server.baseURL + "/hooks/abc?x=1",
            headers: ["Content-Type": "application/json", "X-Test": "yes"], text: "hello"))
        #expect(response.status == 200)
        #expect(response.text == #"{"echo":"hello"}"#)
        #expect(response.headers["x-ratelimit-remaining"] == "4")
        #expect(response.headers["Content-Type"] == "application/json")

        let seen = try #require(server.requests.first)
        #expect(seen.method == "POST")
        #expect(seen.uri == "/hooks/abc?x=1")
        #expect(seen.header("X-Test") == "yes")
        #expect(seen.header("Expect") == nil)
        #expect(seen.text == "hello")
        await client.shutdown()
        await server.shutdown()
    }

    @Test("The test server answers while every thread of the cooperative pool is held", .timeLimit(.minutes(1)))
    func serverIndependentOfPool() async throws {
        // Other tests hold the pool's few threads for seconds (CPU-bound work, waits on child
        // processes): the servers that play chat platforms must answer anyway, or clients under
        // test time out against a server that is merely starved.
        let server = try await TestHTTPServer.start { _ in .text(200, "ok") }
        let client = CurlClient()
        let url = server.baseURL + "/x"
        let width = ProcessInfo.processInfo.activeProcessorCount
        let status = try await onOwnThread { () -> Int? in
            let started = DispatchSemaphore(value: 0)
            let hold = DispatchSemaphore(value: 0)
            for _ in 0..<width {
                Task.detached {
                    started.signal()
                    hold.wait()  // deliberately blocks a pool thread
                }
            }
            for _ in 0..<width { started.wait() }
            let answered = DispatchSemaphore(value: 0)
            let status = Mutex<Int?>(nil)
            _ = client.start(HTTPRequest(method: .get, url: url)) { result in
                status.withLock { $0 = try? result.get().status }
                answered.signal()
            }
            _ = answered.wait(timeout: .now() + 10)
            for _ in 0..<width { hold.signal() }
            return status.withLock { $0 }
        }
        #expect(status == 200)
        await client.shutdown()
        await server.shutdown()
    }

    @Test("PUT with a binary body arrives byte for byte")
    func putBinary() async throws {
        let server = try await TestHTTPServer.start { _ in .text(200, "ok") }
        let client = CurlClient()
        let bytes: [UInt8] = [0, 1, 2, 255, 0, 10, 13]
        let response = try await client.send(HTTPRequest(method: .put, url: server.baseURL + "/x", body: bytes))
        #expect(response.status == 200)
        #expect(server.requests.first?.method == "PUT")
        #expect(server.requests.first?.body == bytes)
        await client.shutdown()
        await server.shutdown()
    }

    @Test("429 comes back as a response whose Retry-After can be read, in seconds or as an HTTP date")
    func tooManyRequests() async throws {
        let server = try await TestHTTPServer.start { request in
            request.path == "/date"
                ? .text(429, "slow down", headers: [("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")])
                : .text(429, "slow down", headers: [("Retry-After", "17")])
        }
        let client = CurlClient()
        let now = Date(timeIntervalSince1970: 1_800_000_000)

        let seconds = try await client.send(HTTPRequest(method: .post, url: server.baseURL + "/s", text: "{}"))
        #expect(seconds.status == 429)
        #expect(seconds.retryAfter(now: now) == now.addingTimeInterval(17))

        let dated = try await client.send(HTTPRequest(method: .post, url: server.baseURL + "/date", text: "{}"))
        let early = Date(timeIntervalSince1970: 1_792_000_000)  // 2026-10-14, before the named date
        #expect(dated.retryAfter(now: early) == Date(timeIntervalSince1970: 1_792_567_680))
        await client.shutdown()
        await server.shutdown()
    }

    @Test("500 is a response, not an error")
    func serverError() async throws {
        let server = try await TestHTTPServer.start { _ in .text(500, "rollup_error") }
        let client = CurlClient()
        let response = try await client.send(HTTPRequest(url: server.baseURL))
        #expect(response.status == 500)
        #expect(response.text == "rollup_error")
        await client.shutdown()
        await server.shutdown()
    }

    @Test("Redirects are returned, never followed")
    func noRedirects() async throws {
        let server = try await TestHTTPServer.start { request in
            request.path == "/moved" ? .respond(status: 302, headers: [("Location", "/elsewhere")]) : .text(200, "followed")
        }
        let client = CurlClient()
        let response = try await client.send(HTTPRequest(url: server.baseURL + "/moved"))
        #expect(response.status == 302)
        #expect(response.headers["Location"] == "/elsewhere")
        #expect(server.requests.count == 1)
        await client.shutdown()
        await server.shutdown()
    }

    @Test("A server that stalls past the deadline gives a timeout error")
    func stallTimesOut() async throws {
        let server = try await TestHTTPServer.start { _ in .stall }
        let client = CurlClient()
        await #expect {
            _ = try await client.send(HTTPRequest(url: server.baseURL, timeout: .milliseconds(300)))
        } throws: { error in
            guard case .timeout = error as? CurlHTTPError else { return false }
            return true
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test("Two requests to one plain-HTTP host run side by side even while the first is unanswered", .timeLimit(.minutes(1)))
    func noWaitForMultiplexing() async throws {
        let second = Latch(count: 1)
        let arrivals = Mutex(0)
        let server = try await TestHTTPServer.start { request in
            let n = arrivals.withLock { $0 += 1; return $0 }
            if n == 1 {
                await second.wait()  // answered only once the other request has arrived
            } else {
                second.countDown()
            }
            return .text(200, request.uri)
        }
        let client = CurlClient()
        async let first = client.send(HTTPRequest(url: server.baseURL + "/first", timeout: .seconds(5)))
        async let other = client.send(HTTPRequest(url: server.baseURL + "/second", timeout: .seconds(5)))
        let answers = try await [first, other]
        #expect(answers.map(\.status) == [200, 200])
        await client.shutdown()
        await server.shutdown()
    }

    @Test("A connection reset is a transient connection error")
    func reset() async throws {
        let server = try await TestHTTPServer.start { _ in .reset }
        let client = CurlClient()
        do {
            _ = try await client.send(HTTPRequest(method: .post, url: server.baseURL, text: "x"))
            Issue.record("expected an error")
        } catch {
            #expect(error.isTransient)
            switch error {
            case .connectionLost, .other: break
            default: Issue.record("unexpected \(error)")
            }
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test("A body over the limit fails with tooLarge, whether or not Content-Length announces it")
    func oversized() async throws {
        let big = [UInt8](repeating: 0x61, count: 4096)
        let server = try await TestHTTPServer.start { _ in .respond(status: 200, body: big) }
        var configuration = CurlClient.Configuration()
        configuration.maxResponseBytes = 1000
        let client = CurlClient(configuration: configuration)
        await #expect(throws: CurlHTTPError.tooLarge(limit: 1000)) {
            _ = try await client.send(HTTPRequest(url: server.baseURL))
        }
        // Exactly at the limit is fine.
        configuration.maxResponseBytes = 4096
        let roomy = CurlClient(configuration: configuration)
        #expect(try await roomy.send(HTTPRequest(url: server.baseURL)).body.count == 4096)
        await client.shutdown()
        await roomy.shutdown()
        await server.shutdown()
    }

    @Test("The default body cap is 1 MiB")
    func defaultCap() async throws {
        let server = try await TestHTTPServer.start { _ in .respond(status: 200, body: [UInt8](repeating: 0, count: (1 << 20) + 1)) }
        let client = CurlClient()
        #expect(client.configuration.maxResponseBytes == 1 << 20)
        await #expect(throws: CurlHTTPError.tooLarge(limit: 1 << 20)) {
            _ = try await client.send(HTTPRequest(url: server.baseURL))
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test("200 concurrent requests complete over far fewer connections than requests")
    func connectionReuse() async throws {
        let server = try await TestHTTPServer.start { request in .text(200, request.path) }
        let client = CurlClient()
        let statuses = try await withThrowingTaskGroup(of: (Int, Int, String).self) { group in
            for i in 0..<200 {
                group.addTask {
                    let response = try await client.send(HTTPRequest(method: .post, url: server.baseURL + "/m\(i)", text: "\(i)"))
                    return (i, response.status, response.text)
                }
            }
            var results: [(Int, Int, String)] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(statuses.count == 200)
        #expect(statuses.allSatisfy { $0.1 == 200 && $0.2 == "/m\($0.0)" })
        #expect(server.requests.count == 200)
        #expect(server.connectionCount <= client.configuration.maxConnectionsPerHost)
        #expect(server.connectionCount < 20)

        // A second wave reuses the cached connections instead of opening new ones.
        let before = server.connectionCount
        for i in 0..<20 {
            _ = try await client.send(HTTPRequest(url: server.baseURL + "/again\(i)"))
        }
        #expect(server.connectionCount == before)
        await client.shutdown()
        await server.shutdown()
    }

    @Test("Cancelling the task aborts a transfer in flight")
    func cancellation() async throws {
        let (arrived, signal) = AsyncStream.makeStream(of: Void.self)
        let server = try await TestHTTPServer.start { _ in
            signal.yield()
            return .stall
        }
        let client = CurlClient()
        let task = Task {
            try await client.send(HTTPRequest(url: server.baseURL, timeout: .seconds(600)))
        }
        // Given the server holds the request
        for await _ in arrived { break }
        // When the caller gives up
        task.cancel()
        // Then the send ends with `cancelled`, long before its 10-minute deadline
        await #expect(throws: CurlHTTPError.cancelled) { _ = try await task.value }

        // And the client still works afterwards.
        let other = try await TestHTTPServer.start { _ in .text(200, "fine") }
        #expect(try await client.send(HTTPRequest(url: other.baseURL)).text == "fine")
        await client.shutdown()
        await server.shutdown()
        await other.shutdown()
    }

    @Test("A task cancelled before sending never reaches the server")
    func cancelledBeforeStart() async throws {
        let server = try await TestHTTPServer.start { _ in .text(200, "x") }
        let client = CurlClient()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPRequest(url: server.baseURL))
        }
        await #expect(throws: CurlHTTPError.cancelled) { _ = try await task.value }
        #expect(server.requests.isEmpty)
        await client.shutdown()
        await server.shutdown()
    }

    @Test("A refused connection is a connect error")
    func refused() async throws {
        // Given a port bound but not listening: nothing answers, and (held until the end) no other
        // test's server can take it, as one could a port that was merely freed.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound)
        let url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/"
        let client = CurlClient()
        await #expect {
            _ = try await client.send(HTTPRequest(url: url, timeout: .seconds(5)))
        } throws: { error in
            guard case .connect = error as? CurlHTTPError else { return false }
            return true
        }
        await client.shutdown()
    }

    @Test("Speaking TLS to a plain HTTP server is a TLS error, and only http(s) URLs are allowed")
    func tlsAndSchemes() async throws {
        let server = try await TestHTTPServer.start { _ in .text(200, "plain") }
        let client = CurlClient()
        await #expect {
            _ = try await client.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/", timeout: .seconds(5)))
        } throws: { error in
            guard case .tls = error as? CurlHTTPError else { return false }
            return true
        }
        await #expect {
            _ = try await client.send(HTTPRequest(url: "file:///etc/passwd"))
        } throws: { error in
            guard case .invalidRequest = error as? CurlHTTPError else { return false }
            return true
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test("An unresolvable host is a DNS error")
    func dns() async throws {
        let client = CurlClient()
        await #expect {
            _ = try await client.send(HTTPRequest(url: "http://okrd-test.invalid/", timeout: .seconds(10)))
        } throws: { error in
            guard case .dns = error as? CurlHTTPError else { return false }
            return true
        }
        await client.shutdown()
    }

    @Test("Header values with line breaks are refused instead of smuggling headers")
    func headerInjection() async throws {
        let server = try await TestHTTPServer.start { _ in .text(200, "") }
        let client = CurlClient()
        await #expect {
            _ = try await client.send(HTTPRequest(url: server.baseURL, headers: ["X-A": "1\r\nX-Evil: 1"]))
        } throws: { error in
            guard case .invalidRequest = error as? CurlHTTPError else { return false }
            return true
        }
        #expect(server.requests.isEmpty)
        await client.shutdown()
        await server.shutdown()
    }

    @Test("An actor on the client's executor runs on the loop thread: a result and the request it starts next need no thread switch; after shutdown it still runs")
    func actorOnTheLoop() async throws {
        let server = try await TestHTTPServer.start { request in .text(200, request.path) }
        let client = CurlClient()
        let driver = LoopDriver(client: client, url: server.baseURL)
        // Ten requests one after the other, each started from the previous one's completion handler,
        // which runs on the loop thread, isolated to the actor (checked by assumeIsolated).
        let paths = await driver.chain(10)
        #expect(paths == (0..<10).map { "/\($0)" })
        #expect(server.requests.count == 10)
        await client.shutdown()
        // Jobs enqueued after the loop has ended run on a queue of their own, in order.
        #expect(await driver.count(up: 3) == [1, 2, 3])
        await server.shutdown()
    }

    @Test("Reused handles start clean: a GET after a PUT with a body and a header carries neither")
    func reusedHandlesStartClean() async throws {
        let server = try await TestHTTPServer.start { _ in .text(200, "ok") }
        let client = CurlClient()
        _ = try await client.send(HTTPRequest(method: .put, url: server.baseURL + "/put", headers: HTTPHeaders([("X-Only-Once", "1")]), body: Array("payload".utf8)))
        _ = try await client.send(HTTPRequest(method: .get, url: server.baseURL + "/get"))
        _ = try await client.send(HTTPRequest(method: .post, url: server.baseURL + "/post", text: "{}"))
        let requests = server.requests
        #expect(requests.map(\.method) == ["PUT", "GET", "POST"])
        #expect(requests.map(\.path) == ["/put", "/get", "/post"])
        #expect(requests[0].header("X-Only-Once") == "1" && requests[0].text == "payload")
        #expect(requests[1].header("X-Only-Once") == nil && requests[1].body.isEmpty)
        #expect(requests[2].header("X-Only-Once") == nil && requests[2].text == "{}")
        await client.shutdown()
        await server.shutdown()
    }

    @Test("After shutdown, new requests are refused")
    func afterShutdown() async throws {
        let server = try await TestHTTPServer.start { _ in .text(200, "") }
        let client = CurlClient()
        _ = try await client.send(HTTPRequest(url: server.baseURL))
        await client.shutdown()
        await #expect(throws: CurlHTTPError.shutdown) {
            _ = try await client.send(HTTPRequest(url: server.baseURL))
        }
        await server.shutdown()
    }
}

/// An actor whose jobs run on the client's loop thread.
actor LoopDriver {
    nonisolated let client: CurlClient
    nonisolated let url: String
    nonisolated var unownedExecutor: UnownedSerialExecutor { client.executor.asUnownedSerialExecutor() }
    private var paths: [String] = []
    private var done: CheckedContinuation<[String], Never>?
    private var counter = 0

    init(client: CurlClient, url: String) {
        self.client = client
        self.url = url
    }

    func chain(_ total: Int) async -> [String] {
        await withCheckedContinuation { continuation in
            done = continuation
            next(0, of: total)
        }
    }

    private func next(_ index: Int, of total: Int) {
        guard index < total else {
            done?.resume(returning: paths)
            return
        }
        client.start(HTTPRequest(url: url + "/\(index)")) { [self] result in
            // The completion runs on the loop thread, which is this actor's executor.
            assumeIsolated { driver in
                if case .success(let response) = result { driver.paths.append(response.text) }
                driver.next(index + 1, of: total)
            }
        }
    }

    func count(up total: Int) async -> [Int] {
        var seen: [Int] = []
        for _ in 0..<total {
            counter += 1
            try? await Task.sleep(for: .milliseconds(1))
            seen.append(counter)
        }
        return seen
    }
}
