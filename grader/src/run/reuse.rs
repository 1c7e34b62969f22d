//! A learner's `cargo grade` runs again only the tests that could give
//! another answer: those whose test executable changed since the last grade.
//!
//! Between two grades a learner changes one exercise, two at most. That
//! relinks every test executable of its section (they all link the section's
//! library), but the other sections' executables are the very same files,
//! and their tests, on paused virtual time with a fixed seed, give the same
//! verdict again. So
//! each grade keeps, in the grader's folder (`target/grader/results.json`),
//! every exercise's tests and verdicts under a key: the executable (its
//! path, size and modification time, which cargo changes whenever it links
//! it again), the section's test files and snapshots (which a test reads as
//! it runs), the limits the tests ran under, and the grader itself. A grade
//! whose key matches takes the verdicts from there instead of running the
//! tests.
//!
//! Only verdicts that do not depend on the moment are kept: a pass, and a
//! failure with a panic (an assertion, a `todo!()`). A timeout, a signal, a
//! test stopped by the sandbox or by a memory limit runs again every time.
//! `r` in watch grades afresh, reusing nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::run::runner::Limits;

use crate::model::outcome::{Cause, Outcome};

/// The file's name in the grader's folder.
pub const FILE: &str = "results.json";

/// What identifies one executable's run: if any part differs, its tests run.
pub fn key(binary: &Path, tests_dir: &Path, limits: &Limits) -> Option<String> {
    let meta = std::fs::metadata(binary).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let grader = std::env::current_exe()
        .and_then(std::fs::metadata)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    let mut hash = Sha256::new();
    hash.update(format!(
        "{}\n{}\n{}\n{:?} {:?} {:?}\n{}\n",
        binary.display(),
        meta.len(),
        modified.as_nanos(),
        limits.time,
        limits.memory,
        limits.confinement,
        grader.as_nanos(),
    ));
    // What the tests read as they run: their own files and snapshots.
    let mut files: Vec<PathBuf> = walk(tests_dir);
    files.sort();
    for file in files {
        hash.update(file.display().to_string());
        hash.update(std::fs::read(&file).ok()?);
    }
    Some(format!("{:x}", hash.finalize()))
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => files.extend(walk(&path)),
            Ok(kind) if kind.is_file() => files.push(path),
            _ => {}
        }
    }
    files
}

/// One test's verdict, as kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kept {
    pub name: String,
    /// `None` for a pass; the panic's message for a failure.
    pub panic: Option<String>,
    pub output: String,
    pub duration_ms: u64,
}

impl Kept {
    /// The verdict to keep, when it does not depend on the moment.
    pub fn of(name: &str, outcome: &Outcome, duration: Duration) -> Option<Kept> {
        let (panic, output) = match outcome {
            Outcome::Passed => (None, String::new()),
            Outcome::Failed {
                cause: Cause::Panicked,
                panic: Some(panic),
                output,
            } => (Some(panic.clone()), output.clone()),
            _ => return None,
        };
        Some(Kept {
            name: name.to_owned(),
            panic,
            output,
            duration_ms: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX),
        })
    }

    pub fn outcome(&self) -> Outcome {
        match &self.panic {
            None => Outcome::Passed,
            Some(panic) => Outcome::Failed {
                cause: Cause::Panicked,
                panic: Some(panic.clone()),
                output: self.output.clone(),
            },
        }
    }

    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms)
    }
}

/// The verdicts of the last grades, by executable.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Results {
    /// Executable path → (key, its tests in listed order).
    executables: BTreeMap<PathBuf, (String, Vec<Kept>)>,
}

impl Results {
    /// The kept results in `dir`; none when there are none or they cannot be read.
    pub fn load(dir: &Path) -> Results {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// The tests of `binary` as last run, if `key` is still theirs.
    pub fn get(&self, binary: &Path, key: &str) -> Option<&[Kept]> {
        let (kept_key, tests) = self.executables.get(binary)?;
        (kept_key == key).then_some(tests.as_slice())
    }

    /// Keeps `tests` for `binary` under `key`, or forgets the executable when
    /// one of them has a verdict that is not kept.
    pub fn put(&mut self, binary: &Path, key: String, tests: Option<Vec<Kept>>) {
        match tests {
            Some(tests) => {
                self.executables.insert(binary.to_path_buf(), (key, tests));
            }
            None => {
                self.executables.remove(binary);
            }
        }
    }

    /// Writes the results to `dir`. A failure only costs the next grade its
    /// reuse, so it is not an error.
    pub fn save(&self, dir: &Path) {
        let bytes = serde_json::to_vec(self).ok();
        if let Some(bytes) = bytes.filter(|_| std::fs::create_dir_all(dir).is_ok()) {
            let _ = crate::os::write_atomically(&dir.join(FILE), &bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_verdicts_that_do_not_depend_on_the_moment_are_kept() {
        let second = Duration::from_secs(1);
        assert!(Kept::of("t", &Outcome::Passed, second).is_some());
        let panicked = Outcome::Failed {
            cause: Cause::Panicked,
            panic: Some("assertion failed".into()),
            output: "out".into(),
        };
        let kept = Kept::of("t", &panicked, second).expect("a panic is kept");
        assert_eq!(kept.outcome(), panicked);
        assert_eq!(kept.duration(), second);
        assert!(Kept::of("t", &Outcome::TimedOut, second).is_none());
        let signal = Outcome::Failed {
            cause: Cause::Signal { signal: 9 },
            panic: None,
            output: String::new(),
        };
        assert!(Kept::of("t", &signal, second).is_none());
    }

    #[test]
    fn a_changed_executable_or_test_file_changes_the_key() {
        let dir = tempfile::tempdir().expect("a folder");
        let binary = dir.path().join("exe");
        let tests = dir.path().join("tests");
        std::fs::create_dir_all(tests.join("snapshots")).expect("mkdir");
        std::fs::write(&binary, "one").expect("write");
        std::fs::write(tests.join("snapshots/a.snap"), "1").expect("write");
        let limits = Limits {
            time: Duration::from_secs(10),
            jobs: 2,
            memory: None,
            confinement: crate::os::settle(crate::os::Isolation::Off, Path::new("."))
                .expect("off settles"),
        };
        let first = key(&binary, &tests, &limits).expect("a key");
        assert_eq!(key(&binary, &tests, &limits), Some(first.clone()));
        std::fs::write(tests.join("snapshots/a.snap"), "2").expect("write");
        let second = key(&binary, &tests, &limits).expect("a key");
        assert_ne!(first, second, "a snapshot changed");
        std::fs::write(&binary, "two!").expect("write");
        assert_ne!(
            key(&binary, &tests, &limits),
            Some(second),
            "the executable changed"
        );
    }
}
