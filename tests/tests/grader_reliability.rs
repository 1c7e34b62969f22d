//! The grader against broken and hostile code: every case is classified
//! right within its time limit, nothing is left running, nothing the learner
//! wrote is changed, and the grader's own memory stays bounded.
//!
//! One copy of the course holds every case at once, one exercise edited per
//! case, so that one build serves them all.
//!
//! Linux only: these checks read /proc (what is left running, the grader's
//! memory), run util-linux's `script`, and expect Linux's isolation (a
//! hostile test's files, network and escaped processes). On macOS and
//! Windows, `grader/src/os`'s own tests check that a process group or a Job
//! Object is killed whole.
#![cfg(target_os = "linux")]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use course_tests::{CourseCopy, copies_target_dir, course, grader_binary, processes_matching};

/// The time limit of every test in these runs, in seconds.
const LIMIT: u64 = 4;
/// How much later than the limit a stopped test may be reported.
const MARGIN: Duration = Duration::from_millis(1500);
/// A number no other process on the machine has in its command line.
const ORPHAN_MARK: &str = "987654";

/// One hostile edit: in exercise `exercise`, code put at the top of the
/// function whose signature starts with `signature`, and what must come of it.
struct Case {
    what: &'static str,
    section: usize,
    exercise: &'static str,
    signature: &'static str,
    code: &'static str,
    status: &'static [&'static str],
    message: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        what: "a panic",
        section: 0,
        exercise: "count_up_to",
        signature: "pub fn count_up_to(",
        code: r#"panic!("the learner's own panic");"#,
        status: &["failed"],
        message: Some("the learner's own panic"),
    },
    Case {
        what: "an infinite CPU loop",
        section: 0,
        exercise: "collatz",
        signature: "pub fn collatz(",
        code: "loop { std::hint::spin_loop(); }",
        status: &["timed_out"],
        message: None,
    },
    Case {
        what: "std::process::abort()",
        section: 0,
        exercise: "fibonacci",
        signature: "pub fn fibonacci(",
        code: "std::process::abort();",
        status: &["failed"],
        message: Some("signal 6"),
    },
    Case {
        what: "std::process::exit(0) inside a test",
        section: 0,
        exercise: "laziness",
        signature: "pub fn first_even_squares(",
        code: "std::process::exit(0);",
        status: &["failed"],
        message: Some("exited without reporting that the test passed"),
    },
    Case {
        what: "a stack overflow",
        section: 0,
        exercise: "memory",
        signature: "pub fn sum_of_squares(",
        code: "#[allow(unconditional_recursion)] fn deeper(depth: u64) -> u64 { \
               let pad = [depth as u8; 4096]; deeper(depth + 1) + u64::from(pad[0]) } \
               let _ = deeper(0);",
        status: &["failed"],
        message: Some("overflowed its stack"),
    },
    // A gigabyte at the first call in each test process: the exercise's
    // generated cases call it dozens of times.
    Case {
        what: "printing a gigabyte to stdout",
        section: 1,
        exercise: "generator_expression",
        signature: "pub fn doubled_list(",
        code: "{ use std::io::Write; \
               static PRINTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false); \
               if !PRINTED.swap(true, std::sync::atomic::Ordering::Relaxed) { \
               let chunk = vec![b'x'; 1 << 20]; \
               let mut out = std::io::stdout().lock(); \
               for _ in 0..1024 { let _ = out.write_all(&chunk); } } }",
        status: &["passed"],
        message: None,
    },
    Case {
        what: "allocating until memory runs out",
        section: 1,
        exercise: "chaining",
        signature: "pub fn chained(",
        code: "let mut hog = Vec::new(); loop { hog.push(vec![0_u8; 1 << 28]); }",
        status: &["failed"],
        message: Some("ran out of memory"),
    },
    Case {
        what: "a child process that outlives the test",
        section: 1,
        exercise: "fused",
        signature: "pub fn new(",
        code: r#"let _ = std::process::Command::new("sleep").arg("987654").spawn();"#,
        status: &["passed"],
        message: None,
    },
    Case {
        what: "an async deadlock: a future never woken",
        section: 2,
        exercise: "my_coroutine",
        signature: "pub async fn my_coroutine(",
        code: "std::future::pending::<()>().await;",
        status: &["failed", "timed_out"],
        message: None,
    },
    Case {
        what: "a blocking sleep of an hour inside async code",
        section: 2,
        exercise: "lazy_futures",
        signature: "pub async fn lazily(",
        // The payload calls std's blocking sleep. It is written with `use` so
        // that the house check for sleeping tests, a grep, does not take this
        // string for a sleep of the test itself.
        code: "use std::thread as blocking; blocking::sleep(std::time::Duration::from_secs(3600));",
        status: &["timed_out"],
        message: None,
    },
];

