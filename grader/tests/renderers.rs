//! Every renderer, from synthetic reports: a snapshot per format for a
//! passing, a failing, a non-compiling and an ungradable submission, and the
//! class's gradebook (CSV, HTML, JSON) of the four.
//!
//! A renderer is a pure function of a report (`render/mod.rs`), so these
//! reports are built here, field by field: no course, no build, no process.
//! A change to what a platform reads shows up as a snapshot's diff, to accept
//! on purpose with
//!   cargo --config 'env.INSTA_UPDATE.value="always"' test -p grader --test renderers

use std::path::{Path, PathBuf};
use std::time::Duration;

use grader::model::course::ExerciseId;
use grader::model::outcome::{Cause, Diagnostic, Outcome};
use grader::model::report::{
    Confinement, ExerciseReport, Report, SectionReport, TestFunction, TestReport,
};
use grader::model::submission::{Submission, Ungradable};
use grader::render::{self, gradebook};

/// Every wall stood: the sentence every report carries is the short one.
const WALLS: Confinement = Confinement {
    files: true,
    network: true,
    processes: true,
    unprivileged: true,
};

fn passed(name: &str, ms: u64) -> TestReport {
    TestReport {
        name: name.to_owned(),
        outcome: Outcome::Passed,
        duration: Duration::from_millis(ms),
    }
}

/// A test that failed as libtest reports a failed assertion, after printing
/// a line of its own.
fn failed(name: &str) -> TestReport {
    let panic = "panicked at exercises/01-generators/tests/count_up_to.rs:12:5:\n\
                 assertion `left == right` failed: count_up_to(3) must yield 1, 2, 3\n  \
                 left: [0, 1, 2]\n right: [1, 2, 3]";
    TestReport {
        name: name.to_owned(),
        outcome: Outcome::Failed {
            cause: Cause::Panicked,
            panic: Some(panic.to_owned()),
            output: format!(
                "\nrunning 1 test\ntest {name} ... FAILED\n\nfailures:\n\n---- {name} stdout ----\n\
                 pulled 3 values\n\nthread '{name}' (7) {panic}\n\
                 note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\n\
                 failures:\n    {name}\n\ntest result: FAILED. 0 passed; 1 failed\n"
            ),
        },
        duration: Duration::from_millis(3),
    }
}

fn timed_out(name: &str) -> TestReport {
    TestReport {
        name: name.to_owned(),
        outcome: Outcome::TimedOut,
        duration: Duration::from_secs(10),
    }
}

fn not_compiled(name: &str, file: &str) -> TestReport {
    TestReport {
        name: name.to_owned(),
        outcome: Outcome::Failed {
            cause: Cause::NotCounted {
                why: format!("does not compile: see {file}"),
            },
            panic: None,
            output: String::new(),
        },
        duration: Duration::ZERO,
    }
}

fn function(name: &str, body: &str) -> TestFunction {
    TestFunction {
        name: name.to_owned(),
        body: body.to_owned(),
    }
}

const COUNT_TESTS: [&str; 3] = [
    "yields_one_to_max",
    "nothing_below_one",
    "stops_and_stays_stopped",
];

fn count_up_to(tests: Vec<TestReport>, compile_error: Option<Diagnostic>) -> ExerciseReport {
    ExerciseReport {
        id: ExerciseId {
            section: 0,
            exercise: 0,
        },
        name: "count_up_to".to_owned(),
        title: "An iterator written by hand".to_owned(),
        number: "1.1".to_owned(),
        position: 1,
        points: 10.0,
        hints: vec![
            "A generator's local variables become the struct's fields.".to_owned(),
            "`next` returns `None` once the count passes `max`.".to_owned(),
        ],
        chapter: "01-generators.md#an-iterator-written-by-hand".to_owned(),
        file: PathBuf::from("exercises/01-generators/src/count_up_to.rs"),
        test_file: PathBuf::from("exercises/01-generators/tests/count_up_to.rs"),
        command: "cargo test -p generators --test count_up_to".to_owned(),
        compile_error,
        tests,
        test_functions: vec![
            function(
                COUNT_TESTS[0],
                "assert_eq!(count_up_to(3).collect::<Vec<_>>(), [1, 2, 3]);",
            ),
            function(COUNT_TESTS[1], "assert_eq!(count_up_to(0).next(), None);"),
            function(
                COUNT_TESTS[2],
                "let mut c = count_up_to(1);\nc.next();\nassert_eq!(c.next(), None);",
            ),
        ],
        solution: Some(PathBuf::from("solutions/01-generators/src/count_up_to.rs")),
    }
}

