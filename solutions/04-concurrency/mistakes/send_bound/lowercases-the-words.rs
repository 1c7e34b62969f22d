//! Mistake: "To" and "to" are the same word, so count the words in lower case.
//! Expect: counted as written
//! Exercise 4.6, solved: what `spawn` asks of a future.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use tokio::task::{JoinHandle, LocalSet};
use tokio::time::{Duration, sleep};

/// How long each line takes to arrive.
pub const LINE_DELAY: Duration = Duration::from_millis(100);

/// Counts the words of each line into `counts`, one line every `LINE_DELAY`,
/// on a task of its own. The lock is held in a block that ends before the
/// next `.await`, so the future stays `Send`.
pub fn spawn_counter(
    counts: Arc<Mutex<HashMap<String, usize>>>,
    lines: Vec<String>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        for line in lines {
            sleep(LINE_DELAY).await;
            // The guard dies at the end of this loop body, before the next
            // `.await`: a std MutexGuard held across one would make this future
            // not Send, and spawn would refuse it.
            let mut counts = counts.lock().expect("no task panicked while counting");
            for word in line.split_whitespace() {
                *counts.entry(word.to_lowercase()).or_default() += 1;
            }
        }
    })
}

/// The same count, kept in an `Rc<RefCell<…>>` across the `.await`s: that
/// future is not `Send`, so it runs with `spawn_local` on a `LocalSet`.
pub async fn count_locally(lines: Vec<String>) -> BTreeMap<String, usize> {
    let local = LocalSet::new();
    local
        .run_until(async move {
            let counts = Rc::new(RefCell::new(BTreeMap::new()));
            let task = tokio::task::spawn_local({
                let counts = Rc::clone(&counts);
                async move {
                    for line in lines {
                        sleep(LINE_DELAY).await;
                        for word in line.split_whitespace() {
                            *counts.borrow_mut().entry(word.to_string()).or_default() += 1;
                        }
                    }
                }
            });
            // run_until returns when this block does: await the task, or it is
            // dropped with the LocalSet before it has counted anything.
            task.await.expect("the counting task does not panic");
            counts.take()
        })
        .await
}
