//! Exercise 6.1: a log file of tens of megabytes, read one line at a time.
//! A counting allocator shows how much of it is ever in memory at once.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use best_practices::large_file::{count_errors, error_lines};
use tempfile::NamedTempFile;
use testkit::alloc::{CountingAllocator, measure};
use testkit::props::{self, proptest};

use proptest::prelude::*;

/// Counts every byte the code under test asks for (see `tests/testkit`).
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Lines in the large log: about 21 MB of them.
const LINES: usize = 300_000;
/// One line in this many is an error.
const ERROR_EVERY: usize = 1_000;
/// Every line of the log has the same length, newline included.
const LINE_BYTES: usize = 68;
/// More than this held at once means the file was not read line by line.
const PEAK_LIMIT: usize = 1024 * 1024;

/// Writes a log of `lines` lines into the system's temporary folder; it is
/// deleted when the returned handle is dropped (unless it is persisted).
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
        writeln!(
            out,
            "{i:08} {level} GET /api/v1/items/{:04} served in {:>3} ms by worker {:02}",
            i % 7919,
            i % 997,
            i % 16
        )
        .expect("written");
    }
    out.flush().expect("flushed");
    file
}

/// The large log, written once into the system's temporary folder and then
/// shared by every run of these tests: its size tells whether it is complete.
fn large_log() -> PathBuf {
    let path = std::env::temp_dir().join("best-practices-large-file-v2.log");
    let expected = (LINES * LINE_BYTES) as u64;
    if !std::fs::metadata(&path).is_ok_and(|m| m.len() == expected) {
        // Written under a name of its own, then renamed: another test process
        // that reads the log meanwhile never sees half a file.
        write_log(LINES)
            .persist(&path)
            .expect("the log is moved into place");
    }
    path
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
            "00000007 ERROR GET /api/v1/items/0007 served in   7 ms by worker 07",
            "00001007 ERROR GET /api/v1/items/1007 served in  10 ms by worker 15",
            "00002007 ERROR GET /api/v1/items/2007 served in  13 ms by worker 07",
        ],
        "error_lines must yield each line containing ERROR, in file order, without its newline"
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let missing = std::env::temp_dir().join("best-practices-no-such-file.log");
    // Caught, so that a panic in error_lines is explained rather than shown bare.
    let opened = std::panic::catch_unwind(|| error_lines(&missing).map(|_| ()));
    assert!(
        matches!(opened, Ok(Err(_))),
        "opening a file that does not exist must return Err, like Python's open() \
         raising: not panic (no unwrap or expect on File::open), not Ok"
    );
    assert!(
        count_errors(&missing).is_err(),
        "count_errors of a file that does not exist must return Err: the error of opening it"
    );
}

#[test]
fn counts_the_errors_of_a_large_file_with_little_memory() {
    let log = large_log();
    let mb = size_in_mb(&log);
    let (count, usage) = measure(|| count_errors(&log));
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
    let log = large_log();
    let (first, usage) = measure(|| {
        error_lines(&log)
            .expect("the log opens")
            .next()
            .expect("the log has an error line")
            .expect("the log reads")
    });
    assert_eq!(
        first, "00000007 ERROR GET /api/v1/items/0007 served in   7 ms by worker 07",
        "the first error line of the log is line 8, without its newline"
    );
    let requested = usage.requested;
    assert!(
        requested < 64 * 1024,
        "finding the first error line asked for {requested} bytes; it is on line 8, so a lazy \
         reader needs one buffer's worth of the file. Is error_lines reading or filtering the \
         whole file before it returns?"
    );
}

#[test]
fn unreadable_lines_are_errors_in_the_stream() {
    let mut log = NamedTempFile::new().expect("a temporary file");
    // The second line is not UTF-8: reading it as a String fails.
    log.write_all(b"INFO fine\n\xff\xfe ERROR garbled\nERROR after\n")
        .expect("written");
    let items: Vec<_> = match error_lines(log.path()) {
        Ok(lines) => lines.collect(),
        Err(error) => panic!(
            "error_lines returned Err({error}) although the file opens: only an error to \
             open it comes back at once; a line that cannot be read must come as an item \
             of the iterator, in its place"
        ),
    };
    assert!(
        items.iter().any(Result::is_err),
        "the second line cannot be read (it is not UTF-8): error_lines must yield that \
         error as an item, not skip it; it yielded {items:?}"
    );
    assert!(
        count_errors(log.path()).is_err(),
        "count_errors must stop at the first read error and return it, not count around it"
    );
}

/// A line of a log as it may be: words, spaces, tabs, "ERROR" alone, inside a
/// word, before a colon, or in small letters; no line ending inside.
fn a_line() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "ERROR", "ERROR:", "xERRORx", "error", "INFO", " ", "  ", "\t", "served", "é",
        ]),
        0..5,
    )
    .prop_map(|words| words.concat())
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn every_line_that_contains_error_as_it_is(
        lines in prop::collection::vec((a_line(), prop::sample::select(vec!["\n", "\r\n"])), 0..6),
        last_line_ends in any::<bool>(),
    ) {
        // The file: each line and its ending (`\n` or `\r\n`); the last one
        // without its ending, sometimes.
        let mut text = String::new();
        for (i, (line, ending)) in lines.iter().enumerate() {
            text.push_str(line);
            if last_line_ends || i + 1 < lines.len() {
                text.push_str(ending);
            }
        }
        // The model: the lines that contain ERROR (in capitals, anywhere in
        // the line), each as it is in the file, without its line ending.
        let expected: Vec<&str> = lines
            .iter()
            .map(|(line, _)| line.as_str())
            .filter(|line| line.contains("ERROR"))
            .collect();

        let mut log = NamedTempFile::new().expect("a temporary file");
        log.write_all(text.as_bytes()).expect("written");
        let actual: Vec<String> = error_lines(log.path())
            .expect("the log opens")
            .collect::<Result<_, _>>()
            .expect("the log reads");
        prop_assert!(
            actual == expected,
            "In a file of {text:?}, the lines that contain ERROR are {expected:?};\n\
             error_lines gave {actual:?}.\n\
             A line counts if ERROR, in capitals, appears anywhere in it (`contains`, not a word of its own),\n\
             and it comes out as it is in the file: only its line ending (\\n or \\r\\n) taken \
             off, spaces and tabs kept"
        );
        let counted = count_errors(log.path()).expect("the log reads");
        prop_assert!(
            counted == expected.len(),
            "In a file of {text:?}, {} lines contain ERROR; count_errors counted {counted}.",
            expected.len()
        );
    }
}
