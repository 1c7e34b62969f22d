//! The Gradescope scripts an instructor uploads (`book/src/instructors/
//! gradescope/`), run for real: `setup.sh` once, then `run_autograder` on a
//! zip of each layout a student may hand in, unzipped where Gradescope puts
//! a submission. Their root is a temporary folder (`AUTOGRADER_ROOT`); the
//! course is this checkout, graded by the grader built for these tests, on
//! section 1 only, which every layout below is about.
//!
//! Linux only: Gradescope runs these bash scripts on Ubuntu, and they use
//! GNU tools.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::path::Path;

use course_tests::{copies_target_dir, course, grader_binary, root};

const SCRIPTS: &str = "book/src/instructors/gradescope";

/// An upload's files: each one's path in the zip, and its text.
type Files = Vec<(String, String)>;

/// Runs one of the scripts with the autograder's root in `autograder`.
fn run(script: &str, autograder: &Path) {
    run_with(script, autograder, &[]);
}

/// The same, with more environment variables.
fn run_with(script: &str, autograder: &Path, env: &[(&str, &str)]) {
    let output = std::process::Command::new("bash")
        .arg(root().join(SCRIPTS).join(script))
        .env("AUTOGRADER_ROOT", autograder)
        .env("COURSE", course_tests::pristine())
        .env("GRADER", grader_binary())
        .env(
            "GRADER_ARGS",
            format!(
                "--work-dir {} --section 1",
                copies_target_dir().join("instructor").display()
            ),
        )
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{script} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A zip holding `files` (its path in the zip, its text), as a student makes one.
fn zip(files: &[(String, String)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (path, text) in files {
        writer.start_file(path.as_str(), options).expect("an entry");
        writer.write_all(text.as_bytes()).expect("written");
    }
    writer.finish().expect("a zip").into_inner()
}

/// Gradescope's part: the upload unzipped into `<root>/submission`, a fresh
/// results folder; then `run_autograder`, and its `results.json` read back.
fn autograde(autograder: &Path, upload: &[u8]) -> serde_json::Value {
    let submission = autograder.join("submission");
    let _ = std::fs::remove_dir_all(&submission);
    let _ = std::fs::remove_dir_all(autograder.join("results"));
    zip::ZipArchive::new(std::io::Cursor::new(upload))
        .expect("a zip")
        .extract(&submission)
        .expect("unzipped");
    run("run_autograder", autograder);
    let results = std::fs::read_to_string(autograder.join("results/results.json"))
        .expect("run_autograder wrote results.json");
    serde_json::from_str(&results).expect("results.json is JSON")
}

/// The section's exercises, each with its solution's text.
fn solutions() -> Vec<(String, String)> {
    let section = &course().sections[0];
    section
        .exercises
        .iter()
        .map(|exercise| {
            let path = format!("solutions/{}/src/{}.rs", section.slug, exercise.name);
            (exercise.name.clone(), course_tests::read(path))
        })
        .collect()
}

/// The exercises results.json gives full marks, by name.
fn passed(results: &serde_json::Value) -> Vec<String> {
    results["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .filter(|test| test["score"] == test["max_score"])
        .map(|test| {
            let name = test["name"].as_str().expect("a name");
            let name = name.split(" — ").next().unwrap_or(name);
            name.rsplit("::").next().unwrap_or(name).to_owned()
        })
        .collect()
}

#[test]
fn every_layout_a_student_uploads_is_graded_on_its_files() {
    course_tests::pristine_or_skip!();
    let autograder = tempfile::tempdir().expect("a folder");
    run("setup.sh", autograder.path());

    let slug = &course().sections[0].slug;
    let all = solutions();
    let every: Vec<String> = all.iter().map(|(name, _)| name.clone()).collect();
    // Each upload's files, given where it keeps a section's `src/`.
    let section = |prefix: &str| -> Files {
        all.iter()
            .map(|(name, text)| (format!("{prefix}{name}.rs"), text.clone()))
            .collect()
    };
    let test_file = format!("exercises/{slug}/tests/{}.rs", all[0].0);
    let with_course_files = |prefix: &str| -> Files {
        let mut files = section(&format!("{prefix}exercises/{slug}/src/"));
        files.push((
            format!("{prefix}README.md"),
            course_tests::read("README.md"),
        ));
        files.push((
            format!("{prefix}{test_file}"),
            course_tests::read(&test_file),
        ));
        files
    };
    let (first, second) = (&all[0], &all[1]);
    // Each layout: its name, the upload's files, the exercises it solves.
    let layouts: Vec<(&str, Files, Vec<String>)> = vec![
        ("the repository", with_course_files(""), every.clone()),
        (
            "GitHub's Download ZIP",
            with_course_files("course-main/"),
            every.clone(),
        ),
        (
            "exercises/ itself",
            section(&format!("exercises/{slug}/src/")),
            every.clone(),
        ),
        (
            "the section folders",
            section(&format!("{slug}/src/")),
            every.clone(),
        ),
        (
            "loose files",
            vec![
                (format!("{}.rs", first.0), first.1.clone()),
                (format!("{}.rs", second.0), second.1.clone()),
            ],
            vec![first.0.clone(), second.0.clone()],
        ),
        (
            "a partial upload",
            vec![(
                format!("exercises/{slug}/src/{}.rs", second.0),
                second.1.clone(),
            )],
            vec![second.0.clone()],
        ),
    ];
    for (layout, files, expected) in layouts {
        let results = autograde(autograder.path(), &zip(&files));
        let mut got = passed(&results);
        got.sort();
        let mut expected = expected;
        expected.sort();
        assert_eq!(got, expected, "{layout}: {results:#}");
        assert_eq!(
            results["tests"].as_array().map(Vec::len),
            Some(all.len()),
            "{layout}: every exercise of the section is graded, stubs for those not handed in"
        );
        let output = results["output"].as_str().expect("an output");
        assert!(
            output.contains(&format!("Found {} exercise file", files_placed(&files))),
            "{layout}: the student reads how the upload was read: {output}"
        );
    }

    let results = autograde(
        autograder.path(),
        &zip(&[
            ("main.rs".into(), "fn main() {}".into()),
            ("notes.txt".into(), "my answers".into()),
        ]),
    );
    assert_eq!(results["score"], 0.0);
    let output = results["output"].as_str().expect("an output");
    for expected in [
        "No exercise file was found in this upload. It holds: main.rs, notes.txt.",
        &format!("exercises/{slug}/src/{}.rs", first.0),
        &format!("{slug}/src/{}.rs", first.0),
    ] {
        assert!(
            output.contains(expected),
            "an unrecognised upload tells the student what was expected ({expected}): {output}"
        );
    }
}

/// How many of `files` are a learner's: below a `src/` folder, or loose `.rs` files.
fn files_placed(files: &[(String, String)]) -> usize {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs") && !path.contains("/tests/"))
        .count()
}

/// A deadline under the platform's limit: the grader stops at it and writes
/// results.json with what it has, every test it did not finish not graded
/// and saying so, in place of Gradescope killing it and finding no file.
#[test]
fn the_deadline_stops_grading_in_time_and_leaves_results() {
    let autograder = tempfile::tempdir().expect("a folder");
    let submission = autograder.path().join("submission");
    // Every exercise solved, but count_up_to's tests never end (they park for
    // good, costing no CPU; the deadline stops them): however fast
    // the machine grades the rest, the deadline passes while they run.
    const NEXT: &str = "fn next(&mut self) -> Option<u64> {";
    let upload = zip(&solutions()
        .into_iter()
        .map(|(name, text)| {
            let text = if name == "count_up_to" {
                assert!(text.contains(NEXT), "count_up_to's solution has `{NEXT}`");
                text.replacen(NEXT, &format!("{NEXT} loop {{ std::thread::park(); }}"), 1)
            } else {
                text
            };
            (format!("{name}.rs"), text)
        })
        .collect::<Vec<_>>());
    zip::ZipArchive::new(std::io::Cursor::new(upload))
        .expect("a zip")
        .extract(&submission)
        .expect("unzipped");
    let started = std::time::Instant::now();
    run_with(
        "run_autograder",
        autograder.path(),
        &[("GRADER_DEADLINE", "1")],
    );
    let elapsed = started.elapsed();
    let results: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(autograder.path().join("results/results.json"))
            .expect("results.json, though the deadline passed"),
    )
    .expect("JSON");
    assert!(
        elapsed < std::time::Duration::from_secs(15),
        "stopped soon after its deadline of 1 s: {elapsed:?}"
    );
    let tests = results["tests"].as_array().expect("tests");
    assert_eq!(tests.len(), course().sections[0].exercises.len());
    // What did not earn its points was cut short (count_up_to at least).
    let cut: Vec<&serde_json::Value> = tests
        .iter()
        .filter(|t| t["score"] != t["max_score"])
        .collect();
    assert!(
        !cut.is_empty(),
        "a test that never ends was cut short: {results:#}"
    );
    for test in cut {
        assert!(
            test["output"]
                .as_str()
                .is_some_and(|o| o.contains("Not graded: the grading deadline (1 s) passed")),
            "{test}"
        );
    }
}
