//! The learner's report: a table per section, the totals, and what to do next.

use std::fmt::Write;

use crate::model::course::{Course, ExerciseId};
use crate::model::report::{
    Blocker, DOES_NOT_COMPILE, ExerciseReport, FIRST_FAILING_TEST, MESSAGE_LINES, Report, Status,
};
use crate::model::submission::Ungradable;
use crate::render::format::Format;

/// ANSI styling, or none (not a terminal, or `NO_COLOR` set).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty.
    pub fn detect() -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: std::io::stdout().is_terminal() && !no_color,
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    fn status(self, status: Status) -> String {
        // Colours are the terminal's concern alone; the mark is the table's.
        let code = match status {
            Status::Passed => "32",
            Status::Failed => "31",
            Status::DoesNotCompile => "35",
            Status::TimedOut => "33",
        };
        self.paint(code, status.names().mark)
    }
}

/// The format for people, and the default: a table per section and what to do next.
pub const FORMAT: Format = Format {
    name: super::format::HUMAN,
    about: "A table for people, with the next exercise to do",
    extension: None,
    // In a file or a pipe: colour is for a terminal, which the caller knows of.
    render: |report| Ok(render(report, Style { color: false })),
    ungradable: |report, why| Ok(not_graded(report, why, Style { color: false })),
    error: None,
};

/// The line of a submission that could not be graded.
fn not_graded(report: &Report, why: &Ungradable, style: Style) -> String {
    let name = report.submission.as_ref().map_or("", |s| s.name.as_str());
    format!(
        "{} {}\n",
        style.bold(&format!("{name} was not graded:")),
        why.why
    )
}

/// The whole report as text.
pub fn render(report: &Report, style: Style) -> String {
    if let Some(why) = report.ungradable() {
        return not_graded(report, why, style);
    }
    let mut out = table(report, style);
    out.push_str(&totals(report, style));
    out.push_str(&next(report, style));
    out
}

/// A table per section: each exercise's mark, name, title and detail.
fn table(report: &Report, style: Style) -> String {
    let mut out = String::new();
    let width = name_width(report);
    let title_width = report
        .exercises()
        .map(|(_, e)| e.title.chars().count())
        .max()
        .unwrap_or(0);
    for section in &report.sections {
        let _ = writeln!(
            out,
            "{}  {}",
            style.bold(&format!("{}. {}", section.number, section.title)),
            style.dim(&format!(
                "{}/{} · cargo test -p {}",
                section.passed(),
                section.exercises.len(),
                section.package
            )),
        );
        for exercise in &section.exercises {
            let status = exercise.status();
            let title_pad = title_width - exercise.title.chars().count();
            let _ = writeln!(
                out,
                "  {} {:<width$}  {}{}  {}",
                style.status(status),
                exercise.name,
                exercise.title,
                " ".repeat(title_pad),
                detail(exercise),
            );
        }
        out.push('\n');
    }
    out
}

/// An exercise's row's last column: its tests passed, or why none ran.
fn detail(exercise: &ExerciseReport) -> String {
    let status = exercise.status();
    match status {
        Status::Passed | Status::Failed => {
            format!("{}/{} tests", exercise.passed_tests(), exercise.tests.len())
        }
        Status::DoesNotCompile => match exercise
            .compile_error
            .as_ref()
            .and_then(|e| e.file.as_ref())
        {
            Some(file) if exercise.breaks_the_build() => {
                format!("does not compile: see {}", file.display())
            }
            Some(file) => format!("waits for {} to compile", file.display()),
            None => status.label().to_owned(),
        },
        Status::TimedOut => status.label().to_owned(),
    }
}

