//! What every unix shares (Linux, macOS, the BSDs): process groups, so that
//! nothing the grader started outlives it (a finished test's stragglers, a
//! timed-out test, or everything at once when the grader is interrupted);
//! signals; exit statuses; file locks. And, for a unix that is not Linux,
//! the only limits a test gets there (`limit`).

use std::collections::BTreeSet;
use std::sync::Mutex;

use tokio::process::Command;

/// The process groups alive now (their ids are their leaders' pids).
static RUNNING: Mutex<BTreeSet<libc::pid_t>> = Mutex::new(BTreeSet::new());

/// Makes `command` start a process group of its own, which [`Group::track`]
/// then tracks.
pub fn own_group(command: &mut Command) {
    command.process_group(0);
}

/// A process group the grader started. Dropped, it kills the whole group:
/// the process itself if it still runs, and whatever it started.
#[derive(Debug)]
pub struct Group(libc::pid_t);

impl Group {
    /// Tracks the group that `child`, spawned after [`own_group`], leads.
    /// (The memory limit was set before it started: see [`super::confine`].)
    pub fn track(child: &tokio::process::Child, _memory: Option<u64>) -> Option<Group> {
        let pid = libc::pid_t::try_from(child.id()?).ok()?;
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(pid);
        Some(Group(pid))
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        kill(self.0);
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.0);
    }
}

/// Kills every tracked group.
pub fn kill_all_groups() {
    let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
    for &group in running.iter() {
        kill(group);
    }
}

fn kill(group: libc::pid_t) {
    // SAFETY: killpg has no memory-safety preconditions; a group that is
    // already gone makes it fail with ESRCH, which is what we want.
    unsafe {
        libc::killpg(group, libc::SIGKILL);
    }
}

/// Starts a thread that waits for SIGINT, SIGTERM or SIGHUP at any moment
/// (grading, building, or a `watch` waiting for a save) and then calls
/// `handler` with the exit code that says which (128 + the signal).
pub fn on_interrupt(handler: fn(i32) -> !) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("interrupt".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                handler(128 + signal);
            }
        });
}

/// Takes an exclusive lock on `file`, held until the file is closed; when
/// another process holds it, calls `waiting` once, then waits for it.
pub fn lock(file: &std::fs::File, waiting: impl FnOnce()) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    if flock(file, FlockOperation::NonBlockingLockExclusive).is_err() {
        waiting();
        flock(file, FlockOperation::LockExclusive)?;
    }
    Ok(())
}

/// The signal that killed a process, if one did.
pub fn signal_of(status: &std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

/// What a signal that killed a test usually means, in words.
pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGABRT => "aborted",
        libc::SIGSEGV => "segmentation fault, often a stack overflow",
        libc::SIGKILL => "killed",
        libc::SIGBUS => "bus error",
        _ => "an unexpected signal",
    }
}

/// Signal numbers and statuses for the tests of code that judges them.
#[cfg(test)]
pub mod test_signals {
    /// The signal of `abort()`.
    pub const ABORT: i32 = libc::SIGABRT;

    /// The exit status of a process killed by `signal`.
    pub fn killed_by(signal: i32) -> std::process::ExitStatus {
        std::os::unix::process::ExitStatusExt::from_raw(signal)
    }
}

/// Mode 0644 for a file `builder` makes: others may read it.
pub fn readable_by_others(builder: &mut tempfile::Builder<'_, '_>) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(std::fs::Permissions::from_mode(0o644));
}

/// The limits of a test on a unix that is not Linux: no core file, and its
/// address space bounded where the kernel honours `RLIMIT_AS` (FreeBSD does;
/// macOS accepts the call and does not enforce it). No bound on the number of
/// processes: there `RLIMIT_NPROC` counts every process of the user, not the
/// test's, and a learner's desktop alone may pass any bound a test needs.
#[cfg(not(target_os = "linux"))]
pub fn limit(command: &mut Command, memory: Option<u64>) {
    let memory = memory.map(|bytes| bytes as libc::rlim_t);
    // SAFETY: the closure makes only setrlimit calls, which are
    // async-signal-safe, and allocates nothing.
    unsafe {
        command.pre_exec(move || {
            set_limit(libc::RLIMIT_CORE, 0)?;
            if let Some(bytes) = memory {
                // Best effort: a kernel that refuses this limit still runs the test.
                let _ = set_limit(libc::RLIMIT_AS, bytes);
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn set_limit(resource: libc::c_int, value: libc::rlim_t) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: setrlimit reads the struct we pass; no other precondition.
    if unsafe { libc::setrlimit(resource, &limit) } < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_dropped_group_takes_what_its_leader_started_with_it() {
        let mut command = Command::new("sh");
        // The leader starts a sleeper in the background and waits for it; the
        // sleeper holds the leader's stdout open for as long as it lives.
        command
            .args(["-c", "sleep 876547 & echo started; wait"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped());
        own_group(&mut command);
        let mut child = command.spawn().expect("sh runs");
        let mut stdout = child.stdout.take().expect("piped");
        let mut started = [0; 8];
        tokio::io::AsyncReadExt::read_exact(&mut stdout, &mut started)
            .await
            .expect("the leader says it started the sleeper");
        drop(Group::track(&child, None).expect("a group"));
        let status = child.wait().await.expect("the leader ends");
        assert_eq!(signal_of(&status), Some(libc::SIGKILL));
        // The pipe ends only once every process holding it is gone.
        let mut rest = Vec::new();
        let read = tokio::io::AsyncReadExt::read_to_end(&mut stdout, &mut rest);
        tokio::time::timeout(std::time::Duration::from_secs(10), read)
            .await
            .expect("the sleeper died with its group: nothing holds the pipe")
            .expect("read");
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("lock");
        let first = std::fs::File::create(&path).expect("created");
        lock(&first, || panic!("nobody holds it yet")).expect("locked");
        let second = std::fs::File::create(&path).expect("opened");
        let (told, waited) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            lock(&second, move || told.send(()).expect("sent")).expect("locked after the first")
        });
        waited.recv().expect("the second is told to wait");
        drop(first);
        waiter
            .join()
            .expect("the second gets the lock once the first is closed");
    }
}
