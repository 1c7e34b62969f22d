//! The grader as a learner meets it beyond the table: `list`, `hint`,
//! `watch`, plain output when piped, a learner's tree left untouched, and a
//! half-written exercise that costs only itself.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use course_tests::{
    CourseCopy, assert_one_round_after_save, copies_target_dir, course, grader_binary, grader_here,
    rounds,
};

#[test]
fn list_shows_every_exercise_with_its_status_and_file() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    let list = copy.grade(&["list", "--section", "1"], 1);
    let section = &course().sections[0];
    assert_eq!(
        list.lines().count(),
        section.exercises.len(),
        "a line per exercise:\n{list}"
    );
    for (index, exercise) in section.exercises.iter().enumerate() {
        let line = list.lines().nth(index).expect("a line");
        assert!(
            line.contains(&format!("1.{} ", index + 1)) && line.contains(&exercise.name),
            "{line}"
        );
        assert!(line.contains("failed"), "{line}");
        assert!(
            line.contains(&exercise.stub_path(section).display().to_string()),
            "{line}"
        );
    }
}

#[test]
fn hint_shows_the_hint_chapter_and_command_without_grading() {
    let target = tempfile::tempdir().expect("a folder");
    let (section, exercise) = course().exercises().nth(3).expect("a fourth exercise");
    let output = grader_here(target.path())
        .args(["hint", &exercise.name])
        .assert()
        .code(0);
    let text = String::from_utf8(output.get_output().stdout.clone()).expect("UTF-8");
    let first_words: String = exercise
        .hint()
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&first_words), "the hint is shown:\n{text}");
    assert!(
        text.contains(&format!("book/src/{}", exercise.chapter)),
        "{text}"
    );
    assert!(text.contains(&exercise.command(section)), "{text}");
    assert!(
        std::fs::read_dir(target.path()).is_ok_and(|mut entries| entries.next().is_none()),
        "hint builds nothing"
    );
}

#[test]
fn piped_output_is_plain_and_the_learners_tree_is_never_written() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    // A wrong answer whose snapshot does not match: insta would leave a
    // `.snap.new` beside the test file if the grader let it.
    let (section, exercise) = course().exercises().next().expect("the first exercise");
    let solution = course_tests::read(format!(
        "solutions/{}/src/{}.rs",
        section.slug, exercise.name
    ));
    let wrong = solution.replace("count <= self.max", "count < self.max");
    assert_ne!(
        wrong, solution,
        "the solution of count_up_to compares next with max"
    );
    copy.write(exercise.stub_path(section), &wrong);
    let before = copy.learner_files();

    let output = copy
        .grader()
        .env_remove("NO_COLOR")
        .env("INSTA_UPDATE", "always")
        .env("INSTA_FORCE_PASS", "1")
        .args(["--section", "1"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        !stdout.contains('\x1b'),
        "no colour codes when stdout is not a terminal:\n{stdout}"
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains('\x1b'),
        "no progress bar when piped"
    );
    let row = stdout
        .lines()
        .find(|l| l.contains(&format!(" {} ", exercise.name)))
        .expect("a row");
    assert!(
        !row.contains(" 6/6 "),
        "a wrong answer does not pass every test:
{stdout}"
    );
    assert!(
        stdout.contains("First failing test: prints_one_to_five_like_the_python")
            && stdout.contains("Snapshot"),
        "a wrong snapshot fails even with INSTA_FORCE_PASS set:
{stdout}"
    );
    assert!(
        stdout.contains("-expected (the course's snapshot)")
            && !stdout.contains("old snapshot")
            && !stdout.contains("cargo insta")
            && !stdout.contains("INSTA_UPDATE"),
        "the diff reads expected / yours, with no advice to accept it:\n{stdout}"
    );

    assert_eq!(
        copy.learner_files(),
        before,
        "the grader must not write into the learner's tree (no .snap.new files)"
    );
}

/// A learner whose own cargo configuration shares one target folder between
/// projects (`build.target-dir` in `~/.cargo/config.toml`) still builds each
/// checkout of the course in its own `target/`. Cargo names a member's build
/// after its path inside the workspace: two checkouts in one folder would
/// take each other's builds for their own, and a stub would pass as the
/// other checkout's solution.
#[test]
fn a_target_folder_shared_by_the_learners_configuration_is_not_the_courses() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let shared = home.path().join("every-project");
    std::fs::write(
        home.path().join("config.toml"),
        format!("[build]\ntarget-dir = {:?}\n", shared.display().to_string()),
    )
    .expect("the learner's configuration");
    let output = Command::new(course_tests::cargo())
        .current_dir(course_tests::root())
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .env("CARGO_HOME", home.path())
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata's JSON");
    assert_eq!(
        metadata["target_directory"].as_str().map(PathBuf::from),
        Some(course_tests::root().join("target")),
        "the course builds in its own target folder, not in {}",
        shared.display()
    );
}

