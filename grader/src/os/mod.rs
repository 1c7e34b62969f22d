//! The grader's one door to the operating system: every call that differs
//! between Linux, macOS and Windows is made here, and nowhere else in
//! `grader/src` (a test in `tests/tests/os_door.rs` keeps it so). What is
//! above this module asks for a test's cell, a process group, a file lock or
//! a word when the learner presses Ctrl-C, and gets what this system offers.
//!
//! What each system gives a test process (every report says which walls
//! stood, in [`Confinement::summary`]):
//!
//! | | Linux | macOS, other unix | Windows |
//! |---|---|---|---|
//! | files, network | Landlock, a network namespace (`linux.rs`) | not confined | not confined |
//! | what it starts | a PID namespace: all of it dies with the test | a process group, killed whole at the end and at the time limit | a Job Object, killed whole at the end and at the time limit |
//! | memory | `RLIMIT_AS` | `RLIMIT_AS` where the kernel honours it | the job's per-process memory limit |
//! | processes | `RLIMIT_NPROC` in its namespace | not bounded (see `unix.rs`) | the job's active-process limit |
//! | user, when the grader is root | `nobody` | root | the grader's own account |
//! | the build of a submission | Landlock: reads the course, cargo's home, the toolchain; writes its target | not confined | not confined |
//! | core files | none (`RLIMIT_CORE` 0) | none | no crash dialog (the job's "die on unhandled exception") |
//!
//! On every system: a scratch folder of its own as its home and temporary
//! folder, an environment of listed variables only, output read with the
//! same bounds (the runner's), and Ctrl-C ending everything the grader
//! started. Off Linux, every report says the tests were not isolated.
//!
//! The parts: this file holds what every system shares (the words, the
//! scratch folders, the environment); `unix.rs` the process groups, signals
//! and file locks of every unix, and the limits of a unix that is not Linux;
//! `linux.rs` Landlock and the namespaces; `windows.rs` Job Objects, the
//! console's Ctrl-C and file locks; `walls.rs` the walls as data.
//!
//! May import: nothing of the grader: every stage stands on this one.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tokio::process::Command;

#[cfg(target_os = "linux")]
mod linux;
#[cfg(unix)]
mod unix;
mod walls;
#[cfg(windows)]
mod windows;

#[cfg(unix)]
use unix as platform;
#[cfg(windows)]
use windows as platform;

pub use walls::{Confinement, Isolation};

pub use platform::{Group, kill_all_groups, lock, on_interrupt, own_group, signal_name, signal_of};

/// What this system offers, probed once per grader process (on Linux; no
/// wall elsewhere).
pub fn available() -> Confinement {
    #[cfg(target_os = "linux")]
    return linux::available();
    #[cfg(not(target_os = "linux"))]
    return Confinement::default();
}

/// `confinement` as it held for the tests that ran: a grader run as root
/// meant to run them as an unprivileged user, but one whose course or test
/// program that user could not reach ran as root, and its report says so.
pub fn as_ran(confinement: Confinement) -> Confinement {
    #[cfg(target_os = "linux")]
    if linux::ran_as_root() {
        return Confinement {
            unprivileged: false,
            ..confinement
        };
    }
    confinement
}

/// The confinement a run uses for `request` on the course at `course`, or an
/// error when isolation is required and this system cannot give all of it.
pub fn settle(request: Isolation, course: &Path) -> Result<Confinement> {
    match request {
        Isolation::Off => Ok(Confinement::default()),
        Isolation::Auto => Ok(available()),
        Isolation::Required => {
            let available = available();
            #[cfg(not(target_os = "linux"))]
            anyhow::ensure!(
                available.complete(),
                "--isolation required, but tests can be isolated only on Linux (Landlock \
                 and user namespaces); on {} they run with your own rights",
                std::env::consts::OS
            );
            anyhow::ensure!(
                available.complete(),
                "--isolation required, but this system cannot confine tests' {} \
                 (Landlock: {}; unprivileged user namespaces: {})",
                available.missing().join(", "),
                if available.files { "yes" } else { "no" },
                if available.network { "yes" } else { "no" },
            );
            // A grader run as root drops each test to an unprivileged user,
            // but runs as root a test whose course that user cannot reach.
            #[cfg(target_os = "linux")]
            anyhow::ensure!(
                linux::tests_can_drop(course),
                "--isolation required, but the tests would run as root: the user they \
                 drop to (nobody) cannot reach {}; put the course where every user may \
                 read it (as /autograder is)",
                course.display()
            );
            #[cfg(not(target_os = "linux"))]
            let _ = course;
            Ok(available)
        }
    }
}

