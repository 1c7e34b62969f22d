//! Step two of grading: run every test under a time limit, a bounded number
//! of processes at a time, and stream the results as they finish.
//!
//! The grader's runner is built from the course's own ideas: each process is a
//! future, `buffer_unordered` bounds how many are in flight, and a timer ends
//! one that runs too long. Each process runs in the cell [`os`] makes for it,
//! and once it is gone, what is left of its output is read for [`GRACE`] at
//! most: a process a test left behind
//! cannot keep the grader waiting on the pipes it holds.
//!
//! A process per test costs a confined process's start (namespaces, Landlock,
//! the executable's loading) for each of a course's hundreds of tests: most
//! of the time a class spent running tests. So the tests of one executable
//! first run together, a [`BATCH`] at a time, in one process, one test after
//! the other (`--test-threads 1`, so that libtest says which test starts and
//! when: each test keeps its own time limit, timed from its own start). A
//! test that passes there has passed. A test still running after [`SLOW`]
//! (or at its limit, if that is shorter: then it has timed out) stops the
//! batch: it runs again alone, with its whole limit, and so do, all at once,
//! the tests of its exercise that had not started (a hanging exercise hangs
//! in most of its tests: together they cost about one limit, not one each);
//! the others go on in a new batch. A failed test is judged from libtest's
//! report of its panic, as its own process would have reported it, if it was
//! the first of its exercise to run in that process; a later one may have
//! failed on what an earlier one left behind (a learner's `static`), and runs
//! again as the first of its exercise, where its verdict is its own: in
//! rounds, a process per round holding one such test of each exercise. Every
//! other test, one that crashed the process or left its verdict unreadable,
//! runs again alone in its own process, as before, so that its failure, its
//! cause and its output are exactly its own.
//! Batches are for the grader's working copy (`--class`, `--submission`),
//! whose sections' tests are one executable each; in a learner's checkout
//! every test runs alone. `CARGO_GRADE_PROCESS_PER_TEST=1` runs every test
//! alone everywhere (to compare).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use futures::{Stream, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;

use crate::model::libtest;
pub use crate::model::outcome::{Cause, Outcome, TestJob, TestResult};
use crate::os::{self, Confinement, Group};

/// How much of a test's output is kept (its start and its end); the rest is
/// read and thrown away, so the grader's memory stays bounded.
const OUTPUT_CAP: usize = 256 * 1024;

/// How long the output of a test whose process is gone is still read. A pipe
/// is at its end at once unless something the test started still holds it
/// open; that is never worth waiting for.
pub const GRACE: Duration = Duration::from_millis(300);

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
    /// The walls around each test process ([`os::settle`] says which).
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

/// The environment variable that makes every test run in a process of its own.
pub const PROCESS_PER_TEST: &str = "CARGO_GRADE_PROCESS_PER_TEST";

/// How many test processes this grader has started, for the record (a class
/// says how many it needed).
pub static PROCESSES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How long a test may run in a batch before it is sent to run alone: far
/// longer than a course test takes, far shorter than the time limit.
pub const SLOW: Duration = Duration::from_secs(3);

/// How many tests of an exercise that was slow in a batch run alone at once.
const SUSPECTS_AT_ONCE: usize = 8;

/// At most this many tests share a batch's process: enough that a process's
/// start is paid rarely, few enough that the batches of a section keep every
/// core busy, and that a crash sends few tests to run alone.
pub const BATCH: usize = 24;

