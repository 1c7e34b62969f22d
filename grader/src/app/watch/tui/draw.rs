//! What the watch draws: the current exercise (its verdict, first failure,
//! hints and, once it passes, the solution to compare with), the list, the
//! solution, and the footer with the status line, progress bar and keys.

use std::path::PathBuf;

use grader::model::libtest;
use grader::model::outcome::Outcome;
use grader::model::report::{
    Blocker, DOES_NOT_COMPILE, ExerciseReport, FIRST_FAILING_TEST, NO_TEST_RAN, Report, Status,
    TestReport,
};

use super::super::screen::{Line, Look, Screen};
use super::{App, View};

impl App<'_> {
    pub(super) fn draw(&self, screen: &Screen) -> std::io::Result<()> {
        let (columns, rows) = crossterm::terminal::size()?;
        let (width, height) = (usize::from(columns), usize::from(rows));
        let footer = self.footer(width);
        let room = height.saturating_sub(footer.len());
        let body: Vec<Line> = match &self.view {
            View::List { selected } => self.list(*selected, room),
            View::Solution { from } => self.solution(*from),
            View::Exercise | View::ConfirmReset => self.exercise(),
        };
        let body: Vec<Line> = body
            .into_iter()
            .flat_map(|line| line.wrapped(width, 4))
            .collect();
        screen.draw(&body, &footer)
    }

    fn progress_bar(&self, width: usize) -> Line {
        let (passed, total) = self.report.as_ref().map_or((0, 0), Report::exercise_totals);
        let label = format!(" {passed}/{total} exercises pass");
        let bar = width.saturating_sub(label.len() + 12).clamp(10, 50);
        let filled = (bar * passed).checked_div(total).unwrap_or(0);
        Line::new(Look::Bold, "Progress ")
            .and(Look::Good, "█".repeat(filled))
            .and(Look::Dim, "░".repeat(bar - filled))
            .and(Look::Plain, label)
    }

    fn exercise(&self) -> Vec<Line> {
        let mut lines = vec![
            Line::new(Look::Bold, "cargo grade watch")
                .and(Look::Dim, " · save your file to grade it"),
            Line::blank(),
        ];
        let (Some(exercise), Some((section, entry))) = (self.current_report(), self.entry()) else {
            lines.push(Line::new(
                Look::Plain,
                "Building and grading the exercises…",
            ));
            return lines;
        };
        let status = exercise.status();
        let look = match status {
            Status::Passed => Look::Good,
            Status::TimedOut => Look::Warn,
            Status::Failed | Status::DoesNotCompile => Look::Bad,
        };
        let mark = status.names().mark;
        lines.push(
            Line::new(Look::Bold, format!("{} {}", exercise.number, exercise.name))
                .and(Look::Plain, format!(" — {}   ", exercise.title))
                .and(
                    look,
                    format!(
                        "{mark} {} · {}/{} tests",
                        status.label(),
                        exercise.passed_tests(),
                        exercise.tests.len()
                    ),
                ),
        );
        for (label, value) in [
            ("Edit ", entry.stub_path(section).display().to_string()),
            ("Read ", format!("book/src/{}", entry.chapter)),
            ("Run  ", entry.command(section)),
        ] {
            lines.push(Line::new(Look::Dim, label).and(Look::Plain, value));
        }
        // Worth a line while the learner may want their old attempt back;
        // once the exercise passes, it is not. The latest of `.bak`, `.bak.2`…
        let stub = entry.stub_path(section);
        let backup = (status != Status::Passed)
            .then(|| crate::reset::latest_backup(&self.session.root.join(&stub)))
            .flatten();
        if let Some(backup) = backup {
            let shown = backup.strip_prefix(&self.session.root).unwrap_or(&backup);
            lines.push(Line::new(Look::Dim, "Kept ").and(
                Look::Plain,
                format!("{} (your file before a reset)", shown.display()),
            ));
        }
        lines.push(Line::blank());
        // The hints asked for come before the failure, which can be longer
        // than the screen: what the learner just asked for stays in view.
        for (index, hint) in entry.hints.iter().take(self.hints).enumerate() {
            lines.push(
                Line::new(
                    Look::Warn,
                    format!("Hint {}/{}: ", index + 1, entry.hints.len()),
                )
                .and(Look::Plain, hint.clone()),
            );
            lines.push(Line::blank());
        }
        match status {
            Status::Passed => {
                lines.push(Line::new(
                    Look::Good,
                    format!("✔ Every test passes ({}).", exercise.tests.len()),
                ));
                if let Some(path) = &exercise.solution {
                    lines.push(
                        Line::new(Look::Plain, "Compare with the course's solution: ")
                            .and(Look::Bold, path.display().to_string())
                            .and(Look::Dim, "  (s shows it here)"),
                    );
                }
                lines.push(Line::new(Look::Plain, "Press n for the next exercise."));
            }
            _ => lines.extend(failure(exercise)),
        }
        lines
    }

    fn list(&self, selected: usize, room: usize) -> Vec<Line> {
        let mut lines = vec![
            Line::new(Look::Bold, "Exercises")
                .and(Look::Dim, "  ↑↓ move · Enter: make it current · Esc: back"),
            Line::blank(),
        ];
        let Some(report) = &self.report else {
            return lines;
        };
        let rows = room.saturating_sub(lines.len()).max(1);
        // Keep the selected row in view, a third of the way down when it can be.
        let first = selected
            .saturating_sub(rows / 3)
            .min(report.exercises().count().saturating_sub(rows));
        let width = report
            .exercises()
            .map(|(_, e)| e.name.len())
            .max()
            .unwrap_or(0);
        for (index, (_, exercise)) in report.exercises().enumerate().skip(first).take(rows) {
            let status = exercise.status();
            let current = self.current == Some(exercise.id);
            let text = format!(
                "{} {:<5} {:<width$}  {:<16} {}",
                if current { "▶" } else { " " },
                exercise.number,
                exercise.name,
                status.label(),
                exercise.title
            );
            let look = match (index == selected, status) {
                (true, _) => Look::Selected,
                (false, Status::Passed) => Look::Good,
                (false, _) => Look::Plain,
            };
            lines.push(Line::new(look, text));
        }
        lines
    }

    fn solution(&self, from: usize) -> Vec<Line> {
        let path: Option<PathBuf> = self.current_report().and_then(|e| e.solution.clone());
        let Some(path) = path else {
            return vec![Line::new(Look::Bad, "This exercise has no solution file.")];
        };
        let text = std::fs::read_to_string(self.session.root.join(&path)).unwrap_or_default();
        let mut lines = vec![
            Line::new(
                Look::Bold,
                format!("The course's solution: {}", path.display()),
            )
            .and(Look::Dim, "  ↑↓ scroll · Esc: back"),
            Line::blank(),
        ];
        lines.extend(text.lines().enumerate().skip(from).map(|(n, line)| {
            Line::new(Look::Dim, format!("{:>4} ", n + 1)).and(Look::Plain, line)
        }));
        lines
    }

    fn footer(&self, width: usize) -> Vec<Line> {
        let status = match (&self.grading, &self.view, &self.note) {
            (_, View::ConfirmReset, _) => {
                let (name, backup) = self.entry().map_or_else(Default::default, |(s, e)| {
                    let file = e.stub_path(s);
                    let backup = crate::reset::free_backup_name(&self.session.root.join(&file));
                    let backup = backup
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    (e.name.clone(), backup)
                });
                Line::new(
                    Look::Warn,
                    format!(
                        "Reset {name} to its stub? Your file will be kept as {backup}. y: yes · any other key: no"
                    ),
                )
            }
            (Some(grading), _, _) => Line::new(
                Look::Warn,
                format!("Grading {}… {}", grading.what, grading.progress),
            ),
            (None, _, Some((look, note))) => Line::new(*look, note.clone()),
            (None, _, None) => Line::new(Look::Dim, "Watching exercises/ for saves."),
        };
        let passed = self.current_report().map(ExerciseReport::status) == Some(Status::Passed);
        // Each key and its word stay together; a narrow window gets two rows.
        let mut rows = vec![Line::blank()];
        let mut column = 0;
        for (key, what, active) in [
            ("h", "hint", true),
            ("n", "next", true),
            ("l", "list", true),
            ("r", "run again", true),
            ("x", "reset", true),
            ("s", "solution", passed),
            ("q", "quit", true),
        ] {
            let length = key.len() + what.len() + 3;
            if column + length > width && column > 0 {
                rows.push(Line::blank());
                column = 0;
            }
            column += length;
            let row = rows.pop().expect("a row");
            rows.push(
                row.and(if active { Look::Bold } else { Look::Dim }, key)
                    .and(Look::Dim, format!(" {what}  ")),
            );
        }
        let mut footer = vec![Line::new(Look::Dim, "─".repeat(width))];
        footer.extend(status.wrapped(width, 2));
        footer.push(self.progress_bar(width));
        footer.extend(rows);
        footer
    }
}