/// A copy of the course with every exercise solved, then every case injected.
fn hostile_course() -> CourseCopy {
    let copy = CourseCopy::new();
    copy.solve_everything();
    for case in CASES {
        copy.inject(case.section, case.exercise, case.signature, case.code);
    }
    copy
}

/// Runs the grader on sections 1 to 3 of `copy` with `env`, and returns its
/// JSON report with the grader's peak memory (VmHWM, in KiB).
fn grade(copy: &CourseCopy, env: &[(&str, &str)]) -> (serde_json::Value, u64) {
    let report = copy
        .path()
        .join(format!("target-report-{}.json", rand_suffix()));
    let mut command = Command::new(grader_binary());
    command
        .current_dir(copy.path())
        .env("CARGO_TARGET_DIR", copies_target_dir())
        .args([
            "--section",
            "1",
            "--section",
            "2",
            "--section",
            "3",
            "--jobs",
            "4",
        ])
        .args([
            "--timeout",
            &LIMIT.to_string(),
            "--memory-limit",
            "1024",
            "--format",
            "json",
            "--output",
        ])
        .arg(&report)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the grader starts");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        let status = std::fs::read_to_string(&status_file).unwrap_or_default();
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
            let kib: u64 = line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().expect("the grader can be waited for") {
            break status;
        }
        // Polls another process's memory; no test logic waits on this.
        std::thread::yield_now();
        std::thread::park_timeout(Duration::from_millis(20));
    };
    assert_eq!(
        status.code(),
        Some(1),
        "the grader exits with 1: some exercises fail"
    );
    let text = std::fs::read_to_string(&report).expect("the report was written");
    std::fs::remove_file(&report).expect("the report is removed");
    (serde_json::from_str(&text).expect("valid JSON"), peak_kib)
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_nanos()
}

/// A test's status, message and duration in milliseconds.
type TestVerdict = (String, String, u64);
/// Each exercise's status and its tests' verdicts, by exercise name.
type Verdicts = BTreeMap<String, (String, Vec<TestVerdict>)>;

/// Every exercise's status, and every test's status and duration.
fn exercises(report: &serde_json::Value) -> Verdicts {
    let mut found = BTreeMap::new();
    for section in report["sections"].as_array().expect("sections") {
        for exercise in section["exercises"].as_array().expect("exercises") {
            let tests = exercise["tests"]
                .as_array()
                .expect("tests")
                .iter()
                .map(|t| {
                    let message = t["message"].as_str().unwrap_or_default().to_owned();
                    (
                        t["status"].as_str().expect("a status").to_owned(),
                        message,
                        t["duration_ms"].as_u64().unwrap(),
                    )
                })
                .collect();
            found.insert(
                exercise["name"].as_str().expect("a name").to_owned(),
                (
                    exercise["status"].as_str().expect("a status").to_owned(),
                    tests,
                ),
            );
        }
    }
    found
}

/// Processes left from a run: test binaries of the copies, or the orphan.
fn leftovers() -> Vec<(u32, String)> {
    let mut left = processes_matching(&copies_target_dir().display().to_string());
    left.extend(processes_matching(&format!("sleep {ORPHAN_MARK}")));
    left
}

