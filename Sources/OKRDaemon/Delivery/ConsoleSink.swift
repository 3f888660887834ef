import Foundation

/// Where the console destination writes.
public protocol ConsoleSink: Sendable {
    func write(destination: String, text: String)
}

/// Standard output, one message at a time.
public struct StandardOutputSink: ConsoleSink {
    public init() {}

    public func write(destination: String, text: String) {
        FileHandle.standardOutput.write(Data(("── \(destination) ──\n" + text).utf8))
    }
}
