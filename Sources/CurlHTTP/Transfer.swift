internal import CCurl
import Foundation
import Synchronization

/// One request in flight: its easy handle, the buffers libcurl writes into, and the completion
/// handler that receives the outcome (exactly once, on the loop thread).
///
/// Thread confinement: after `submit`, every stored property except `cancelRequested` is touched only
/// by the engine's loop thread (libcurl invokes the callbacks on that thread, inside
/// `curl_multi_perform`). `cancelRequested` is a `Mutex` because cancellation arrives from any thread.
final class Transfer: @unchecked Sendable {
    let request: HTTPRequest
    let maxBodyBytes: Int
    private var completion: (@Sendable (Result<HTTPResponse, CurlHTTPError>) -> Void)?

    let cancelRequested = Mutex(false)

    var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    private var body: [UInt8] = []
    private var headerFields: [(String, String)] = []
    private var bodyTooLarge = false

    init(request: HTTPRequest, maxBodyBytes: Int, completion: @escaping @Sendable (Result<HTTPResponse, CurlHTTPError>) -> Void) {
        self.request = request
        self.maxBodyBytes = maxBodyBytes
        self.completion = completion
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        releaseHandle()
        errorBuffer.deallocate()
    }

    var isCancelled: Bool { cancelRequested.withLock { $0 } }

    /// Creates and configures the easy handle, or resets and configures `spare` (a handle of an
    /// earlier transfer: its caches stay, every option goes back to its default). Returns an error
    /// instead of a handle when the request cannot be expressed to libcurl.
    func makeHandle(options: CurlClient.Configuration, reusing spare: UnsafeMutableRawPointer? = nil) -> CurlHTTPError? {
        let easy: UnsafeMutableRawPointer
        if let spare {
            curl_easy_reset(spare)
            easy = spare
        } else {
            guard let fresh = curl_easy_init() else { return .other(code: -1, message: "curl_easy_init failed") }
            easy = fresh
        }
        self.easy = easy
        let me = Unmanaged.passUnretained(self).toOpaque()

        var failed: CURLcode = CURLE_OK
        func set(_ code: CURLcode) { if code != CURLE_OK, failed == CURLE_OK { failed = code } }

        set(ccurl_easy_setopt_cstr(easy, CURLOPT_URL, request.url))
        set(ccurl_easy_setopt_cstr(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        set(ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        set(ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.timeout.curlMilliseconds))
        set(ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.curlMilliseconds))
        set(ccurl_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        set(ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1))
        set(ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2))
        if let caBundle = options.caBundlePath {
            set(ccurl_easy_setopt_cstr(easy, CURLOPT_CAINFO, caBundle))
        }
        set(ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        // Waiting for a connection in the making to say whether it multiplexes pays off only where
        // HTTP/2 can be negotiated (TLS); over plain HTTP it made a second request to the host wait
        // for the first one's answer.
        if request.url.prefix(6).lowercased() == "https:" {
            set(ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1))
        }
        set(ccurl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        set(ccurl_easy_setopt_cstr(easy, CURLOPT_ACCEPT_ENCODING, ""))
        set(ccurl_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBodyBytes)))
        set(ccurl_easy_setopt_cstr(easy, CURLOPT_USERAGENT, options.userAgent))

