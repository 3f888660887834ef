import ChatPlatforms
public import CurlHTTP
public import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif
public import Logging
import NIOCore
import NIOPosix
import OKRModel
public import OKRStore
import Synchronization
public import OKRWorkflows

/// The configuration the server answers with; replaced on reload.
public final class ConfigHolder: Sendable {
    private let value: Mutex<OKRConfig>
    public init(_ config: OKRConfig) { value = Mutex(config) }
    public var current: OKRConfig { value.withLock { $0 } }
    public func replace(_ config: OKRConfig) { value.withLock { $0 = config } }
}

/// Hummingbird's request context plus the peer's address (the dashboard serves loopback only
/// when it has no token).
struct OKRRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let peerIsLoopback: Bool

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let address = source.channel.remoteAddress?.ipAddress ?? ""
        peerIsLoopback = address == "127.0.0.1" || address == "::1" || address.hasPrefix("::ffff:127.") || address.hasPrefix("127.")
            || source.channel.remoteAddress?.protocol == .unix
    }
}

/// What `/healthz` reports beyond the store: supplied by the daemon.
public struct HealthStatus: Sendable {
    public var schedulerAlive: Bool
    public var nextOccurrence: Date?
    /// With replicas: whether this one leads (runs the schedules); nil when it is the only one.
    public var leader: Bool?
    public init(schedulerAlive: Bool, nextOccurrence: Date?, leader: Bool? = nil) {
        self.schedulerAlive = schedulerAlive
        self.nextOccurrence = nextOccurrence
        self.leader = leader
    }
}

/// The reply server (Hummingbird 2): the inbound endpoints of every platform, the personal
/// check-in page, `/healthz` and `/metrics`.
///
/// Limits: bodies over 1 MiB are refused with 413 from their Content-Length, or as soon as the
/// bytes read pass the limit; a body must arrive within 10 s (408) and a connection idle for 30 s
/// is closed, so slow clients cannot hold it; all work per request is bounded.
public final class ReplyServer: Sendable {
    public static let maxBody = 1 << 20
    public static let defaultBodyDeadline: Duration = .seconds(10)

    private let config: ConfigHolder
    private let store: any Store
    private let clock: any OKRClock
    private let metrics: OKRMetrics
    private let links: CheckinLinks
    private let logger: Logger
    private let health: @Sendable () async -> HealthStatus
    private let group: MultiThreadedEventLoopGroup
    private let port = Mutex<Int?>(nil)
    /// The last write probe of `/healthz`: when, and why it failed (nil: it wrote).
    private let lastProbe = Mutex<(at: Date, failure: String?)?>(nil)
    /// `/healthz` writes to the store at most this often.
    static let probeInterval: TimeInterval = 10
    /// How long a request body may take to arrive (real time: it protects the server, it is not a
    /// schedule).
    private let bodyDeadline: Duration

    /// Wakes the dispatcher when a reply queued a message (a Slack event's confirmation).
    private let onQueued: @Sendable () -> Void

    /// Calls platforms' APIs from inside a request (Slack's `views.open` for the check-in form).
    private let client: CurlClient?

