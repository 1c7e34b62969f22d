//! Exercise 6.1: a log file of tens of megabytes, read one line at a time.
//! A counting allocator shows how much of it is ever in memory at once.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use best_practices::large_file::{count_errors, error_lines};
use tempfile::NamedTempFile;
use testkit::alloc::{CountingAllocator, measure};

/// Counts every byte the code under test asks for (see `tests/testkit`).
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Lines in the large log: about 24 MB of them.
const LINES: usize = 600_000;
/// One line in this many is an error.
const ERROR_EVERY: usize = 1_000;
/// More than this held at once means the file was not read line by line.
const PEAK_LIMIT: usize = 1024 * 1024;

/// Writes a log file into the system's temporary folder; it is deleted when
/// the returned handle is dropped.
fn write_log(lines: usize) -> NamedTempFile {
    let file = tempfile::Builder::new()
        .prefix("best-practices-large-file-")
        .suffix(".log")
        .tempfile()
        .expect("a temporary file");
    let mut out = BufWriter::new(File::create(file.path()).expect("the file opens"));
    for i in 0..lines {
        let level = if i % ERROR_EVERY == 7 {
            "ERROR"
        } else {
            "INFO "
        };
        writeln!(out, "{i:08} {level} request served in {:>3} ms", i % 997).expect("written");
    }
    out.flush().expect("flushed");
    file
}

fn size_in_mb(path: &Path) -> u64 {
    std::fs::metadata(path).expect("the log exists").len() / 1_000_000
}

#[test]
fn yields_the_error_lines_in_order() {
    let log = write_log(3 * ERROR_EVERY);
    let lines: Vec<String> = error_lines(log.path())
        .expect("the log opens")
        .collect::<Result<_, _>>()
        .expect("the log reads");
    assert_eq!(
        lines,
        [
            "00000007 ERROR request served in   7 ms",
            "00001007 ERROR request served in  10 ms",
            "00002007 ERROR request served in  13 ms",
        ],
        "error_lines must yield each line containing ERROR, in file order, without its newline"
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let missing = std::env::temp_dir().join("best-practices-no-such-file.log");
    assert!(
        error_lines(&missing).is_err(),
        "opening a file that does not exist must return Err, like Python's open() raising"
    );
    assert!(count_errors(&missing).is_err());
}

#[test]
fn counts_the_errors_of_a_large_file_with_little_memory() {
    let log = write_log(LINES);
    let mb = size_in_mb(log.path());
    let (count, usage) = measure(|| count_errors(log.path()));
    assert_eq!(
        count.expect("the log reads"),
        LINES / ERROR_EVERY,
        "the {mb} MB log has one error line in {ERROR_EVERY}"
    );
    let peak = usage.peak;
    assert!(
        peak < PEAK_LIMIT,
        "counting the errors of a {mb} MB file held {peak} bytes at once; reading line by \
         line needs one buffer and one line, a few kilobytes. Did you read the whole file \
         (read_to_string, collect) instead of going through it with a BufReader?"
    );
}

#[test]
fn the_first_error_needs_only_the_start_of_the_file() {
    let log = write_log(LINES);
    let (first, usage) = measure(|| {
        error_lines(log.path())
            .expect("the log opens")
            .next()
            .expect("the log has an error line")
            .expect("the log reads")
    });
    assert_eq!(first, "00000007 ERROR request served in   7 ms");
    let requested = usage.requested;
    assert!(
        requested < 64 * 1024,
        "finding the first error line asked for {requested} bytes; it is on line 8, so a lazy \
         reader needs one buffer's worth of the file. Is error_lines reading or filtering the \
         whole file before it returns?"
    );
}
