//! Gradescope's autograder `results.json`: one entry per exercise, worth its
//! points from the manifest, shared equally by its tests (partial credit).
//! The format: <https://gradescope-autograders.readthedocs.io/en/latest/specs/>.

use anyhow::Result;
use serde::Serialize;

use super::format::{Format, pretty, round};
use crate::model::report::{Report, Status};

/// Gradescope's autograder results.
pub const FORMAT: Format = Format {
    name: "gradescope",
    about: "Gradescope's results.json",
    extension: Some("gradescope.json"),
    render,
    ungradable: |_, why| render_error(&why.why),
    error: Some(|message, _max_points| render_error(message)),
};

#[derive(Debug, Serialize)]
struct Results {
    score: f64,
    execution_time: f64,
    output: String,
    /// How Gradescope shows `output`, and each test's: as plain text. Its
    /// default, `simple_format`, reads `<section>` in a message as HTML.
    output_format: &'static str,
    test_output_format: &'static str,
    test_name_format: &'static str,
    visibility: &'static str,
    tests: Vec<Test>,
}

/// Every text of the results is plain text.
const TEXT: &str = "text";

#[derive(Debug, Serialize)]
struct Test {
    name: String,
    number: String,
    score: f64,
    max_score: f64,
    status: &'static str,
    output: String,
    visibility: &'static str,
}

pub fn render(report: &Report) -> Result<String> {
    // An upload the grader could not read: why, where the student reads it.
    let (exercises_passed, exercises) = report.exercise_totals();
    let (score, max_score) = report.points();
    let tests = report
        .exercises()
        .map(|(section, exercise)| {
            let output = match (&exercise.compile_error, exercise.status()) {
                (Some(error), _) => format!("Does not compile:\n{}", error.rendered),
                (None, Status::Passed) => format!("All {} tests pass.", exercise.tests.len()),
                (None, _) => failures(exercise),
            };
            Test {
                name: format!(
                    "{}::{} — {}",
                    section.package, exercise.name, exercise.title
                ),
                number: exercise.number.clone(),
                score: round(exercise.score()),
                max_score: exercise.points,
                status: exercise.status().names().gradescope,
                output,
                visibility: "visible",
            }
        })
        .collect();
    let results = Results {
        score: round(score),
        execution_time: round(report.duration.as_secs_f64()),
        output: format!(
            "{exercises_passed}/{exercises} exercises pass; {} of {} points.{}",
            round(score),
            round(max_score),
            report
                .isolation_warning()
                .map_or_else(String::new, |warning| format!("\n{warning}")),
        ) + &report
            .submission
            .as_ref()
            .and_then(|s| s.notes())
            .map_or_else(String::new, |notes| format!("\n\n{notes}")),
        output_format: TEXT,
        test_output_format: TEXT,
        test_name_format: TEXT,
        visibility: "visible",
        tests,
    };
    pretty(&results)
}

/// No score, and the message where the student reads it: the top-level output.
fn render_error(message: &str) -> Result<String> {
    pretty(&Results {
        score: 0.0,
        execution_time: 0.0,
        output: message.to_owned(),
        output_format: TEXT,
        test_output_format: TEXT,
        test_name_format: TEXT,
        visibility: "visible",
        tests: Vec::new(),
    })
}

/// Each failing test with its message.
fn failures(exercise: &crate::model::report::ExerciseReport) -> String {
    let mut out = format!(
        "{}/{} tests pass.\n",
        exercise.passed_tests(),
        exercise.tests.len()
    );
    for test in exercise.tests.iter().filter(|t| t.message().is_some()) {
        out.push_str(&format!(
            "\n✘ {}\n{}\n",
            test.name,
            test.message().unwrap_or_default()
        ));
    }
    out
}
