//! Mistake: The waker is only needed by runtimes with many tasks; `Waker::noop()` will do here.
//! Expect: does your waker unpark the thread that parks?
//! Exercise 3.6, solved: a `block_on` that parks its thread until woken.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::thread::{self, Thread};

/// Wakes a future by unparking the thread that waits for it.
struct ThreadWaker(Thread);

/// Runs `future` to completion on the current thread, and returns its output.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::noop().clone();
    let _ = ThreadWaker(thread::current());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Returns when the waker unparks this thread, or at once if it
        // already did since the last park.
        thread::park();
    }
}
