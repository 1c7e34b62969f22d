//! `cargo grade watch` on a real pseudo-terminal, as a learner uses it: the
//! test types keys and saves files, and after each one reads the screen
//! through a terminal emulator (vt100), the way a learner's eyes would.
//!
//! Waits are in real time (the grader is another process) and each is
//! bounded: a wait that runs out fails with the screen it last saw.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use course_tests::{
    CourseCopy, assert_one_round_after_save, copies_target_dir, course, git, grader_binary, rounds,
};

/// The first grade may build the course's dependencies in the copies' target folder.
const FIRST_GRADE: Duration = Duration::from_secs(900);
/// Anything after it: one exercise re-graded, or a key handled.
const STEP: Duration = Duration::from_secs(60);

/// The grader running on a pseudo-terminal, and what it has drawn so far.
struct Terminal {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    keys: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the grader wrote, for checks on escape codes.
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Terminal {
    fn start(dir: &Path, args: &[&str], env: &[(&str, &Path)], rows: u16, cols: u16) -> Terminal {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(grader_binary());
        command.args(args);
        command.cwd(dir);
        command.env("CARGO_TARGET_DIR", copies_target_dir());
        command.env("NO_COLOR", "1");
        command.env("TERM", "xterm-256color");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair
            .slave
            .spawn_command(command)
            .expect("the grader starts");
        drop(pair.slave);
        let size = |n: u16| NonZeroU16::new(n).expect("a size");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let (into_screen, into_raw) = (screen.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buffer = [0; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                into_screen.lock().expect("screen").process(&buffer[..n]);
                into_raw
                    .lock()
                    .expect("raw")
                    .extend_from_slice(&buffer[..n]);
            }
        });
        let keys = pair.master.take_writer().expect("a writer");
        Terminal {
            child,
            master: pair.master,
            keys,
            screen,
            raw,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    /// Waits until the screen shows every one of `texts`; returns the screen.
    fn wait_for(&self, texts: &[&str], within: Duration, after: &str) -> String {
        self.wait_for_but(texts, &[], within, after)
    }

    /// Waits until the screen shows every one of `texts` and none of `gone`.
    fn wait_for_but(&self, texts: &[&str], gone: &[&str], within: Duration, after: &str) -> String {
        let started = Instant::now();
        loop {
            let contents = self.contents();
            if texts.iter().all(|text| contents.contains(text))
                && !gone.iter().any(|text| contents.contains(text))
            {
                return contents;
            }
            assert!(
                started.elapsed() < within,
                "after {after}, the screen never showed {texts:?} without {gone:?} (waited \
                 {within:?}); it shows:\n{contents}"
            );
            std::thread::park_timeout(Duration::from_millis(20));
        }
    }

    fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).expect("keys are sent");
        self.keys.flush().expect("keys are sent");
    }

