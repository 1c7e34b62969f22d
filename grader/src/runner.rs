//! Step two of grading: run every test in its own process, a bounded number at
//! a time, each under a time limit, and stream the results as they finish.
//!
//! The grader's runner is built from the course's own ideas: each test is a
//! future, `buffer_unordered` bounds how many are in flight, and
//! `tokio::time::timeout` ends one that runs too long.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use futures::{Stream, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;

/// How much of a test's output is kept; the rest is read and thrown away.
const OUTPUT_CAP: usize = 256 * 1024;

/// One test to run: test `name` of the executable `binary`.
#[derive(Debug, Clone)]
pub struct TestJob {
    pub slug: String,
    pub exercise: String,
    pub name: String,
    pub binary: PathBuf,
    /// The package folder, where `cargo test` would run it.
    pub dir: PathBuf,
}

/// How a test ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    /// The test failed; `output` is what it printed.
    Failed {
        output: String,
    },
    /// Still running at the time limit: its process group was killed.
    TimedOut,
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
        .map(move |job| run_one(job, limits.time))
        .buffer_unordered(limits.jobs.max(1))
}

/// Runs one test in a process group of its own, so that everything it starts
/// can be killed with it.
async fn run_one(job: TestJob, limit: Duration) -> TestResult {
    let started = Instant::now();
    let outcome = match spawn_and_wait(&job, limit).await {
        Ok(outcome) => outcome,
        Err(error) => Outcome::Failed {
            output: format!("the grader could not run this test: {error:#}"),
        },
    };
    TestResult {
        job,
        outcome,
        duration: started.elapsed(),
    }
}

async fn spawn_and_wait(job: &TestJob, limit: Duration) -> Result<Outcome> {
    let mut command = Command::new(&job.binary);
    command
        .args(["--exact", &job.name, "--test-threads", "1"])
        .current_dir(&job.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    for (key, value) in test_environment() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", job.binary.display()))?;
    let group = child.id().context("the test process has no id")?;
    let stdout = tokio::spawn(read_capped(child.stdout.take().expect("stdout is piped")));
    let stderr = tokio::spawn(read_capped(child.stderr.take().expect("stderr is piped")));

    let waited = tokio::time::timeout(limit, child.wait()).await;
    // Whatever happened, nothing the test started may outlive it.
    kill_group(group);
    let status = match waited {
        Ok(status) => status?,
        Err(_elapsed) => {
            child.wait().await?;
            return Ok(Outcome::TimedOut);
        }
    };
    let stdout = stdout.await.unwrap_or_default();
    let stderr = stderr.await.unwrap_or_default();

    // Judge by the harness's own verdict line as well as the exit code: a test
    // that calls `process::exit(0)` exits cleanly without ever passing.
    let passed = [
        format!("test {} ... ok", job.name),
        format!("test {} - should panic ... ok", job.name),
    ];
    if status.success() && stdout.lines().any(|line| passed.iter().any(|p| p == line)) {
        return Ok(Outcome::Passed);
    }
    let mut output = stdout;
    if !stderr.trim().is_empty() {
        output.push_str("\n--- stderr ---\n");
        output.push_str(&stderr);
    }
    if status.success() {
        output.push_str(
            "\nThe test process exited without reporting that the test passed \
             (did something call std::process::exit?).",
        );
    } else if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        output.push_str(&format!(
            "\nThe test process was killed by signal {signal} ({}).",
            signal_name(signal)
        ));
    }
    Ok(Outcome::Failed { output })
}

/// The environment of a test process: the learner's shell must not change a
/// verdict (`INSTA_FORCE_PASS`) or let the tests write snapshots into the course.
fn test_environment() -> [(&'static str, Option<&'static str>); 8] {
    [
        ("INSTA_UPDATE", Some("no")),
        ("INSTA_FORCE_PASS", None),
        ("INSTA_FORCE_UPDATE", None),
        ("INSTA_OUTPUT", Some("diff")),
        ("RUST_TEST_THREADS", None),
        ("RUST_TEST_NOCAPTURE", None),
        ("RUST_BACKTRACE", Some("0")),
        ("CLICOLOR_FORCE", None),
    ]
}

/// Kills process group `group`; it may already be gone.
fn kill_group(group: u32) {
    let Ok(group) = libc::pid_t::try_from(group) else {
        return;
    };
    // SAFETY: killpg has no memory-safety preconditions; at worst it fails with ESRCH.
    unsafe {
        libc::killpg(group, libc::SIGKILL);
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

/// Reads a stream to the end, keeping at most `OUTPUT_CAP` bytes of it.
async fn read_capped(mut reader: impl AsyncRead + Unpin) -> String {
    let mut kept = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    let mut dropped = 0usize;
    while let Ok(read) = reader.read(&mut chunk).await {
        if read == 0 {
            break;
        }
        let room = OUTPUT_CAP.saturating_sub(kept.len()).min(read);
        kept.extend_from_slice(&chunk[..room]);
        dropped += read - room;
    }
    let mut text = String::from_utf8_lossy(&kept).into_owned();
    if dropped > 0 {
        text.push_str(&format!("\n[… {dropped} more bytes of output not kept]"));
    }
    text
}
