public import ChatPlatforms
public import CurlHTTP
public import Foundation

/// The answer to an outbound request, or why there was none.
public enum SendResult: Sendable {
    case response(status: Int, headers: [(String, String)], body: [UInt8])
    case failed(CurlHTTPError)
}

/// The I/O seam of delivery: sends one request. The real one is libcurl; tests use real local
/// servers through it too.
public protocol HTTPSender: Sendable {
    func send(_ request: OutboundRequest, timeout: TimeInterval) async -> SendResult
}

extension CurlClient: HTTPSender {
    public func send(_ request: OutboundRequest, timeout: TimeInterval) async -> SendResult {
        let method = HTTPRequest.Method(rawValue: request.method) ?? .post
        let http = HTTPRequest(
            method: method, url: request.url, headers: HTTPHeaders(request.headers), body: request.body,
            timeout: .milliseconds(Int64(timeout * 1000)), connectTimeout: .seconds(min(10, max(1, Int64(timeout)))))
        do {
            let response = try await send(http)
            return .response(status: response.status, headers: response.headers.fields.map { ($0.name, $0.value) }, body: response.body)
        } catch {
            return .failed(error)
        }
    }
}
