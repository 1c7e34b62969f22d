//! The grader's own JSON report.
//!
//! Schema `course-grader/report/v1`. Fields are only ever added within a
//! version; a change that removes or changes the meaning of one is a new
//! version. Times are in milliseconds; points are numbers.
//!
//! ```text
//! {
//!   "schema": "course-grader/report/v1",
//!   "passed": false,                       // every graded exercise passed
//!   "duration_ms": 2140,
//!   "build_ms": 1730,                      // of duration_ms, building the tests
//!   "submission": null | { "name", "path",
//!                  "layout": null | "the course's folder (…), inside course-main/",
//!                  "placed": 12,                        // learner files taken from it
//!                  "unplaced": [ { "path", "why" } ],   // looked like a learner's, not used
//!                  "ignored": ["tests/x.rs", …],
//!                  "skipped": [ { "path", "why" } ],   // links, special files, unreadable
//!                  "error": null | "why it could not be graded at all",
//!                  "notes": null | "all of the above, as the student reads it" },
//!   "isolation": { "isolated": true, "files": true, "network": true,
//!                  "processes": true, "unprivileged": true, "summary": "Tests were isolated: …" },
//!   "totals": { "exercises_passed", "exercises", "tests_passed", "tests", "points", "max_points" },
//!   "sections": [ { "slug", "package", "title",
//!     "exercises": [ { "number": "1.1", "name", "title",
//!       "status": "passed" | "failed" | "does_not_compile" | "timed_out",
//!       "points", "max_points",
//!       "compile_error": null | { "file": "exercises/…/src/x.rs" | null, "rendered" },
//!       "tests": [ { "name", "status": "passed" | "failed" | "timed_out",
//!                    "cause": null | { "kind": "panicked" | "exit_code" (+ "code") |
//!                        "signal" (+ "signal") | "out_of_memory" (+ "limit_mib") |
//!                        "stack_overflow" | "no_verdict" | "could_not_start" (+ "error") |
//!                        "stopped_by_isolation" (+ "what") |
//!                        "not_counted" (+ "why") },
//!                    "message": null | "…", "duration_ms" } ] } ] } ]
//! }
//! ```
//!
//! A class gradebook (`gradebook.json`) is `{ "schema": "course-grader/gradebook/v1",
//! "class", "course", "grader", "partition", "submissions": [ <report>, … ] }`
//! ([`super::gradebook::json`]).

use anyhow::Result;
use serde::Serialize;

use super::format::{Format, pretty};
use crate::model::outcome::Outcome;
use crate::model::report::{ExerciseReport, Report};

/// The grader's own documented JSON.
pub const FORMAT: Format = Format {
    name: "json",
    about: "The grader's own JSON (schema course-grader/report/v1)",
    extension: Some("json"),
    render,
    // The report of an upload that could not be graded says why in its
    // submission's `error`.
    ungradable: |report, _| render(report),
    error: Some(|message, _max_points| render_error(message)),
};

pub const REPORT_SCHEMA: &str = "course-grader/report/v1";
pub const GRADEBOOK_SCHEMA: &str = "course-grader/gradebook/v1";

/// The report as the schema lays it out.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    schema: &'static str,
    passed: bool,
    duration_ms: u128,
    /// Of `duration_ms`, the time spent building the tests.
    build_ms: u128,
    submission: Option<JsonSubmission<'a>>,
    isolation: JsonIsolation,
    totals: Totals,
    sections: Vec<JsonSection<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonSubmission<'a> {
    name: &'a str,
    path: String,
    /// How the upload was read, when it could be.
    layout: Option<&'a str>,
    /// Learner files taken from it.
    placed: usize,
    unplaced: Vec<JsonSkipped>,
    ignored: Vec<String>,
    skipped: Vec<JsonSkipped>,
    error: Option<&'a str>,
    /// What the student should read of all this, as one text.
    notes: Option<String>,
}

#[derive(Debug, Serialize)]
struct JsonSkipped {
    path: String,
    why: String,
}

/// Which walls stood around each test process ([`crate::os`]).
#[derive(Debug, Serialize)]
struct JsonIsolation {
    isolated: bool,
    files: bool,
    network: bool,
    processes: bool,
    /// Tests ran as a user other than root.
    unprivileged: bool,
    summary: String,
}

