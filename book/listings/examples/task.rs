//! The post's task, with `tokio::spawn` and its `JoinHandle`.
//!
//! The post's snippet ends with `await task` at the top level of a script,
//! which Python rejects ("'await' outside function"). The working form puts
//! it in a coroutine:
//!
//! ```python
//! async def task_example():
//!     await asyncio.sleep(2)
//!     print("Task Completed")
//!
//! async def main():
//!     task = asyncio.create_task(task_example())
//!     await task  # Wait for task to complete
//!
//! asyncio.run(main())
//! ```
//!
//! Runs in 2 s, like the Python.
//! Run it with `cargo run -q -p listings --example task`.

use tokio::time::{Duration, sleep};

async fn task_example() {
    sleep(Duration::from_secs(2)).await;
    println!("Task Completed");
}

#[tokio::main]
async fn main() {
    // `create_task`: the runtime runs the task from now on, awaited or not.
    let task = tokio::spawn(task_example());
    // `await task`: wait for it; `Err` only if it panicked or was aborted.
    task.await.expect("the task neither panics nor is aborted");
}
