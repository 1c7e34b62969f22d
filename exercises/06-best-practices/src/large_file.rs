//! # Exercise 6.1 — a large file, one line at a time
//!
//! The post's first best practice: "use generators for memory efficiency". A
//! file object is a generator of lines, so this reads a log of any size while
//! holding one line at a time:
//!
//! ```python
//! def error_lines(path):
//!     with open(path) as f:
//!         for line in f:
//!             if "ERROR" in line:
//!                 yield line.rstrip("\n")
//!
//! count = sum(1 for _ in error_lines("app.log"))
//! ```
//!
//! In Rust, a `BufReader` reads the file a buffer at a time, and its `lines()`
//! is the iterator of lines. Unlike Python, reading can fail at every line, so
//! each item is an `io::Result<String>`; and closing the file is not a `with`
//! block but the drop of the reader, when the iterator is dropped.
//!
//! The tests write a log of about 20 MB and measure, with a counting allocator,
//! the most memory your code holds at once.
//!
//! **Task:** `error_lines` opens the file (an error to open it is returned at
//! once) and returns a lazy iterator of the lines that contain `ERROR`
//! anywhere (those five capitals, inside a word or not), each without its
//! line ending (`\n` or `\r\n`) and otherwise as it is: spaces and tabs kept. `count_errors` counts them with that iterator, stopping at the
//! first read error.
//!
//! Read: `book/src/06-best-practices.md`, "A large file, one line at a time".

use std::io;
use std::path::Path;

/// The lines of the file at `path` that contain `ERROR`, read as they are pulled.
pub fn error_lines(path: &Path) -> io::Result<impl Iterator<Item = io::Result<String>>> {
    // Replace this whole body: open the file, wrap it in a BufReader, and
    // filter its lines.
    Ok(std::iter::from_fn(|| {
        todo!("open the file with File::open(path)?, wrap it in a BufReader, filter its lines()")
    }))
}

/// How many lines of the file at `path` contain `ERROR`.
pub fn count_errors(path: &Path) -> io::Result<usize> {
    todo!("go through error_lines(path)?, counting, and return the first error if one occurs")
}
