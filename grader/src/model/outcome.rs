//! How a test ended, and why: what the run stage finds and every later
//! stage reads.

use std::path::PathBuf;
use std::time::Duration;

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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
                crate::os::signal_name(*signal)
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

/// One compiler error, as cargo rendered it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The file the error points at, relative to the course root.
    pub file: Option<PathBuf>,
    /// The error as rustc prints it, without colour; when no stub could stand
    /// in for the file that broke the section, first the grader's note of it.
    pub rendered: String,
}
