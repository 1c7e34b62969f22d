//! Invariant 2: every exercise's tests fail against its stub (nothing is
//! pre-solved, and nothing passes by accident), and pass against its solution.
//! Both are graded by the grader's own library: the solutions on this
//! checkout, the stubs on the course as it ships (`pristine_root`), since a
//! learner's checkout holds their own work where the stubs were.

use std::time::Duration;

use course_tests::{copies_target_dir, course, root};
use grader::model::course::Side;
use grader::model::event::Quiet;
use grader::model::outcome::Outcome;
use grader::model::plan::{Filter, Plan};
use grader::model::report::{Report, Status};
use grader::run::runner::Limits;

fn grade(side: Side) -> Report {
    let course_root = match side {
        Side::Exercises => course_tests::pristine(),
        Side::Solutions => root(),
    };
    let mut plan = Plan::new(
        course_root.to_path_buf(),
        course().clone(),
        side,
        &Filter::All,
    )
    .expect("a plan");
    if course_root != root() {
        // A copy of the course builds beside the other copies, reusing their dependencies.
        plan.target_dir = Some(copies_target_dir());
    }
    let limits = Limits {
        time: Duration::from_secs(30),
        jobs: 2,
        memory: Some(4 << 30),
        confinement: grader::os::settle(grader::os::Isolation::Auto, std::path::Path::new("."))
            .expect("auto isolation always settles"),
    };
    // `cargo grade`'s own pipeline, the check of the course's files included.
    grader::grade::pipeline(&plan, limits, None, &Quiet).expect("the grader runs")
}

#[test]
fn every_test_fails_against_its_stub() {
    course_tests::pristine_or_skip!();
    let report = grade(Side::Exercises);
    let mut defects = Vec::new();
    for (section, exercise) in report.exercises() {
        let id = format!("{}/{}", section.package, exercise.name);
        match exercise.status() {
            // A stub must compile: a test that "fails" because it cannot be
            // built proves nothing about the learner's code.
            Status::DoesNotCompile => defects.push(format!("{id}: the stub does not compile")),
            // A stub must fail fast, not hang until the grader's limit.
            Status::TimedOut => defects.push(format!("{id}: a test times out on the stub")),
            Status::Passed | Status::Failed => {}
        }
        if exercise.tests.is_empty() {
            defects.push(format!("{id}: has no tests"));
        }
        for test in &exercise.tests {
            if test.outcome == Outcome::Passed {
                defects.push(format!("{id}: `{}` passes against the stub", test.name));
            }
        }
    }
    assert!(
        defects.is_empty(),
        "tests that cannot fail, or stubs that are broken:\n{}",
        defects.join("\n")
    );
    let graded = report.exercises().count();
    assert_eq!(
        graded,
        course().exercises().count(),
        "every exercise of the manifest was graded"
    );
}

#[test]
fn every_test_passes_against_its_solution() {
    let report = grade(Side::Solutions);
    let failures: Vec<String> = report
        .exercises()
        .filter(|(_, e)| e.status() != Status::Passed)
        .map(|(s, e)| {
            let first = e.compile_error.as_ref().map(|d| d.rendered.clone());
            let first = first
                .or_else(|| e.first_failure().and_then(|t| t.message()))
                .unwrap_or_default();
            format!("{}/{}: {}\n{first}", s.package, e.name, e.status().label())
        })
        .collect();
    assert!(
        failures.is_empty(),
        "solutions that do not pass:\n{}",
        failures.join("\n\n")
    );
    assert_eq!(
        report.exercises().count(),
        course().exercises().count(),
        "every solution was graded"
    );
}
