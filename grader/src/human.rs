//! The learner's report: a table per section, the totals, and what to do next.

use std::fmt::Write;

use crate::manifest::{Course, Exercise, Section};
use crate::report::{Report, Status};

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
        let (code, mark) = match status {
            Status::Passed => ("32", "✔"),
            Status::Failed => ("31", "✘"),
            Status::DoesNotCompile => ("35", "✘"),
            Status::TimedOut => ("33", "⏱"),
        };
        self.paint(code, mark)
    }
}

/// The whole report as text.
pub fn render(report: &Report, course: &Course, style: Style) -> String {
    let mut out = String::new();
    let width = report
        .exercises()
        .map(|(_, e)| e.name.len())
        .max()
        .unwrap_or(0);
    let title_width = report
        .exercises()
        .map(|(_, e)| e.title.chars().count())
        .max()
        .unwrap_or(0);
    for section in &report.sections {
        let number = course
            .section(&section.slug)
            .map_or(0, |s| s.number(course));
        let _ = writeln!(
            out,
            "{}  {}",
            style.bold(&format!("{number}. {}", section.title)),
            style.dim(&format!(
                "{}/{} · cargo test -p {}",
                section.passed(),
                section.exercises.len(),
                section.package
            )),
        );
        for exercise in &section.exercises {
            let status = exercise.status();
            let detail = match status {
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
                    None => Status::DoesNotCompile.label().to_owned(),
                },
                Status::TimedOut => Status::TimedOut.label().to_owned(),
            };
            let title_pad = title_width - exercise.title.chars().count();
            let _ = writeln!(
                out,
                "  {} {:<width$}  {}{}  {}",
                style.status(status),
                exercise.name,
                exercise.title,
                " ".repeat(title_pad),
                detail,
            );
        }
        out.push('\n');
    }
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
    match report.next_exercise() {
        None if total > 0 => out.push_str("\nEverything passes. Well done!\n"),
        None => {}
        Some((section, exercise)) => {
            let Some(entry) = course
                .section(&section.slug)
                .and_then(|s| s.exercise(&exercise.name))
            else {
                return out;
            };
            let course_section = course
                .section(&section.slug)
                .expect("the section was just found");
            let _ = writeln!(
                out,
                "\n{} {} — {}",
                style.bold("Next:"),
                exercise.name,
                exercise.title
            );
            if let Some(error) = &exercise.compile_error {
                let _ = writeln!(out, "  It does not compile. The first error:");
                for line in error
                    .rendered
                    .trim_end()
                    .lines()
                    .take(crate::report::MESSAGE_LINES)
                {
                    let _ = writeln!(out, "    {line}");
                }
            } else if let Some(test) = exercise.first_failure() {
                let _ = writeln!(out, "  {} {}", style.dim("First failing test:"), test.name);
                for line in test.message().unwrap_or_default().lines() {
                    let _ = writeln!(out, "    {line}");
                }
            }
            out.push_str(&what_to_do(course_section, entry, style));
        }
    }
    out
}

/// `cargo grade list`: every exercise with its number, status and file.
pub fn render_list(report: &Report, course: &Course, style: Style) -> String {
    let mut out = String::new();
    let width = report
        .exercises()
        .map(|(_, e)| e.name.len())
        .max()
        .unwrap_or(0);
    for (section, exercise) in report.exercises() {
        let file = course
            .section(&section.slug)
            .and_then(|s| Some(s.exercise(&exercise.name)?.stub_path(s)))
            .map(|p| p.display().to_string())
            .unwrap_or_default();
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

/// `cargo grade hint EXERCISE`: what to read and run, without grading.
pub fn render_hint(
    section: &Section,
    exercise: &Exercise,
    course: &Course,
    style: Style,
) -> String {
    let number = section
        .exercises
        .iter()
        .position(|e| e.name == exercise.name)
        .map_or(0, |i| i + 1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} — {}",
        style.bold(&format!("Exercise {}.{number}", section.number(course))),
        exercise.name,
        exercise.title
    );
    out.push_str(&what_to_do(section, exercise, style));
    out
}

/// The hint, the chapter, the file to edit and the command that runs it.
fn what_to_do(section: &Section, exercise: &Exercise, style: Style) -> String {
    format!(
        "  {} {}\n  {} book/src/{}\n  {} {}\n  {}  {}\n",
        style.dim("Hint:"),
        wrap(exercise.hint(), 72, "        "),
        style.dim("Read:"),
        exercise.chapter,
        style.dim("Edit:"),
        exercise.stub_path(section).display(),
        style.dim("Run:"),
        exercise.command(section),
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
        if let Some(error) = report.error() {
            let _ = writeln!(
                out,
                "{:<width$}  {}",
                name(report),
                style.paint("31", &format!("error: {error}"))
            );
            continue;
        }
        let (passed, total) = report.exercise_totals();
        let (points, max) = report.points();
        let (ignored, skipped) = report
            .submission
            .as_ref()
            .map_or((0, 0), |s| (s.ignored.len(), s.skipped.len()));
        let note = match (ignored, skipped) {
            (0, 0) => String::new(),
            (ignored, 0) => format!("  ({ignored} files ignored)"),
            (ignored, skipped) => format!("  ({ignored} files ignored, {skipped} not read)"),
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
