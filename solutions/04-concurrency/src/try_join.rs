//! Exercise 4.3, solved: `try_join!` returns at the first error.

use std::future::Future;

/// Runs both at once: both values, or the first error as soon as it happens.
pub async fn both<A, B, E>(
    a: impl Future<Output = Result<A, E>>,
    b: impl Future<Output = Result<B, E>>,
) -> Result<(A, B), E> {
    // Not join!: that waits for both before anyone looks at an error.
    // try_join! returns at the first Err and drops the other future.
    tokio::try_join!(a, b)
}
