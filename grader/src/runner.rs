//! Step two of grading: run every test in its own process, a bounded number at
//! a time, each under a time limit, and stream the results as they finish.
//!
//! The grader's runner is built from the course's own ideas: each test is a
//! future, `buffer_unordered` bounds how many are in flight, and
//! `tokio::time::timeout` ends one that runs too long. Each test runs in the
//! [`sandbox`](crate::sandbox)'s cell, and once its process is gone, what is
//! left of its output is read for [`GRACE`] at most: a process it left behind
//! cannot keep the grader waiting on the pipes it holds.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use futures::{Stream, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;

use crate::processes::Group;
use crate::sandbox::{self, Confinement};

/// How much of a test's output is kept (its start and its end); the rest is
/// read and thrown away, so the grader's memory stays bounded.
const OUTPUT_CAP: usize = 256 * 1024;

/// How long the output of a test whose process is gone is still read. A pipe
/// is at its end at once unless something the test started still holds it
/// open; that is never worth waiting for.
pub const GRACE: Duration = Duration::from_millis(300);

/// One test to run: test `name` of the executable `binary`.
#[derive(Debug, Clone)]
pub struct TestJob {
    /// The exercise's name, for a progress line.
    pub exercise: String,
    pub name: String,
    pub binary: PathBuf,
    /// The package folder, where `cargo test` would run it.
    pub dir: PathBuf,
    /// The course's root: what the test may read, besides its executable.
    pub course: PathBuf,
}

/// How a test ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    /// The test failed: why, the panic's message if it panicked (location and
    /// text), and everything it printed (stdout, then stderr), kept apart.
    Failed {
        cause: Cause,
        panic: Option<String>,
        output: String,
    },
    /// Still running at the time limit: its process group was killed.
    TimedOut,
}

impl Outcome {
    /// Why the test failed, when it failed (a time-out is its own outcome).
    pub fn cause(&self) -> Option<&Cause> {
        match self {
            Outcome::Failed { cause, .. } => Some(cause),
            Outcome::Passed | Outcome::TimedOut => None,
        }
    }
}

/// Why a test failed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// It panicked: an assertion, an `unwrap`, a `todo!()`.
    Panicked,
    /// Its process exited with this code, without a panic.
    ExitCode { code: i32 },
    /// Its process was killed by this signal.
    Signal { signal: i32 },
    /// It allocated past the memory limit.
    OutOfMemory { limit_mib: Option<u64> },
    /// It overflowed its stack.
    StackOverflow,
    /// Its process exited cleanly without the harness saying it passed
    /// (`std::process::exit(0)` inside a test).
    NoVerdict,
    /// The grader could not start it.
    CouldNotStart { error: String },
    /// It failed on something the sandbox does not allow.
    StoppedByIsolation { what: String },
    /// The grader did not run it, or did not count its pass: its exercise
    /// does not compile, or it was graded against changed course files.
    NotCounted { why: String },
}

impl Cause {
    /// The cause in a sentence a learner can act on; `None` for a panic,
    /// whose own message says it best.
    pub fn explain(&self) -> Option<String> {
        Some(match self {
            Cause::Panicked => return None,
            Cause::ExitCode { code } => format!(
                "The test process exited with code {code} before the test harness gave a verdict."
            ),
            Cause::Signal { signal } => format!(
                "The test process was killed by signal {signal} ({}).",
                signal_name(*signal)
            ),
            Cause::OutOfMemory { limit_mib } => format!(
                "The test ran out of memory (the limit{} per test): does something grow without end?",
                limit_mib.map_or_else(String::new, |mib| format!(" of {mib} MiB"))
            ),
            Cause::StackOverflow => {
                "The test overflowed its stack: does a function call itself without end?".to_owned()
            }
            Cause::NoVerdict => "The test process exited without reporting that the test passed \
                 (did something call std::process::exit?)."
                .to_owned(),
            Cause::CouldNotStart { error } => {
                format!("The grader could not run this test: {error}")
            }
            Cause::NotCounted { why } => why.clone(),
            Cause::StoppedByIsolation { what } => format!(
                "The test tried to {what}, which the grader's sandbox does not allow: a test may \
                 read the course, write only in std::env::temp_dir(), and use the network only \
                 on 127.0.0.1 within itself."
            ),
        })
    }
}

