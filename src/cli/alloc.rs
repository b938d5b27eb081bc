//! Allocator tuning, done once before anything else runs.
//!
//! glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MiB). A
//! feed's body is such a block: once it is freed, every later large buffer (the item list, the
//! clusterer's tables) comes from the heap instead of its own mapping, and the heap cannot give
//! that memory back while small live allocations sit between the holes. A 10 MiB feed of 45,000
//! tiny items then peaked at 110 MB of RSS for a 43 MB live heap. A fixed threshold keeps large
//! buffers in mappings that are returned on free: the same run peaks at 88 MB (BENCHMARKS.md,
//! "Memory"). Other allocators (musl, macOS) do not have this behaviour and need nothing.

/// Fixes glibc's mmap threshold at its default (128 KiB) so that it no longer grows.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune() {
    // SAFETY: mallopt only changes allocator parameters; it is called before any thread starts,
    // and a failure (return 0) leaves the defaults, which are safe.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Nothing to tune outside glibc.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune() {}