/// The total, and what the learner should know of how it was graded.
fn totals(report: &Report, style: Style) -> String {
    let mut out = String::new();
    let (passed, total) = report.exercise_totals();
    let (tests_passed, tests_total) = report.test_totals();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Total: {passed}/{total} exercises passed ({tests_passed}/{tests_total} tests)"
        ))
    );
    if let Some(warning) = report.isolation_warning() {
        let _ = writeln!(out, "{}", style.paint("33", &warning));
    }
    if report.reused > 0 {
        let _ = writeln!(
            out,
            "{}",
            style.dim(&format!(
                "{} of these exercises did not change since the last grade: their tests were not \
                 run again (`--fresh` runs every test).",
                report.reused
            ))
        );
    }
    out
}

/// What to do next: the next exercise, why it has not passed and where to
/// work on it; or that everything graded passes.
fn next(report: &Report, style: Style) -> String {
    let mut out = String::new();
    let total = report.exercise_totals().1;
    match report.next_exercise() {
        None if total > 0 && report.following.is_some() => {
            out.push_str(&subset_passed(report, style));
        }
        None if total > 0 => out.push_str("\nEverything passes. Well done!\n"),
        None => {}
        Some((_, exercise)) => {
            let _ = writeln!(
                out,
                "\n{} {} — {}",
                style.bold("Next:"),
                exercise.name,
                exercise.title
            );
            match exercise.blocker() {
                Some(Blocker::DoesNotCompile(error)) => {
                    let _ = writeln!(out, "  {DOES_NOT_COMPILE}");
                    for line in error.rendered.trim_end().lines().take(MESSAGE_LINES) {
                        let _ = writeln!(out, "    {line}");
                    }
                }
                Some(Blocker::FailingTest(test)) => {
                    let _ = writeln!(out, "  {} {}", style.dim(FIRST_FAILING_TEST), test.name);
                    for line in test.message().unwrap_or_default().lines() {
                        let _ = writeln!(out, "    {line}");
                    }
                }
                Some(Blocker::NoTestRan) | None => {}
            }
            out.push_str(&what_to_do(exercise, style));
        }
    }
    out
}

/// The width of the longest exercise name: the column the names are padded to.
fn name_width(report: &Report) -> usize {
    report
        .exercises()
        .map(|(_, e)| e.name.len())
        .max()
        .unwrap_or(0)
}

/// `cargo grade list`: every exercise with its number, status and file.
pub fn render_list(report: &Report, style: Style) -> String {
    let mut out = String::new();
    let width = name_width(report);
    for (_, exercise) in report.exercises() {
        let file = exercise.file.display().to_string();
        let status = exercise.status();
        let _ = writeln!(
            out,
            "{} {:<5} {:<width$}  {:<16}  {}",
            style.status(status),
            exercise.number,
            exercise.name,
            status.label(),
            style.dim(&file),
        );
    }
    out
}

/// After a run of some exercises only, all passing: what was graded, and the
/// exercise that follows them in the course (its status is not known here).
fn subset_passed(report: &Report, style: Style) -> String {
    let graded: Vec<&str> = report.exercises().map(|(_, e)| e.name.as_str()).collect();
    let mut out = format!(
        "\nEvery exercise graded passes: {}. The others were not graded in this run.\n",
        graded.join(", ")
    );
    // One exercise just solved: the moment to compare with the course's answer.
    if let [(section, exercise)] = report.exercises().collect::<Vec<_>>()[..] {
        let _ = section;
        if let Some(solution) = &exercise.solution {
            let _ = writeln!(
                out,
                "Compare yours with the course's solution: {}",
                solution.display()
            );
        }
    }
    if let Some(next) = &report.following {
        let _ = writeln!(
            out,
            "{} {} — {}  ({})",
            style.bold("Next in the course:"),
            next.name,
            next.title,
            style.dim(&next.command)
        );
    }
    out
}

