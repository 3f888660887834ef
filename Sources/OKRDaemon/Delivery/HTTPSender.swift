public import ChatPlatforms
public import CurlHTTP
public import Foundation
import Synchronization

/// The answer to an outbound request, or why there was none.
public enum SendResult: Sendable {
    case response(status: Int, headers: [(String, String)], body: [UInt8])
    case failed(CurlHTTPError)
}

/// The I/O seam of delivery: starts one request and reports its result to a handler. The real one
/// is libcurl; tests use real local servers through it too.
///
/// `start` must not block; `completion` is called exactly once, possibly on another thread, and
/// must return quickly. The returned closure cancels the request (the completion then reports
/// ``CurlHTTPError/cancelled``).
public protocol HTTPSender: Sendable {
    /// Where the dispatcher runs: the thread that drives the requests, so that starting one and
    /// handling its result needs no thread switch.
    var executor: any SerialExecutor { get }

    func start(_ request: OutboundRequest, timeout: TimeInterval, completion: @escaping @Sendable (SendResult) -> Void) -> @Sendable () -> Void
}

extension HTTPSender {
    /// Starts `first`; when it succeeds (2xx) and `then` makes a second request from its answer,
    /// starts that one and reports its result; otherwise reports the first result. Cancelling
    /// cancels whichever request is in flight. (Matrix images: upload, then send the event.)
    public func startChain(_ first: OutboundRequest, timeout: TimeInterval, then: @escaping @Sendable ([UInt8]) -> OutboundRequest?,
                           completion: @escaping @Sendable (SendResult) -> Void) -> @Sendable () -> Void {
        let current = CancelBox()
        current.set(start(first, timeout: timeout) { result in
            guard case .response(let status, _, let body) = result, (200..<300).contains(status), let second = then(body), !current.isCancelled else {
                completion(result)
                return
            }
            current.set(self.start(second, timeout: timeout, completion: completion))
        })
        return { current.cancel() }
    }

    /// Sends one request and waits for its result.
    public func send(_ request: OutboundRequest, timeout: TimeInterval) async -> SendResult {
        await withCheckedContinuation { continuation in
            _ = start(request, timeout: timeout) { continuation.resume(returning: $0) }
        }
    }
}

extension CurlClient: HTTPSender {
    public func start(_ request: OutboundRequest, timeout: TimeInterval, completion: @escaping @Sendable (SendResult) -> Void) -> @Sendable () -> Void {
        let method = HTTPRequest.Method(rawValue: request.method) ?? .post
        let http = HTTPRequest(
            method: method, url: request.url, headers: HTTPHeaders(request.headers), body: request.body,
            timeout: .milliseconds(Int64(timeout * 1000)), connectTimeout: .seconds(min(10, max(1, Int64(timeout)))))
        let handle = start(http) { result in
            switch result {
            case .success(let response):
                completion(.response(status: response.status, headers: response.headers.fields.map { ($0.name, $0.value) }, body: response.body))
            case .failure(let error):
                completion(.failed(error))
            }
        }
        return { handle.cancel() }
    }
}

/// The cancel closure of whichever request of a chain is in flight.
final class CancelBox: Sendable {
    private let state = Mutex<(cancel: (@Sendable () -> Void)?, cancelled: Bool)>((nil, false))

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func set(_ cancel: @escaping @Sendable () -> Void) {
        let already = state.withLock { s -> Bool in
            s.cancel = cancel
            return s.cancelled
        }
        if already { cancel() }
    }

    func cancel() {
        let cancel = state.withLock { s -> (@Sendable () -> Void)? in
            s.cancelled = true
            return s.cancel
        }
        cancel?()
    }
}