/// A finished test.
#[derive(Debug, Clone)]
pub struct TestResult {
    pub job: TestJob,
    pub outcome: Outcome,
    pub duration: Duration,
}

/// The limits every test runs under.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time for one test process.
    pub time: Duration,
    /// How many test processes run at once.
    pub jobs: usize,
    /// The address space one test process may use, in bytes (`RLIMIT_AS`):
    /// a test that allocates without end fails cleanly instead of taking the
    /// machine's memory. `None` sets no limit.
    pub memory: Option<u64>,
    /// The walls around each test process ([`sandbox::settle`] says which).
    pub confinement: Confinement,
}

/// The tests in a test executable, in the order it lists them.
pub async fn list_tests(binary: &PathBuf) -> Result<Vec<String>> {
    let output = Command::new(binary)
        .args(["--list", "--format", "terse"])
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .with_context(|| format!("cannot list the tests of {}", binary.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(stdout
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_owned)
        .collect())
}

/// Runs every job, at most `limits.jobs` at once; results arrive as tests finish.
pub fn run_all(jobs: Vec<TestJob>, limits: Limits) -> impl Stream<Item = TestResult> {
    futures::stream::iter(jobs)
        .map(move |job| run_one(job, limits))
        .buffer_unordered(limits.jobs.max(1))
}

/// Runs one test in a process group of its own, so that everything it starts
/// can be killed with it.
async fn run_one(job: TestJob, limits: Limits) -> TestResult {
    let started = Instant::now();
    let outcome = match spawn_and_wait(&job, limits).await {
        Ok(outcome) => outcome,
        Err(error) => Outcome::Failed {
            cause: Cause::CouldNotStart {
                error: format!("{error:#}"),
            },
            panic: None,
            output: String::new(),
        },
    };
    TestResult {
        job,
        outcome,
        duration: started.elapsed(),
    }
}

async fn spawn_and_wait(job: &TestJob, limits: Limits) -> Result<Outcome> {
    let mut command = Command::new(&job.binary);
    command
        .args(["--exact", &job.name, "--test-threads", "1"])
        .current_dir(&job.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    let executables = job.binary.parent().unwrap_or(&job.binary);
    // Removed, with whatever the test wrote there, when this function returns.
    let _scratch = sandbox::confine(
        &mut command,
        limits.confinement,
        &[&job.course, executables],
        limits.memory,
    )?;
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", job.binary.display()))?;
    let group = Group::track(child.id().context("the test process has no id")?);
    let (stop, until) = tokio::sync::watch::channel(None);
    let stdout = tokio::spawn(read_capped(
        child.stdout.take().expect("stdout is piped"),
        until.clone(),
    ));
    let stderr = tokio::spawn(read_capped(
        child.stderr.take().expect("stderr is piped"),
        until,
    ));

    let waited = tokio::time::timeout(limits.time, child.wait()).await;
    // Whatever happened, nothing the test started may outlive it.
    drop(group);
    // Its output is read a moment longer at most.
    let _ = stop.send(Some(tokio::time::Instant::now() + GRACE));
    let status = match waited {
        Ok(status) => status?,
        Err(_elapsed) => {
            child.wait().await?;
            return Ok(Outcome::TimedOut);
        }
    };
    let stdout = stdout.await.unwrap_or_default();
    let stderr = stderr.await.unwrap_or_default();

    Ok(judge(job, limits, status, stdout, stderr))
}

/// The outcome of a finished test process, from its exit status and output.
fn judge(
    job: &TestJob,
    limits: Limits,
    status: std::process::ExitStatus,
    stdout: String,
    stderr: String,
) -> Outcome {
    // insta's diff and advice, in a learner's words, for every report at once.
    let (stdout, stderr) = (
        crate::insta_words::for_learner(&stdout),
        crate::insta_words::for_learner(&stderr),
    );
    // Judge by the harness's own summary as well as the exit code: a test that
    // calls `process::exit(0)` exits cleanly without ever passing. (The
    // `test NAME ... ok` line is no proof: a test's own output may land in
    // it.) The summary must be the last thing printed, and printed once.
    let summaries: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("test result: "))
        .collect();
    let last = stdout.lines().rev().find(|line| !line.trim().is_empty());
    let summary_passed = matches!(summaries.as_slice(), [only] if only.starts_with("test result: ok. 1 passed;") && last == Some(*only));
    if status.success() && summary_passed {
        return Outcome::Passed;
    }
    let panic = stdout
        .contains(" panicked at ")
        .then(|| crate::report::clean_failure(&stdout, &job.name));
    let mut output = stdout;
    if !stderr.trim().is_empty() {
        output.push_str("\n--- stderr ---\n");
        output.push_str(&stderr);
    }
    // What went wrong, when the process says it in a way a learner may not read.
    let signal = std::os::unix::process::ExitStatusExt::signal(&status);
    let cause = if stderr.contains("has overflowed its stack") {
        Cause::StackOverflow
    } else if stderr.contains("memory allocation of") {
        Cause::OutOfMemory {
            limit_mib: limits.memory.map(|bytes| bytes >> 20),
        }
    } else if let Some(what) = refused_by_the_sandbox(&output, limits.confinement) {
        Cause::StoppedByIsolation {
            what: what.to_owned(),
        }
    } else if panic.is_some() {
        Cause::Panicked
    } else if let Some(signal) = signal {
        Cause::Signal { signal }
    } else if status.success() {
        Cause::NoVerdict
    } else {
        Cause::ExitCode {
            code: status.code().unwrap_or(-1),
        }
    };
    Outcome::Failed {
        cause,
        panic,
        output,
    }
}

/// What the sandbox refused, when the output shows an error only a sandbox
/// causes here: a file outside the test's reach, or a network beyond its own
/// loopback.
fn refused_by_the_sandbox(output: &str, confinement: Confinement) -> Option<&'static str> {
    if confinement.files
        && [
            "Permission denied (os error 13)",
            "Operation not permitted (os error 1)",
        ]
        .iter()
        .any(|error| output.contains(error))
    {
        Some("use a file outside the course and its temporary folder")
    } else if confinement.network && output.contains("Network is unreachable (os error 101)") {
        Some("reach the network beyond its own 127.0.0.1")
    } else {
        None
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGABRT => "aborted",
        libc::SIGSEGV => "segmentation fault, often a stack overflow",
        libc::SIGKILL => "killed",
        libc::SIGBUS => "bus error",
        _ => "an unexpected signal",
    }
}