        set(ccurl_easy_setopt_data_cb(easy, CURLOPT_WRITEFUNCTION, transferWriteBody))
        set(ccurl_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, me))
        set(ccurl_easy_setopt_data_cb(easy, CURLOPT_HEADERFUNCTION, transferWriteHeader))
        set(ccurl_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, me))

        switch request.method {
        case .get:
            set(ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        case .head:
            set(ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        case .post, .put, .patch, .delete:
            if request.method != .post {
                set(ccurl_easy_setopt_cstr(easy, CURLOPT_CUSTOMREQUEST, request.method.rawValue))
            }
            if let body = request.body {
                // POSTFIELDSIZE must come first so COPYPOSTFIELDS copies binary bodies whole.
                set(ccurl_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
                if body.isEmpty {
                    set(ccurl_easy_setopt_cstr(easy, CURLOPT_COPYPOSTFIELDS, ""))
                } else {
                    body.withUnsafeBytes { raw in
                        set(ccurl_easy_setopt_cstr(easy, CURLOPT_COPYPOSTFIELDS, raw.baseAddress!.assumingMemoryBound(to: CChar.self)))
                    }
                }
            } else if request.method == .post {
                set(ccurl_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, 0))
                set(ccurl_easy_setopt_cstr(easy, CURLOPT_COPYPOSTFIELDS, ""))
            }
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for field in request.headers {
            // Header names and values containing line breaks would smuggle extra headers.
            guard !Self.hasLineBreak(field.name), !Self.hasLineBreak(field.value) else {
                return .invalidRequest("header \(field.name) contains a line break")
            }
            list = curl_slist_append(list, "\(field.name): \(field.value)")
        }
        // Waiting for "100 Continue" costs a round trip (or a second with servers that ignore it).
        list = curl_slist_append(list, "Expect:")
        headerList = list
        set(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list))

        if failed != CURLE_OK {
            return Self.error(for: failed, message: String(cString: curl_easy_strerror(failed)))
        }
        return nil
    }

    /// CR, LF, NUL, or a Unicode line break (which some servers fold): header smuggling material.
    private static func hasLineBreak(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0 || $0 >= 0x80 } && text.contains(where: { $0.isNewline || $0 == "\0" })
    }

    func releaseHandle() {
        if let easy {
            curl_easy_cleanup(easy)
            self.easy = nil
        }
        releaseHeaders()
    }

    /// Gives the easy handle up without cleaning it up (the engine keeps it for the next transfer).
    func detachHandle() {
        easy = nil
        releaseHeaders()
    }

    private func releaseHeaders() {
        if let headerList {
            curl_slist_free_all(headerList)
            self.headerList = nil
        }
    }

    // MARK: Callbacks (loop thread)

    fileprivate func appendBody(_ pointer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0, let pointer else { return count }
        if body.count + count > maxBodyBytes {
            bodyTooLarge = true
            return 0  // makes libcurl abort with CURLE_WRITE_ERROR
        }
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
        return count
    }

    fileprivate func appendHeader(_ pointer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0, let pointer else { return count }
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) { start in
            var line = UnsafeBufferPointer(start: start, count: count)[...]
            // Every response of a chain (100 Continue, proxies) starts with a status line: keep only the last.
            if line.starts(with: "HTTP/".utf8) {
                headerFields.removeAll()
                return
            }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
            while let last = line.last, isSpace(last) { line = line.dropLast() }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
            var value = line[line.index(after: colon)...]
            while let first = value.first, isSpace(first) { value = value.dropFirst() }
            headerFields.append((String(decoding: line[line.startIndex..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return count
    }

    // MARK: Completion (loop thread)

    /// Reports the transfer's outcome; `keepingHandle` leaves the easy handle to the caller.
    func finish(result code: CURLcode, keepingHandle: Bool = false) {
        guard let easy else { return resume(.failure(.other(code: -1, message: "no handle")), keepingHandle: keepingHandle) }
        if code == CURLE_OK {
            var status = 0
            _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            var version = 0
            _ = ccurl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
            let response = HTTPResponse(
                status: status,
                headers: HTTPHeaders(headerFields),
                body: body,
                httpVersion: Self.versionName(version)
            )
            resume(.success(response), keepingHandle: keepingHandle)
        } else {
            let detail = String(cString: errorBuffer)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            if bodyTooLarge || code == CURLE_FILESIZE_EXCEEDED {
                resume(.failure(.tooLarge(limit: maxBodyBytes)), keepingHandle: keepingHandle)
            } else {
                resume(.failure(Self.error(for: code, message: message)), keepingHandle: keepingHandle)
            }
        }
    }

    func fail(_ error: CurlHTTPError) {
        resume(.failure(error))
    }

    private func resume(_ result: Result<HTTPResponse, CurlHTTPError>, keepingHandle: Bool = false) {
        if keepingHandle { detachHandle() } else { releaseHandle() }
        let completion = self.completion
        self.completion = nil
        completion?(result)
    }

    static func error(for code: CURLcode, message: String) -> CurlHTTPError {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns(message)
        case CURLE_COULDNT_CONNECT:
            return .connect(message)
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout(message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED:
            return .tls(message)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return .connectionLost(message)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT:
            return .invalidRequest(message)
        default:
            return .other(code: Int(code.rawValue), message: message)
        }
    }

    private static func versionName(_ version: Int) -> String {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: "1.1"
        }
    }
}

private let transferWriteBody: ccurl_data_cb = { pointer, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.appendBody(pointer, size * count)
}

private let transferWriteHeader: ccurl_data_cb = { pointer, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.appendHeader(pointer, size * count)
}
