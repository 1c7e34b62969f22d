//! Windows: each test, and each cargo build, runs in a Job Object of its own,
//! so that it is killed whole (whatever it started included) at its end, at
//! its time limit, and when the grader itself ends; the job also bounds each
//! process's memory and the number of its processes, and turns a crash into
//! an exit code instead of a dialog that waits for a click. Ctrl-C, Ctrl-Break
//! and closing the console end everything. Files and network are not
//! confined: every report says the tests were not isolated.
//!
//! The process is put in its job just after it starts (tokio's `Child`
//! gives its handle only then), as nextest does: a test that starts a
//! process in its very first instructions could leave it out of the job.
//! The learner's own code is not trying to escape; that gap is named here
//! rather than closed with undocumented calls.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use tokio::process::Command;
use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::System::JobObjects::{
    AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_ACTIVE_PROCESS,
    JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    JOB_OBJECT_LIMIT_PROCESS_MEMORY, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
    JobObjectExtendedLimitInformation, SetInformationJobObject, TerminateJobObject,
};

/// At most this many processes at once in one test's job: enough for any
/// honest test, few enough that a fork bomb stops at once.
const PROCESSES: u32 = 512;

/// The exit code a killed job's processes get (as `kill -9` gives 137 on unix).
const KILLED: u32 = 137;

/// The jobs alive now, by their handles' values (a `HANDLE` is a pointer,
/// which a `static` cannot hold).
static RUNNING: Mutex<BTreeSet<usize>> = Mutex::new(BTreeSet::new());

/// Nothing to do before a process starts: its job is made once it runs.
pub fn own_group(_command: &mut Command) {}

/// A Job Object holding a process the grader started and everything that
/// process starts. Dropped, it kills them all and closes the job.
#[derive(Debug)]
pub struct Group(usize);

impl Group {
    /// Puts `child` in a job of its own, with `memory` bytes at most per
    /// process. `None` when this Windows refuses (the child then still ends
    /// with its own handle, as `kill_on_drop` does, but not what it started).
    pub fn track(child: &tokio::process::Child, memory: Option<u64>) -> Option<Group> {
        let process = child.raw_handle()?;
        // SAFETY: no security attributes and no name: a new anonymous job.
        let job = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
        if job.is_null() {
            return None;
        }
        let group = Group(job as usize);
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(group.0);
        // SAFETY: an all-zero JOBOBJECT_EXTENDED_LIMIT_INFORMATION is valid
        // (integers and nested structs of integers).
        let mut limits: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
        let basic = &mut limits.BasicLimitInformation;
        basic.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
            | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
            | JOB_OBJECT_LIMIT_ACTIVE_PROCESS;
        basic.ActiveProcessLimit = PROCESSES;
        if let Some(bytes) = memory {
            basic.LimitFlags |= JOB_OBJECT_LIMIT_PROCESS_MEMORY;
            limits.ProcessMemoryLimit = usize::try_from(bytes).unwrap_or(usize::MAX);
        }
        // SAFETY: `job` is the job just made; the pointer and size are those
        // of the struct above, which outlives the call.
        let limited = unsafe {
            SetInformationJobObject(
                job,
                JobObjectExtendedLimitInformation,
                (&raw const limits).cast(),
                size_of_val(&limits) as u32,
            )
        };
        // SAFETY: both handles are open: the job's is ours, and the child's
        // lives as long as `child`, which we borrow.
        let assigned = unsafe { AssignProcessToJobObject(job, process as HANDLE) };
        (limited != 0 && assigned != 0).then_some(group)
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.0);
        let job = self.0 as HANDLE;
        // SAFETY: the handle is ours and still open; it is closed once, here.
        // Closing it alone would kill the job (kill-on-close), but only once
        // no other handle to it is open: terminate first, to be sure.
        unsafe {
            TerminateJobObject(job, KILLED);
            CloseHandle(job);
        }
    }
}