/// Runs every job, at most `limits.jobs` processes at once; results arrive as
/// tests finish (a batch's together). Batches first, then the tests that must
/// run alone (see the module's comment).
///
/// Without `batches` (a learner's own checkout, where each exercise's tests
/// are an executable of their own, few enough to start one by one), every
/// test runs alone.
pub fn run_all(
    jobs: Vec<TestJob>,
    limits: Limits,
    batches: bool,
) -> impl Stream<Item = TestResult> {
    let alone_only = std::env::var_os(PROCESS_PER_TEST).is_some_and(|v| !v.is_empty() && v != "0");
    if alone_only || !batches {
        return one_per_process(jobs, limits).left_stream();
    }
    let mut batches: Vec<Vec<TestJob>> = Vec::new();
    for job in jobs {
        let open = batches.iter_mut().find(|batch| {
            batch.len() < BATCH && batch[0].binary == job.binary && batch[0].dir == job.dir
        });
        match open {
            Some(batch) => batch.push(job),
            None => batches.push(vec![job]),
        }
    }
    let alone = Arc::new(Mutex::new(Vec::new()));
    let later = alone.clone();
    futures::stream::iter(batches)
        .map(move |batch| run_batch(batch, limits))
        .buffer_unordered(limits.jobs.max(1))
        .flat_map(move |(done, again)| {
            alone
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(again);
            futures::stream::iter(done)
        })
        .chain(
            futures::stream::once(async move {
                std::mem::take(&mut *later.lock().unwrap_or_else(|e| e.into_inner()))
            })
            .flat_map(move |alone| one_per_process(alone, limits)),
        )
        .right_stream()
}

/// Each job in a process of its own, at most `limits.jobs` at once.
fn one_per_process(jobs: Vec<TestJob>, limits: Limits) -> impl Stream<Item = TestResult> {
    futures::stream::iter(jobs)
        .map(move |job| run_one(job, limits))
        .buffer_unordered(limits.jobs.max(1))
}

/// What a batch's process said of one of its tests.
#[derive(Debug, Clone, PartialEq)]
enum Batched {
    /// `ok`, this long after it started.
    Passed(Duration),
    /// `FAILED`, this long after it started: its panic, in the report libtest
    /// writes once every test has run, is its outcome ([`failure_of`]).
    Failed(Duration),
    /// Failed, read from that report, as a process of its own would have.
    FailedWith(Outcome, Duration),
    /// Still running at its own limit: the process was killed.
    TimedOut,
    /// Still running after [`SLOW`], before its limit: the process was killed.
    Slow,
    /// Anything else: it runs again alone.
    Alone,
}

/// How much of a batch's output is kept to read its failures from; a batch
/// that prints more sends its failed tests to run alone.
const BATCH_OUTPUT_CAP: usize = 8 << 20;