#[derive(Debug, Serialize)]
struct Totals {
    exercises_passed: usize,
    exercises: usize,
    tests_passed: usize,
    tests: usize,
    points: f64,
    max_points: f64,
}

#[derive(Debug, Serialize)]
struct JsonSection<'a> {
    slug: &'a str,
    package: &'a str,
    title: &'a str,
    exercises: Vec<JsonExercise<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonExercise<'a> {
    number: &'a str,
    name: &'a str,
    title: &'a str,
    status: &'static str,
    points: f64,
    max_points: f64,
    compile_error: Option<JsonCompileError>,
    tests: Vec<JsonTest<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonCompileError {
    file: Option<String>,
    rendered: String,
}

#[derive(Debug, Serialize)]
struct JsonTest<'a> {
    name: &'a str,
    status: &'static str,
    cause: Option<&'a crate::model::outcome::Cause>,
    message: Option<String>,
    duration_ms: u128,
}

/// The status names of the schema.
fn outcome_name(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Passed => "passed",
        Outcome::Failed { .. } => "failed",
        Outcome::TimedOut => "timed_out",
    }
}

/// The serialisable form of `report`.
pub fn document(report: &Report) -> JsonReport<'_> {
    let (exercises_passed, exercises) = report.exercise_totals();
    let (tests_passed, tests) = report.test_totals();
    let (points, max_points) = report.points();
    JsonReport {
        schema: REPORT_SCHEMA,
        passed: report.all_passed(),
        duration_ms: report.duration.as_millis(),
        build_ms: report.building.as_millis(),
        submission: report.submission.as_ref().map(|s| JsonSubmission {
            name: &s.name,
            path: s.dir.display().to_string(),
            layout: s.layout.as_deref(),
            placed: s.placed,
            unplaced: with_reasons(&s.unplaced),
            ignored: s.ignored.iter().map(|p| p.display().to_string()).collect(),
            skipped: with_reasons(&s.skipped),
            error: s.ungradable.as_ref().map(|u| u.why.as_str()),
            notes: s.notes(),
        }),
        isolation: JsonIsolation {
            isolated: report.isolation.complete(),
            files: report.isolation.files,
            network: report.isolation.network,
            processes: report.isolation.processes,
            unprivileged: report.isolation.unprivileged,
            summary: report.isolation.summary(),
        },
        totals: Totals {
            exercises_passed,
            exercises,
            tests_passed,
            tests,
            points,
            max_points,
        },
        sections: report
            .sections
            .iter()
            .map(|section| JsonSection {
                slug: &section.slug,
                package: &section.package,
                title: &section.title,
                exercises: section.exercises.iter().map(exercise).collect(),
            })
            .collect(),
    }
}

fn exercise(exercise: &ExerciseReport) -> JsonExercise<'_> {
    JsonExercise {
        number: &exercise.number,
        name: &exercise.name,
        title: &exercise.title,
        status: exercise.status().names().json,
        points: exercise.score(),
        max_points: exercise.points,
        compile_error: exercise.compile_error.as_ref().map(|d| JsonCompileError {
            file: d.file.as_ref().map(|f| f.display().to_string()),
            rendered: d.rendered.clone(),
        }),
        tests: exercise
            .tests
            .iter()
            .map(|test| JsonTest {
                name: &test.name,
                status: outcome_name(&test.outcome),
                cause: test.outcome.cause(),
                message: test.message(),
                duration_ms: test.duration.as_millis(),
            })
            .collect(),
    }
}

pub fn render(report: &Report) -> Result<String> {
    pretty(&document(report))
}

/// Paths of a submission, each with why it was not used or not read.
fn with_reasons(entries: &[(std::path::PathBuf, impl std::fmt::Display)]) -> Vec<JsonSkipped> {
    entries
        .iter()
        .map(|(path, why)| JsonSkipped {
            path: path.display().to_string(),
            why: why.to_string(),
        })
        .collect()
}

/// A report of the schema that says grading itself failed: `error` instead of results.
fn render_error(message: &str) -> Result<String> {
    #[derive(Debug, Serialize)]
    struct Failed<'a> {
        schema: &'static str,
        passed: bool,
        error: &'a str,
    }
    pretty(&Failed {
        schema: REPORT_SCHEMA,
        passed: false,
        error: message,
    })
}