/// Kills the processes of every tracked job. (The handles stay open: the
/// grader is about to exit, which closes them.)
pub fn kill_all_groups() {
    let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
    for &job in running.iter() {
        // SAFETY: every handle in RUNNING is open (Drop removes it first).
        unsafe {
            TerminateJobObject(job as HANDLE, KILLED);
        }
    }
}

/// What to do on Ctrl-C, Ctrl-Break or the console's closing.
static HANDLER: OnceLock<fn(i32) -> !> = OnceLock::new();

/// Calls `handler` with the exit code that says why (130 for Ctrl-C or
/// Ctrl-Break, 129 when the console closes, as unix shells number SIGINT
/// and SIGHUP) when the learner interrupts the grader. Windows calls the
/// console's handlers on a thread of their own, at any moment.
pub fn on_interrupt(handler: fn(i32) -> !) {
    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, SetConsoleCtrlHandler,
    };
    unsafe extern "system" fn on_console_event(event: u32) -> windows_sys::core::BOOL {
        let code = match event {
            CTRL_C_EVENT | CTRL_BREAK_EVENT => 130,
            CTRL_CLOSE_EVENT => 129,
            _ => return 0,
        };
        match HANDLER.get() {
            Some(handler) => handler(code),
            None => 0,
        }
    }
    if HANDLER.set(handler).is_ok() {
        // SAFETY: the routine is a plain function that lives as long as the
        // program; adding it has no other precondition.
        unsafe {
            SetConsoleCtrlHandler(Some(on_console_event), 1);
        }
    }
}

/// Takes an exclusive lock on `file`, held until the file is closed; when
/// another process holds it, calls `waiting` once, then waits for it.
pub fn lock(file: &std::fs::File, waiting: impl FnOnce()) -> std::io::Result<()> {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{
        LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY, LockFileEx,
    };
    let try_lock = |flags| {
        // SAFETY: an all-zero OVERLAPPED (offset 0, no event) is valid.
        let mut overlapped = unsafe { std::mem::zeroed() };
        // SAFETY: the file's handle is open while `file` is borrowed; the
        // whole file's range is locked; `overlapped` outlives the call.
        let locked = unsafe {
            LockFileEx(
                file.as_raw_handle() as HANDLE,
                flags,
                0,
                u32::MAX,
                u32::MAX,
                &mut overlapped,
            )
        };
        if locked == 0 {
            Err(std::io::Error::last_os_error())
        } else {
            Ok(())
        }
    };
    if try_lock(LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY).is_err() {
        waiting();
        try_lock(LOCKFILE_EXCLUSIVE_LOCK)?;
    }
    Ok(())
}

/// Windows has no signals: a crash is an exit code (`0xC0000005`, an access
/// violation), which the report shows as such.
pub fn signal_of(_status: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// Never called on Windows ([`signal_of`] finds no signal).
pub fn signal_name(_signal: i32) -> &'static str {
    "an unexpected signal"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_dropped_job_takes_what_its_process_started_with_it() {
        // The shell starts a second one that holds its stdout open for as
        // long as it lives.
        let mut command = Command::new("cmd");
        command
            .args(["/C", "start /B ping -n 600 127.0.0.1 & echo started"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped());
        let mut child = command.spawn().expect("cmd runs");
        let group = Group::track(&child, Some(1 << 30)).expect("a job");
        let mut stdout = child.stdout.take().expect("piped");
        let mut started = [0; 7];
        tokio::io::AsyncReadExt::read_exact(&mut stdout, &mut started)
            .await
            .expect("cmd says it started ping");
        drop(group);
        child.wait().await.expect("cmd ends");
        // The pipe ends only once every process holding it is gone.
        let mut rest = Vec::new();
        let read = tokio::io::AsyncReadExt::read_to_end(&mut stdout, &mut rest);
        tokio::time::timeout(std::time::Duration::from_secs(10), read)
            .await
            .expect("ping died with the job: nothing holds the pipe")
            .expect("read");
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("lock");
        let first = std::fs::File::create(&path).expect("created");
        lock(&first, || panic!("nobody holds it yet")).expect("locked");
        let second = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .expect("opened");
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