fn fibonacci(tests: Vec<TestReport>) -> ExerciseReport {
    ExerciseReport {
        id: ExerciseId {
            section: 0,
            exercise: 1,
        },
        name: "fibonacci".to_owned(),
        title: "An infinite sequence".to_owned(),
        number: "1.2".to_owned(),
        position: 2,
        points: 5.0,
        hints: vec!["Keep the two last values.".to_owned()],
        chapter: "01-generators.md#an-infinite-sequence".to_owned(),
        file: PathBuf::from("exercises/01-generators/src/fibonacci.rs"),
        test_file: PathBuf::from("exercises/01-generators/tests/fibonacci.rs"),
        command: "cargo test -p generators --test fibonacci".to_owned(),
        compile_error: None,
        tests,
        test_functions: vec![
            function(
                "starts_with_zero_one",
                "assert!(fibonacci().take(2).eq([0, 1]));",
            ),
            function(
                "never_ends",
                "assert_eq!(fibonacci().nth(50), Some(12586269025));",
            ),
        ],
        solution: None,
    }
}

fn fibonacci_passes() -> ExerciseReport {
    fibonacci(vec![
        passed("starts_with_zero_one", 1),
        passed("never_ends", 2),
    ])
}

fn report(name: &str, exercises: Vec<ExerciseReport>) -> Report {
    Report {
        sections: vec![SectionReport {
            number: 1,
            slug: "01-generators".to_owned(),
            package: "generators".to_owned(),
            title: "Understanding generators".to_owned(),
            exercises,
        }],
        duration: Duration::from_millis(2500),
        building: Duration::from_millis(1500),
        submission: Some(Submission {
            name: name.to_owned(),
            dir: PathBuf::from(format!("/submissions/{name}")),
            layout: Some("the course's folder".to_owned()),
            placed: 2,
            unplaced: Vec::new(),
            ignored: Vec::new(),
            skipped: Vec::new(),
            ungradable: None,
        }),
        root: PathBuf::from("/course"),
        following: None,
        isolation: WALLS,
        reused: 0,
    }
}

/// Every exercise passes.
fn passing() -> Report {
    let tests = COUNT_TESTS.iter().map(|name| passed(name, 1)).collect();
    report(
        "passing",
        vec![count_up_to(tests, None), fibonacci_passes()],
    )
}

/// One test fails on an assertion, one times out.
fn failing() -> Report {
    let tests = vec![
        failed(COUNT_TESTS[0]),
        passed(COUNT_TESTS[1], 1),
        timed_out(COUNT_TESTS[2]),
    ];
    report(
        "failing",
        vec![count_up_to(tests, None), fibonacci_passes()],
    )
}

/// The exercise's own file does not compile (a stub stood in for the rest
/// of the section, whose other exercise passes).
fn non_compiling() -> Report {
    let file = "exercises/01-generators/src/count_up_to.rs";
    let error = Diagnostic {
        file: Some(PathBuf::from(file)),
        rendered: format!(
            "error[E0308]: mismatched types\n  --> {file}:21:9\n   |\n21 |         self.next\n   \
             |         ^^^^^^^^^ expected `Option<u64>`, found `u64`"
        ),
    };
    let tests = COUNT_TESTS
        .iter()
        .map(|name| not_compiled(name, file))
        .collect();
    report(
        "non-compiling",
        vec![count_up_to(tests, Some(error)), fibonacci_passes()],
    )
}

/// An upload with nothing to grade: a row that says why.
fn ungradable() -> Report {
    Report::failed(
        Submission::failed(
            Path::new("/submissions/ungradable"),
            Ungradable {
                why: "No exercise file was found in this upload. It holds: notes.txt.".to_owned(),
                // The course's points: a platform shows 0 out of them.
                max_points: 15.0,
            },
        ),
        Path::new("/course"),
        WALLS,
    )
}

fn scenarios() -> [(&'static str, Report); 4] {
    [
        ("passing", passing()),
        ("failing", failing()),
        ("non-compiling", non_compiling()),
        ("ungradable", ungradable()),
    ]
}

#[test]
fn every_format_renders_every_kind_of_submission() {
    for format in render::FORMATS {
        for (scenario, report) in scenarios() {
            let text = format
                .render(&report)
                .unwrap_or_else(|e| panic!("{} cannot render {scenario}: {e:#}", format.name));
            insta::assert_snapshot!(format!("{}-{scenario}", format.name), text);
        }
    }
}

#[test]
fn the_class_gradebook_holds_every_kind_of_submission() {
    let reports: Vec<Report> = scenarios().into_iter().map(|(_, r)| r).collect();
    let roster = gradebook::Roster::default();
    insta::assert_snapshot!(
        "gradebook-csv",
        gradebook::csv(&reports, &roster).expect("a CSV")
    );
    insta::assert_snapshot!(
        "gradebook-html",
        gradebook::html(&reports, &gradebook::title("class"), &roster)
    );
    let provenance = gradebook::Provenance::new("a checksum list\n", "class".to_owned(), None);
    insta::assert_snapshot!(
        "gradebook-json",
        gradebook::json(&reports, &provenance).expect("a JSON gradebook")
    );
}