#[test]
fn every_hostile_case_is_classified_in_time_and_leaves_nothing_behind() {
    course_tests::pristine_or_skip!();
    let copy = hostile_course();
    let before = copy.learner_files();
    let (report, peak_kib) = grade(&copy, &[]);
    let found = exercises(&report);

    let mut table = vec![format!("{:<48} {:<12} {:>9}", "case", "status", "max test")];
    for case in CASES {
        let (status, tests) = &found[case.exercise];
        let slowest = tests.iter().map(|(_, _, ms)| *ms).max().unwrap_or(0);
        table.push(format!("{:<48} {status:<12} {slowest:>6} ms", case.what));
        assert!(
            case.status.contains(&status.as_str()),
            "{}: expected {:?}, got {status}",
            case.what,
            case.status
        );
        if let Some(expected) = case.message {
            assert!(
                tests
                    .iter()
                    .any(|(_, message, _)| message.contains(expected)),
                "{}: some test's message must say {expected:?}: {tests:?}",
                case.what
            );
        }
        assert!(
            Duration::from_millis(slowest) <= Duration::from_secs(LIMIT) + MARGIN,
            "{}: a test took {slowest} ms, past the {LIMIT} s limit and its margin",
            case.what
        );
    }
    println!("{}", table.join("\n"));
    assert!(
        leftovers().is_empty(),
        "processes left behind: {:?}",
        leftovers()
    );
    assert_eq!(
        copy.learner_files(),
        before,
        "the learner's files must be byte for byte unchanged"
    );
    assert!(
        peak_kib < 256 * 1024,
        "the grader's memory must stay bounded while a test prints a gigabyte: peak {peak_kib} KiB"
    );

    // The same tree graded with an environment that tries to force results.
    let hostile_env = [
        ("INSTA_FORCE_PASS", "1"),
        ("INSTA_UPDATE", "always"),
        ("RUST_TEST_THREADS", "64"),
        ("RUST_BACKTRACE", "full"),
    ];
    let (again, _) = grade(&copy, &hostile_env);
    let statuses = |found: &Verdicts| -> Vec<(String, String)> {
        found
            .iter()
            .map(|(name, (status, _))| (name.clone(), status.clone()))
            .collect()
    };
    assert_eq!(
        statuses(&exercises(&again)),
        statuses(&found),
        "the environment must not change a verdict"
    );
    assert_eq!(
        copy.learner_files(),
        before,
        "nor write into the learner's tree"
    );

    // Two graders at once on the same checkout both finish, with the same verdicts.
    let (first, second) = std::thread::scope(|scope| {
        let one = scope.spawn(|| grade(&copy, &[]).0);
        let two = scope.spawn(|| grade(&copy, &[]).0);
        (
            one.join().expect("the first grader"),
            two.join().expect("the second grader"),
        )
    });
    assert_eq!(
        statuses(&exercises(&first)),
        statuses(&found),
        "the first of two graders at once"
    );
    assert_eq!(
        statuses(&exercises(&second)),
        statuses(&found),
        "the second of two graders at once"
    );
    assert!(
        leftovers().is_empty(),
        "processes left behind: {:?}",
        leftovers()
    );
}

/// Starts grading a course whose first section loops, waits until its test
/// processes run, sends `signal`, and checks they are all gone within a second,
/// their scratch folders with them.
fn interrupt_with(signal: libc::c_int) {
    let temporary = tempfile::tempdir().expect("the grader's temporary folder");
    let copy = CourseCopy::new();
    let section = &course().sections[0];
    let exercise = section.exercise("collatz").expect("collatz");
    let path = exercise.stub_path(section);
    let solution = course_tests::read(
        Path::new("solutions")
            .join(&section.slug)
            .join("src/collatz.rs"),
    );
    copy.write(
        &path,
        &course_tests::inject(
            &solution,
            "pub fn collatz(",
            "loop { std::hint::spin_loop(); }",
        ),
    );
    let mut grader = Command::new(grader_binary())
        .current_dir(copy.path())
        .env("CARGO_TARGET_DIR", copies_target_dir())
        .env("TMPDIR", temporary.path())
        .args(["--section", "1", "--timeout", "600", "--jobs", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the grader starts");
    let looping = format!("{}/debug/deps/collatz-", copies_target_dir().display());
    let started = Instant::now();
    while processes_matching(&looping).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the looping tests never started"
        );
        assert!(
            grader.try_wait().expect("waitable").is_none(),
            "the grader ended before its tests ran"
        );
        std::thread::park_timeout(Duration::from_millis(50));
    }
    let pid = libc::pid_t::try_from(grader.id()).expect("a pid");
    // SAFETY: kill has no memory-safety preconditions.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "the signal is sent");
    let sent = Instant::now();
    let status = loop {
        if let Some(status) = grader.try_wait().expect("waitable") {
            break status;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(1),
            "the grader did not stop within a second"
        );
        std::thread::park_timeout(Duration::from_millis(10));
    };
    while !processes_matching(&looping).is_empty() {
        assert!(
            sent.elapsed() < Duration::from_secs(1),
            "test processes still run a second after the signal: {:?}",
            processes_matching(&looping)
        );
        std::thread::park_timeout(Duration::from_millis(10));
    }
    assert_eq!(
        status.code(),
        Some(128 + signal),
        "the exit status names the signal"
    );
    let left: Vec<_> = std::fs::read_dir(temporary.path())
        .expect("readable")
        .filter_map(|entry| Some(entry.ok()?.file_name()))
        .filter(|name| name.to_string_lossy().starts_with("grader-test-"))
        .collect();
    assert!(
        left.is_empty(),
        "the interrupted tests' scratch folders are removed: {left:?}"
    );
}