/// `cargo grade hint EXERCISE [N]`: hints `shown` (numbered from 1), what to
/// read and run, and how to see the next hint; without grading.
pub fn render_hint(
    course: &Course,
    id: ExerciseId,
    shown: std::ops::RangeInclusive<usize>,
    style: Style,
) -> String {
    let exercise = ExerciseReport::new(course, id);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} — {}",
        style.bold(&format!("Exercise {}", exercise.number)),
        exercise.name,
        exercise.title
    );
    let count = exercise.hints.len();
    for (index, hint) in exercise.hints.iter().enumerate() {
        if shown.contains(&(index + 1)) {
            let label = format!("Hint {}/{count}:", index + 1);
            let indent = " ".repeat(label.chars().count() + 3);
            let _ = writeln!(out, "  {} {}", style.dim(&label), wrap(hint, 72, &indent));
        }
    }
    out.push_str(&where_to_work(&exercise, style));
    if *shown.end() < count {
        let _ = writeln!(
            out,
            "  Still stuck? `cargo grade hint {} {}` shows the next hint.",
            exercise.name,
            shown.end() + 1
        );
    }
    out
}

/// The hint, the chapter, the file to edit and the command that runs it.
fn what_to_do(exercise: &ExerciseReport, style: Style) -> String {
    format!(
        "  {} {}\n{}",
        style.dim("Hint:"),
        // The first hint only: later ones are for a learner who asks again.
        wrap(
            exercise.hints.first().map_or("", String::as_str),
            72,
            "        "
        ),
        where_to_work(exercise, style)
    )
}

/// The chapter, the file to edit and the command that runs the exercise.
pub fn where_to_work(exercise: &ExerciseReport, style: Style) -> String {
    format!(
        "  {} book/src/{}\n  {} {}\n  {}  {}\n",
        style.dim("Read:"),
        exercise.chapter,
        style.dim("Edit:"),
        exercise.file.display(),
        style.dim("Run:"),
        exercise.command,
    )
}

/// The summary of a class: a line per submission.
pub fn render_class(reports: &[Report], style: Style) -> String {
    let mut out = String::new();
    let name = |r: &Report| {
        r.submission
            .as_ref()
            .map_or_else(String::new, |s| s.name.clone())
    };
    let width = reports
        .iter()
        .map(|r| name(r).chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!("{:<width$}  exercises  points", "submission"))
    );
    for report in reports {
        if let Some(why) = report.ungradable() {
            // One line per submission: the rest of a long reason is in its reports.
            let mut lines = why.why.lines();
            let first = lines.next().unwrap_or_default();
            let more = if lines.next().is_some() { " …" } else { "" };
            let _ = writeln!(
                out,
                "{:<width$}  {}",
                name(report),
                style.paint("31", &format!("error: {first}{more}"))
            );
            continue;
        }
        let (passed, total) = report.exercise_totals();
        let (points, max) = report.points();
        let (ignored, skipped) = report
            .submission
            .as_ref()
            .map_or((0, 0), |s| (s.ignored.len(), s.skipped.len()));
        let mut notes = Vec::new();
        if ignored > 0 {
            let files = if ignored == 1 { "file" } else { "files" };
            notes.push(format!("{ignored} {files} ignored"));
        }
        if skipped > 0 {
            notes.push(format!("{skipped} not read"));
        }
        let note = if notes.is_empty() {
            String::new()
        } else {
            format!("  ({})", notes.join(", "))
        };
        let _ = writeln!(
            out,
            "{:<width$}  {:>9}  {:>6}{note}",
            name(report),
            format!("{passed}/{total}"),
            format!("{points:.1}/{max:.0}")
        );
    }
    if let Some(warning) = reports.iter().find_map(Report::isolation_warning) {
        let _ = writeln!(out, "{}", style.paint("33", &warning));
    }
    out
}

/// Wraps `text` at `width` columns, starting each line after the first with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut column = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if column > 0 && column + 1 + length > width {
            out.push('\n');
            out.push_str(indent);
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += length;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_between_words_and_indents() {
        assert_eq!(
            wrap("one two three four", 9, "  "),
            "one two\n  three\n  four"
        );
    }
}
