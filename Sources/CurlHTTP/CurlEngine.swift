internal import CCurl
import Foundation
import Synchronization

/// The loop that owns a libcurl multi handle.
///
/// Thread confinement (why this is `@unchecked Sendable`): `multi` is used by the loop thread only,
/// with one exception, `curl_multi_wakeup`, which libcurl documents as callable from any thread; we
/// call it only while holding `state`'s lock and only before `closed` is set, so it never races with
/// `curl_multi_cleanup`. `active` is read and written by the loop thread only. Everything other
/// threads touch lives in `state`.
///
/// The engine is also a serial executor: an actor that mostly starts requests and handles their
/// results (the dispatcher) can run its jobs on the loop thread, between two rounds of
/// `curl_multi_perform`. Starting a request and receiving its result then cost no thread switch,
/// and results that arrive together are handled in one go.
final class CurlEngine: SerialExecutor, @unchecked Sendable {
    private struct State {
        var adds: [Transfer] = []
        var cancels: [Transfer] = []
        /// Jobs of actors that run on this engine, in the order they were enqueued.
        var jobs: [UnownedJob] = []
        /// A wake-up was requested and the loop has not drained the inbox since: no need for another.
        var wakePending = false
        var started = false
        var shuttingDown = false
        var closed = false
        var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let configuration: CurlClient.Configuration
    private let state = Mutex(State())
    private let multi: UnsafeMutableRawPointer
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    /// Easy handles of finished transfers, reset and reused by the next ones (loop thread only):
    /// creating and destroying one per request showed up at ~6 % of the delivery loop.
    private var spareHandles: [UnsafeMutableRawPointer] = []
    /// The loop thread's `pthread_self()`, 0 before it starts.
    private let loopThread = Atomic<UInt>(0)
    /// Runs jobs enqueued after the loop ended (shutdown), in order.
    private let afterClose = DispatchQueue(label: "okrd.curl.after-close")

