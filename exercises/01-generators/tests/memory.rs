//! Exercise 1.6: a counting allocator shows what a lazy sum costs in memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use generators::memory::{squares_list, sum_of_squares};

/// Passes every request to the system allocator, and adds the bytes asked for
/// to a per-thread total. Per thread, because the test harness runs tests side
/// by side: each test sees only its own allocations.
struct CountingAllocator;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the
// contract; the counting touches only a `const`-initialised thread local, which
// itself never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.with(|total| total.set(total.get() + layout.size()));
        // SAFETY: the caller's guarantees for `layout` are passed on as they are.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.with(|total| total.set(total.get() + new_size));
        // SAFETY: as for `dealloc`, and `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTER: CountingAllocator = CountingAllocator;

/// Runs `work` and returns its result with the bytes it allocated.
fn measure<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATED.with(Cell::get);
    let result = work();
    (result, ALLOCATED.with(Cell::get) - before)
}

/// The sum of x² for x in 0..n, from the closed form (n−1)·n·(2n−1)/6.
fn expected_sum(n: u64) -> u128 {
    let n = u128::from(n);
    if n == 0 {
        0
    } else {
        (n - 1) * n * (2 * n - 1) / 6
    }
}

const TEN_MILLION: u64 = 10_000_000;

#[test]
fn the_list_holds_every_square() {
    let (squares, bytes) = measure(|| squares_list(1_000));
    assert_eq!(
        squares.len(),
        1_000,
        "squares_list(1000) must hold 1000 values"
    );
    assert_eq!(
        squares[999], 998_001,
        "the last square of 0..1000 is 999² = 998001"
    );
    assert!(
        bytes >= 1_000 * size_of::<u128>(),
        "squares_list(1000) allocated {bytes} bytes; 1000 u128 values need at least 16000. \
         A list comprehension keeps every value in memory at once"
    );
}

#[test]
fn the_lazy_sum_is_right() {
    assert_eq!(sum_of_squares(0), 0, "the sum over an empty range is 0");
    assert_eq!(sum_of_squares(4), 14, "0 + 1 + 4 + 9 = 14");
    assert_eq!(sum_of_squares(TEN_MILLION), expected_sum(TEN_MILLION));
}

#[test]
fn the_lazy_sum_allocates_nothing() {
    let (total, bytes) = measure(|| sum_of_squares(TEN_MILLION));
    assert_eq!(
        total,
        expected_sum(TEN_MILLION),
        "the sum of squares of 0..10⁷ is wrong"
    );
    assert_eq!(
        bytes, 0,
        "summing ten million squares allocated {bytes} bytes; a lazy pipeline holds one \
         value at a time and needs none. Did you collect into a Vec before summing?"
    );
}

#[test]
fn the_list_grows_with_n_and_the_lazy_sum_does_not() {
    let report: String = [10_u64, 1_000, 100_000]
        .into_iter()
        .map(|n| {
            let (_, list_bytes) = measure(|| squares_list(n).len());
            let (_, lazy_bytes) = measure(|| sum_of_squares(n));
            let list_kind = if list_bytes >= n as usize * size_of::<u128>() {
                "at least 16 bytes per item"
            } else {
                "LESS than one u128 per item"
            };
            format!("n = {n:>7}: list: {list_kind}; lazy sum: {lazy_bytes} bytes\n")
        })
        .collect();
    insta::assert_snapshot!("memory_by_n", report);
}
