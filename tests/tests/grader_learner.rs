//! The grader as a learner meets it beyond the table: `list`, `hint`,
//! `watch`, plain output when piped, and a learner's tree left untouched.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use course_tests::{CourseCopy, copies_target_dir, course, digest, grader_binary, grader_here};

#[test]
fn list_shows_every_exercise_with_its_status_and_file() {
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
    let copy = CourseCopy::new();
    // A wrong answer whose snapshot does not match: insta would leave a
    // `.snap.new` beside the test file if the grader let it.
    let (section, exercise) = course().exercises().next().expect("the first exercise");
    let solution = course_tests::read(format!(
        "solutions/{}/src/{}.rs",
        section.slug, exercise.name
    ));
    let wrong = solution.replace("self.next > self.max", "self.next >= self.max");
    assert_ne!(
        wrong, solution,
        "the solution of count_up_to compares next with max"
    );
    copy.write(exercise.stub_path(section), &wrong);
    let before = digest(copy.path());

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

    let after: Vec<_> = digest(copy.path())
        .into_iter()
        .filter(|(path, _)| !path.starts_with("target"))
        .collect();
    assert_eq!(
        after, before,
        "the grader must not write into the learner's tree (no .snap.new files)"
    );
}

#[test]
fn watch_regrades_the_exercise_that_is_saved() {
    let copy = CourseCopy::new();
    let mut child = Command::new(grader_binary())
        .args(["watch", "--poll", "--section", "1"])
        .current_dir(copy.path())
        .env("CARGO_TARGET_DIR", copies_target_dir())
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
    let _ = child.kill();
    let _ = child.wait();
    let text = regraded.join("\n");
    assert!(
        text.contains("Graded 1.1 count_up_to: passed"),
        "the saved exercise is graded again:\n{text}"
    );
    assert!(
        text.contains("Next: from_fn"),
        "and the screen says what to do next:\n{text}"
    );
}
