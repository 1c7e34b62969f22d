//! A global allocator that counts, per thread, the bytes asked for and the
//! peak of the bytes held at once.
//!
//! Install it in a test file with
//!
//! ```text
//! #[global_allocator]
//! static ALLOCATOR: testkit::alloc::CountingAllocator = testkit::alloc::CountingAllocator;
//! ```
//!
//! and wrap the code to measure in [`measure`]. Counts are per thread because
//! the test harness runs tests side by side: each test sees its own work only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Forwards every request to the system allocator, counting as it goes.
#[derive(Debug, Clone, Copy)]
pub struct CountingAllocator;

thread_local! {
    /// Bytes asked for (by `alloc` and by the new size of `realloc`), ever.
    static REQUESTED: Cell<usize> = const { Cell::new(0) };
    /// Bytes held right now, and the most held at once since the last reset.
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn grow(bytes: usize) {
    REQUESTED.with(|r| r.set(r.get() + bytes));
    LIVE.with(|live| {
        live.set(live.get() + bytes);
        PEAK.with(|peak| peak.set(peak.get().max(live.get())));
    });
}

fn shrink(bytes: usize) {
    // Memory freed on this thread may have been allocated on another.
    LIVE.with(|live| live.set(live.get().saturating_sub(bytes)));
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the bookkeeping touches only `const`-initialised
// thread locals, which never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: the caller's guarantees for `layout` are passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        // SAFETY: `ptr` was allocated by `System` with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grow(new_size);
        shrink(layout.size());
        // SAFETY: as for `dealloc`; `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// What a piece of code did to the heap, on this thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Every byte asked for, including bytes freed again since.
    pub requested: usize,
    /// The most bytes held at once, above what was held when measuring began.
    pub peak: usize,
}

/// Runs `work` and reports what it allocated. Meaningful only in a test binary
/// that installs [`CountingAllocator`] as its global allocator.
pub fn measure<T>(work: impl FnOnce() -> T) -> (T, Usage) {
    let requested_before = REQUESTED.with(Cell::get);
    let live_before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(live_before));
    let result = work();
    let usage = Usage {
        requested: REQUESTED.with(Cell::get) - requested_before,
        peak: PEAK.with(Cell::get) - live_before,
    };
    (result, usage)
}
