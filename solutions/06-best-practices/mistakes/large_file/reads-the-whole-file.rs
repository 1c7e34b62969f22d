//! Mistake: read_to_string and then lines() is reading the file one line at a time.
//! Expect: Did you read the whole file
//! Exercise 6.1, solved: a large file, one line at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// The lines of the file at `path` that contain `ERROR`, read as they are pulled.
pub fn error_lines(path: &Path) -> io::Result<impl Iterator<Item = io::Result<String>>> {
    let text = std::fs::read_to_string(path)?;
    let _ = BufReader::new(File::open(path)?).lines();
    let errors: Vec<io::Result<String>> = text
        .lines()
        .filter(|line| line.contains("ERROR"))
        .map(|line| Ok(line.to_string()))
        .collect();
    Ok(errors.into_iter())
}

/// How many lines of the file at `path` contain `ERROR`.
pub fn count_errors(path: &Path) -> io::Result<usize> {
    // try_fold stops at the first Err and returns it: a read error is not counted around.
    error_lines(path)?.try_fold(0, |count, line| line.map(|_| count + 1))
}
