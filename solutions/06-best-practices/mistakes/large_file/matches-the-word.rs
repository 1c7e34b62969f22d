//! Mistake: An error line is one whose words include ERROR.
//! Expect: not a word of its own
//! Exercise 6.1, solved: a large file, one line at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// The lines of the file at `path` that contain `ERROR`, read as they are pulled.
pub fn error_lines(path: &Path) -> io::Result<impl Iterator<Item = io::Result<String>>> {
    // `?` here: a file that cannot be opened is an error now, not a panic.
    let reader = BufReader::new(File::open(path)?);
    // Nothing is read until the caller pulls: one buffer and one line at a time.
    Ok(reader.lines().filter(|line| match line {
        Ok(text) => text.split_whitespace().any(|word| word == "ERROR"),
        // A line that cannot be read is passed on, not skipped: the caller decides.
        Err(_) => true,
    }))
}

/// How many lines of the file at `path` contain `ERROR`.
pub fn count_errors(path: &Path) -> io::Result<usize> {
    // try_fold stops at the first Err and returns it: a read error is not counted around.
    error_lines(path)?.try_fold(0, |count, line| line.map(|_| count + 1))
}
