//! # Exercise 4.15 — a lock across `.await`, and a lock that is not
//!
//! An office shares one slow printer. In Python, one `asyncio.Lock` keeps a
//! page whole while it prints, and a plain dict counts the pages, since only
//! one coroutine runs at a time between two `await`s:
//!
//! ```python
//! class Office:
//!     def __init__(self, printer):
//!         self.printer = printer
//!         self.printer_lock = asyncio.Lock()
//!         self.printed = {}
//!
//!     async def print(self, who, page):
//!         async with self.printer_lock:          # held across every await below
//!             for line in page:
//!                 await self.printer.print_line(line)
//!         self.printed[who] = self.printed.get(who, 0) + 1
//!
//!     def pages_printed(self, who):              # not async: no waiting here
//!         return self.printed.get(who, 0)
//! ```
//!
//! Rust has two mutexes, and each is right for one of these jobs:
//!
//! - `tokio::sync::Mutex`: `lock().await` waits without blocking the thread,
//!   and its guard may be held across an `.await`. Use it when the lock must
//!   stay taken while you wait, as the printer must for a whole page.
//! - `std::sync::Mutex`: `lock()` is a plain call, usable from code that is
//!   not async, and cheaper. Its guard must never live across an `.await`:
//!   that would block every other task that wants the lock, and a future
//!   holding it is not `Send`, so `tokio::spawn` refuses it. Use it for short
//!   updates with no `.await` inside, as the page counts are.
//!
//! **Task:** give `Office` its fields and write its three methods. `print`
//! prints every line of a page on the printer, with no other page's line in
//! between, then counts the page for `who` (a page with no lines counts too,
//! once it has had the printer). `pages_printed` says how many
//! pages of `who`'s have been printed, at once, even while a page prints.
//! An `Office` is shared by tasks on many threads (in an `Arc`), so `print`'s
//! future must be `Send`.
//!
//! Read: `book/src/04-sharing-between-tasks.md`, "A lock across .await, and a lock that is not".

use tokio::time::{Duration, sleep};

/// How long the printer takes to print one line.
pub const LINE_TIME: Duration = Duration::from_millis(100);

/// A slow printer. Given: do not change it.
pub struct Printer {
    paper: Box<dyn FnMut(&str) + Send>,
}

impl Printer {
    /// A printer that puts each printed line on `paper`.
    pub fn new(paper: impl FnMut(&str) + Send + 'static) -> Printer {
        Printer {
            paper: Box::new(paper),
        }
    }

    /// Prints one line, which takes `LINE_TIME`. It needs `&mut self` for
    /// the whole time: the printer is busy until the line is out.
    pub async fn print_line(&mut self, line: &str) {
        sleep(LINE_TIME).await;
        (self.paper)(line);
    }
}

impl std::fmt::Debug for Printer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Printer").finish_non_exhaustive()
    }
}

/// The printer and the page counts, shared by every task of the office.
#[derive(Debug)]
pub struct Office {
    // Your fields: the printer behind one kind of mutex, the counts
    // (a `HashMap<String, usize>`) behind the other.
}

impl Office {
    pub fn new(printer: Printer) -> Office {
        todo!("wrap the printer and an empty map of counts, each in the mutex that suits it")
    }

    /// Prints `page` whole on the printer, then counts it for `who`.
    pub async fn print(&self, who: &str, page: &[&str]) {
        todo!("take the printer's lock for the whole page; count the page once it is out")
    }

    /// How many of `who`'s pages have been printed so far.
    pub fn pages_printed(&self, who: &str) -> usize {
        todo!("a short lock on the counts")
    }
}
