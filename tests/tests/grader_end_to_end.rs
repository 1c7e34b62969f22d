//! The grader as a learner runs it, on throwaway copies of the course that
//! share this build's target folder (tokio and friends are not built again).

use std::time::{Duration, Instant};

use course_tests::{CourseCopy, course, grader_here};

fn exercise_count() -> usize {
    course().exercises().count()
}

#[test]
fn untouched_stubs_grade_zero_and_fail() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    let report = copy.grade(&[], 1);
    let total = exercise_count();
    assert!(
        report.contains(&format!("Total: 0/{total} exercises passed")),
        "{report}"
    );
    assert!(
        report.contains("Next: count_up_to"),
        "the report names the first exercise to do:\n{report}"
    );
    assert!(
        report.contains("Run:  cargo test -p generators --test count_up_to"),
        "{report}"
    );
}

#[test]
fn solved_exercises_grade_full_marks_and_pass() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    copy.solve_everything();
    let report = copy.grade(&[], 0);
    let total = exercise_count();
    assert!(
        report.contains(&format!("Total: {total}/{total} exercises passed")),
        "{report}"
    );
    assert!(report.contains("Everything passes"), "{report}");
}

#[test]
fn a_test_that_loops_forever_times_out_and_the_rest_are_graded() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    copy.solve_everything();
    let looping =
        std::fs::read_to_string(copy.path().join("exercises/01-generators/src/fibonacci.rs"))
            .expect("the solved fibonacci")
            .replace(
                "let a = self.a?;",
                "let a = self.a?;\n        #[allow(clippy::empty_loop)]\n        loop {}",
            );
    copy.write("exercises/01-generators/src/fibonacci.rs", &looping);

    // The first run builds the edited section; the second is timed, warm.
    // 4 s, not less: four spinning loops share the cores with memory's tests,
    // which need 1.9 s each on a loaded 2-core machine (measured at load 15).
    let limit = 4;
    let grade = || {
        copy.grader()
            .args([
                "--section",
                "1",
                "--timeout",
                &limit.to_string(),
                "--jobs",
                "8",
            ])
            .assert()
            .code(1)
    };
    grade();
    let started = Instant::now();
    let output = grade().get_output().stdout.clone();
    let elapsed = started.elapsed();

    let report = String::from_utf8(output).expect("UTF-8 output");
    let fibonacci = report
        .lines()
        .find(|l| l.contains(" fibonacci "))
        .expect("a fibonacci row");
    assert!(
        fibonacci.contains("timed out"),
        "fibonacci must be reported as timed out:\n{report}"
    );
    let total = course().sections[0].exercises.len();
    assert!(
        report.contains(&format!("Total: {}/{total} exercises passed", total - 1)),
        "the other exercises are still graded, and pass:\n{report}"
    );
    assert!(
        elapsed < Duration::from_secs(limit + 2),
        "the looping tests must be stopped at the {limit} s limit; the run took {elapsed:?}"
    );
}

#[test]
fn help_explains_every_flag() {
    let target = tempfile::tempdir().expect("a folder");
    let output = grader_here(target.path()).arg("--help").assert().code(0);
    let help = String::from_utf8(output.get_output().stdout.clone()).expect("UTF-8");
    for flag in [
        "--section",
        "--exercise",
        "--timeout",
        "--jobs",
        "--solutions",
        "--course",
    ] {
        assert!(help.contains(flag), "--help must explain {flag}:\n{help}");
    }
    assert!(
        help.contains("Exit status"),
        "--help documents the exit codes:\n{help}"
    );
}

#[test]
fn an_unknown_exercise_is_a_usage_error_that_lists_the_real_ones() {
    let target = tempfile::tempdir().expect("a folder");
    let output = grader_here(target.path())
        .args(["--exercise", "nope"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let message = String::from_utf8(output).expect("UTF-8");
    assert!(
        message.contains("there is no exercise \"nope\""),
        "{message}"
    );
    assert!(
        message.contains("count_up_to"),
        "the message lists the exercises there are: {message}"
    );
}

#[test]
fn a_misspelt_exercise_gets_a_did_you_mean_not_the_whole_list() {
    let target = tempfile::tempdir().expect("a folder");
    let output = grader_here(target.path())
        .args(["hint", "fibonaci"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let message = String::from_utf8(output).expect("UTF-8");
    assert!(
        message.contains("there is no exercise \"fibonaci\"; did you mean \"fibonacci\"?"),
        "{message}"
    );
    assert!(
        !message.contains("count_up_to"),
        "a learner who nearly typed a name is not shown all of them: {message}"
    );
}

#[test]
fn a_compile_error_is_reported_against_its_file_not_as_a_crash() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    let stub = "exercises/01-generators/src/collatz.rs";
    let broken = std::fs::read_to_string(copy.path().join(stub))
        .expect("the stub")
        .replace(
            "todo!(\"std::iter::successors(first value, step function)\")",
            "start",
        );
    copy.write(stub, &broken);
    let report = copy.grade(&[], 1);
    let collatz = report
        .lines()
        .find(|l| l.contains(" collatz "))
        .expect("a collatz row");
    assert!(
        collatz.contains(&format!("does not compile: see {stub}")),
        "{report}"
    );
    assert!(
        report.contains("error[E0308]: mismatched types"),
        "the first diagnostic is shown:\n{report}"
    );
    let (other, first_exercise) = (&course().sections[1], &course().sections[1].exercises[0]);
    let row = report
        .lines()
        .find(|l| l.contains(&format!(" {} ", first_exercise.name)))
        .unwrap_or_else(|| panic!("a row for {}:\n{report}", first_exercise.name));
    assert!(
        row.contains(" tests"),
        "section {} is still graded when section 1 does not compile:\n{report}",
        other.package
    );
    assert!(
        report.contains("Next: collatz"),
        "the exercise that breaks the build comes next:\n{report}"
    );
    let fibonacci = report
        .lines()
        .find(|l| l.contains(" fibonacci "))
        .expect("a fibonacci row");
    assert!(
        fibonacci.contains(&format!("waits for {stub} to compile")),
        "{report}"
    );
}

#[test]
fn one_section_or_one_exercise_can_be_graded_alone() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    let report = copy.grade(&["--exercise", "fibonacci"], 1);
    assert!(report.contains("Total: 0/1 exercises passed"), "{report}");
    assert!(
        !report.contains("count_up_to"),
        "only fibonacci is graded:\n{report}"
    );

    let report = copy.grade(&["--section", "1"], 1);
    let total = course_tests::course().sections[0].exercises.len();
    assert!(
        report.contains(&format!("Total: 0/{total} exercises passed")),
        "{report}"
    );
}