    fn resize(&self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the terminal resizes");
        let size = |n: u16| NonZeroU16::new(n).expect("a size");
        self.screen
            .lock()
            .expect("screen")
            .set_size(size(rows), size(cols));
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn a_learner_saves_a_wrong_then_a_right_solution_and_uses_every_key() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::in_git();

    let log = copy.path().join("target-watch-rounds.log");
    let mut terminal = Terminal::start(
        copy.path(),
        &["watch", "--section", "1"],
        &[("CARGO_GRADE_WATCH_LOG", &log)],
        30,
        100,
    );
    let first = terminal.wait_for(
        &["1.1 count_up_to", "failed", "0/6 exercises pass", "q quit"],
        FIRST_GRADE,
        "starting",
    );
    assert!(
        first.contains("not yet implemented"),
        "the first failure is on screen:\n{first}"
    );

    let (section, exercise) = course().exercises().next().expect("the first exercise");
    let stub_path = exercise.stub_path(section);
    let solution = course_tests::read(format!(
        "solutions/{}/src/{}.rs",
        section.slug, exercise.name
    ));
    // A learner's off-by-one: the last value is never yielded.
    let wrong = solution.replace("count <= self.max", "count < self.max");
    assert_ne!(wrong, solution, "the solution's bound check has changed");

    let before = rounds(&log);
    let saved = Instant::now();
    copy.write(&stub_path, &wrong);
    let screen = terminal.wait_for_but(
        &["First failing test", "✘ failed"],
        &["not yet implemented"],
        STEP,
        "saving a wrong solution",
    );
    eprintln!("save → verdict (wrong): {:?}", saved.elapsed());
    assert!(
        screen.contains("1.1 count_up_to") && screen.contains("count_up_to_5"),
        "the failure of the file just saved (its snapshot) is shown:\n{screen}"
    );
    assert_one_round_after_save(&log, before);

    terminal.press("h");
    terminal.wait_for(&["Hint 1/"], STEP, "pressing h");

    let before = rounds(&log);
    let saved = Instant::now();
    copy.write(&stub_path, &solution);
    let screen = terminal.wait_for(
        &[
            "✔ passed",
            "1/6 exercises pass",
            "Compare with the course's solution",
        ],
        STEP,
        "saving the right solution",
    );
    eprintln!("save → verdict (right): {:?}", saved.elapsed());
    assert!(
        screen.contains("solutions/01-generators/src/count_up_to.rs"),
        "the solution to compare with is named:\n{screen}"
    );
    assert_one_round_after_save(&log, before);

    terminal.press("s");
    let first_line = solution.lines().next().expect("a first line");
    terminal.wait_for(&["The course's solution", first_line], STEP, "pressing s");
    terminal.press("\x1b");
    terminal.wait_for(
        &["1.1 count_up_to", "✔ passed"],
        STEP,
        "leaving the solution",
    );

    terminal.press("x");
    terminal.wait_for(&["Reset count_up_to to its stub?"], STEP, "pressing x");
    terminal.press("y");
    let screen = terminal.wait_for(
        &["✘ failed", "0/6 exercises pass", "count_up_to.rs.bak"],
        STEP,
        "confirming the reset",
    );
    assert!(screen.contains("not yet implemented"), "{screen}");
    assert_eq!(
        copy.read(format!("{}.bak", stub_path.display())),
        solution,
        "the learner's file is kept"
    );
    assert!(copy.read(&stub_path).contains("todo!("), "the stub is back");

    terminal.press("n");
    terminal.wait_for(&["1.2 from_fn"], STEP, "pressing n");
    terminal.press("l");
    terminal.wait_for(&["Exercises", "1.6", "memory"], STEP, "pressing l");
    terminal.press("\x1b[B");
    terminal.press("\r");
    terminal.wait_for(
        &["1.3 collatz", "First failing test"],
        STEP,
        "choosing from the list",
    );

    terminal.resize(20, 60);
    let small = terminal.wait_for(&["q quit", "1.3 collatz"], STEP, "a resize");
    assert!(
        small
            .trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.contains("q quit")),
        "the keys stay on the last row:\n{small}"
    );

    let raw = String::from_utf8_lossy(&terminal.raw.lock().expect("raw")).into_owned();
    assert!(
        !raw.contains("\x1b[38;5;") && !raw.contains("\x1b[31m"),
        "NO_COLOR: no colour is drawn"
    );

    terminal.press("q");
    let quitting = Instant::now();
    loop {
        if let Some(status) = terminal.child.try_wait().expect("waitable") {
            assert!(status.success(), "q quits with status 0: {status:?}");
            break;
        }
        assert!(
            quitting.elapsed() < Duration::from_secs(5),
            "q did not quit"
        );
        std::thread::park_timeout(Duration::from_millis(20));
    }
    // The last bytes may still be on their way from the pseudo-terminal.
    let left = Instant::now();
    while !String::from_utf8_lossy(&terminal.raw.lock().expect("raw")).contains("\x1b[?1049l") {
        assert!(
            left.elapsed() < Duration::from_secs(5),
            "the main screen is back after q"
        );
        std::thread::park_timeout(Duration::from_millis(20));
    }
}

