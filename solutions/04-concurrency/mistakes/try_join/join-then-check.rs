//! Mistake: join! both, then check the first result and then the second.
//! Expect: that error must be returned at once
//! Exercise 4.3, solved: `try_join!` returns at the first error.

use std::future::Future;

/// Runs both at once: both values, or the first error as soon as it happens.
pub async fn both<A, B, E>(
    a: impl Future<Output = Result<A, E>>,
    b: impl Future<Output = Result<B, E>>,
) -> Result<(A, B), E> {
    let (a, b) = tokio::join!(a, b);
    Ok((a?, b?))
}