#[test]
fn a_second_grade_runs_only_the_tests_of_what_changed() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    let section = &course().sections[0];
    let first = copy.grade(&["--section", "1"], 1);
    assert!(!first.contains("did not change"), "{first}");
    let again = copy.grade(&["--section", "1"], 1);
    let count = section.exercises.len();
    assert!(
        again.contains(&format!(
            "{count} of these exercises did not change since the last grade"
        )),
        "nothing changed, nothing runs again:\n{again}"
    );
    let table = |text: &str| text.split("Total:").next().unwrap_or_default().to_owned();
    assert_eq!(table(&again), table(&first), "the same verdicts");

    // The learner solves one exercise: its section's library changes, and
    // with it every test executable of the section, so they all run again.
    let exercise = &section.exercises[0];
    let solution = course_tests::read(format!(
        "solutions/{}/src/{}.rs",
        section.slug, exercise.name
    ));
    copy.write(exercise.stub_path(section), &solution);
    let solved = copy.grade(&["--section", "1"], 1);
    assert!(!solved.contains("did not change"), "{solved}");
    let row = solved
        .lines()
        .find(|l| l.contains(&format!(" {} ", exercise.name)))
        .expect("a row");
    assert!(row.contains('✔'), "the solved exercise passes: {solved}");
    let fresh = copy.grade(&["--section", "1", "--fresh"], 1);
    assert!(
        !fresh.contains("did not change"),
        "--fresh runs every test:\n{fresh}"
    );
}

#[test]
fn watch_regrades_the_exercise_that_is_saved() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::in_git();
    let log = tempfile::NamedTempFile::new().expect("a log file");
    let mut child = Command::new(grader_binary())
        .args(["watch", "--poll", "--section", "1"])
        .current_dir(copy.path())
        .env("CARGO_TARGET_DIR", copies_target_dir())
        .env("CARGO_GRADE_WATCH_LOG", log.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the grader starts");
    let (lines, received) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    // Waits (in real time: this is another process) for a line containing `text`.
    let wait_for = |text: &str| {
        let mut seen = Vec::new();
        loop {
            match received.recv_timeout(Duration::from_secs(120)) {
                Ok(line) if line.contains(text) => return seen,
                Ok(line) => seen.push(line),
                Err(_) => panic!(
                    "watch never printed {text:?}; it printed:\n{}",
                    seen.join("\n")
                ),
            }
        }
    };
    let first = wait_for("Watching exercises/");
    assert!(
        first.iter().any(|l| l.starts_with("Next: count_up_to")),
        "{}",
        first.join("\n")
    );

    let (section, exercise) = course().exercises().next().expect("the first exercise");
    let solution = course_tests::read(format!(
        "solutions/{}/src/{}.rs",
        section.slug, exercise.name
    ));
    copy.write(exercise.stub_path(section), &solution);
    let regraded = wait_for("Watching exercises/");
    let text = regraded.join("\n");
    assert!(
        text.contains("Graded 1.1 count_up_to: passed"),
        "the saved exercise is graded again:\n{text}"
    );
    assert!(
        text.contains("Next: from_fn"),
        "and the screen says what to do next:\n{text}"
    );

    // Half-way through fibonacci, the learner saves a file that does not
    // parse, then solves from_fn: it is graded all the same (in the grader's
    // working copy, with fibonacci's stub standing in), and the grader's own
    // writes there start no round of their own.
    let fibonacci = section
        .exercise("fibonacci")
        .expect("section 1 has fibonacci")
        .stub_path(section);
    copy.write(
        &fibonacci,
        &format!("{}\nfn half_written( {{\n", copy.read(&fibonacci)),
    );
    let text = wait_for("Watching exercises/").join("\n");
    assert!(
        text.contains("Graded 1.4 fibonacci: does not compile"),
        "{text}"
    );
    let from_fn = &section.exercises[1];
    let before = rounds(log.path());
    copy.write(
        from_fn.stub_path(section),
        &course_tests::read(format!("solutions/{}/src/from_fn.rs", section.slug)),
    );
    let text = wait_for("Watching exercises/").join("\n");
    assert!(
        text.contains("Graded 1.2 from_fn: passed"),
        "a broken fibonacci costs only fibonacci:\n{text}"
    );
    assert_one_round_after_save(log.path(), before);
    let _ = child.kill();
    let _ = child.wait();
}

