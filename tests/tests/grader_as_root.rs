//! A grader started as root (Gradescope runs `run_autograder` as root) runs
//! the submitted code as an unprivileged user: the process limit binds it,
//! and the file system's own permissions too. Skipped with a printed reason
//! when the tests do not run as root, where there is nothing to drop.
#![cfg(target_os = "linux")]

use course_tests::{CourseCopy, copies_target_dir, grader_binary, processes_matching};

/// More processes than the grader's bound on a test (512, threads counted).
const BOMB: usize = 700;

/// A submission whose count_up_to reports the user it runs as and how many
/// processes it could start (at most [`BOMB`]), then fails with both.
fn hostile_submission() -> CourseCopy {
    let copy = CourseCopy::submission();
    copy.solve_everything();
    let code = format!(
        r#"let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
           let uid = status.lines().find(|l| l.starts_with("Uid:")).and_then(|l| l.split_whitespace().nth(1)).unwrap_or("?").to_owned();
           let mut children = Vec::new();
           while children.len() < {BOMB} {{
               match std::process::Command::new("sleep").arg("987659").spawn() {{ Ok(child) => children.push(child), Err(_) => break }}
           }}
           let started = children.len();
           for mut child in children {{ let _ = child.kill(); let _ = child.wait(); }}
           panic!("HOSTILE uid={{uid}} started={{started}} END");"#
    );
    copy.inject(0, "count_up_to", "pub fn count_up_to(", &code);
    copy
}

/// Grades `submission`'s section 1 for Gradescope with `args`, and returns
/// the (uid, processes started) the hostile test reported.
fn grade(submission: &CourseCopy, args: &[&str]) -> (String, usize) {
    let results = tempfile::tempdir().expect("a folder");
    let output = std::process::Command::new(grader_binary())
        .current_dir(course_tests::pristine())
        .env("NO_COLOR", "1")
        .arg("--work-dir")
        .arg(copies_target_dir().join("instructor"))
        .arg("--submission")
        .arg(submission.path())
        .args([
            "--section",
            "1",
            "--timeout",
            "20",
            "--format",
            "gradescope",
        ])
        .args(args)
        .arg("--output")
        .arg(results.path().join("results.json"))
        .output()
        .expect("the grader runs");
    let results = course_tests::read(results.path().join("results.json"));
    let said = results
        .split("HOSTILE ")
        .nth(1)
        .and_then(|rest| rest.split(" END").next())
        .unwrap_or_else(|| {
            panic!(
                "the hostile test's message is in results.json: {results}\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let field = |name: &str| {
        said.split_whitespace()
            .find_map(|word| word.strip_prefix(name))
            .unwrap_or_else(|| panic!("{name} in {said}"))
            .to_owned()
    };
    let started = field("started=").parse().expect("a count");
    (field("uid="), started)
}

#[test]
fn a_class_graded_as_root_runs_its_tests_as_nobody_whom_the_process_limit_binds() {
    course_tests::pristine_or_skip!();
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: not running as root; tests already run as this user");
        return;
    }
    let submission = hostile_submission();

    let (uid, started) = grade(&submission, &[]);
    eprintln!("confined: uid {uid} (in its namespace), {started} processes started");
    assert_ne!(uid, "0", "the test ran as root");
    assert!(
        started < 512,
        "the process limit binds the dropped user: {started} processes were started"
    );

    // The same code with no confinement at all runs as root, unbounded: the
    // bound above is the drop's doing.
    let (uid, started) = grade(&submission, &["--isolation", "off"]);
    eprintln!("not confined: uid {uid}, {started} processes started");
    assert_eq!(uid, "0");
    assert_eq!(started, BOMB);
    assert!(processes_matching("sleep 987659").is_empty());
}
