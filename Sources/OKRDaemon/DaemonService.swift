import ServiceLifecycle

/// One of `okrd run`'s services in its `ServiceGroup`, made of what the daemon already has: a body
/// that runs until the group shuts down, and what ends it.
///
/// - `onShutdown`: called when the group shuts this service down gracefully; the body is then
///   expected to finish what it is doing and return (the dispatcher drains).
/// - `cancelledOnShutdown`: the body is cancelled at the graceful shutdown (a listener, a timer).
/// - neither: the body watches the graceful shutdown itself (Hummingbird's server does).
struct DaemonService: Service, CustomStringConvertible {
    let description: String
    private let body: @Sendable () async throws -> Void
    private let onShutdown: (@Sendable () async -> Void)?

    init(_ name: String, _ body: @escaping @Sendable () async throws -> Void, onShutdown: (@Sendable () async -> Void)? = nil) {
        description = name
        self.body = body
        self.onShutdown = onShutdown
    }

    init(_ name: String, cancelledOnShutdown body: @escaping @Sendable () async -> Void) {
        self.init(name, { await cancelWhenGracefulShutdown { await body() } })
    }

    func run() async throws {
        guard let onShutdown else { return try await body() }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await body() }
            // Throws only when the group is cancelled (the body failed, or a hard stop).
            guard (try? await gracefulShutdown()) != nil else { return }
            await onShutdown()
        }
    }
}