/// A test's scratch folder, removed with everything in it when dropped.
#[derive(Debug)]
pub struct Scratch(tempfile::TempDir);

/// The scratch folders of the tests running now, so that an interrupted
/// grader, which exits without dropping them, still removes them.
static SCRATCH: std::sync::Mutex<std::collections::BTreeSet<PathBuf>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

impl Scratch {
    fn new() -> Result<Scratch> {
        let dir = tempfile::Builder::new()
            .prefix("grader-test-")
            .tempdir()
            .context("cannot create a scratch folder for a test")?;
        SCRATCH
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.path().to_path_buf());
        Ok(Scratch(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        SCRATCH
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(self.0.path());
    }
}

/// Kills every process group (every job, on Windows) the grader started, and
/// removes their tests' scratch folders: the grader is being interrupted.
pub fn kill_all() {
    kill_all_groups();
    let running = std::mem::take(&mut *SCRATCH.lock().unwrap_or_else(|e| e.into_inner()));
    for dir in running {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Makes `command` run its test confined by `confinement`: a fresh scratch
/// folder, an environment of listed variables only, `readable` folders (the
/// course's root first, then its build output) readable, and the walls of
/// `confinement` up. `memory` bounds the test's memory (on Windows, through
/// the job that [`Group::track`] makes).
pub fn confine(
    command: &mut Command,
    confinement: Confinement,
    readable: &[&Path],
    memory: Option<u64>,
) -> Result<Scratch> {
    let scratch = Scratch::new()?;
    command.env_clear();
    for (key, value) in environment(scratch.path(), readable.first().copied()) {
        command.env(key, value);
    }
    #[cfg(target_os = "linux")]
    linux::confine(command, confinement, readable, scratch.path(), memory)?;
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        let _ = (confinement, readable);
        unix::limit(command, memory);
    }
    #[cfg(windows)]
    let _ = (confinement, readable, memory);
    Ok(scratch)
}

/// Confines the build of submitted code (`command` is cargo, building the
/// working copy `course` into `target`): on Linux, Landlock lets it read the
/// course, cargo's home and the toolchain and write only `target`. Returns
/// whether it is confined (elsewhere, and without Landlock, it is not).
pub fn confine_build(command: &mut Command, course: &Path, target: &Path) -> Result<bool> {
    #[cfg(target_os = "linux")]
    return linux::confine_build(command, course, target);
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (command, course, target);
        Ok(false)
    }
}

/// The variables a test takes from the grader's environment: what locale
/// and tools need, and on Windows what the system itself needs to start a
/// program and open a socket (`SystemRoot` above all).
#[cfg(unix)]
const PASSED_ON: &[&str] = &["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ"];
#[cfg(windows)]
const PASSED_ON: &[&str] = &[
    "PATH",
    "PATHEXT",
    "SystemRoot",
    "SystemDrive",
    "windir",
    "ComSpec",
    "NUMBER_OF_PROCESSORS",
    "PROCESSOR_ARCHITECTURE",
    "TZ",
];

/// The variables that name a test's home and temporary folder: its scratch
/// folder, on each system under that system's names.
#[cfg(unix)]
const SCRATCH_NAMES: &[&str] = &["HOME", "TMPDIR"];
#[cfg(windows)]
const SCRATCH_NAMES: &[&str] = &["USERPROFILE", "TEMP", "TMP"];

/// The variables a test sees: the few [`PASSED_ON`], its scratch folder as
/// home and temporary folder, and what keeps a test's verdict the course's
/// (insta never writes a snapshot, nor runs cargo to find the workspace; no
/// colour codes).
fn environment(scratch: &Path, course: Option<&Path>) -> Vec<(OsString, OsString)> {
    let mut variables: Vec<(OsString, OsString)> = PASSED_ON
        .iter()
        .filter_map(|key| Some((key.into(), std::env::var_os(key)?)))
        .collect();
    for key in SCRATCH_NAMES {
        variables.push((key.into(), scratch.into()));
    }
    let fixed = [
        ("INSTA_UPDATE", "no"),
        ("INSTA_OUTPUT", "diff"),
        ("RUST_BACKTRACE", "0"),
        ("NO_COLOR", "1"),
    ];
    variables.extend(fixed.map(|(key, value)| (key.into(), value.into())));
    if let Some(course) = course {
        variables.push(("INSTA_WORKSPACE_ROOT".into(), course.into()));
    }
    variables
}

/// Lets others read the file `builder` makes (tempfile's own mode is private,
/// 0600, on unix; a report is read by a CI's uploader or a web server).
/// Windows files inherit their folder's access list: nothing to do there.
pub fn readable_by_others(builder: &mut tempfile::Builder<'_, '_>) {
    #[cfg(unix)]
    unix::readable_by_others(builder);
    #[cfg(windows)]
    let _ = builder;
}

/// Whether a file was written for others to read as [`readable_by_others`]
/// makes it (mode 0644 on unix), for tests.
#[cfg(test)]
pub(crate) fn others_may_read(path: &Path) -> bool {
    #[cfg(unix)]
    return std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(path).expect("written").permissions(),
    ) & 0o777
        == 0o644;
    #[cfg(windows)]
    return path.is_file();
}

