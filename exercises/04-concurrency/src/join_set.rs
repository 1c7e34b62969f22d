//! # Exercise 4.7 — results in the order they finish
//!
//! Python's `asyncio.as_completed` hands back results as they arrive:
//!
//! ```python
//! async def job(name, seconds):
//!     await asyncio.sleep(seconds)
//!     return name
//!
//! async def collect_as_finished(jobs):
//!     finished = []
//!     for next_done in asyncio.as_completed([job(n, s) for n, s in jobs]):
//!         name = await next_done
//!         print(f"collected {name}")
//!         finished.append(name)
//!     return finished
//! ```
//!
//! tokio's `JoinSet` owns a group of tasks: `spawn` adds one, and
//! `join_next().await` returns the result of whichever finishes next, or
//! `None` once the set is empty. Dropping a `JoinSet` aborts the tasks still in it.
//!
//! **Task:** spawn one task per `(name, ms)` job on a `JoinSet` (it sleeps
//! `ms` milliseconds and returns `name`), then collect the names as the tasks
//! finish, logging `"collected <name>"` for each.
//!
//! Read: `book/src/04-concurrency.md`, "Results in the order they finish".

/// The jobs' names, in the order their tasks finished.
pub async fn collect_as_finished(
    jobs: Vec<(&'static str, u64)>,
    log: &impl Fn(&str),
) -> Vec<&'static str> {
    todo!("JoinSet::new(), spawn each job, then while let Some(..) = set.join_next().await")
}
