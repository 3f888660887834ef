public import Foundation

/// Runs a program to completion and captures what it printed.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum ProcessRunner {
    /// The directory holding the test bundle, which also holds the products built with it.
    public static var productsDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["OKRD_PRODUCTS_DIR"] { return URL(fileURLWithPath: override) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("okrd").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug")
    }

    /// The root of the package (for fixtures such as config/okrd.example.yaml).
    public static func packageRoot(from file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    public static func run(
        _ executable: URL, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe()
        let err = Pipe()
        let outBox = ReadBox()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
        // The reads are plain read(2) loops that retry an interrupted call: Foundation's
        // readDataToEndOfFile traps on EINTR, which a signal to the test process can cause.
        let outReader = Thread { outBox.data = readToEnd(out.fileHandleForReading.fileDescriptor); outBox.done.signal() }
        outReader.start()
        let errData = readToEnd(err.fileHandleForReading.fileDescriptor)
        outBox.done.wait()
        let outData = outBox.data
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `run` on a thread of its own, so waiting for the child does not hold one of the few
    /// threads Swift's concurrency runs tests on (on a 2-core machine, two blocked threads would
    /// starve the in-process servers a child may be talking to).
    public static func runDetached(
        _ executable: URL, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil
    ) async throws -> ProcessResult {
        try await onOwnThread { try run(executable, arguments, stdin: stdin, environment: environment) }
    }
}

/// What a reader thread read, handed over once `done` is signalled.
private final class ReadBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}

/// Reads a descriptor to its end, retrying reads a signal interrupted.
private func readToEnd(_ descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 { data.append(contentsOf: buffer[0..<count]); continue }
        if count < 0 && errno == EINTR { continue }
        return data
    }
}

/// Runs blocking work on a new thread and awaits its result without occupying the cooperative pool.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}