    public init(config: ConfigHolder, store: any Store, clock: any OKRClock, metrics: OKRMetrics, links: CheckinLinks, logger: Logger,
                bodyDeadline: Duration = ReplyServer.defaultBodyDeadline, client: CurlClient? = nil, onQueued: @escaping @Sendable () -> Void = {},
                health: @escaping @Sendable () async -> HealthStatus) {
        self.client = client
        self.bodyDeadline = bodyDeadline
        self.onQueued = onQueued
        self.config = config
        self.store = store
        self.clock = clock
        self.metrics = metrics
        self.links = links
        self.logger = logger
        self.health = health
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    /// The port bound, once running (useful with port 0).
    public var boundPort: Int? { port.withLock { $0 } }

    /// Serves until the task is cancelled or, inside a `ServiceGroup`, until its graceful shutdown.
    /// `onRunning` gets the bound port.
    public func run(host: String, port requested: Int, onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router(context: OKRRequestContext.self)
        for endpoint in InboundEndpoint.allCases {
            router.post(RouterPath(endpoint.rawValue)) { [self] request, _ in
                await self.inbound(endpoint, request)
            }
        }
        router.get("/checkin/:token") { [self] request, context in
            let token = context.parameters.get("token") ?? ""
            return Self.response(await CheckinPage(config: config.current, store: store, links: links).get(token: token, now: clock.now()))
        }
        router.post("/checkin/:token") { [self] request, context in
            let token = context.parameters.get("token") ?? ""
            let headers = Self.headers(request)
            switch await Self.readBody(request, deadline: bodyDeadline) {
            case .refused(let response): return response
            case .body(let body):
                return Self.response(await CheckinPage(config: config.current, store: store, links: links).post(token: token, headers: headers, body: body, now: clock.now()))
            }
        }
        router.get("/healthz") { [self] _, _ in await self.healthz() }
        router.get("/dashboard") { [self] request, context in
            let config = self.config.current
            let query = FormDecoder.decode(Array((request.uri.query ?? "").utf8))
            switch Dashboard.access(config: config, headers: Self.headers(request), query: query, peerIsLoopback: context.peerIsLoopback) {
            case .allowed:
                return Self.response(await Dashboard(config: config, store: store).page(team: query["team"], now: clock.now()))
            case .needsToken:
                var response = Self.response(.text("the dashboard needs a token (server.dashboard_token) or a request from this machine\n", status: 401))
                response.headers[.wwwAuthenticate] = "Bearer realm=\"okrd\""
                return response
            case .wrongToken:
                return Self.response(.text("forbidden: wrong dashboard token\n", status: 403))
            }
        }
        router.get("/charts/:token") { [self] _, context in
            // `{token}.png` or `.svg`: a team's radar chart, for digests that show an image by URL.
            let name = context.parameters.get("token") ?? ""
            let isPNG = name.hasSuffix(".png")
            let token = String(name.dropLast(4))
            guard name.hasSuffix(".png") || name.hasSuffix(".svg"), let claims = try? links.verify(token, now: clock.now()),
                  claims.person.hasPrefix("team:"), let team = config.current.organization.team(String(claims.person.dropFirst(5))) else {
                return Self.response(.text("not found\n", status: 404))
            }
            do {
                let snapshot = try await Snapshot.load(config.current.organization, store: store, at: clock.now())
                let chart = RadarChart(team: team, snapshot: snapshot)
                let body = isPNG ? try chart.png() : Array(chart.svg().utf8)
                return Self.response(InboundResponse(status: 200, contentType: isPNG ? "image/png" : "image/svg+xml", body: body,
                                                     headers: [("Cache-Control", "private, max-age=300"), ("X-Content-Type-Options", "nosniff")]))
            } catch {
                return Self.response(.text("the chart cannot be drawn just now\n", status: 503))
            }
        }
        router.get("/metrics") { [self] _, _ in
            let text = await metrics.exposition(store: store, now: clock.now())
            return Self.response(InboundResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(text.utf8)))
        }
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .notice)
        let responder = router.buildResponder()
        // HummingbirdCore's server without Application: Application adds a service that rewrites
        // the Date header every second, which would wake an idle okrd 60 times a minute.
        let server = try HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(30))).buildServer(
            configuration: ServerConfiguration(address: .hostname(host, port: requested), serverName: "okrd"),
            eventLoopGroup: group,
            logger: serverLogger,
            responder: { [serverLogger] request, writer, channel in
                let context = OKRRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: serverLogger))
                var response: Response
                do {
                    response = try await responder.respond(to: request, context: context)
                } catch let error as any HTTPResponseError {
                    response = (try? error.response(from: request, context: context)) ?? Response(status: .internalServerError)
                } catch {
                    response = Response(status: .internalServerError)
                }
                response.headers[.date] = Self.httpDate()
                response.headers[.server] = "okrd"
                try await writer.write(response: response.head, body: response.body)
            },
            onServerRunning: { [self] channel in
                let bound = channel.localAddress?.port ?? requested
                self.port.withLock { $0 = bound }
                onRunning(bound)
            }
        )
        // Run as one of okrd run's services: at the group's graceful shutdown the listener closes
        // and the requests in flight finish (recording their replies) before this returns.
        try await server.run()
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    public func shutdown() async {
        try? await group.shutdownGracefully()
    }

    private func inbound(_ endpoint: InboundEndpoint, _ request: Request) async -> Response {
        let headers = Self.headers(request)
        switch await Self.readBody(request, deadline: bodyDeadline) {
        case .refused(let response):
            metrics.inbound(endpoint, outcome: "refused")
            return response
        case .body(let body):
            let handler = InboundHandler(config: config.current, store: store, metrics: metrics, logger: logger, client: client, links: links, onQueued: onQueued)
            return Self.response(await handler.handle(endpoint, headers: headers, body: body, now: clock.now()))
        }
    }

    private func healthz() async -> Response {
        // A database that does not answer (PostgreSQL gone, connections refused) is "unreachable"
        // within 5 seconds, not after the pool's own timeouts: a health check must answer.
        let store = self.store
        let storeOK = await Self.succeeds(within: Self.pingLimit) { try await store.ping() }
        let now = clock.now()
        let writeFailure = storeOK ? await writeProbe(now: now) : nil
        let stats = storeOK ? try? await store.outboxStats() : nil
        let status = await health()
        let healthy = storeOK && writeFailure == nil && status.schedulerAlive
        let oldest = stats?.oldestPending.map { max(0, now.timeIntervalSince($0)) }
        let body = JSONValue.object([
            ("status", .string(healthy ? "ok" : "unhealthy")),
            ("store", .string(!storeOK ? "unreachable" : writeFailure.map { "cannot write: \($0)" } ?? "ok")),
            ("scheduler", .object([("alive", .bool(status.schedulerAlive)), ("next_occurrence", status.nextOccurrence.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null)]
                                  + (status.leader.map { [("leader", JSONValue.bool($0))] } ?? []))),
            ("outbox", .object([
                ("pending", .number(Double(stats?.counts[.pending] ?? 0))), ("dead", .number(Double(stats?.counts[.dead] ?? 0))),
                ("oldest_pending_age_seconds", oldest.map { .number($0.rounded()) } ?? .null),
            ])),
        ])
        return Self.response(InboundResponse(status: healthy ? 200 : 503, contentType: "application/json", body: body.bytes))
    }

    /// How long `/healthz` waits for the store to answer (real time).
    static let pingLimit: Duration = .seconds(5)

    /// Whether `body` finishes without an error within `limit` (real time). A body still running
    /// then is left to finish on its own; the answer does not wait for it.
    static func succeeds(within limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async -> Bool {
        /// Resumes the continuation with the first answer only.
        final class FirstAnswer: Sendable {
            private let continuation: Mutex<CheckedContinuation<Bool, Never>?>
            init(_ continuation: CheckedContinuation<Bool, Never>) { self.continuation = Mutex(continuation) }
            func answer(_ value: Bool) {
                continuation.withLock { $0.take() }?.resume(returning: value)
            }
        }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let first = FirstAnswer(continuation)
            let work = Task { first.answer((try? await body()) != nil) }
            Task {
                try? await Task.sleep(for: limit)
                first.answer(false)
                work.cancel()
            }
        }
    }

    /// Whether the store takes a write (a full disk reads fine and writes nothing): a tiny
    /// transaction on a meta row, at most every `probeInterval`; the reason when it failed.
    private func writeProbe(now: Date) async -> String? {
        if let last = lastProbe.withLock({ $0 }), now.timeIntervalSince(last.at) < Self.probeInterval, now >= last.at { return last.failure }
        var failure: String?
        do {
            _ = try await store.apply([.setMeta(key: "health_probe", value: ISO8601DateFormatter().string(from: now))])
        } catch {
            // The detail (it names files) goes to the log, not to whoever asks /healthz.
            logger.error("the store cannot write", metadata: ["error": "\(error)"])
            failure = error.localizedDescription.contains("full") || "\(error)".contains("full") ? "the disk is full" : "writes fail (see the log)"
        }
        lastProbe.withLock { $0 = (now, failure) }
        return failure
    }

    static func headers(_ request: Request) -> InboundHeaders {
        // HTTP/1's Host arrives as the request's authority, not as a header field.
        InboundHeaders(request.headers.map { ($0.name.canonicalName, $0.value) } + (request.head.authority.map { [("Host", $0)] } ?? []))
    }

    /// Reads the body, refusing more than `maxBody` bytes (by Content-Length before reading, or
    /// as soon as the bytes read pass it) and bodies slower than `deadline`.
    enum BodyRead {
        case body([UInt8])
        case refused(Response)
    }

    static func readBody(_ request: Request, deadline: Duration) async -> BodyRead {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBody {
            return .refused(tooLarge())
        }
        do {
            let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await request.body.collect(upTo: maxBody) }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let buffer = first else { throw CancellationError() }
                return buffer
            }
            return .body(Array(buffer.readableBytesView))
        } catch is CancellationError {
            return .refused(response(.text("request timeout: the body did not arrive in time\n", status: 408)))
        } catch {
            return .refused(tooLarge())
        }
    }

    static func tooLarge() -> Response {
        var response = response(.text("payload too large: okrd accepts at most 1 MiB\n", status: 413))
        response.headers[.connection] = "close"
        return response
    }

    static func response(_ inbound: InboundResponse) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = inbound.contentType
        for (name, value) in inbound.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: .init(code: inbound.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: inbound.body)))
    }
}
