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
    pub slug: String,
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
            output: format!("the grader could not run this test: {error:#}"),
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

    // Judge by the harness's own summary as well as the exit code: a test that
    // calls `process::exit(0)` exits cleanly without ever passing. (The
    // `test NAME ... ok` line is no proof: a test's own output may land in it.)
    let summary_passed = stdout
        .lines()
        .any(|line| line.starts_with("test result: ok. 1 passed;"));
    if status.success() && summary_passed {
        return Ok(Outcome::Passed);
    }
    // What went wrong, when the process says it in a way a learner may not read.
    let cause = if stderr.contains("has overflowed its stack") {
        Some("The test overflowed its stack: does a function call itself without end?".to_owned())
    } else if stderr.contains("memory allocation of") {
        let limit = limits
            .memory
            .map_or_else(String::new, |b| format!(" of {} MiB", b >> 20));
        Some(format!(
            "The test ran out of memory (the limit{limit} per test): does something grow without end?"
        ))
    } else {
        None
    };
    let mut output = cause.map(|c| c + "\n").unwrap_or_default();
    output.push_str(&stdout);
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
}
