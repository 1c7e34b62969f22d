//! Mistake: A line that cannot be read is no error line, so it can be left out.
//! Expect: must yield that error as an item, not skip it
//! Exercise 6.1, solved: a large file, one line at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// The lines of the file at `path` that contain `ERROR`, read as they are pulled.
pub fn error_lines(path: &Path) -> io::Result<impl Iterator<Item = io::Result<String>>> {
    // `?` here: a file that cannot be opened is an error now, not a panic.
    let reader = BufReader::new(File::open(path)?);
    Ok(reader
        .lines()
        .map_while(Result::ok)
        .filter(|text| text.contains("ERROR"))
        .map(Ok))
}

/// How many lines of the file at `path` contain `ERROR`.
pub fn count_errors(path: &Path) -> io::Result<usize> {
    // try_fold stops at the first Err and returns it: a read error is not counted around.
    error_lines(path)?.try_fold(0, |count, line| line.map(|_| count + 1))
}