/// Why an exercise has not passed: the compile error, or its first failing
/// test's panic, then what that test printed (a snapshot's diff).
fn failure(exercise: &ExerciseReport) -> Vec<Line> {
    let indent = |text: &str| -> Vec<Line> {
        text.lines()
            .map(|line| Line::new(drawn_or_prose(line), format!("  {line}")))
            .collect()
    };
    let mut lines = Vec::new();
    let test = match exercise.blocker() {
        Some(Blocker::DoesNotCompile(error)) => {
            lines.push(Line::new(Look::Bad, DOES_NOT_COMPILE));
            lines.extend(indent(error.rendered.trim_end()));
            return lines;
        }
        Some(Blocker::NoTestRan) => {
            lines.push(Line::new(Look::Bad, NO_TEST_RAN));
            return lines;
        }
        Some(Blocker::FailingTest(test)) => test,
        None => return lines,
    };
    lines.push(
        Line::new(Look::Bad, format!("{FIRST_FAILING_TEST} ")).and(Look::Bold, test.name.clone()),
    );
    let (message, printed) = panic_and_printed(test);
    lines.extend(indent(&message));
    if let Some(printed) = printed {
        lines.push(Line::new(
            Look::Dim,
            "What the test printed before it failed:",
        ));
        lines.extend(indent(&printed));
    }
    lines
}

