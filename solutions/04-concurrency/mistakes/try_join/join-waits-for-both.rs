//! Mistake: join! both and return whichever error there is: the first error wins anyway.
//! Expect: without waiting 3 s for the first one
//! Exercise 4.3, solved: `try_join!` returns at the first error.

use std::future::Future;

/// Runs both at once: both values, or the first error as soon as it happens.
pub async fn both<A, B, E>(
    a: impl Future<Output = Result<A, E>>,
    b: impl Future<Output = Result<B, E>>,
) -> Result<(A, B), E> {
    match tokio::join!(a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (_, Err(e)) | (Err(e), _) => Err(e),
    }
}
