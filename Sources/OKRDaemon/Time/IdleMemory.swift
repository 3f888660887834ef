import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Gives memory back while the daemon sleeps between occurrences, which is most of the week.
///
/// Most of an idle okrd's resident set is clean pages of its binary and shared libraries touched
/// while starting (Swift runtime, Foundation, ICU, OpenSSL). They are read-only file mappings:
/// asking the kernel to page them out (`MADV_PAGEOUT`) costs nothing now and a few page faults at
/// the next wake-up, served from the page cache. Free heap is returned with `malloc_trim`.
/// Writable mappings (data, heap, stacks) are never touched.
enum IdleMemory {
    /// Pages out read-only file mappings and trims the heap. Returns how many mappings it advised.
    @discardableResult
    static func release() -> Int {
        #if os(Linux)
        // malloc_trim is glibc's (malloc.h is not in Swift's Glibc module): look it up.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            typealias Trim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        // Read to the end: procfs files report no size, and a one-shot read stops at a page.
        guard let data = FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() else { return 0 }
        let maps = String(decoding: data, as: UTF8.self)
        var advised = 0
        for line in maps.split(separator: "\n") {
            // start-end perms offset dev inode path
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1].hasPrefix("r"), !fields[1].contains("w"), fields[5].hasPrefix("/") else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), end > start,
                let address = UnsafeMutableRawPointer(bitPattern: start)
            else { continue }
            if madvise(address, Int(end - start), 21 /* MADV_PAGEOUT */) == 0 { advised += 1 }
        }
        return advised
        #else
        return 0
        #endif
    }
}
