//! Mistake: After creating the sleep, return Pending and ask to be polled again: the sleep is polled next time.
//! Expect: awaiting it took 3 polls; it should take 2
//! Exercise 3.7, solved: `my_coroutine` as the enum an `async fn` compiles to.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::time::{Duration, Sleep, sleep};

/// `my_coroutine()` as the compiler sees it.
#[derive(Debug)]
pub enum MyCoroutine<P> {
    /// Created, not yet polled: nothing has run.
    Start { print: P },
    /// Paused at `sleep(1).await`.
    Sleeping { print: P, sleep: Pin<Box<Sleep>> },
    /// Returned.
    Done,
}

/// Calls the "async fn": creates the state machine, in its first state.
pub fn my_coroutine<P: FnMut(&str) + Unpin>(print: P) -> MyCoroutine<P> {
    MyCoroutine::Start { print }
}

impl<P: FnMut(&str) + Unpin> Future for MyCoroutine<P> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        loop {
            match std::mem::replace(this, MyCoroutine::Done) {
                MyCoroutine::Start { mut print } => {
                    print("Start Coroutine");
                    let sleep = Box::pin(sleep(Duration::from_secs(1)));
                    *this = MyCoroutine::Sleeping { print, sleep };
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                MyCoroutine::Sleeping {
                    mut print,
                    mut sleep,
                } => {
                    if sleep.as_mut().poll(cx).is_pending() {
                        *this = MyCoroutine::Sleeping { print, sleep };
                        return Poll::Pending;
                    }
                    print("End Coroutine");
                    return Poll::Ready(());
                }
                MyCoroutine::Done => panic!("`MyCoroutine` polled after it completed"),
            }
        }
    }
}