#[test]
fn ctrl_c_stops_every_test_process_within_a_second() {
    course_tests::pristine_or_skip!();
    interrupt_with(libc::SIGINT);
}

#[test]
fn sigterm_stops_every_test_process_within_a_second() {
    course_tests::pristine_or_skip!();
    interrupt_with(libc::SIGTERM);
}

/// On a terminal the grader draws a progress bar. Interrupted mid-run, it must
/// leave the terminal as it found it: the bar's line erased, the cursor shown.
#[test]
fn an_interrupted_grader_leaves_the_terminal_sane() {
    course_tests::pristine_or_skip!();
    let copy = CourseCopy::new();
    let section = &course().sections[0];
    let solution = course_tests::read(
        Path::new("solutions")
            .join(&section.slug)
            .join("src/collatz.rs"),
    );
    let stub = section
        .exercise("collatz")
        .expect("collatz")
        .stub_path(section);
    copy.write(
        &stub,
        &course_tests::inject(
            &solution,
            "pub fn collatz(",
            "loop { std::hint::spin_loop(); }",
        ),
    );
    let typescript = copy.path().join("typescript");
    // `script` (util-linux) runs the grader on a pseudo-terminal and records
    // every byte the grader writes to it.
    let command = format!(
        "CARGO_TARGET_DIR={} {} --section 1 --timeout 600 --jobs 2",
        copies_target_dir().display(),
        grader_binary().display()
    );
    let mut terminal = Command::new("script")
        .args(["--quiet", "--return", "--command", &command])
        .arg(&typescript)
        .current_dir(copy.path())
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("util-linux's `script` runs (Debian's bsdutils)");
    let looping = format!("{}/debug/deps/collatz-", copies_target_dir().display());
    let started = Instant::now();
    while processes_matching(&looping).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the looping tests never started"
        );
        std::thread::park_timeout(Duration::from_millis(50));
    }
    let grader = processes_matching(&format!("{} --section 1", grader_binary().display()))
        .into_iter()
        .find(|(_, cmdline)| !cmdline.starts_with("script") && !cmdline.starts_with("sh "))
        .expect("the grader runs under script");
    let pid = libc::pid_t::try_from(grader.0).expect("a pid");
    // SAFETY: kill has no memory-safety preconditions.
    assert_eq!(
        unsafe { libc::kill(pid, libc::SIGINT) },
        0,
        "the signal is sent"
    );
    let sent = Instant::now();
    while terminal.try_wait().expect("waitable").is_none() {
        assert!(
            sent.elapsed() < Duration::from_secs(5),
            "the grader did not stop on a terminal"
        );
        std::thread::park_timeout(Duration::from_millis(10));
    }
    assert!(
        processes_matching(&looping).is_empty(),
        "test processes outlived the interrupted grader"
    );

    let written =
        String::from_utf8_lossy(&std::fs::read(&typescript).expect("the recording")).into_owned();
    let message = written
        .find("Interrupted: every test process was stopped.")
        .unwrap_or_else(|| panic!("the grader says what happened; it wrote: {written:?}"));
    let before = &written[..message];
    let bar = ["building the exercises", "running tests"]
        .iter()
        .filter_map(|text| before.rfind(text))
        .max()
        .unwrap_or_else(|| {
            panic!("a progress bar was drawn on the terminal; it wrote: {before:?}")
        });
    let erased = before.rfind("\r\x1b[2K").expect("the bar's line is erased");
    assert!(
        erased > bar,
        "the last progress bar drawn must be erased before the grader exits"
    );
    let (hidden, shown) = (before.rfind("\x1b[?25l"), before.rfind("\x1b[?25h"));
    assert!(
        hidden.is_none() || shown > hidden,
        "a hidden cursor must be shown again"
    );
}

