internal import CCurl
import Foundation
import Synchronization

/// An async HTTP client over the libcurl multi interface.
///
/// One dedicated thread owns the multi handle and drives every transfer; callers never block.
/// The thread starts with the first request and sleeps in `curl_multi_poll` whenever nothing is
/// ready; new work and cancellations wake it through `curl_multi_wakeup`. Connections are kept in
/// the multi handle's cache and reused across requests, and HTTP/2 streams are multiplexed onto one
/// connection where the server offers it.
///
/// Call ``shutdown()`` before the process exits: it lets transfers in flight finish, refuses new
/// ones, and returns once the multi handle is cleaned up.
public final class CurlClient: Sendable {
    public struct Configuration: Sendable {
        /// Responses with a larger body fail with ``CurlHTTPError/tooLarge(limit:)``.
        public var maxResponseBytes: Int = 1 << 20
        /// A PEM bundle of CA certificates; the system bundle when nil. Peer verification is always on.
        public var caBundlePath: String?
        /// Upper bound of simultaneous connections to one host; more requests queue for a free one.
        public var maxConnectionsPerHost: Int = 8
        /// Upper bound of simultaneous connections overall.
        public var maxTotalConnections: Int = 64
        /// Size of the cache of idle connections kept for reuse.
        public var maxCachedConnections: Int = 64
        public var userAgent: String = "okrd (+https://github.com/okrd/okrd)"

        public init() {}
    }

    public let configuration: Configuration
    private let engine: CurlEngine

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        engine = CurlEngine(configuration: configuration)
    }

    /// Sends a request and returns the final response. HTTP error statuses are responses, not
    /// errors; transport failures throw ``CurlHTTPError``. Cancelling the calling task aborts the
    /// transfer and throws ``CurlHTTPError/cancelled``.
    public func send(_ request: HTTPRequest) async throws(CurlHTTPError) -> HTTPResponse {
        do {
            return try await engine.perform(request)
        } catch let error as CurlHTTPError {
            throw error
        } catch {
            throw .other(code: -1, message: "\(error)")
        }
    }

    /// Starts a request without waiting for it: `completion` receives the final response or the
    /// transport failure exactly once, on the client's own thread, so it must return quickly (hand the
    /// result over, do not process it there). For callers that keep many requests in flight without a
    /// task per request. The returned handle cancels the transfer (the completion then receives
    /// ``CurlHTTPError/cancelled``).
    @discardableResult
    public func start(_ request: HTTPRequest, completion: @escaping @Sendable (Result<HTTPResponse, CurlHTTPError>) -> Void) -> CurlTransferHandle {
        CurlTransferHandle(engine: engine, transfer: engine.start(request, completion: completion))
    }

    /// The client's loop thread as an executor, for an actor whose work is mostly starting requests
    /// and handling their results: its jobs run between two rounds of transfers, so handing a
    /// request over and getting its result back costs no thread switch. Keep such jobs short and
    /// never block them on a request of this client. (After ``shutdown()`` the jobs run on a serial
    /// queue of their own.)
    public var executor: any SerialExecutor { engine }

    /// Refuses new requests, waits for the ones in flight, and releases libcurl's resources.
    public func shutdown() async {
        await engine.shutdown()
    }

    /// The libcurl version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.15 ...".
    public static var libcurlVersion: String {
        String(cString: curl_version())
    }
}

/// Cancels one request started with ``CurlClient/start(_:completion:)``.
public struct CurlTransferHandle: Sendable {
    let engine: CurlEngine
    let transfer: Transfer

    /// Aborts the transfer if it is still running; its completion then receives `.cancelled`.
    public func cancel() {
        engine.cancel(transfer)
    }
}

/// Process-wide libcurl initialisation, done once before the first handle is created.
let curlGlobalInit: Void = {
    _ = ccurl_global_init()
}()
