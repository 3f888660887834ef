public import ChatPlatforms
public import CurlHTTP
import Foundation
import OKRModel
public import Logging
public import OKRStore
public import OKRWorkflows

/// What delivering needs, made from a configuration: the HTTP client, the outbox writer and the
/// dispatcher. Used by `okrd run` and by the commands that deliver (`prompt`, `outbox flush`).
public struct DeliveryStack: Sendable {
    public let client: CurlClient
    public let writer: OutboxWriter
    public let dispatcher: Dispatcher
    public let directory: Directory

    public init(config: OKRConfig, store: any Store, clock: any OKRClock, console: any ConsoleSink = StandardOutputSink(), logger: Logger = Logger(label: "okrd.delivery"), observer: (@Sendable (String, String, Duration?) -> Void)? = nil) {
        var configuration = CurlClient.Configuration()
        configuration.caBundlePath = config.delivery.caBundle
        configuration.maxConnectionsPerHost = max(2, config.delivery.parallel)
        configuration.maxTotalConnections = max(16, config.delivery.parallel * 2)
        client = CurlClient(configuration: configuration)
        directory = Directory(people: config.organization.people)
        writer = OutboxWriter(destinations: config.destinations, directory: directory)
        dispatcher = Dispatcher(
            store: store, sender: client, destinations: config.destinations, directory: directory, clock: clock,
            settings: config.delivery, logger: logger, console: console, observer: observer)
    }

    public func shutdown() async {
        await client.shutdown()
    }
}