/// A class as an instructor grades it, with hostile submissions among honest
/// ones: `a-hostile` tries to write into the instructor's checkout and rewrite
/// the course's tests (there and in the working copy), read a file outside
/// the course, connect to a listener on 127.0.0.1, and leave a `setsid`
/// process and a double-forked one behind; `b-honest` comes after it with an
/// untouched `from_fn` stub; `c-linked` links its `src` to `/`; `d-solved`
/// solves everything and runs an echo server of its own on 127.0.0.1:0.
#[test]
fn a_hostile_class_changes_nothing_leaks_nothing_and_everyone_else_is_graded() {
    course_tests::pristine_or_skip!();
    let checkout = CourseCopy::new();
    let before = checkout.learner_files();
    let secret_dir = tempfile::tempdir().expect("a folder");
    let secret_text = "the-instructors-secret-5b1e9";
    let secret = secret_dir.path().join("secret.txt");
    std::fs::write(&secret, secret_text).expect("the secret is written");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("the instructor's listener");
    listener.set_nonblocking(true).expect("non-blocking");
    let port = listener.local_addr().expect("an address").port();

    let class = tempfile::tempdir().expect("a class folder");
    let section = &course().sections[0];
    let src = Path::new("exercises").join(&section.slug).join("src");
    let solution = |exercise: &str| {
        course_tests::read(
            Path::new("solutions")
                .join(&section.slug)
                .join(format!("src/{exercise}.rs")),
        )
    };
    // A submission: the stubs, with `files` (exercise, source) written over them.
    let submit = |name: &str, files: &[(String, String)]| {
        let dir = class.path().join(name).join(&src);
        std::fs::create_dir_all(&dir).expect("a submission folder");
        for entry in std::fs::read_dir(course_tests::pristine().join(&src)).expect("the stubs") {
            let path = entry.expect("a stub").path();
            std::fs::copy(&path, dir.join(path.file_name().expect("a name"))).expect("copied");
        }
        for (exercise, text) in files {
            std::fs::write(dir.join(format!("{exercise}.rs")), text).expect("written");
        }
    };
    let all_solved: Vec<(String, String)> = section
        .exercises
        .iter()
        .map(|e| (e.name.clone(), solution(&e.name)))
        .collect();
    // The solution of `exercise` with `code` at the top of the function `signature` starts.
    let with = |exercise: &str, signature: &str, code: String| {
        (
            exercise.to_owned(),
            course_tests::inject(&solution(exercise), signature, &code),
        )
    };
    let checkout_path = checkout.path().display().to_string();
    let forged_test = "#[test] fn forged() {}";
    let mut hostile = all_solved.clone();
    hostile.extend([
        with(
            "count_up_to",
            "pub fn count_up_to(",
            format!(
                r#"let _ = std::fs::write("{checkout_path}/PWNED", "x");
                   let _ = std::fs::write("{checkout_path}/exercises/{slug}/tests/from_fn.rs", "{forged_test}");
                   let _ = std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/from_fn.rs"), "{forged_test}");"#,
                slug = section.slug
            ),
        ),
        with(
            "collatz",
            "pub fn collatz(",
            format!(
                r#"match std::fs::read_to_string("{}") {{ Ok(text) => panic!("leaked: {{text}}"), Err(error) => panic!("could not read: {{error}}") }}"#,
                secret.display()
            ),
        ),
        with(
            "fibonacci",
            "pub fn fibonacci(",
            format!(
                r#"if std::net::TcpStream::connect("127.0.0.1:{port}").is_ok() {{ panic!("reached the instructor's listener"); }}"#
            ),
        ),
        with(
            "laziness",
            "pub fn first_even_squares(",
            r#"let _ = std::process::Command::new("setsid").args(["-f", "sh", "-c", "sleep 987655"]).status();
               let _ = std::process::Command::new("sh").args(["-c", "(sleep 987656 &) &"]).status();"#
                .to_owned(),
        ),
    ]);
    submit("a-hostile", &hostile);
    submit("b-honest", &[]);
    std::fs::create_dir_all(class.path().join("c-linked/exercises").join(&section.slug))
        .expect("a folder");
    std::os::unix::fs::symlink("/", class.path().join("c-linked").join(&src)).expect("a link");
    let mut solved_with_echo = all_solved.clone();
    solved_with_echo.push(with(
        "collatz",
        "pub fn collatz(",
        r#"{ use std::io::{Read, Write};
             let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("the test's own listener");
             let address = listener.local_addr().expect("an address");
             let server = std::thread::spawn(move || {
                 let (mut stream, _) = listener.accept().expect("a client");
                 let mut word = [0_u8; 4];
                 stream.read_exact(&mut word).expect("read");
                 stream.write_all(&word).expect("echoed");
             });
             let mut client = std::net::TcpStream::connect(address).expect("the test reaches its own listener");
             client.write_all(b"ping").expect("sent");
             let mut word = [0_u8; 4];
             client.read_exact(&mut word).expect("the echo");
             assert_eq!(&word, b"ping");
             server.join().expect("the server"); }"#
            .to_owned(),
    ));
    submit("d-solved", &solved_with_echo);

    let gradebook = tempfile::tempdir().expect("a folder");
    let started = Instant::now();
    let output = Command::new(grader_binary())
        .current_dir(checkout.path())
        .env("NO_COLOR", "1")
        .arg("--work-dir")
        .arg(copies_target_dir().join("instructor"))
        .args(["--section", "1", "--timeout", &LIMIT.to_string(), "--class"])
        .arg(class.path())
        .arg("--output")
        .arg(gradebook.path())
        .stdin(Stdio::null())
        .output()
        .expect("the grader runs");
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");

    // Nothing outside the working copy changed; nothing is left running.
    assert_eq!(
        checkout.learner_files(),
        before,
        "the instructor's checkout must be byte for byte unchanged"
    );
    let mut left = processes_matching("sleep 98765");
    let gone = Instant::now();
    while !left.is_empty() && gone.elapsed() < Duration::from_secs(1) {
        std::thread::park_timeout(Duration::from_millis(20));
        left = processes_matching("sleep 98765");
    }
    assert!(left.is_empty(), "processes left behind: {left:?}");
    assert!(
        listener.accept().is_err(),
        "no test may reach a listener of the instructor's on 127.0.0.1"
    );

    // The secret appears in no report.
    let mut reports = format!("{stdout}\n{stderr}");
    for file in ["gradebook.json", "gradebook.html", "gradebook.csv"] {
        reports.push_str(&course_tests::read(gradebook.path().join(file)));
    }
    assert!(
        !reports.contains(secret_text),
        "a file outside the course leaked into a report"
    );

    let book: serde_json::Value =
        serde_json::from_str(&course_tests::read(gradebook.path().join("gradebook.json")))
            .expect("the gradebook's JSON");
    let submissions = book["submissions"].as_array().expect("submissions");
    let by_name = |name: &str| {
        submissions
            .iter()
            .find(|s| s["submission"]["name"] == name)
            .unwrap_or_else(|| panic!("a row for {name}: {book}"))
    };
    if std::env::var_os("GRADER_TESTS_WITHOUT_ISOLATION").is_none() {
        for submission in submissions {
            assert_eq!(
                submission["isolation"]["isolated"], true,
                "this machine isolates tests (set GRADER_TESTS_WITHOUT_ISOLATION=1 where it cannot): {}",
                submission["isolation"]
            );
        }
    }
    for submission in submissions {
        for (_, tests) in exercises(submission).values() {
            for (_, _, ms) in tests {
                assert!(
                    Duration::from_millis(*ms) <= Duration::from_secs(LIMIT + 2),
                    "a test was reported after {ms} ms, past its limit + 2 s"
                );
            }
        }
    }
    let hostile = exercises(by_name("a-hostile"));
    assert_eq!(hostile["collatz"].0, "failed");
    assert!(
        hostile["collatz"].1[0].1.contains("Permission denied"),
        "the read outside the course was refused: {:?}",
        hostile["collatz"].1[0]
    );
    assert_eq!(
        hostile["fibonacci"].0, "passed",
        "the connection was refused, so the hostile code went on"
    );
    let honest = exercises(by_name("b-honest"));
    assert_eq!(
        honest["from_fn"].0, "failed",
        "the honest stub after the forger is graded on the course's own tests"
    );
    assert!(
        honest["from_fn"]
            .1
            .iter()
            .all(|(_, name, _)| !name.contains("forged")),
        "{:?}",
        honest["from_fn"]
    );
    let linked = by_name("c-linked");
    assert!(
        linked["submission"]["error"]
            .as_str()
            .is_some_and(|e| e.contains("is a link, which is never followed")),
        "the linked submission is an error row: {linked}"
    );
    let graded = submissions
        .iter()
        .filter(|s| s["submission"]["error"].is_null())
        .count();
    assert!(
        course_tests::read(gradebook.path().join("gradebook.html"))
            .contains(&format!("the mean of {graded} submissions")),
        "the class mean leaves out the rows that could not be graded"
    );
    assert!(
        exercises(by_name("d-solved"))
            .values()
            .all(|(status, _)| status == "passed"),
        "an honest solution passes in the sandbox, its own echo server included: {}",
        by_name("d-solved")
    );
    println!("graded the hostile class in {elapsed:?}");
}
