//! Mistake: A flag says whether the future was woken; clear it after each poll, then park until it is set.
//! Expect: does your waker unpark the thread that parks?
//! Exercise 3.6, solved: a `block_on` that parks its thread until woken.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Wakes a future by unparking the thread that waits for it.
struct ThreadWaker(Thread, std::sync::atomic::AtomicBool);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.1.store(true, std::sync::atomic::Ordering::SeqCst);
        self.0.unpark();
    }
}

/// Runs `future` to completion on the current thread, and returns its output.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let woken = Arc::new(ThreadWaker(
        thread::current(),
        std::sync::atomic::AtomicBool::new(false),
    ));
    let waker = Waker::from(Arc::clone(&woken));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Returns when the waker unparks this thread, or at once if it
        // already did since the last park.
        woken.1.store(false, std::sync::atomic::Ordering::SeqCst);
        while !woken.1.load(std::sync::atomic::Ordering::SeqCst) {
            thread::park();
        }
    }
}
