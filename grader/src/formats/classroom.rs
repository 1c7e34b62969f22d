//! GitHub Classroom's autograding result: what its reporter action,
//! `education/autograding-grading-reporter`, reads from a step's output
//! (base64 of this JSON, in the `<STEP_ID>_RESULTS` variable) and turns into
//! the points Classroom records: the sum of the tests' `score` out of
//! `max_score`. One entry per exercise, worth its points from the manifest,
//! shared equally by its tests (partial credit), as on Gradescope.
//!
//! The whole document reaches the reporter through one environment variable,
//! which Linux caps at 128 KiB: each message is cut to [`MESSAGE_LIMIT`], so
//! that the course's 64 exercises always fit.

use anyhow::Result;
use serde::Serialize;

use super::{Format, pretty, round, truncate};
use crate::report::{Report, Status};

pub const FORMAT: Format = Format {
    name: "classroom",
    about: "GitHub Classroom's autograding result, for its grading reporter",
    extension: Some("classroom.json"),
    render,
    error: Some(render_error),
};

/// Characters of an exercise's message kept: the first failure says what went wrong.
const MESSAGE_LIMIT: usize = 600;

#[derive(Debug, Serialize)]
struct Results {
    version: u32,
    status: &'static str,
    max_score: f64,
    tests: Vec<Test>,
}

#[derive(Debug, Serialize)]
struct Test {
    name: String,
    status: &'static str,
    score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    /// The command that runs the exercise's tests, as the student would.
    test_code: String,
    filename: String,
    line_no: u32,
    execution_time: String,
}

pub fn render(report: &Report) -> Result<String> {
    if let Some(error) = report.error() {
        return render_error(error);
    }
    let (_, max_score) = report.points();
    let tests: Vec<Test> = report
        .exercises()
        .map(|(section, exercise)| {
            let message = match (&exercise.compile_error, exercise.first_failure()) {
                (Some(error), _) => Some(format!("does not compile:\n{}", error.rendered)),
                (None, Some(test)) => Some(format!(
                    "{}/{} tests pass. First failing test: {}\n{}",
                    exercise.passed_tests(),
                    exercise.tests.len(),
                    test.name,
                    test.message().unwrap_or_default()
                )),
                (None, None) => None,
            };
            Test {
                name: format!(
                    "{} {}::{} — {}",
                    exercise.number, section.package, exercise.name, exercise.title
                ),
                status: match exercise.status() {
                    Status::Passed => "pass",
                    Status::DoesNotCompile => "error",
                    _ => "fail",
                },
                score: round(exercise.score()),
                message: message.map(|m| truncate(&m, MESSAGE_LIMIT)),
                test_code: exercise.command.clone(),
                filename: exercise.file.display().to_string(),
                line_no: 0,
                execution_time: format!(
                    "{:.2}s",
                    exercise
                        .tests
                        .iter()
                        .map(|t| t.duration.as_secs_f64())
                        .sum::<f64>()
                ),
            }
        })
        .collect();
    let status = if report.all_passed() { "pass" } else { "fail" };
    pretty(&Results {
        version: 1,
        status,
        max_score: round(max_score),
        tests,
    })
}

/// Nothing graded: the run is in error, with the reason as its one test's message.
fn render_error(message: &str) -> Result<String> {
    pretty(&Results {
        version: 1,
        status: "error",
        max_score: 0.0,
        tests: vec![Test {
            name: "grading".into(),
            status: "error",
            score: 0.0,
            message: Some(truncate(message, MESSAGE_LIMIT * 4)),
            test_code: String::new(),
            filename: String::new(),
            line_no: 0,
            execution_time: "0s".into(),
        }],
    })
}
