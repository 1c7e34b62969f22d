//! Mistake: `?` can come at the end, after the rest of the steps have run.
//! Expect: "step 2" must never be logged
//! Exercise 4.2, solved: errors are values, and `?` passes them on.

use std::fmt;

use tokio::time::{Duration, sleep};

/// Python's `ValueError`, as a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(pub String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

/// Waits 1 s, then fails with "Something went wrong".
pub async fn fail_coroutine() -> Result<(), ValueError> {
    sleep(Duration::from_secs(1)).await;
    Err(ValueError("Something went wrong".to_string()))
}

/// The post's `main`: awaits `fail_coroutine` and reports its error.
pub async fn handle(log: &impl Fn(&str)) {
    if let Err(e) = fail_coroutine().await {
        log(&format!("Error: {e}"));
    }
}

/// Logs "step 1", awaits `fail_coroutine` with `?`, logs "step 2".
pub async fn two_steps(log: &impl Fn(&str)) -> Result<(), ValueError> {
    log("step 1");
    let result = fail_coroutine().await;
    log("step 2");
    result
}
