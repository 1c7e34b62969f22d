//! What libtest and insta print, read: the one place that knows their text.
//!
//! The run stage judges a test from what its process printed; a report words
//! a failure for a learner; watch mode shows a snapshot's diff. Each asks
//! here, so that a change in libtest's or insta's wording is one change.
//! Pure functions of text: no process, no file.

pub mod insta;

/// How many lines of a failure a report shows before it cuts.
pub const MESSAGE_LINES: usize = 16;
/// How many characters of one line of a failure a report shows.
pub const LINE_CHARS: usize = 300;

/// Cuts libtest's report of one failed test down to what the test said.
pub fn clean_failure(output: &str, test: &str) -> String {
    let header = format!("---- {test} stdout ----");
    let body = match output.split_once(&header) {
        Some((_, after)) => after.split("\nfailures:\n").next().unwrap_or(after),
        None => output,
    };
    let lines: Vec<String> = body
        .lines()
        .filter(|line| !line.starts_with("note: run with `RUST_BACKTRACE"))
        .filter(|line| {
            !line.starts_with("running 1 test") && !line.starts_with(&format!("test {test} ..."))
        })
        .map(
            |line| match (line.starts_with("thread '"), line.find(" panicked at ")) {
                // `thread 'name' (id) panicked at src/x.rs:1:2:` → `panicked at src/x.rs:1:2:`
                (true, Some(at)) => line[at + 1..].to_owned(),
                _ => line.to_owned(),
            },
        )
        .collect();
    let text = lines.join("\n");
    let lines: Vec<String> = text.trim().lines().map(cut_line).collect();
    if lines.len() <= MESSAGE_LINES {
        return lines.join("\n");
    }
    let more = lines.len() - MESSAGE_LINES;
    format!(
        "{}\n[… {more} more lines cut; run the exercise alone to see them all]",
        lines[..MESSAGE_LINES].join("\n")
    )
}

/// A line of at most [`LINE_CHARS`] characters, saying so when it was cut.
fn cut_line(line: &str) -> String {
    match line.char_indices().nth(LINE_CHARS) {
        None => line.to_owned(),
        Some((at, _)) => format!("{}[… line cut]", &line[..at]),
    }
}

/// What test `test` printed itself before it failed, from libtest's report
/// of it, without the harness's report of the panic.
pub fn printed(output: &str, test: &str) -> Option<String> {
    let header = format!("---- {test} stdout ----");
    let body = output.split_once(&header)?.1;
    let printed: Vec<&str> = body
        .lines()
        .take_while(|line| !line.starts_with("thread '"))
        .collect();
    let printed = printed.join("\n");
    (!printed.trim().is_empty()).then(|| printed.trim().to_owned())
}

/// A panic's message without its first line when that line points into a
/// library's source (insta's snapshot assertion), which says nothing to a
/// learner.
pub fn without_library_location(message: String) -> String {
    if message.starts_with("panicked at") && message.contains("/.cargo/registry/") {
        message.lines().skip(1).collect::<Vec<_>>().join("\n")
    } else {
        message
    }
}

/// insta's report without its framing: the snapshot's file, then the diff.
pub fn snapshot_diff(printed: &str) -> String {
    let Some(diff) = printed.find("-expected (the course's snapshot)") else {
        return printed.to_owned();
    };
    let file = printed
        .lines()
        .find(|line| line.starts_with("Snapshot file:"))
        .unwrap_or_default();
    format!("{file}\n{}", &printed[diff..])
}

/// Whether a test's process said it passed, in libtest's own summary (`test
/// result: ok. 1 passed; …`), printed once, and the last thing printed. (The
/// `test NAME ... ok` line is no proof: a test's own output may land in it;
/// a test that calls `process::exit(0)` prints no summary at all.)
pub fn passed_alone(stdout: &str) -> bool {
    let summaries: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("test result: "))
        .collect();
    let last = stdout.lines().rev().find(|line| !line.trim().is_empty());
    matches!(summaries.as_slice(), [only] if only.starts_with("test result: ok. 1 passed;") && last == Some(*only))
}

/// Whether a test panicked, as libtest reports it.
pub fn panicked(stdout: &str) -> bool {
    stdout.contains(" panicked at ")
}

/// At the start of a line of a batch's output (`--test-threads 1`), a test
/// that starts: `test NAME ... `, with the name and where its verdict (`ok`,
/// `FAILED`) begins.
pub fn test_starts(line: &str) -> Option<(&str, usize)> {
    let rest = line.strip_prefix("test ")?;
    let name = &rest[..rest.find(" ... ")?];
    Some((name, "test ".len() + name.len() + " ... ".len()))
}

/// The report of test `name`'s failure in a batch's output `all`, where the
/// tests `failed` failed: what libtest prints between its `---- NAME stdout
/// ----` and the next failed test's or the final list. `None` unless it is
/// there once and holds a panic.
pub fn failure_in_batch<'a>(all: &'a str, name: &str, failed: &[String]) -> Option<&'a str> {
    let header = format!("\n---- {name} stdout ----\n");
    let mut found = all.match_indices(&header);
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let start = at + header.len();
    let rest = &all[start..];
    let end = failed
        .iter()
        .filter(|other| **other != name)
        .filter_map(|other| {
            rest.find(&format!("\n---- {other} stdout ----\n"))
                .map(|i| i + 1)
        })
        .chain(rest.find("\nfailures:\n"))
        .min()?;
    let report = &rest[..end];
    panicked(report).then_some(report)
}

/// What libtest prints when test `name` fails alone, with `report` as its
/// failure's report: the output a process of its own would have written.
pub fn failed_alone(name: &str, report: &str) -> String {
    format!(
        "\nrunning 1 test\ntest {name} ... FAILED\n\nfailures:\n\n---- {name} stdout ----\n{report}\n\
         failures:\n    {name}\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; \
         0 filtered out; finished in 0.00s\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_very_long_line() {
        let cleaned = clean_failure(&"y".repeat(10_000), "t");
        assert_eq!(cleaned, format!("{}[… line cut]", "y".repeat(LINE_CHARS)));
    }

    const LIBTEST_FAILURE: &str = "\nrunning 1 test\ntest t ... FAILED\n\nfailures:\n\n---- t stdout ----\n\n\
        thread 't' (4242) panicked at exercises/01-generators/tests/a.rs:9:5:\nassertion `left == right` failed: \
        must yield 1\n  left: None\n right: Some(1)\nnote: run with `RUST_BACKTRACE=1` environment variable \
        to display a backtrace\n\n\nfailures:\n    t\n\ntest result: FAILED. 0 passed; 1 failed\n";

    #[test]
    fn keeps_the_location_and_the_message_only() {
        assert_eq!(
            clean_failure(LIBTEST_FAILURE, "t"),
            "panicked at exercises/01-generators/tests/a.rs:9:5:\nassertion `left == right` failed: must yield 1\n  \
             left: None\n right: Some(1)"
        );
    }

    #[test]
    fn cuts_long_messages_and_says_so() {
        let long: String = (0..40).map(|i| format!("line {i}\n")).collect();
        let cleaned = clean_failure(&long, "t");
        assert_eq!(cleaned.lines().count(), MESSAGE_LINES + 1);
        assert!(cleaned.ends_with("[… 24 more lines cut; run the exercise alone to see them all]"));
    }
}
