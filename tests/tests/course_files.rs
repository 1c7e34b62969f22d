//! The course's own files (tests, snapshots, manifests, test helpers) are
//! what every exercise is graded against: running the tests never rewrites
//! them, and `cargo grade` does not count a pass against changed ones.

use std::path::Path;

use course_tests::{CourseCopy, cargo, copies_target_dir, root};
use grader::course::integrity::{FILE_NAME, checksum_list};

/// Authors regenerate the list with `UPDATE_CHECKSUMS=1`.
#[test]
fn the_checksum_list_matches_the_course_files() {
    let now = checksum_list(root()).expect("the course files are readable");
    let path = root().join(FILE_NAME);
    if std::env::var_os("UPDATE_CHECKSUMS").is_some() {
        std::fs::write(&path, &now).expect("the course root is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == now,
        "{FILE_NAME} is not the list of the course's files as they are: `cargo grade` \
         would fail every exercise whose files changed. After changing a test, a \
         snapshot or a manifest on purpose, run\n  \
         UPDATE_CHECKSUMS=1 cargo test -p course-tests --test course_files\n\
         and commit {FILE_NAME}."
    );
}

/// The wrong answer: `my_coroutine` prints both lines, then sleeps. The two
/// timeline snapshots see it (and so does a generated test, which runs
/// without snapshots: `cargo_test` runs only the two snapshot tests), so
/// accepting them would make those two pass.
fn wrong_my_coroutine() -> String {
    course_tests::read("solutions/03-coroutines/mistakes/my_coroutine/prints-before-sleeping.rs")
}

const SNAPSHOTS: [&str; 2] = [
    "exercises/03-coroutines/tests/snapshots/my_coroutine__timeline.snap",
    "exercises/03-coroutines/tests/snapshots/my_coroutine__with_ticker.snap",
];

fn cargo_test(copy: &CourseCopy, config: &[&str]) -> std::process::Output {
    std::process::Command::new(cargo())
        .args(config)
        .args([
            "test",
            "--quiet",
            "-p",
            "coroutines",
            "--test",
            "my_coroutine",
            "--",
            "prints_start_then_end_one_second_later",
            "other_work_runs_while_it_sleeps",
        ])
        .current_dir(copy.path())
        .env("CARGO_TARGET_DIR", copies_target_dir())
        .env("INSTA_UPDATE", "always")
        .env("INSTA_FORCE_PASS", "1")
        .output()
        .expect("cargo runs")
}

fn pending_snapshots(dir: &Path) -> Vec<String> {
    course_tests::digest(dir)
        .into_iter()
        .map(|(path, _)| path.display().to_string())
        .filter(|path| path.ends_with(".snap.new") || path.ends_with(".pending-snap"))
        .collect()
}

#[test]
fn a_snapshot_accepted_with_insta_update_does_not_pass_cargo_grade() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    copy.write(
        "exercises/03-coroutines/src/my_coroutine.rs",
        &wrong_my_coroutine(),
    );
    let before: Vec<String> = SNAPSHOTS.iter().map(|s| copy.read(s)).collect();

    // The learner's shell asks insta to accept and to pass: the course's
    // cargo configuration overrides both.
    let run = cargo_test(&copy, &[]);
    assert!(
        !run.status.success(),
        "the wrong answer must fail, INSTA_UPDATE=always and INSTA_FORCE_PASS=1 \
         notwithstanding:\n{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let after: Vec<String> = SNAPSHOTS.iter().map(|s| copy.read(s)).collect();
    assert_eq!(
        after, before,
        "running the tests rewrote the course's snapshots"
    );
    let tests_dir = copy.path().join("exercises/03-coroutines/tests");
    assert_eq!(
        pending_snapshots(&tests_dir),
        Vec::<String>::new(),
        "a failed snapshot left files in the course"
    );

    // Accepted on purpose, as an author would: the snapshots now hold the
    // wrong timeline, and the wrong answer passes `cargo test`.
    let accept = ["--config", "env.INSTA_UPDATE.value=\"always\""];
    cargo_test(&copy, &accept);
    assert!(
        cargo_test(&copy, &[]).status.success(),
        "once its snapshots were accepted, the wrong answer passes its tests"
    );
    assert_ne!(
        SNAPSHOTS.iter().map(|s| copy.read(s)).collect::<Vec<_>>(),
        before,
        "the snapshots were accepted"
    );

    let stdout = copy.grade(&["--exercise", "my_coroutine"], 1);
    assert!(
        !stdout.contains("4/4"),
        "cargo grade must not count tests passed against changed snapshots:\n{stdout}"
    );
    for snapshot in SNAPSHOTS {
        assert!(
            stdout.contains(&format!("git checkout -- {}", SNAPSHOTS.join(" ")))
                && stdout.contains(snapshot),
            "the report names the changed files and how to restore them:\n{stdout}"
        );
    }
}