/// Section 1 solved but for fibonacci, which the learner is half-way through
/// writing: it does not parse. Returns its path, relative to the course root.
fn section_one_with_fibonacci_half_written(copy: &CourseCopy) -> PathBuf {
    let section = &course().sections[0];
    for exercise in section.exercises.iter().filter(|e| e.name != "fibonacci") {
        let solution = course_tests::read(format!(
            "solutions/{}/src/{}.rs",
            section.slug, exercise.name
        ));
        copy.write(exercise.stub_path(section), &solution);
    }
    let fibonacci = section
        .exercise("fibonacci")
        .expect("section 1 has fibonacci")
        .stub_path(section);
    let half_written = format!("{}\nfn half_written( {{\n", copy.read(&fibonacci));
    copy.write(&fibonacci, &half_written);
    fibonacci
}

#[test]
fn a_file_that_does_not_compile_costs_only_its_exercise() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::in_git();
    let fibonacci = section_one_with_fibonacci_half_written(&copy);
    let before = copy.learner_files();
    let out = tempfile::tempdir().expect("a folder");
    let json = out.path().join("report.json");
    let json_arg = json.to_str().expect("a UTF-8 path");

    let stdout = copy.grade(
        &["--section", "1", "--format", "json", "--output", json_arg],
        1,
    );
    assert_eq!(
        copy.learner_files(),
        before,
        "the learner's files are never written, not even the broken one"
    );
    let shown = fibonacci.display().to_string();
    let row = |name: &str| {
        stdout
            .lines()
            .find(|l| l.contains(&format!(" {name} ")))
            .unwrap_or_else(|| panic!("a row for {name}:\n{stdout}"))
    };
    assert!(
        row("fibonacci").contains(&format!("does not compile: see {shown}")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("--> {shown}:")) && stdout.contains("unclosed delimiter"),
        "the diagnostic points at the learner's own file:\n{stdout}"
    );
    assert!(stdout.contains("Total: 5/6 exercises passed"), "{stdout}");

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("the JSON report"))
            .expect("valid JSON");
    let exercises = report["sections"][0]["exercises"]
        .as_array()
        .expect("section 1's exercises");
    assert_eq!(exercises.len(), 6);
    for exercise in exercises {
        let name = exercise["name"].as_str().expect("a name");
        let tests = exercise["tests"].as_array().expect("tests");
        assert!(
            !tests.is_empty(),
            "{name}'s tests are counted: {exercise:#}"
        );
        if name != "fibonacci" {
            assert_eq!(exercise["status"], "passed", "{exercise:#}");
            continue;
        }
        assert_eq!(exercise["status"], "does_not_compile", "{exercise:#}");
        assert_eq!(exercise["compile_error"]["file"], shown.as_str());
        let rendered = exercise["compile_error"]["rendered"]
            .as_str()
            .expect("the diagnostic");
        assert!(
            rendered.contains(&format!("--> {shown}:")) && !rendered.contains("target/grader"),
            "{rendered}"
        );
        for test in tests {
            assert_eq!(test["status"], "failed", "{test:#}");
            assert_eq!(test["cause"]["kind"], "not_counted", "{test:#}");
        }
    }

    // The grader's build with the stub shares the learner's target folder:
    // the learner's own build must still see their file, not the stub's build.
    let theirs = Command::new(course_tests::cargo())
        .args([
            "test",
            "--quiet",
            "-p",
            "generators",
            "--test",
            "collatz",
            "--no-run",
        ])
        .current_dir(copy.path())
        .env("CARGO_TARGET_DIR", copies_target_dir())
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&theirs.stderr);
    assert!(
        !theirs.status.success() && stderr.contains("unclosed delimiter"),
        "the learner's cargo builds their broken file:\n{stderr}"
    );
}

#[test]
fn without_git_history_a_broken_file_still_stops_its_section_and_says_why() {
    course_tests::pristine_or_skip!();
    // No history, so no stub to stand in for the broken file.
    let copy = CourseCopy::new();
    let fibonacci = section_one_with_fibonacci_half_written(&copy);
    let before = copy.learner_files();

    let stdout = copy.grade(&["--section", "1"], 1);
    assert_eq!(copy.learner_files(), before);
    let shown = fibonacci.display().to_string();
    assert!(stdout.contains("Total: 0/6 exercises passed"), "{stdout}");
    let count_up_to = stdout
        .lines()
        .find(|l| l.contains(" count_up_to "))
        .expect("a row for count_up_to");
    assert!(
        count_up_to.contains(&format!("waits for {shown} to compile")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{shown} does not compile; with no stub to stand in for it, the section's other \
             exercises cannot be built.\n    No stub: the course has no git history here"
        )),
        "the learner reads why the others were not graded:\n{stdout}"
    );
    assert!(
        !copy.path().join("target/grader/course").exists(),
        "no working copy is made when no stub could stand in"
    );
}
