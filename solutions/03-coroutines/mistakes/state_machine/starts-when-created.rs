//! Mistake: Calling the async fn runs its body up to the first `.await`, as a generator's first `next` would.
//! Expect: creating the state machine printed something
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
pub fn my_coroutine<P: FnMut(&str) + Unpin>(mut print: P) -> MyCoroutine<P> {
    print("Start Coroutine");
    let sleep = Box::pin(sleep(Duration::from_secs(1)));
    MyCoroutine::Sleeping { print, sleep }
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
