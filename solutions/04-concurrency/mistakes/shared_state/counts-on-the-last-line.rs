//! Mistake: A page is printed when its last line is out, so count it right after printing the last line.
//! Expect: an empty page at once
//! Exercise 4.15, solved: tokio's mutex across `.await`, std's for the rest.

use std::collections::HashMap;

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
    // Held across every line's `.await`: only tokio's mutex may be, and
    // while one task waits for it the others keep running.
    printer: tokio::sync::Mutex<Printer>,
    // Held for one map update and never across an `.await`: std's mutex is
    // enough, and `pages_printed` can take it without being async.
    printed: std::sync::Mutex<HashMap<String, usize>>,
}

impl Office {
    pub fn new(printer: Printer) -> Office {
        Office {
            printer: tokio::sync::Mutex::new(printer),
            printed: std::sync::Mutex::default(),
        }
    }

    /// Prints `page` whole on the printer, then counts it for `who`.
    pub async fn print(&self, who: &str, page: &[&str]) {
        let mut printer = self.printer.lock().await;
        for (n, line) in page.iter().enumerate() {
            printer.print_line(line).await;
            if n + 1 == page.len() {
                let mut printed = self
                    .printed
                    .lock()
                    .expect("no task panicked while counting");
                *printed.entry(who.to_string()).or_default() += 1;
            }
        }
    }

    /// How many of `who`'s pages have been printed so far.
    pub fn pages_printed(&self, who: &str) -> usize {
        let printed = self
            .printed
            .lock()
            .expect("no task panicked while counting");
        printed.get(who).copied().unwrap_or(0)
    }
}
