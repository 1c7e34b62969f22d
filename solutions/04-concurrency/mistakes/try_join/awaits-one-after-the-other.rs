//! Mistake: Awaiting a with `?` and then b with `?` is the same as try_join!.
//! Expect: take 300 ms, not 500: run them together
//! Exercise 4.3, solved: `try_join!` returns at the first error.

use std::future::Future;

/// Runs both at once: both values, or the first error as soon as it happens.
pub async fn both<A, B, E>(
    a: impl Future<Output = Result<A, E>>,
    b: impl Future<Output = Result<B, E>>,
) -> Result<(A, B), E> {
    let a = a.await?;
    let b = b.await?;
    Ok((a, b))
}
