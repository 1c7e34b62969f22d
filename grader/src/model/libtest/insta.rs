//! What insta prints when a snapshot differs, in a learner's words.
//!
//! insta writes for the author of a snapshot: its diff is headed "-old
//! snapshot" / "+new results", and it ends with advice to run `cargo insta
//! test` or `cargo insta review`, or to set `INSTA_UPDATE=always`. A learner
//! has no cargo-insta, and must not accept a snapshot: the course's snapshot is
//! what their code is expected to print. The runner passes every test's output
//! through [`for_learner`] once, as soon as it has it, so that every report
//! (the terminal, watch, JSON, JUnit, …) says "expected" and "yours", and none
//! gives that advice.

/// insta's diff header lines, as it prints them (`SnapshotPrinter`'s default
/// hints), and what a learner reads instead.
const HEADERS: [(&str, &str); 2] = [
    ("-old snapshot", "-expected (the course's snapshot)"),
    ("+new results", "+yours (what your code gave)"),
];

/// `output` with insta's diff headers in a learner's words and its advice to
/// run cargo-insta, review or accept a snapshot left out. Other text is kept
/// as it is.
pub fn for_learner(output: &str) -> String {
    if !output.contains("cargo insta") && !output.contains("-old snapshot") {
        return output.to_owned();
    }
    let mut kept = String::with_capacity(output.len());
    for line in output.split_inclusive('\n') {
        let plain = without_ansi(line);
        let text = plain.trim_end();
        if is_advice(text) {
            continue;
        }
        match HEADERS.iter().find(|(insta, _)| text == *insta) {
            Some((insta, ours)) => kept.push_str(&line.replacen(insta, ours, 1)),
            None => kept.push_str(line),
        }
    }
    kept
}

/// A line of insta's advice to its users: run cargo-insta, review, accept.
fn is_advice(line: &str) -> bool {
    line.starts_with("To update snapshots run `cargo insta")
        || line.starts_with("Stopped on the first failure.")
}

/// `line` without its ANSI colour codes (insta colours its hints when forced to).
fn without_ansi(line: &str) -> String {
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters final-byte (a letter).
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A failed file snapshot as insta 1.49 prints it with `INSTA_UPDATE=no`.
    const INSTA: &str = "\
━━━━ Snapshot Summary ━━━━
Snapshot file: exercises/01-x/tests/snapshots/a.snap
Snapshot: a
Source: exercises/01-x/tests/a.rs:9
────
Expression: printed
────
-old snapshot
+new results
────┬────
    1     1 │ 1
    2       │-2
────┴────
To update snapshots run `cargo insta review` or set `INSTA_UPDATE=always`
\x1b[2mStopped on the first failure. Run `cargo insta test` to run all snapshots.\x1b[0m
thread 't' panicked at /r/insta-1.49.0/src/runtime.rs:734:13:
snapshot assertion for 'a' failed in line 9
";

    #[test]
    fn the_diff_says_expected_and_yours_and_no_advice_is_left() {
        let learner = for_learner(INSTA);
        assert!(
            learner.contains("\n-expected (the course's snapshot)\n+yours (what your code gave)\n"),
            "{learner}"
        );
        assert!(!learner.contains("cargo insta"), "{learner}");
        assert!(!learner.contains("INSTA_UPDATE"), "{learner}");
        assert!(
            !learner.contains("Stopped on the first failure"),
            "{learner}"
        );
        // Everything else is kept, line for line.
        assert!(learner.contains("    2       │-2\n"), "{learner}");
        assert!(
            learner.ends_with("snapshot assertion for 'a' failed in line 9\n"),
            "{learner}"
        );
    }

    #[test]
    fn a_tests_own_words_are_left_alone() {
        let own = "expected -old snapshot in a sentence\n+new results said the test\n";
        assert_eq!(for_learner(own), own);
        assert_eq!(for_learner("plain\n"), "plain\n");
    }
}
