//! # Exercise 4.6 — what `spawn` asks of a future
//!
//! Python runs every task on one thread, so a task may hold anything across an
//! `await`:
//!
//! ```python
//! async def count_words(counts, lines):
//!     for line in lines:
//!         await asyncio.sleep(0.1)          # the line arrives
//!         for word in line.split():
//!             counts[word] = counts.get(word, 0) + 1
//! ```
//!
//! tokio's default runtime moves tasks between threads, so `tokio::spawn`
//! requires `Send + 'static`. A future holds every local variable that lives
//! across an `.await`; if one of them is not `Send` (a `std::sync::MutexGuard`,
//! an `Rc`, a `RefCell` borrow), the future is not either, and the program
//! does not compile (error E0277, "future cannot be sent between threads
//! safely"). Two ways out: end the variable's scope before the `.await`, or
//! keep the task on one thread with a `LocalSet` and `spawn_local`.
//!
//! **Task:** in `spawn_counter`, lock the shared map only in a block with no
//! `.await` in it; in `count_locally`, keep the counts in an
//! `Rc<RefCell<BTreeMap>>` across the `.await`s, on a task spawned with
//! `tokio::task::spawn_local` inside `LocalSet::run_until`.
//!
//! Read: `book/src/04-concurrency.md`, "What spawn asks of a future".

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;
use tokio::time::Duration;

/// How long each line takes to arrive: sleep this long before counting it.
pub const LINE_DELAY: Duration = Duration::from_millis(100);

/// On a task of its own: for each line, sleep `LINE_DELAY`, then add the
/// count of each of its words to `counts`. The words are what
/// `split_whitespace` gives (runs of spaces, tabs and `\r` all separate
/// them), counted as written: "To" and "to" are two words.
pub fn spawn_counter(
    counts: Arc<Mutex<HashMap<String, usize>>>,
    lines: Vec<String>,
) -> JoinHandle<()> {
    todo!("tokio::spawn(async move {{ ... }}), locking counts only between the sleeps")
}

/// The same counting, on a task spawned with `spawn_local` on a `LocalSet`,
/// keeping the counts in an `Rc<RefCell<BTreeMap<..>>>`; returns them.
pub async fn count_locally(lines: Vec<String>) -> BTreeMap<String, usize> {
    todo!("LocalSet::new().run_until(async {{ spawn_local(...).await ... }})")
}