/// Reads a stream to the end, keeping its first and last `OUTPUT_CAP / 2`
/// bytes: the start says what went wrong first, and the end holds the
/// harness's verdict, which a test that prints a gigabyte pushes far down.
/// Stops at the end of the stream, or at the instant `until` names once it
/// names one (the process is gone and its grace is over).
async fn read_capped(
    mut reader: impl AsyncRead + Unpin,
    mut until: tokio::sync::watch::Receiver<Option<tokio::time::Instant>>,
) -> String {
    let half = OUTPUT_CAP / 2;
    let (mut head, mut tail) = (Vec::new(), std::collections::VecDeque::new());
    let mut chunk = vec![0; 64 * 1024];
    let mut dropped = 0usize;
    loop {
        let read = tokio::select! {
            read = reader.read(&mut chunk) => read,
            () = deadline(&mut until) => break,
        };
        let Ok(read) = read else { break };
        if read == 0 {
            break;
        }
        let into_head = half.saturating_sub(head.len()).min(read);
        head.extend_from_slice(&chunk[..into_head]);
        tail.extend(&chunk[into_head..read]);
        if tail.len() > half {
            let excess = tail.len() - half;
            tail.drain(..excess);
            dropped += excess;
        }
    }
    let mut text = String::from_utf8_lossy(&head).into_owned();
    if dropped > 0 {
        text.push_str(&format!("\n[… {dropped} bytes of output not kept …]\n"));
    }
    text.push_str(&String::from_utf8_lossy(tail.make_contiguous()));
    text
}