/// Runs `jobs`, tests of one executable, in as few processes as they let:
/// the results that stand, and the jobs that must run alone.
async fn run_batch(jobs: Vec<TestJob>, limits: Limits) -> (Vec<TestResult>, Vec<TestJob>) {
    let (mut done, mut alone) = (Vec::new(), Vec::new());
    let mut pending = jobs;
    // Failures that were not the first of their exercise in their process:
    // they run again, in rounds that hold one test of each exercise (see
    // `next_round`).
    let mut suspects = Vec::new();
    loop {
        if pending.len() <= 1 {
            alone.append(&mut pending);
            pending = next_round(&mut suspects);
            if pending.len() <= 1 {
                // One test alone gains nothing from a batch.
                alone.append(&mut pending);
                alone.append(&mut suspects);
                break;
            }
        }
        let Ok(said) = batch_process(&pending, limits).await else {
            // It could not start: each test alone says why.
            alone.append(&mut pending);
            alone.append(&mut suspects);
            break;
        };
        // An exercise with a test that was slow or hung: its tests that had
        // not started run alone, at once, with the slow one.
        let slow: HashSet<String> = pending
            .iter()
            .filter(|job| matches!(said.get(&job.name), Some(Batched::Slow | Batched::TimedOut)))
            .map(|job| job.exercise.clone())
            .collect();
        // The first test of each exercise that ran in this process (libtest
        // runs them in the order of their names). A later one ran after its
        // exercise's code had been called in the same process, and a
        // learner's code can keep state there (a total in a `static`): its
        // failure is its own only if it fails again as the first of its
        // exercise, as it would in a process of its own (a realistic class:
        // 2 of 2,730 verdicts differed without this).
        let mut first_of: HashMap<&str, &str> = HashMap::new();
        for job in pending.iter().filter(|job| said.contains_key(&job.name)) {
            let first = first_of.entry(job.exercise.as_str()).or_insert(&job.name);
            if job.name.as_str() < *first {
                *first = &job.name;
            }
        }
        // Each exercise's first test, by name, owned: `pending` is taken below.
        let first_of: HashMap<String, String> = first_of
            .into_iter()
            .map(|(exercise, name)| (exercise.to_owned(), name.to_owned()))
            .collect();
        let mut now = Vec::new();
        let mut rest = Vec::new();
        for job in std::mem::take(&mut pending) {
            let first = first_of.get(&job.exercise) == Some(&job.name);
            match said.get(&job.name) {
                Some(Batched::Passed(duration)) => done.push(TestResult {
                    job,
                    outcome: Outcome::Passed,
                    duration: *duration,
                }),
                Some(Batched::FailedWith(outcome, duration)) if first => done.push(TestResult {
                    job,
                    outcome: outcome.clone(),
                    duration: *duration,
                }),
                Some(Batched::FailedWith(..)) => suspects.push(job),
                Some(Batched::TimedOut) => done.push(TestResult {
                    job,
                    outcome: Outcome::TimedOut,
                    duration: limits.time,
                }),
                Some(Batched::Alone | Batched::Failed(_)) => alone.push(job),
                Some(Batched::Slow) => now.push(job),
                None if slow.contains(&job.exercise) => now.push(job),
                // Not started: the process ended before it.
                None => rest.push(job),
            }
        }
        if !now.is_empty() {
            let results: Vec<TestResult> = futures::stream::iter(now)
                .map(|job| run_one(job, limits))
                .buffer_unordered(SUSPECTS_AT_ONCE)
                .collect()
                .await;
            done.extend(results);
        }
        if said.is_empty() {
            // Nothing started at all: no second try as a batch.
            alone.extend(rest);
            alone.append(&mut suspects);
            return (done, alone);
        }
        pending = rest;
    }
    (done, alone)
}

/// The next round of `suspects` to run again: one test of each exercise,
/// taken out of `suspects`. In a round every test is the first of its
/// exercise to run in its process, so its verdict is its own, as alone: an
/// exercise whose tests all fail (a stub, a mistake) costs a process per
/// test of that exercise, shared with the other exercises', not one per
/// test of the executable.
fn next_round(suspects: &mut Vec<TestJob>) -> Vec<TestJob> {
    let mut taken = HashSet::new();
    let (round, rest): (Vec<TestJob>, Vec<TestJob>) = std::mem::take(suspects)
        .into_iter()
        .partition(|job| taken.insert(job.exercise.clone()));
    *suspects = rest;
    round
}

