/// glibc hands freed memory at the top of a thread's heap back to the kernel as soon as more than
/// 128 KiB is free (`madvise`), and takes it back page fault by page fault on the next burst. The
/// delivery loop frees and reallocates a few hundred KiB per round of sends on the HTTP thread: with
/// the default, fanning out 10,000 messages cost ~3,000 `madvise` calls and ~28,000 page faults
/// (~3,000 with this setting). Keeping up to 8 MiB of free memory per heap removes both; the peak
/// RSS (the high-water mark) is unchanged.
enum AllocatorTuning {
    static func apply() {
        #if os(Linux)
        // <malloc.h> is not in Swift's Glibc module: M_TRIM_THRESHOLD is -1.
        _ = glibcMallopt(-1, 8 << 20)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
