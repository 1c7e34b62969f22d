//! Every process group the grader starts is tracked here, so that nothing it
//! started outlives it: a finished test's stragglers, a timed-out test, or
//! everything at once when the grader itself is interrupted.

use std::collections::BTreeSet;
use std::sync::Mutex;

/// The process groups alive now (their ids are their leaders' pids).
static RUNNING: Mutex<BTreeSet<libc::pid_t>> = Mutex::new(BTreeSet::new());

/// A process group the grader started. Dropped, it kills the whole group:
/// the process itself if it still runs, and whatever it started.
#[derive(Debug)]
pub struct Group(libc::pid_t);

impl Group {
    /// Tracks the group led by `pid`, a child spawned with `process_group(0)`.
    pub fn track(pid: u32) -> Option<Group> {
        let pid = libc::pid_t::try_from(pid).ok()?;
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

/// Kills every tracked group, and removes their tests' scratch folders: the
/// grader is being interrupted.
pub fn kill_all() {
    let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
    for &group in running.iter() {
        kill(group);
    }
    crate::sandbox::remove_all_scratch();
}

fn kill(group: libc::pid_t) {
    // SAFETY: killpg has no memory-safety preconditions; a group that is
    // already gone makes it fail with ESRCH, which is what we want.
    unsafe {
        libc::killpg(group, libc::SIGKILL);
    }
}