/// Runs `jobs` (two or more, of one executable) in one confined process, one
/// test after the other, and reads what libtest says of each as it says it:
/// `test NAME ... ` when a test starts, then `ok` when it passed. A test still
/// running at its own time limit is timed out and the process killed; tests
/// it had not started yet are not in the answer.
async fn batch_process(jobs: &[TestJob], limits: Limits) -> Result<HashMap<String, Batched>> {
    let first = &jobs[0];
    let names = jobs.iter().map(|job| job.name.as_str());
    // The scratch folder is removed, with whatever the tests wrote there,
    // when this function returns.
    let (mut child, group, _scratch) = start(first, names, Stdio::null(), limits)?;
    let mut stdout = child.stdout.take().expect("stdout is piped");

    let mut reader = BatchReader::new(jobs.iter().map(|job| job.name.as_str()));
    let mut chunk = vec![0; 16 * 1024];
    let mut quiet_since = tokio::time::Instant::now();
    let mut gone: Option<tokio::time::Instant> = None;
    // Whether the output was read to its end, the process gone by itself.
    let mut finished = false;
    loop {
        // The running test's limit; between tests, the harness's own time is
        // bounded the same way; once the process is gone, its grace.
        let until = match (gone, &reader.running) {
            (Some(at), _) => at + GRACE,
            (None, Some((_, since))) => *since + limits.time.min(SLOW),
            (None, None) => quiet_since + limits.time,
        };
        tokio::select! {
            read = stdout.read(&mut chunk) => match read {
                Ok(0) | Err(_) => {
                    finished = true;
                    break;
                }
                Ok(n) => {
                    reader.feed(&chunk[..n], tokio::time::Instant::now());
                    quiet_since = tokio::time::Instant::now();
                }
            },
            _ = child.wait(), if gone.is_none() => gone = Some(tokio::time::Instant::now()),
            () = tokio::time::sleep_until(until) => {
                // A test still running when the process is gone is judged
                // from what is left of its output, not here.
                let running = if gone.is_none() { reader.running.take() } else { None };
                if let Some((name, since)) = running {
                    // Its whole limit, or only long enough to be sent alone.
                    let said = if since.elapsed() >= limits.time {
                        Batched::TimedOut
                    } else {
                        Batched::Slow
                    };
                    reader.said.insert(name, said);
                }
                break;
            }
        }
    }
    // Whatever happened, nothing the tests started may outlive them.
    drop(group);
    let _ = child.wait().await;
    // A test still running when the process ended crashed it, or exited it.
    if let Some((name, _)) = reader.running.take() {
        reader.said.insert(name, Batched::Alone);
    }
    // libtest reports failures once every test has run: only a process that
    // ran to its end has that report, and only a panic read there is taken
    // as the outcome (anything else runs alone, to be judged exactly).
    let failed: Vec<String> = reader
        .said
        .iter()
        .filter(|(_, said)| matches!(said, Batched::Failed(_)))
        .map(|(name, _)| name.clone())
        .collect();
    for name in &failed {
        let Some(Batched::Failed(duration)) = reader.said.get(name).cloned() else {
            continue;
        };
        let job = jobs
            .iter()
            .find(|job| job.name == *name)
            .expect("a job of the batch");
        let outcome = (finished && !reader.overflowed)
            .then(|| failure_of(job, limits, &reader.all, &failed))
            .flatten();
        let said = match outcome {
            Some(outcome) => Batched::FailedWith(outcome, duration),
            None => Batched::Alone,
        };
        reader.said.insert(name.clone(), said);
    }
    Ok(reader.said)
}

/// The outcome of `job`'s test, which failed in a batch whose whole output is
/// `all` (`failed` names every test that failed there), as a process of its
/// own would have ended: libtest's report of its failure, read from between
/// its `---- NAME stdout ----` and the next test's or the final list, put in
/// the output that process would have written, then judged as that output
/// is. `None` unless that report is there once and holds a panic.
fn failure_of(job: &TestJob, limits: Limits, all: &str, failed: &[String]) -> Option<Outcome> {
    let report = libtest::failure_in_batch(all, &job.name, failed)?;
    let stdout = libtest::failed_alone(&job.name, report);
    // libtest's exit status when a test failed.
    let status = os::exited(101);
    Some(judge(job, limits, status, stdout, String::new()))
}

/// Reads libtest's lines as they arrive, one test at a time.
struct BatchReader {
    /// The names asked for and not yet seen to start.
    waiting: HashSet<String>,
    /// The test started and not finished, and when it started.
    running: Option<(String, tokio::time::Instant)>,
    /// What was said of each test that finished.
    said: HashMap<String, Batched>,
    /// Text not yet understood: the start of a line.
    text: String,
    /// Everything read, up to [`BATCH_OUTPUT_CAP`].
    all: String,
    /// Whether more than that was read.
    overflowed: bool,
}

