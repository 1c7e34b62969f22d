//! GitHub Classroom's autograding result: what its reporter action,
//! `education/autograding-grading-reporter@v1`, reads from a step's output
//! (base64 of this JSON, in the `<STEP_ID>_RESULTS` variable) and turns into
//! the points Classroom records: the sum of the tests' `score` out of
//! `max_score`, posted as `Points N/M` on the check run named
//! `run-autograding-tests` (the job's id in the workflow, with no `name:`).
//!
//! One entry per exercise, worth its points from the manifest when every one
//! of its tests passes and nothing otherwise. The reporter's log counts
//! entries, not scores: its "Total points" line is (entries passed ÷ entries)
//! × `max_score`. With whole exercises as entries that line and the points
//! posted agree whenever the exercises are worth the same (the course's
//! default, one point each); partial credit per test would make them differ.
//!
//! The whole document reaches the reporter through one environment variable,
//! which Linux caps at 128 KiB (`MAX_ARG_STRLEN`) *bytes*, name and base64
//! included: the document is kept under [`DOCUMENT_LIMIT`] bytes by cutting
//! the messages, whatever their characters.

use anyhow::Result;
use serde::Serialize;

use super::format::{Format, pretty, round, truncate_bytes};
use crate::model::report::{Report, Status};

pub const FORMAT: Format = Format {
    name: "classroom",
    about: "GitHub Classroom's autograding result, for its grading reporter",
    extension: Some("classroom.json"),
    render,
    // Nothing was graded, but the points are still out of the course's.
    ungradable: |_, why| render_error(&why.why, why.max_points),
    error: Some(render_error),
};

/// Bytes of JSON at most. Its base64 is 4/3 as long: 96,000 bytes become
/// 128,000, which leaves room in Linux's 131,072 bytes per environment string
/// for the variable's name (`GRADE_RESULTS=`, or a step id up to 3,000 bytes
/// long) and the final NUL.
pub const DOCUMENT_LIMIT: usize = 96_000;

/// Bytes of an exercise's message kept at first: the first failure says what
/// went wrong. Halved until the document fits in [`DOCUMENT_LIMIT`].
const MESSAGE_LIMIT: usize = 2_000;

#[derive(Debug, Serialize)]
struct Results<'a> {
    version: u32,
    status: &'static str,
    max_score: f64,
    /// What was not confined around the tests, when something was not
    /// (a key of the grader's own: the reporter reads none but these).
    #[serde(skip_serializing_if = "Option::is_none")]
    isolation: Option<String>,
    tests: &'a [Test],
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
    let (_, max_score) = report.points();
    let mut messages = Vec::new();
    let mut tests: Vec<Test> = report
        .exercises()
        .map(|(section, exercise)| {
            let passed = exercise.status() == Status::Passed;
            messages.push(match (&exercise.compile_error, exercise.first_failure()) {
                (Some(error), _) => Some(format!("does not compile:\n{}", error.rendered)),
                (None, Some(test)) => Some(format!(
                    "{}/{} tests pass. First failing test: {}\n{}",
                    exercise.passed_tests(),
                    exercise.tests.len(),
                    test.name,
                    test.message().unwrap_or_default()
                )),
                (None, None) if !passed => Some("no test ran".to_owned()),
                (None, None) => None,
            });
            Test {
                name: format!(
                    "{} {}::{} — {}",
                    exercise.number, section.package, exercise.name, exercise.title
                ),
                status: exercise.status().names().platform,
                score: if passed { round(exercise.points) } else { 0.0 },
                message: None,
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
    let mut limit = MESSAGE_LIMIT;
    loop {
        for (test, message) in tests.iter_mut().zip(&messages) {
            test.message = message
                .as_deref()
                .filter(|_| limit > 0)
                .map(|m| truncate_bytes(m, limit));
        }
        let document = pretty(&Results {
            version: 1,
            status,
            max_score: round(max_score),
            isolation: report.isolation_warning(),
            tests: &tests,
        })?;
        if document.len() <= DOCUMENT_LIMIT || limit == 0 {
            return Ok(document);
        }
        limit /= 2;
    }
}

/// Nothing graded: the run is in error, 0 points out of the course's
/// `max_points` (so that the reporter posts `Points 0/M` rather than nothing,
/// which it does for a `max_score` of 0), and the reason as its one test's
/// message, which the reporter prints for a test in error.
fn render_error(message: &str, max_points: f64) -> Result<String> {
    pretty(&Results {
        version: 1,
        status: "error",
        max_score: round(max_points),
        isolation: None,
        tests: &[Test {
            name: "grading".into(),
            status: "error",
            score: 0.0,
            message: Some(truncate_bytes(message, DOCUMENT_LIMIT / 2)),
            test_code: String::new(),
            filename: String::new(),
            line_no: 0,
            execution_time: "0s".into(),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::outcome::{Cause, Outcome};
    use crate::model::report::TestReport;

    /// The whole course, every exercise failing with a long message of
    /// two-byte characters: 600 *characters* each would be 1,200 bytes, and
    /// 64 of them, base64-encoded, past Linux's 128 KiB.
    #[test]
    fn the_whole_course_fits_one_environment_variable_in_bytes() {
        let (course, report) = crate::render::format::whole_course_report(|| {
            vec![TestReport {
                name: "first".into(),
                outcome: Outcome::Failed {
                    cause: Cause::Panicked,
                    panic: Some("é".repeat(5_000)),
                    output: String::new(),
                },
                duration: std::time::Duration::ZERO,
            }]
        });
        let document = render(&report).expect("a document");
        assert!(document.len() <= DOCUMENT_LIMIT, "{} bytes", document.len());
        let results: serde_json::Value = serde_json::from_str(&document).expect("JSON");
        let tests = results["tests"].as_array().expect("tests");
        assert_eq!(tests.len(), course.ids().count());
        assert!(
            tests.iter().all(|t| t["message"]
                .as_str()
                .is_some_and(|m| m.contains("First failing test: first"))),
            "every exercise still says which test failed first"
        );
    }

    #[test]
    fn an_error_is_out_of_the_courses_points_and_fits_whatever_its_length() {
        let long = "é".repeat(200_000);
        let document = render_error(&long, 71.0).expect("a document");
        assert!(document.len() <= DOCUMENT_LIMIT, "{} bytes", document.len());
        let results: serde_json::Value = serde_json::from_str(&document).expect("JSON");
        assert_eq!(results["max_score"], 71.0);
        assert_eq!(results["status"], "error");
        assert_eq!(results["tests"][0]["score"], 0.0);
    }
}
