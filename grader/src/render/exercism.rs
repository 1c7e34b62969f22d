//! Exercism's test runner interface, version 3: `results.json` with a status
//! (`pass`, `fail`, `error`), and the tests in test-file order with their code
//! (the body of the test function).
//! The format: <https://exercism.org/docs/building/tooling/test-runners/interface>.
//!
//! The interface's caps are kept: a message of at most 65,535 characters,
//! a test's output of at most 500, and the whole file under 500 KB (each
//! test's message is cut shorter until it fits). `task_id` links a test to a
//! numbered task of the exercise's instructions (a concept exercise's `## 1.`
//! headings); this course's exercises are one task each, with no numbered
//! tasks, so no test carries one.

use anyhow::Result;
use serde::Serialize;

use crate::model::report::{Report, Status};

/// Exercism's test runner results.
pub const FORMAT: Format = Format {
    name: "exercism",
    about: "Exercism's results.json, version 3",
    extension: Some("exercism.json"),
    render,
    ungradable: |_, why| render_error(&why.why),
    error: Some(|message, _max_points| render_error(message)),
};
use crate::model::outcome::Outcome;

use super::format::{Format, pretty, truncate};

/// Exercism shows at most this much of a test's own output.
const OUTPUT_LIMIT: usize = 500;

/// The interface's cap on a message, in characters.
const MESSAGE_LIMIT: usize = 65_535;

/// The interface's cap on the whole `results.json`, in bytes (500 KB).
pub const RESULTS_LIMIT: usize = 500_000;

#[derive(Debug, Serialize)]
struct Results {
    version: u32,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    /// What was not confined around the tests, when something was not
    /// (a key of the grader's own: Exercism reads none but these above).
    #[serde(skip_serializing_if = "Option::is_none")]
    isolation: Option<String>,
    tests: Vec<Test>,
}

#[derive(Debug, Serialize)]
struct Test {
    name: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    output: Option<String>,
    test_code: String,
    /// The numbered task of the exercise's instructions the test belongs to;
    /// the course's exercises number none.
    #[serde(skip_serializing_if = "Option::is_none")]
    task_id: Option<usize>,
}

pub fn render(report: &Report) -> Result<String> {
    let mut tests = Vec::new();
    for (_, exercise) in report.exercises() {
        let task_id = None;
        let functions = &exercise.test_functions;
        let code_of = |name: &str| {
            functions
                .iter()
                .find(|function| function.name == name)
                .map(|function| function.body.clone())
                .unwrap_or_default()
        };
        if let Some(error) = &exercise.compile_error {
            // Nothing ran: every test of the file is in error, with the whole
            // diagnostic (its first line alone says what, not where or why).
            for function in functions {
                tests.push(Test {
                    name: format!("{} / {}", exercise.name, function.name),
                    status: "error",
                    message: Some(format!("does not compile:\n{}", error.rendered)),
                    output: None,
                    test_code: function.body.clone(),
                    task_id,
                });
            }
            continue;
        }
        for test in &exercise.tests {
            tests.push(Test {
                name: format!("{} / {}", exercise.name, test.name),
                status: match test.outcome {
                    Outcome::Passed => "pass",
                    Outcome::Failed { .. } | Outcome::TimedOut => "fail",
                },
                message: test.message(),
                output: test
                    .printed()
                    .map(|printed| truncate(&printed, OUTPUT_LIMIT)),
                test_code: code_of(&test.name),
                task_id,
            });
        }
    }
    let nothing_ran = report
        .exercises()
        .all(|(_, e)| e.status() == Status::DoesNotCompile);
    let (status, message) = if nothing_ran {
        let first = report
            .exercises()
            .find_map(|(_, e)| e.compile_error.as_ref());
        (
            "error",
            Some(first.map_or_else(|| "nothing was graded".to_owned(), |d| d.rendered.clone())),
        )
    } else if report.all_passed() {
        ("pass", None)
    } else {
        ("fail", None)
    };
    let mut results = Results {
        version: 3,
        status,
        message: message.map(|m| truncate(&m, MESSAGE_LIMIT)),
        isolation: report.isolation_warning(),
        tests,
    };
    for test in &mut results.tests {
        test.message = test.message.take().map(|m| truncate(&m, MESSAGE_LIMIT));
    }
    // Past 500 KB, every test's message is cut shorter until the file fits.
    let mut limit = MESSAGE_LIMIT;
    loop {
        let document = pretty(&results)?;
        if document.len() <= RESULTS_LIMIT || limit == 0 {
            return Ok(document);
        }
        limit /= 2;
        for test in &mut results.tests {
            test.message = test.message.take().map(|m| truncate(&m, limit));
            test.output = test.output.take().filter(|_| limit >= OUTPUT_LIMIT);
        }
    }
}

/// The run as a whole is in error, with the message and no tests.
fn render_error(message: &str) -> Result<String> {
    pretty(&Results {
        version: 3,
        status: "error",
        message: Some(truncate(message, MESSAGE_LIMIT)),
        isolation: None,
        tests: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::outcome::Cause;
    use crate::model::report::TestReport;

    /// Every test of the course failing with a message past the interface's
    /// 65,535 characters: each is cut to that, and then all of them shorter
    /// until the file is under 500 KB.
    #[test]
    fn messages_and_the_whole_file_keep_to_the_interfaces_caps() {
        let (course, report) = crate::render::format::whole_course_report(|| {
            ["first", "second"]
                .map(|name| TestReport {
                    name: name.into(),
                    outcome: Outcome::Failed {
                        cause: Cause::Panicked,
                        panic: Some("é".repeat(70_000)),
                        output: "printed ".repeat(100),
                    },
                    duration: std::time::Duration::ZERO,
                })
                .into()
        });
        let document = render(&report).expect("a document");
        assert!(document.len() <= RESULTS_LIMIT, "{} bytes", document.len());
        let results: serde_json::Value = serde_json::from_str(&document).expect("JSON");
        let tests = results["tests"].as_array().expect("tests");
        assert_eq!(tests.len(), 2 * course.ids().count());
        for test in tests {
            let message = test["message"].as_str().expect("a message");
            assert!(message.starts_with('é'), "the message's start is kept");
            assert!(message.chars().count() <= MESSAGE_LIMIT);
            assert!(test.get("task_id").is_none());
        }
        let long = render_error(&"x".repeat(100_000)).expect("a document");
        let results: serde_json::Value = serde_json::from_str(&long).expect("JSON");
        assert_eq!(
            results["message"].as_str().map(|m| m.chars().count()),
            Some(MESSAGE_LIMIT)
        );
    }
}