/// Makes a symbolic link at `link` to `original`, for the tests of code that
/// must never follow one.
#[cfg(test)]
pub(crate) fn symlink(original: &Path, link: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    return std::os::unix::fs::symlink(original, link);
    #[cfg(windows)]
    return if original.is_dir() {
        std::os::windows::fs::symlink_dir(original, link)
    } else {
        std::os::windows::fs::symlink_file(original, link)
    };
}

/// The exit status of a process that exited with `code`: for tests, and for
/// a test judged from a batch's output as its own process would have ended.
pub(crate) fn exited(code: i32) -> std::process::ExitStatus {
    #[cfg(unix)]
    return std::os::unix::process::ExitStatusExt::from_raw(code << 8);
    #[cfg(windows)]
    return std::os::windows::process::ExitStatusExt::from_raw(code as u32);
}

#[cfg(all(test, unix))]
pub(crate) use unix::test_signals;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_plainly_what_was_not_confined() {
        assert!(
            Confinement::default()
                .summary()
                .starts_with("Tests were NOT isolated")
        );
        let partial = Confinement {
            files: true,
            network: false,
            processes: false,
            unprivileged: false,
        };
        assert_eq!(
            partial.summary(),
            "Tests were NOT fully isolated: not confined: network, processes, user \
             (tests ran as root). Still confined: Landlock on files (reads of the \
             course only, writes to a scratch folder), a process group killed whole \
             at the end and at the time limit, memory and core-file limits."
        );
        let full = Confinement {
            files: true,
            network: true,
            processes: true,
            unprivileged: true,
        };
        assert!(full.summary().starts_with("Tests were isolated"));
    }

    #[test]
    fn isolation_off_confines_nothing() {
        assert_eq!(
            settle(Isolation::Off, Path::new(".")).unwrap(),
            Confinement::default()
        );
    }

    #[test]
    fn off_linux_no_wall_is_claimed_and_required_isolation_is_refused() {
        if cfg!(target_os = "linux") {
            return;
        }
        assert_eq!(available(), Confinement::default());
        assert!(settle(Isolation::Required, Path::new(".")).is_err());
    }

    #[test]
    fn a_test_sees_its_scratch_folder_as_home_and_temporary_folder() {
        let scratch = Path::new("scratch");
        let variables = environment(scratch, Some(Path::new("course")));
        for name in SCRATCH_NAMES {
            assert!(
                variables.contains(&(name.into(), scratch.into())),
                "{name} in {variables:?}"
            );
        }
        assert!(variables.contains(&("INSTA_UPDATE".into(), "no".into())));
        assert!(variables.contains(&("INSTA_WORKSPACE_ROOT".into(), "course".into())));
    }
}

/// Writes `contents` to `path` so that a reader sees the old file or the new
/// one, never half of one: a temporary file beside it, then a rename, readable
/// by others (a report is read by a CI's uploader, a web server).
pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;

    use anyhow::Context;

    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // A report is read by others: a CI's uploader, a web server for the gradebook.
    let mut builder = tempfile::Builder::new();
    builder.prefix(".grader-");
    readable_by_others(&mut builder);
    let mut file = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(contents)
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    // A failed rename drops the temporary file, which deletes it.
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod writing {
    #[test]
    fn writes_atomically_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("grader-atomic-{}", std::process::id()));
        let path = dir.join("out.json");
        super::write_atomically(&path, b"{}").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "{}");
        assert!(super::others_may_read(&path), "others may read a report");
        assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
        std::fs::remove_dir_all(dir).expect("cleaned up");
    }
}
