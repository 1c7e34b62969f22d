//! The build of submitted code is confined too: rustc reads the course, the
//! registry and the toolchain, and nothing else, so a submission that
//! `include_str!`s a file outside the course does not compile, and the
//! file's content reaches no report. Skipped, with the reason, where the
//! kernel has no Landlock.
#![cfg(target_os = "linux")]

use std::path::Path;

use course_tests::{CourseCopy, copies_target_dir, course};

const SECRET: &str = "the-instructors-secret-31f9a";

#[test]
fn a_submission_that_includes_a_file_outside_the_course_does_not_compile_and_leaks_nothing() {
    course_tests::pristine_or_skip!();
    // A folder outside the course, cargo's home and the toolchain, readable
    // by everyone: only the build's confinement stands between it and rustc.
    let outside = tempfile::tempdir().expect("a folder");
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, SECRET).expect("the secret is written");

    let submission = CourseCopy::submission();
    submission.solve_everything();
    let section = &course().sections[0];
    let path = section
        .exercise("count_up_to")
        .expect("count_up_to")
        .stub_path(section);
    let solution = submission.read(&path);
    // Were it compiled, the secret would be in the test's panic message.
    let stolen = format!(
        "\npub const STOLEN: &str = include_str!({:?});\n",
        secret.display().to_string()
    );
    let solution = solution.replacen(
        "pub fn count_up_to(",
        "pub fn count_up_to(max: u64) -> CountUpTo {\n    panic!(\"{STOLEN}\");\n}\n\npub fn unused_count_up_to(",
        1,
    );
    submission.write(&path, &format!("{solution}{stolen}"));

    let mut seen = String::new();
    let mut json = serde_json::Value::Null;
    for format in [
        "json",
        "gradescope",
        "junit",
        "exercism",
        "classroom",
        "human",
    ] {
        let out = tempfile::tempdir().expect("a folder");
        let report = out.path().join("report");
        let mut command = submission.grade_as_submission();
        command.args(["--section", "1", "--format", format]);
        if format != "human" {
            command.arg("--output").arg(&report);
        }
        let output = command.output().expect("the grader runs");
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        seen.push_str(&String::from_utf8_lossy(&output.stdout));
        seen.push_str(&String::from_utf8_lossy(&output.stderr));
        if format != "human" {
            let written = course_tests::read(&report);
            if format == "json" {
                json = serde_json::from_str(&written).expect("valid JSON");
            }
            seen.push_str(&written);
        }
    }
    if json["isolation"]["files"] != true {
        eprintln!("skipped: no Landlock here: {}", json["isolation"]);
        return;
    }
    assert!(!seen.contains(SECRET), "the secret reached a report");
    let exercises: Vec<&serde_json::Value> = json["sections"][0]["exercises"]
        .as_array()
        .expect("exercises")
        .iter()
        .collect();
    let count_up_to = exercises
        .iter()
        .find(|e| e["name"] == "count_up_to")
        .expect("count_up_to's row");
    assert_eq!(count_up_to["status"], "does_not_compile", "{count_up_to}");
    let diagnostic = count_up_to.to_string();
    assert!(
        diagnostic.contains("couldn't read") || diagnostic.contains("Permission denied"),
        "rustc was refused the file: {diagnostic}"
    );
    assert!(
        exercises
            .iter()
            .filter(|e| e["name"] != "count_up_to")
            .all(|e| e["status"] == "passed"),
        "the compile error costs only its exercise: {}",
        json["sections"][0]
    );
    // The file stays outside the working copy: nothing was copied in.
    assert!(
        !copies_target_dir()
            .join("instructor/course")
            .join(Path::new("secret.txt"))
            .exists()
    );
}
