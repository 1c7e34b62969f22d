//! Mistake: Like Python's line.rstrip("\n"), taking the \n off the end of each line read gives the line.
//! Expect: only its line ending (\n or \r\n) taken off
//! Exercise 6.1, solved: a large file, one line at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// The lines of the file at `path` that contain `ERROR`, read as they are pulled.
pub fn error_lines(path: &Path) -> io::Result<impl Iterator<Item = io::Result<String>>> {
    // `?` here: a file that cannot be opened is an error now, not a panic.
    let mut reader = BufReader::new(File::open(path)?);
    // Nothing is read until the caller pulls: one buffer and one line at a time.
    Ok(std::iter::from_fn(move || {
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) if line.contains("ERROR") => {
                    return Some(Ok(line.trim_end_matches('\n').to_owned()));
                }
                Ok(_) => {}
                // A line that cannot be read is passed on, not skipped: the caller decides.
                Err(error) => return Some(Err(error)),
            }
        }
    }))
}

/// How many lines of the file at `path` contain `ERROR`.
pub fn count_errors(path: &Path) -> io::Result<usize> {
    // try_fold stops at the first Err and returns it: a read error is not counted around.
    error_lines(path)?.try_fold(0, |count, line| line.map(|_| count + 1))
}
