public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 for tests. Each request is answered by an async handler that
/// can also misbehave: stall without answering, reset the connection, or close it silently.
/// It counts the TCP connections it accepted and records every request it saw.
public final class TestHTTPServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        /// Path and query, as sent.
        public var uri: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
        /// Which accepted connection carried it (1-based, in accept order).
        public var connection: Int
        public var receivedAt: Date

        public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
        public var text: String { String(decoding: body, as: UTF8.self) }
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public enum Action: Sendable {
        case respond(status: Int, headers: [(String, String)] = [], body: [UInt8] = [])
        /// Never answer; the connection stays open until the client gives up or the server stops.
        case stall
        /// Close with TCP RST (SO_LINGER 0).
        case reset
        /// Close without sending anything.
        case close

        public static func text(_ status: Int, _ text: String, headers: [(String, String)] = []) -> Action {
            .respond(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: Array(text.utf8))
        }
        public static func json(_ status: Int, _ json: String, headers: [(String, String)] = []) -> Action {
            .respond(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(json.utf8))
        }
    }

    public typealias Handler = @Sendable (Request) async -> Action
    /// Answers on the event loop itself, with no task per request: for benchmarks, where the
    /// receiver should cost as little CPU as it can.
    public typealias ImmediateHandler = @Sendable (Request) -> Action

    fileprivate enum Responder: Sendable {
        case async(Handler)
        case immediate(ImmediateHandler)
    }

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let ledger: Ledger
    public let port: Int

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var connectionCount: Int { ledger.state.withLock { $0.connections } }
    public var requests: [Request] { ledger.state.withLock { $0.requests } }

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, ledger: Ledger, port: Int) {
        self.group = group
        self.channel = channel
        self.ledger = ledger
        self.port = port
    }

    public static func start(port: Int = 0, handler: @escaping Handler) async throws -> TestHTTPServer {
        try await start(port: port, responder: .async(handler), recording: true)
    }

    /// A server whose handler answers on the event loop; `recording: false` keeps no ledger of
    /// requests (`requests` stays empty).
    public static func start(port: Int = 0, recording: Bool, immediate: @escaping ImmediateHandler) async throws -> TestHTTPServer {
        try await start(port: port, responder: .immediate(immediate), recording: recording)
    }

    private static func start(port: Int, responder: Responder, recording: Bool) async throws -> TestHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let ledger = Ledger()
        let record: @Sendable (TestHTTPServer.Request) -> Void
        if recording {
            record = { request in ledger.record(request) }
        } else {
            record = { _ in }
        }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let number = ledger.accept(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        ConnectionHandler(connection: number, responder: responder, record: record, executor: EventLoopTaskExecutor(channel.eventLoop))
                    )
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        let boundPort = channel.localAddress?.port ?? 0
        return TestHTTPServer(group: group, channel: channel, ledger: ledger, port: boundPort)
    }

    /// Closes every connection and the listener.
    public func shutdown() async {
        let channels = ledger.state.withLock { $0.channels }
        for child in channels { try? await child.close() }
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// What the server saw, shared between the event loop and the test.
private final class Ledger: Sendable {
    struct State {
        var connections = 0
        var requests: [TestHTTPServer.Request] = []
        var channels: [any Channel] = []
    }

    let state = Mutex(State())

    func accept(_ channel: any Channel) -> Int {
        state.withLock { s in
            s.connections += 1
            s.channels.append(channel)
            return s.connections
        }
    }

    func record(_ request: TestHTTPServer.Request) {
        state.withLock { $0.requests.append(request) }
    }
}

private final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let connection: Int
    private let responder: TestHTTPServer.Responder
    private let record: @Sendable (TestHTTPServer.Request) -> Void
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The connection's event loop, where its handlers run.
    private let executor: EventLoopTaskExecutor

    init(connection: Int, responder: TestHTTPServer.Responder, record: @escaping @Sendable (TestHTTPServer.Request) -> Void, executor: EventLoopTaskExecutor) {
        self.executor = executor
        self.connection = connection
        self.responder = responder
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let request = TestHTTPServer.Request(
                method: head.method.rawValue,
                uri: head.uri,
                headers: head.headers.map { (name: $0.name, value: $0.value) },
                body: body,
                connection: connection,
                receivedAt: Date()
            )
            record(request)
            let keepAlive = head.isKeepAlive
            let version = head.version
            let handler: TestHTTPServer.Handler
            switch responder {
            case .immediate(let respond):
                return Self.perform(respond(request), context: context, version: version, keepAlive: keepAlive)
            case .async(let respond):
                handler = respond
            }
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            let promise = loop.makePromise(of: TestHTTPServer.Action.self)
            Task(executorPreference: executor) { promise.succeed(await handler(request)) }
            promise.futureResult.whenSuccess { action in
                Self.perform(action, context: bound.value, version: version, keepAlive: keepAlive)
            }
        }
    }

    private static func perform(_ action: TestHTTPServer.Action, context: ChannelHandlerContext, version: HTTPVersion, keepAlive: Bool) {
        switch action {
        case .respond(let status, let headers, let body):
            var fields = HTTPHeaders(headers)
            fields.replaceOrAdd(name: "Content-Length", value: "\(body.count)")
            if !keepAlive { fields.replaceOrAdd(name: "Connection", value: "close") }
            let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: fields)
            context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
            if !body.isEmpty {
                var buffer = context.channel.allocator.buffer(capacity: body.count)
                buffer.writeBytes(body)
                context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))), promise: nil)
            }
            let done = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
            if !keepAlive {
                let channel = context.channel
                done.whenComplete { _ in channel.close(promise: nil) }
            }
        case .stall:
            break
        case .reset:
            let channel = context.channel
            guard let provider = channel as? any SocketOptionProvider else { return channel.close(promise: nil) }
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
        case .close:
            context.close(promise: nil)
        }
    }
}

/// Runs a request's handler on the server's own event loop rather than in the test process's
/// cooperative pool: that pool has as many threads as cores (two on CI), and CPU-bound tests or
/// tests waiting on a child process can hold them for seconds, long enough for a client under
/// test to time out against a server that would have answered at once.
private final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