/// How a line of a failure is drawn: in its columns when it is part of a
/// drawing (rustc's source lines, carets and `-->` locations; a snapshot
/// diff's rows), wrapped at the window's width when it is prose.
fn drawn_or_prose(line: &str) -> Look {
    let text = line.trim_start();
    let gutter = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let drawing = text.starts_with("-->")
        || text.starts_with(":::")
        || text.starts_with("...")
        || gutter.starts_with('|')
        || line.contains('│')
        || line.starts_with('─');
    if drawing { Look::Code } else { Look::Plain }
}

/// A failed test's panic (location and message), and what it printed before
/// (a snapshot's diff, say): the panic first, since it says what is wrong.
fn panic_and_printed(test: &TestReport) -> (String, Option<String>) {
    let Outcome::Failed { panic: Some(_), .. } = &test.outcome else {
        return (test.message().unwrap_or_default(), None);
    };
    // A panic inside a library (insta's snapshot assertion) points at the
    // library's source, which says nothing to a learner: keep the message.
    let message = libtest::without_library_location(test.message().unwrap_or_default());
    // The message may already hold what the test printed (insta's diff, kept
    // in the panic's report): show it once.
    let printed = test
        .printed()
        .filter(|printed| !message.contains(printed.lines().next().unwrap_or_default()));
    (
        message,
        printed.map(|printed| libtest::snapshot_diff(&printed)),
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// libtest's report of a failed insta assertion, as the runner keeps it.
    const SNAPSHOT_FAILURE: &str = "\nrunning 1 test\ntest t ... FAILED\n\nfailures:\n\n---- t stdout ----\n\
        ━━━━ Snapshot Summary ━━━━\nSnapshot file: exercises/01-x/tests/snapshots/a.snap\nSnapshot: a\n\
        Source: exercises/01-x/tests/a.rs:9\n────\nExpression: printed\n────\n-expected (the course's snapshot)\n+yours (what your code gave)\n\
        ────┬────\n    1     1 │ 1\n    2       │-2\n\n\
        thread 't' (7) panicked at /root/.cargo/registry/src/index/insta-1.49.0/src/runtime.rs:734:13:\n\
        snapshot assertion for 'a' failed in line 9\nnote: run with `RUST_BACKTRACE=1`\n\n\nfailures:\n    t\n";

    #[test]
    fn rustcs_drawings_keep_their_columns_and_its_prose_wraps() {
        let rendered = "error[E0308]: mismatched types\n  --> exercises/01-generators/src/fibonacci.rs:12:9\n   |\n12 |         a + b\n   |         ^^^^^ expected `Option<u64>`, found `u64`\n   = help: consider wrapping the expression in `Some`";
        let looks: Vec<Look> = rendered.lines().map(drawn_or_prose).collect();
        assert_eq!(
            looks,
            [
                Look::Plain,
                Look::Code,
                Look::Code,
                Look::Code,
                Look::Code,
                Look::Plain
            ]
        );
    }

    #[test]
    fn a_snapshot_failure_shows_the_assertion_then_the_diff() {
        let test = TestReport {
            name: "t".into(),
            outcome: Outcome::Failed {
                cause: grader::model::outcome::Cause::Panicked,
                panic: Some(
                    "panicked at /root/.cargo/registry/src/index/insta-1.49.0/src/runtime.rs:734:13:\n\
                     snapshot assertion for 'a' failed in line 9"
                        .into(),
                ),
                output: SNAPSHOT_FAILURE.into(),
            },
            duration: Duration::ZERO,
        };
        let (message, printed) = panic_and_printed(&test);
        assert_eq!(message, "snapshot assertion for 'a' failed in line 9");
        let printed = printed.expect("the diff");
        assert!(
            printed.starts_with("Snapshot file: exercises/01-x/tests/snapshots/a.snap\n-expected"),
            "{printed}"
        );
        assert!(printed.contains("│-2"), "{printed}");
        assert!(!printed.contains("Expression"), "{printed}");
    }
}