#[test]
fn class_and_watch_or_list_are_refused_with_a_message() {
    for args in [["--class", "x", "list"], ["--class", "x", "watch"]] {
        let output = Command::new(grader_binary())
            .args(args)
            .current_dir(course_tests::root())
            .output()
            .expect("the grader runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("does not take --class"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn reset_puts_the_stub_back_and_keeps_the_learners_file() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::in_git();
    let (section, exercise) = course().exercises().next().expect("the first exercise");
    let stub_path = exercise.stub_path(section);
    let stub = copy.read(&stub_path);
    // The learner's work, committed: the stub is still found behind it.
    let work = "// my work\n";
    copy.write(&stub_path, work);
    git(
        copy.path(),
        &["commit", "--quiet", "--all", "--message", "My work"],
    );

    let said = copy.grade(&["reset", &exercise.name], 0);
    assert!(said.contains("count_up_to.rs.bak"), "{said}");
    assert_eq!(copy.read(&stub_path), stub, "the stub is back");
    let backup = format!("{}.bak", stub_path.display());
    assert_eq!(copy.read(&backup), work, "the learner's file is kept");

    copy.write(&stub_path, "// more work\n");
    copy.grade(&["reset", &exercise.name], 0);
    assert_eq!(
        copy.read(format!("{backup}.2")),
        "// more work\n",
        "a second reset keeps the first backup"
    );
    assert_eq!(copy.read(&backup), work);
    let again = copy.grade(&["reset", &exercise.name], 0);
    assert!(again.contains("already the stub"), "{again}");
}

#[test]
fn names_and_subsets_are_explained() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    let ambiguous = copy.grader().args(["reset", "pipeline"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&ambiguous.get_output().stderr).into_owned();
    assert!(
        stderr.contains("generator-techniques/pipeline") && stderr.contains("capstone/pipeline"),
        "an ambiguous name lists its candidates: {stderr}"
    );

    // Every exercise has two hints or more: a vaguer one first.
    let (_, count_up_to) = course()
        .exercises()
        .find(|(_, e)| e.name == "count_up_to")
        .expect("count_up_to is in the course");
    let n = count_up_to.hints.len();
    assert!(n >= 2, "count_up_to has a second hint");
    let first = copy.grade(&["hint", "count_up_to"], 0);
    assert!(
        first.contains(&format!("Hint 1/{n}")) && !first.contains(&format!("Hint 2/{n}")),
        "{first}"
    );
    assert!(
        first.contains("`cargo grade hint count_up_to 2` shows the next hint"),
        "the first hint says how to see the next:\n{first}"
    );
    let second = copy.grade(&["hint", "count_up_to", "2"], 0);
    assert!(
        second.contains(&format!("Hint 2/{n}")) && !second.contains(&format!("Hint 1/{n}")),
        "{second}"
    );
    let all = copy.grade(&["hint", "count_up_to", "--all"], 0);
    assert!(
        (1..=n).all(|k| all.contains(&format!("Hint {k}/{n}"))),
        "{all}"
    );
    copy.grader()
        .args(["hint", "count_up_to", &(n + 1).to_string()])
        .assert()
        .code(2);

    let (section, exercise) = course().exercises().next().expect("the first exercise");
    let solution = course_tests::read(format!(
        "solutions/{}/src/{}.rs",
        section.slug, exercise.name
    ));
    copy.write(exercise.stub_path(section), &solution);
    let report = copy.grade(&["--exercise", &exercise.name], 0);
    let (_, second) = course().exercises().nth(1).expect("a second exercise");
    assert!(
        !report.contains("Everything passes") && report.contains(&exercise.name),
        "one exercise passing is not everything passing:\n{report}"
    );
    assert!(
        report.contains(&format!("Next in the course: {}", second.name)),
        "the next exercise is named:\n{report}"
    );
    assert!(
        report.contains(&format!(
            "Compare yours with the course's solution: solutions/{}/src/{}.rs",
            section.slug, exercise.name
        )),
        "the solution to compare with is named:\n{report}"
    );
}
