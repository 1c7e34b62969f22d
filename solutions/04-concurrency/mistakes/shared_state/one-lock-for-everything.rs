//! Mistake: One tokio mutex around the printer and the counts together is simpler, and try_lock reads the counts without waiting.
//! Expect: must say 1 at once
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
    state: tokio::sync::Mutex<(Printer, HashMap<String, usize>)>,
}

impl Office {
    pub fn new(printer: Printer) -> Office {
        Office {
            state: tokio::sync::Mutex::new((printer, HashMap::new())),
        }
    }

    /// Prints `page` whole on the printer, then counts it for `who`.
    pub async fn print(&self, who: &str, page: &[&str]) {
        let mut state = self.state.lock().await;
        let (printer, printed) = &mut *state;
        for line in page {
            printer.print_line(line).await;
        }
        *printed.entry(who.to_string()).or_default() += 1;
    }

    /// How many of `who`'s pages have been printed so far.
    pub fn pages_printed(&self, who: &str) -> usize {
        // Busy printing: nothing to read yet.
        match self.state.try_lock() {
            Ok(state) => state.1.get(who).copied().unwrap_or(0),
            Err(_) => 0,
        }
    }
}