impl BatchReader {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> BatchReader {
        BatchReader {
            waiting: names.map(str::to_owned).collect(),
            running: None,
            said: HashMap::new(),
            text: String::new(),
            all: String::new(),
            overflowed: false,
        }
    }

    /// Takes in `bytes` of the process's output, read at `now`.
    fn feed(&mut self, bytes: &[u8], now: tokio::time::Instant) {
        let read = String::from_utf8_lossy(bytes);
        if self.all.len() + read.len() <= BATCH_OUTPUT_CAP {
            self.all.push_str(&read);
        } else {
            self.overflowed = true;
        }
        self.text.push_str(&read);
        loop {
            if let Some((name, since)) = &self.running {
                // Its verdict is the rest of the line: `ok`, and nothing else,
                // is a pass; anything a test printed there sends it to run alone.
                let Some(end) = self.text.find('\n') else {
                    return;
                };
                let verdict = match &self.text[..end] {
                    "ok" => Batched::Passed(now.duration_since(*since)),
                    "FAILED" => Batched::Failed(now.duration_since(*since)),
                    _ => Batched::Alone,
                };
                self.said.insert(name.clone(), verdict);
                self.running = None;
                self.text.drain(..=end);
                continue;
            }
            // At the start of a line: a test that starts, or a line to pass over.
            let starts = libtest::test_starts(&self.text)
                .filter(|(name, _)| self.waiting.contains(*name))
                .map(|(name, verdict_at)| (name.to_owned(), verdict_at));
            if let Some((name, verdict_at)) = starts {
                self.waiting.remove(&name);
                self.text.drain(..verdict_at);
                self.running = Some((name, now));
                continue;
            }
            match self.text.find('\n') {
                Some(end) => {
                    self.text.drain(..=end);
                }
                None => return,
            }
        }
    }
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

/// Starts `job`'s test executable on the tests `names`, one after the other
/// (`--test-threads 1`), in its own process group and in the cell [`os`]
/// makes for it; stdout is piped, stderr as asked. Every process the grader
/// runs a test in starts here.
fn start<'a>(
    job: &TestJob,
    names: impl IntoIterator<Item = &'a str>,
    stderr: Stdio,
    limits: Limits,
) -> Result<(tokio::process::Child, Option<Group>, os::Scratch)> {
    let mut command = Command::new(&job.binary);
    command
        .args(["--test-threads", "1", "--exact"])
        .args(names)
        .current_dir(&job.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .kill_on_drop(true);
    os::own_group(&mut command);
    let executables = job.binary.parent().unwrap_or(&job.binary);
    let scratch = os::confine(
        &mut command,
        limits.confinement,
        &[&job.course, executables],
        limits.memory,
    )?;
    let child = command
        .spawn()
        .with_context(|| format!("cannot start {}", job.binary.display()))?;
    PROCESSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let group = Group::track(&child, limits.memory);
    Ok((child, group, scratch))
}

async fn spawn_and_wait(job: &TestJob, limits: Limits) -> Result<Outcome> {
    // The scratch folder is removed, with whatever the test wrote there,
    // when this function returns.
    let (mut child, group, _scratch) = start(job, [job.name.as_str()], Stdio::piped(), limits)?;
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
            // Its group is gone; the process itself too, even where it had
            // none (a system that refused to make one).
            let _ = child.start_kill();
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
        libtest::insta::for_learner(&stdout),
        libtest::insta::for_learner(&stderr),
    );
    // Judge by the harness's own summary as well as the exit code: a test that
    // calls `process::exit(0)` exits cleanly without ever passing. (The
    // `test NAME ... ok` line is no proof: a test's own output may land in
    // it.) The summary must be the last thing printed, and printed once.
    if status.success() && libtest::passed_alone(&stdout) {
        return Outcome::Passed;
    }
    let panic = libtest::panicked(&stdout).then(|| libtest::clean_failure(&stdout, &job.name));
    let mut output = stdout;
    if !stderr.trim().is_empty() {
        output.push_str("\n--- stderr ---\n");
        output.push_str(&stderr);
    }
    // What went wrong, when the process says it in a way a learner may not read.
    let signal = os::signal_of(&status);
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
    use crate::model::report::TestReport;

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

    #[test]
    fn failures_run_again_in_rounds_of_one_test_per_exercise() {
        let job = |exercise: &str, name: &str| TestJob {
            exercise: exercise.into(),
            ..nowhere(name)
        };
        let mut suspects = vec![
            job("echo", "echo::a"),
            job("echo", "echo::b"),
            job("echo", "echo::c"),
            job("grep", "grep::a"),
            job("grep", "grep::b"),
            job("fused", "fused::a"),
        ];
        let names = |round: Vec<TestJob>| round.into_iter().map(|j| j.name).collect::<Vec<_>>();
        assert_eq!(
            names(next_round(&mut suspects)),
            ["echo::a", "grep::a", "fused::a"]
        );
        assert_eq!(names(next_round(&mut suspects)), ["echo::b", "grep::b"]);
        assert_eq!(names(next_round(&mut suspects)), ["echo::c"]);
        assert!(next_round(&mut suspects).is_empty() && suspects.is_empty());
    }

    /// A job for judging output only: nothing is ever started from it.
    fn nowhere(name: &str) -> TestJob {
        TestJob {
            exercise: "e".into(),
            name: name.into(),
            binary: "/nowhere".into(),
            dir: "/nowhere".into(),
            course: "/nowhere".into(),
        }
    }

    fn judged(status: std::process::ExitStatus, stdout: &str, stderr: &str) -> Outcome {
        let job = nowhere("t");
        let limits = Limits {
            time: Duration::from_secs(1),
            jobs: 1,
            memory: Some(1 << 30),
            confinement: Confinement {
                files: true,
                network: true,
                processes: true,
                unprivileged: true,
            },
        };
        judge(&job, limits, status, stdout.into(), stderr.into())
    }

    #[test]
    fn a_batch_is_read_test_by_test_as_libtest_says_it() {
        let start = tokio::time::Instant::now();
        let mut reader = BatchReader::new(["a::one", "a::two", "a::three", "a::four"].into_iter());
        reader.feed(b"\nrunning 4 tests\ntest a::one ... ", start);
        assert_eq!(
            reader.running.as_ref().map(|(n, _)| n.as_str()),
            Some("a::one")
        );
        let later = start + Duration::from_millis(30);
        reader.feed(b"ok\ntest a::two ... FAILED\ntest a::th", later);
        assert_eq!(
            reader.said.get("a::one"),
            Some(&Batched::Passed(Duration::from_millis(30)))
        );
        assert_eq!(
            reader.said.get("a::two"),
            Some(&Batched::Failed(Duration::ZERO))
        );
        assert!(reader.running.is_none(), "a::three's line is not whole yet");
        // A test's own output on its line is no verdict: it runs alone.
        reader.feed(b"ree ... printed\nok\ntest a::four ... ", later);
        assert_eq!(reader.said.get("a::three"), Some(&Batched::Alone));
        assert_eq!(
            reader.running.as_ref().map(|(n, _)| n.as_str()),
            Some("a::four")
        );
        // A name seen once is not started again by a test that prints it.
        reader.feed(b"ok\n\nfailures:\ntest a::one ... ok\n", later);
        assert_eq!(reader.said.len(), 4);
        assert!(reader.running.is_none());
    }

    #[test]
    fn a_failure_read_from_a_batch_is_the_one_its_own_process_reports() {
        let limits = Limits {
            time: Duration::from_secs(1),
            jobs: 1,
            memory: None,
            confinement: Confinement::default(),
        };
        let report = |name: &str, said: &str| {
            format!(
                "\nthread '{name}' (7) panicked at tests/t.rs:3:5:\n{said}\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n"
            )
        };
        let batch = format!(
            "\nrunning 3 tests\ntest a ... FAILED\ntest b ... ok\ntest c ... FAILED\n\nfailures:\n\n\
             ---- a stdout ----\n{}\n---- c stdout ----\n{}\n\nfailures:\n    a\n    c\n\n\
             test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\n",
            report("a", "must yield 1"),
            report("c", "must yield 3"),
        );
        let failed = ["a".to_owned(), "c".to_owned()];
        for (name, said) in [("a", "must yield 1"), ("c", "must yield 3")] {
            let alone = format!(
                "\nrunning 1 test\ntest {name} ... FAILED\n\nfailures:\n\n---- {name} stdout ----\n{}\n\n\
                 failures:\n    {name}\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; \
                 2 filtered out; finished in 0.00s\n\n",
                report(name, said)
            );
            let status = os::exited(101);
            let own = judge(&nowhere(name), limits, status, alone, String::new());
            let read = failure_of(&nowhere(name), limits, &batch, &failed).expect("a panic");
            let message = |outcome: &Outcome| {
                TestReport {
                    name: name.into(),
                    outcome: outcome.clone(),
                    duration: Duration::ZERO,
                }
                .message()
            };
            assert_eq!(read.cause(), Some(&Cause::Panicked));
            assert_eq!(message(&read), message(&own), "{name}");
            assert_eq!(
                message(&read).as_deref(),
                Some(format!("panicked at tests/t.rs:3:5:\n{said}").as_str())
            );
        }
        // No panic in the report (a test that returned an `Err`): it runs alone.
        let returned = batch.replace(&report("a", "must yield 1"), "\nError: \"no\"\n");
        assert_eq!(failure_of(&nowhere("a"), limits, &returned, &failed), None);
    }

    const PASSED: &str = "\nrunning 1 test\ntest t ... ok\n\ntest result: ok. 1 passed; 0 failed; \
                          0 ignored; 0 measured; 3 filtered out; finished in 0.00s\n\n";

    #[test]
    fn passes_only_on_a_clean_exit_whose_last_words_are_the_harness_summary() {
        assert_eq!(judged(os::exited(0), PASSED, ""), Outcome::Passed);
        let printed_after = format!("{PASSED}more output\n");
        assert_eq!(
            judged(os::exited(0), &printed_after, "").cause(),
            Some(&Cause::NoVerdict)
        );
        let twice = format!("{PASSED}{PASSED}");
        assert_eq!(
            judged(os::exited(0), &twice, "").cause(),
            Some(&Cause::NoVerdict)
        );
    }

    #[test]
    fn names_the_cause_and_keeps_the_panic_apart_from_the_output() {
        let stdout = "\nrunning 1 test\ntest t ... FAILED\n\nfailures:\n\n---- t stdout ----\n\
                      \nthread 't' (7) panicked at tests/t.rs:3:5:\nmust yield 1\n\nfailures:\n    t\n\n\
                      test result: FAILED. 0 passed; 1 failed\n";
        let Outcome::Failed { cause, panic, .. } = judged(os::exited(101), stdout, "") else {
            panic!("a failure");
        };
        assert_eq!(cause, Cause::Panicked);
        assert_eq!(
            panic.as_deref(),
            Some("panicked at tests/t.rs:3:5:\nmust yield 1")
        );
        assert_eq!(
            judged(os::exited(3), "", "").cause(),
            Some(&Cause::ExitCode { code: 3 })
        );
        #[cfg(unix)]
        {
            use os::test_signals::{ABORT, killed_by};
            assert_eq!(
                judged(killed_by(ABORT), "", "").cause(),
                Some(&Cause::Signal { signal: ABORT })
            );
        }
        let denied = stdout.replace("must yield 1", "Permission denied (os error 13)");
        assert!(matches!(
            judged(os::exited(101), &denied, "").cause(),
            Some(Cause::StoppedByIsolation { .. })
        ));
    }
}