    init(configuration: CurlClient.Configuration) {
        self.configuration = configuration
        _ = curlGlobalInit
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxTotalConnections)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxCachedConnections)
    }

    deinit {
        // Only reached when the loop never started (a running loop retains the engine).
        let closed = state.withLock { $0.closed }
        if !closed { curl_multi_cleanup(multi) }
    }

    func perform(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation(orThrow: CurlHTTPError.cancelled)
        let slot = Mutex(Slot.empty)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let transfer = Transfer(request: request, maxBodyBytes: configuration.maxResponseBytes) { result in
                    continuation.resume(with: result.mapError { $0 })
                }
                let cancelledFirst = slot.withLock { slot -> Bool in
                    if case .cancelled = slot { return true }
                    slot = .running(transfer)
                    return false
                }
                if cancelledFirst {
                    transfer.cancelRequested.withLock { $0 = true }
                }
                if !enqueue(add: transfer) {
                    transfer.fail(.shutdown)
                }
            }
        } onCancel: {
            let transfer = slot.withLock { slot -> Transfer? in
                if case .running(let transfer) = slot { return transfer }
                slot = .cancelled  // the operation has not created its transfer yet; it will see this
                return nil
            }
            guard let transfer else { return }
            cancel(transfer)
        }
    }

    /// Starts a request whose outcome goes to `completion`, called once on the loop thread (or on
    /// the calling thread when the client is shut down). Keep the handler short: it holds up every
    /// other transfer.
    func start(_ request: HTTPRequest, completion: @escaping @Sendable (Result<HTTPResponse, CurlHTTPError>) -> Void) -> Transfer {
        let transfer = Transfer(request: request, maxBodyBytes: configuration.maxResponseBytes, completion: completion)
        if !enqueue(add: transfer) {
            transfer.fail(.shutdown)
        }
        return transfer
    }

    func cancel(_ transfer: Transfer) {
        transfer.cancelRequested.withLock { $0 = true }
        enqueue(cancel: transfer)
    }

    /// Hand-over between a request and its cancellation handler, which may run first.
    private enum Slot {
        case empty
        case cancelled
        case running(Transfer)
    }

    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if s.closed || !s.started {
                    s.shuttingDown = true
                    return true
                }
                s.shuttingDown = true
                s.shutdownWaiters.append(continuation)
                wakeLocked(&s)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    // MARK: Inbox (any thread)

    private func enqueue(add transfer: Transfer) -> Bool {
        let startThread = state.withLock { s -> Bool? in
            guard !s.shuttingDown, !s.closed else { return nil }
            s.adds.append(transfer)
            return startOrWakeLocked(&s)
        }
        guard let startThread else { return false }
        if startThread { startLoop() }
        return true
    }

    /// Marks the loop started (true: the caller starts its thread) or wakes it.
    private func startOrWakeLocked(_ s: inout State) -> Bool {
        let start = !s.started
        s.started = true
        if !start { wakeLocked(&s) }
        return start
    }

    private func startLoop() {
        let thread = Thread { [self] in loop() }
        thread.name = "okrd-curl"
        thread.start()
    }

    // MARK: Executor (any thread)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let startThread = state.withLock { s -> Bool? in
            guard !s.closed else { return nil }
            s.jobs.append(job)
            return startOrWakeLocked(&s)
        }
        switch startThread {
        case nil:
            // The loop has ended (shutdown): the jobs of its actors run on a serial queue instead.
            afterClose.async { [self] in job.runSynchronously(on: asUnownedSerialExecutor()) }
        case true?:
            startLoop()
        case false?:
            break
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        precondition(isOnLoopThread || state.withLock { $0.closed }, "not on the HTTP client's loop thread")
    }

    private var isOnLoopThread: Bool {
        loopThread.load(ordering: .relaxed) == UInt(pthread_self())
    }

    private func enqueue(cancel transfer: Transfer) {
        state.withLock { s in
            guard !s.closed else { return }
            s.cancels.append(transfer)
            wakeLocked(&s)
        }
    }

    private func wakeLocked(_ s: inout State) {
        // The loop looks at its inbox again before it sleeps: it need not wake itself.
        guard s.started, !s.closed, !s.wakePending, !isOnLoopThread else { return }
        s.wakePending = true
        _ = curl_multi_wakeup(multi)
    }

    // MARK: Loop (loop thread only)

    private func loop() {
        loopThread.store(UInt(pthread_self()), ordering: .relaxed)
        let executor = asUnownedSerialExecutor()
        while true {
            // Jobs first: an actor on this executor handles the results of the last round and
            // starts new requests, which this round then picks up.
            let jobs = state.withLock { s in
                defer { s.jobs.removeAll(keepingCapacity: true) }
                return s.jobs
            }
            for job in jobs { job.runSynchronously(on: executor) }

            let (adds, cancels, shuttingDown) = state.withLock { s in
                s.wakePending = false
                defer {
                    s.adds.removeAll()
                    s.cancels.removeAll()
                }
                return (s.adds, s.cancels, s.shuttingDown)
            }

            for transfer in adds { start(transfer) }
            for transfer in cancels { abort(transfer) }

            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()

            // Work handed in by this thread itself (results that resumed a job, requests that job
            // started) is not announced by a wake-up: look before sleeping.
            let (pending, done) = state.withLock { s -> (Bool, Bool) in
                let pending = !s.jobs.isEmpty || !s.adds.isEmpty || !s.cancels.isEmpty
                if shuttingDown, active.isEmpty, !pending {
                    s.closed = true
                    return (false, true)
                }
                return (pending, false)
            }
            if done { break }
            if pending { continue }

            // Idle: sleep long; curl shortens the wait itself when its own timers need servicing.
            let timeout: Int32 = active.isEmpty ? 3_600_000 : 1_000
            _ = curl_multi_poll(multi, nil, 0, timeout, nil)
        }

        for easy in spareHandles { curl_easy_cleanup(easy) }
        spareHandles.removeAll()
        curl_multi_cleanup(multi)
        let waiters = state.withLock { s in
            defer { s.shutdownWaiters.removeAll() }
            return s.shutdownWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func start(_ transfer: Transfer) {
        if transfer.isCancelled { return transfer.fail(.cancelled) }
        if let error = transfer.makeHandle(options: configuration, reusing: spareHandles.popLast()) { return transfer.fail(error) }
        guard let easy = transfer.easy else { return transfer.fail(.other(code: -1, message: "no handle")) }
        let code = curl_multi_add_handle(multi, easy)
        guard code == CURLM_OK else {
            return transfer.fail(.other(code: Int(code.rawValue), message: String(cString: curl_multi_strerror(code))))
        }
        active[easy] = transfer
    }

    private func abort(_ transfer: Transfer) {
        guard let easy = transfer.easy, active.removeValue(forKey: easy) != nil else { return }
        curl_multi_remove_handle(multi, easy)
        transfer.fail(.cancelled)
    }

    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard ccurl_msg_is_done(message) != 0, let easy = message.pointee.easy_handle else { continue }
            let result = ccurl_msg_result(message)
            guard let transfer = active.removeValue(forKey: easy) else { continue }
            curl_multi_remove_handle(multi, easy)
            // A handle whose transfer went well is kept for the next one (up to the connection cap).
            let keep = result == CURLE_OK && spareHandles.count < configuration.maxTotalConnections
            transfer.finish(result: result, keepingHandle: keep)
            if keep { spareHandles.append(easy) }
        }
    }
}

extension Task where Success == Never, Failure == Never {
    fileprivate static func checkCancellation(orThrow error: CurlHTTPError) throws {
        if Task.isCancelled { throw error }
    }
}