/// Completes at the instant `until` names, once it names one; never if its
/// sender is dropped without naming one.
async fn deadline(until: &mut tokio::sync::watch::Receiver<Option<tokio::time::Instant>>) {
    loop {
        let named = *until.borrow_and_update();
        if let Some(at) = named {
            return tokio::time::sleep_until(at).await;
        }
        if until.changed().await.is_err() {
            return std::future::pending().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_the_start_and_the_end_of_a_long_output() {
        let mut output = b"first line\n".to_vec();
        output.extend(std::iter::repeat_n(b'x', 3 * OUTPUT_CAP));
        output.extend(b"\ntest it ... ok\n");
        let (_keep, until) = tokio::sync::watch::channel(None);
        let kept = read_capped(output.as_slice(), until).await;
        assert!(kept.starts_with("first line\n"));
        assert!(kept.ends_with("\ntest it ... ok\n"));
        assert!(kept.len() < OUTPUT_CAP + 100, "kept {} bytes", kept.len());
        assert!(kept.contains(" bytes of output not kept "));
    }

    #[tokio::test(start_paused = true)]
    async fn stops_reading_at_the_deadline_while_a_straggler_holds_the_pipe() {
        use tokio::io::AsyncWriteExt;
        let (mut straggler, pipe) = tokio::io::duplex(1024);
        straggler.write_all(b"said before the end\n").await.unwrap();
        let (stop, until) = tokio::sync::watch::channel(None);
        let reading = tokio::spawn(read_capped(pipe, until));
        let gone = tokio::time::Instant::now();
        stop.send(Some(gone + GRACE)).unwrap();
        let kept = tokio::time::timeout(GRACE * 2, reading)
            .await
            .expect("the reader stops at its deadline, though the pipe is still open")
            .unwrap();
        assert_eq!(kept, "said before the end\n");
        assert_eq!(
            gone.elapsed(),
            GRACE,
            "read for the grace period, no longer"
        );
        drop(straggler);
    }

    fn judged(exit: i32, stdout: &str, stderr: &str) -> Outcome {
        let job = TestJob {
            exercise: "e".into(),
            name: "t".into(),
            binary: "/nowhere".into(),
            dir: "/nowhere".into(),
            course: "/nowhere".into(),
        };
        let limits = Limits {
            time: Duration::from_secs(1),
            jobs: 1,
            memory: Some(1 << 30),
            confinement: Confinement {
                files: true,
                network: true,
                processes: true,
            },
        };
        let status = std::os::unix::process::ExitStatusExt::from_raw(exit);
        judge(&job, limits, status, stdout.into(), stderr.into())
    }

    const PASSED: &str = "\nrunning 1 test\ntest t ... ok\n\ntest result: ok. 1 passed; 0 failed; \
                          0 ignored; 0 measured; 3 filtered out; finished in 0.00s\n\n";

    #[test]
    fn passes_only_on_a_clean_exit_whose_last_words_are_the_harness_summary() {
        assert_eq!(judged(0, PASSED, ""), Outcome::Passed);
        let printed_after = format!("{PASSED}more output\n");
        assert_eq!(
            judged(0, &printed_after, "").cause(),
            Some(&Cause::NoVerdict)
        );
        let twice = format!("{PASSED}{PASSED}");
        assert_eq!(judged(0, &twice, "").cause(), Some(&Cause::NoVerdict));
    }

    #[test]
    fn names_the_cause_and_keeps_the_panic_apart_from_the_output() {
        let stdout = "\nrunning 1 test\ntest t ... FAILED\n\nfailures:\n\n---- t stdout ----\n\
                      \nthread 't' (7) panicked at tests/t.rs:3:5:\nmust yield 1\n\nfailures:\n    t\n\n\
                      test result: FAILED. 0 passed; 1 failed\n";
        let Outcome::Failed { cause, panic, .. } = judged(101 << 8, stdout, "") else {
            panic!("a failure");
        };
        assert_eq!(cause, Cause::Panicked);
        assert_eq!(
            panic.as_deref(),
            Some("panicked at tests/t.rs:3:5:\nmust yield 1")
        );
        assert_eq!(
            judged(3 << 8, "", "").cause(),
            Some(&Cause::ExitCode { code: 3 })
        );
        assert_eq!(
            judged(libc::SIGABRT, "", "").cause(),
            Some(&Cause::Signal {
                signal: libc::SIGABRT
            })
        );
        let denied = stdout.replace("must yield 1", "Permission denied (os error 13)");
        assert!(matches!(
            judged(101 << 8, &denied, "").cause(),
            Some(Cause::StoppedByIsolation { .. })
        ));
    }
}
