/// Why a request produced no HTTP response. HTTP statuses (4xx, 5xx) are not errors: they come back
/// as an ``HTTPResponse``, because retry policy depends on telling the two apart.
public enum CurlHTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host name did not resolve.
    case dns(String)
    /// No TCP connection could be made (refused, unreachable).
    case connect(String)
    /// The TLS handshake or peer verification failed.
    case tls(String)
    /// The request or the connection attempt ran past its deadline.
    case timeout(String)
    /// The response body exceeded the configured limit.
    case tooLarge(limit: Int)
    /// The calling task was cancelled; the transfer was aborted.
    case cancelled
    /// The connection broke while sending or receiving (reset, closed early, empty reply).
    case connectionLost(String)
    /// The request itself is unusable (bad URL, unsupported scheme).
    case invalidRequest(String)
    /// The client is shutting down and accepts no new requests.
    case shutdown
    /// Any other libcurl failure, with its code and message.
    case other(code: Int, message: String)

    public var description: String {
        switch self {
        case .dns(let m): "DNS resolution failed: \(m)"
        case .connect(let m): "could not connect: \(m)"
        case .tls(let m): "TLS failure: \(m)"
        case .timeout(let m): "timed out: \(m)"
        case .tooLarge(let limit): "response body larger than \(limit) bytes"
        case .cancelled: "request cancelled"
        case .connectionLost(let m): "connection lost: \(m)"
        case .invalidRequest(let m): "invalid request: \(m)"
        case .shutdown: "HTTP client is shutting down"
        case .other(let code, let m): "transfer failed (curl \(code)): \(m)"
        }
    }

    /// Whether sending the same request again may succeed (transport trouble, not a bad request).
    public var isTransient: Bool {
        switch self {
        case .dns, .connect, .timeout, .connectionLost, .other: true
        case .tls, .tooLarge, .cancelled, .invalidRequest, .shutdown: false
        }
    }
}
