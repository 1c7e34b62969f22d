//! The cell every test process runs in on Linux: the code under test is a
//! stranger's.
//!
//! Three walls, each from the Linux kernel, none needing root or Docker:
//!
//! - *files*: Landlock lets the test read only what a test needs (the course,
//!   its build output, the system's libraries) and write only to a scratch
//!   folder made fresh for it, which is its `TMPDIR` and `HOME`;
//! - *network*: a network namespace of its own, where only `lo` is up: the
//!   test can serve and connect on its own 127.0.0.1, and reach nothing else
//!   (Landlock's TCP rules would forbid the test's own `bind` too);
//! - *processes*: a PID namespace of its own, so that when the test ends,
//!   everything it started ends with it, even what left its process group or
//!   session; the number of its processes is bounded.
//!
//! A fourth, for a grader run as root (Gradescope runs its script as root):
//! *user*: the test runs as `nobody`, dropped to before it enters its
//! namespaces, since the kernel exempts root's processes from the bound on
//! their number, and root's file permissions bind nothing.
//!
//! The build of submitted code gets the files wall too ([`confine_build`]):
//! cargo and rustc read the course, cargo's home and the toolchain, and
//! write only the build's own target folder.
//!
//! The namespaces need a user namespace, which an unprivileged process may
//! create where the kernel allows it. What the kernel offers is probed once,
//! at run time ([`available`]); where a wall is missing, grading still works
//! and every report says the tests were not isolated ([`Confinement`]).
//! The scratch folder and the environment are every system's ([`super`]).
//!
//! Inside the PID namespace the first process is its "init": when it exits,
//! the kernel kills every other process there. The test must not be that
//! process (an init cannot `abort()` itself: the kernel drops the signal), so
//! the process the grader spawns forks twice:
//!
//! ```text
//! grader ─ spawns ─ relay (outside) ─ init (PID 1, reaps) ─ test (PID 2, execs the test binary)
//! ```
//!
//! The init reaps whatever is orphaned to it and, when the test ends, hands
//! the test's wait status to the relay through a pipe and exits; the relay
//! ends the same way (same exit code, same signal), so the grader reads the
//! test's own status.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::Result;
use landlock::{
    ABI, Access, AccessFs, CompatLevel, Compatible, PathBeneath, PathFd, RulesetAttr,
    RulesetCreated, RulesetCreatedAttr, RulesetStatus, Scope,
};
use tokio::process::Command;

use super::walls::Confinement;

/// At most this many processes per test (its threads count too): enough for
/// any honest test, few enough that a fork bomb stops at once. (The kernel
/// exempts root from this limit: that is why a grader run as root drops its
/// tests to [`NOBODY`].)
const PROCESSES: libc::rlim_t = 512;

/// What this kernel offers, probed once per grader process.
pub(super) fn available() -> Confinement {
    static PROBED: OnceLock<Confinement> = OnceLock::new();
    *PROBED.get_or_init(|| {
        let files = landlock_works();
        if !running_as_root() {
            return Confinement {
                files,
                unprivileged: true,
                ..namespaces_work(None)
            };
        }
        // As root, the test is dropped to `nobody` before it enters its
        // namespaces (so that the process limit binds it). Where that user
        // may not make namespaces (some kernels allow them to root only),
        // the namespaces are kept and the test runs as root: they are the
        // stronger walls.
        let dropped = namespaces_work(Some(NOBODY));
        if dropped.processes {
            return Confinement {
                files,
                unprivileged: true,
                ..dropped
            };
        }
        let kept = namespaces_work(None);
        Confinement {
            files,
            unprivileged: !kept.processes && drop_works(),
            ..kept
        }
    })
}

/// The unprivileged user (and group) a grader run as root runs tests as:
/// `nobody`, which every Linux has, so no user needs creating in a
/// platform's image. Gradescope's own advice is the same: run students'
/// code as a user other than root.
const NOBODY: (libc::uid_t, libc::gid_t) = (65534, 65534);

/// Whether the grader runs as root, whose processes the kernel exempts from
/// `RLIMIT_NPROC` and whose file permissions bind nothing. Root of a user
/// namespace counts only when it is root outside too (`unshare -r` run by an
/// ordinary user makes a root the kernel binds like that user).
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return false;
    }
    let Ok(map) = std::fs::read_to_string("/proc/self/uid_map") else {
        return true;
    };
    root_outside(&map)
}

/// Whether `uid_map` (lines of `inside outside count`) maps uid 0 to uid 0.
fn root_outside(uid_map: &str) -> bool {
    uid_map.lines().any(|line| {
        let numbers: Vec<u64> = line
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        matches!(numbers.as_slice(), [0, 0, count] if *count > 0)
    })
}

/// The user tests run as when they run as another: `nobody` when the grader
/// is root and the probe found that it can drop to it.
fn test_user(confinement: Confinement) -> Option<(libc::uid_t, libc::gid_t)> {
    (confinement.unprivileged && running_as_root()).then_some(NOBODY)
}

/// Whether a process started here can drop to [`NOBODY`] and still run
/// the grader's own executable (a container without `CAP_SETUID` cannot).
fn drop_works() -> bool {
    probe(ChildSetup {
        user: Some(NOBODY),
        ..ChildSetup::default()
    })
}

/// Starts a program that does nothing (the system's `true`, else the
/// grader's own executable with `--version`) in the cell `cell` sets up:
/// whether that cell can be made here. (Whether a test's own program is
/// within reach of the user it runs as is decided test by test.)
fn probe(mut cell: ChildSetup) -> bool {
    let program = ["/usr/bin/true", "/bin/true"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
        .or_else(|| std::env::current_exe().ok());
    let Some(program) = program else {
        return false;
    };
    let mut command = std::process::Command::new(program);
    command
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    // SAFETY: `ChildSetup::run` only makes async-signal-safe calls and
    // allocates nothing (see its own comment).
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, move || cell.run());
    }
    command.status().is_ok_and(|status| status.success())
}

/// Whether a Landlock ruleset like a test's is enforced here. Tried on a
/// thread of its own: Landlock confines the calling thread (and what it
/// starts), so the grader's other threads stay free, and this one ends.
fn landlock_works() -> bool {
    std::thread::spawn(|| {
        let Ok(scratch) = tempfile::tempdir() else {
            return false;
        };
        ruleset(&[], scratch.path())
            .and_then(|ruleset| Ok(ruleset.restrict_self()?))
            .is_ok_and(|status| status.ruleset != RulesetStatus::NotEnforced)
    })
    .join()
    .unwrap_or(false)
}

/// Whether a process (as `user`, when given) can get namespaces of its own
/// here: starts a program that does nothing inside them ([`probe`]).
fn namespaces_work(user: Option<(libc::uid_t, libc::gid_t)>) -> Confinement {
    let works = probe(ChildSetup {
        namespaces: true,
        user,
        ..ChildSetup::default()
    });
    Confinement {
        files: false,
        network: works,
        processes: works,
        unprivileged: false,
    }
}

/// Puts up the walls of `confinement` around the test `command` starts:
/// `readable` folders (the course's root first, then its build output) and
/// the system readable, `scratch` writable; `memory` bounds the test's
/// address space.
pub(super) fn confine(
    command: &mut Command,
    confinement: Confinement,
    readable: &[&Path],
    scratch: &Path,
    memory: Option<u64>,
) -> Result<()> {
    let ruleset = if confinement.files {
        Some(ruleset(readable, scratch)?)
    } else {
        None
    };
    let user = test_user(confinement).filter(|user| {
        // The test's binary and the course must be reachable by the user it
        // runs as; where they are not (a course in root's home), the test
        // runs as root and every report says so ([`ran_as_root`]). The
        // instructor's folders are never opened up to make them reachable.
        // (A bare name is found on PATH, among the system's own programs.)
        let program = Path::new(command.as_std().get_program());
        let reachable = readable.iter().all(|path| reachable_by(*user, path, true))
            && (program.components().count() == 1 || reachable_by(*user, program, false));
        if !reachable {
            RAN_AS_ROOT.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        reachable
    });
    if let Some((uid, gid)) = user {
        // The scratch folder is the test's own: it must be able to write there.
        std::os::unix::fs::chown(scratch, Some(uid), Some(gid))?;
    }
    let mut cell = ChildSetup {
        namespaces: confinement.network && confinement.processes,
        user,
        memory: memory.map(|bytes| bytes as libc::rlim_t),
        ruleset,
    };
    // SAFETY: `ChildSetup::run` only makes async-signal-safe calls and
    // allocates nothing (see its own comment).
    unsafe {
        command.pre_exec(move || cell.run());
    }
    Ok(())
}

/// Set when a test ran as root although the grader meant to drop it to
/// [`NOBODY`], because what it needs was out of that user's reach.
static RAN_AS_ROOT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether some test of this grader ran as root against its confinement's word.
pub(super) fn ran_as_root() -> bool {
    RAN_AS_ROOT.load(std::sync::atomic::Ordering::Relaxed)
}

/// Whether tests of the course at `course` run as an unprivileged user: the
/// grader is not root, or it is and [`NOBODY`] may read the course (else
/// those tests run as root, see [`confine`]).
pub(super) fn tests_can_drop(course: &Path) -> bool {
    !running_as_root() || (available().unprivileged && reachable_by(NOBODY, course, true))
}

/// Whether `user` may reach `path`: search every folder on the way, and read
/// `path` itself (and search it, for a folder) or execute it (a program).
/// Decided from the permission bits, as the kernel would for a user with no
/// supplementary groups.
fn reachable_by(user: (libc::uid_t, libc::gid_t), path: &Path, read: bool) -> bool {
    use std::os::unix::fs::MetadataExt;
    let allows = |path: &Path, wanted: u32| {
        std::fs::metadata(path).is_ok_and(|meta| {
            let shift = if meta.uid() == user.0 {
                6
            } else if meta.gid() == user.1 {
                3
            } else {
                0
            };
            (meta.mode() >> shift) & wanted == wanted
        })
    };
    let Ok(path) = path.canonicalize() else {
        return false;
    };
    let folders_searchable = path.ancestors().skip(1).all(|folder| allows(folder, 0o1));
    let itself = if !read {
        0o1
    } else if path.is_dir() {
        0o5
    } else {
        0o4
    };
    folders_searchable && allows(&path, itself)
}

/// Confines the build of a submission (`command` is cargo) with Landlock:
/// it reads the system, the working copy of the course at `course`, cargo's
/// home (the registry's sources) and the toolchain, and writes only `target`,
/// whose `tmp` folder becomes its `TMPDIR` (the linker's temporary files).
/// So `include_str!` of a file anywhere else is a compile error, and no
/// file's content reaches a report through the compiler. Returns whether
/// the kernel enforces it (no Landlock: the build runs unconfined).
pub(super) fn confine_build(command: &mut Command, course: &Path, target: &Path) -> Result<bool> {
    if !available().files {
        return Ok(false);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let under_home = |name: &str| home.as_ref().map(|home| home.join(name));
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| under_home(".cargo"));
    let rustup_home = std::env::var_os("RUSTUP_HOME")
        .map(PathBuf::from)
        .or_else(|| under_home(".rustup"));
    let mut readable: Vec<&Path> = vec![course];
    readable.extend(rustup_home.as_deref());
    readable.extend(cargo_home.as_deref());
    let temporary = target.join("tmp");
    std::fs::create_dir_all(&temporary)?;
    let mut ruleset = ruleset(&readable, target)?;
    // Cargo locks its package cache and records what it used in its home,
    // even offline: those few files, and no others, it may write.
    if let Some(cargo_home) = &cargo_home {
        for name in [".package-cache", ".package-cache-mutate", ".global-cache"] {
            let path = cargo_home.join(name);
            if path.exists() {
                let access = AccessFs::from_file(ABI::V7);
                ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(&path)?, access))?;
            }
        }
    }
    // Cargo reads the configuration of every folder above the one it builds
    // in, and rustup's proxy the toolchain files there; a working copy inside
    // the course's own `target/` has the course's `.cargo/config.toml` above
    // it. Cargo refuses to build when one it sees cannot be read, so those
    // files (configuration, never sources) stay readable, one by one.
    for path in files_read_above(course) {
        let rule = PathBeneath::new(PathFd::new(&path)?, AccessFs::ReadFile);
        ruleset = ruleset.add_rule(rule)?;
    }
    command.env("TMPDIR", &temporary);
    let mut cell = ChildSetup {
        ruleset: Some(ruleset),
        ..ChildSetup::default()
    };
    // SAFETY: `ChildSetup::run` only makes async-signal-safe calls and
    // allocates nothing (see its own comment).
    unsafe {
        command.pre_exec(move || cell.run());
    }
    Ok(true)
}

/// The files above `folder` that cargo and rustup read when they start
/// there: each folder's `.cargo/config.toml` (or `.cargo/config`) and
/// `rust-toolchain.toml` (or `rust-toolchain`), where they exist.
fn files_read_above(folder: &Path) -> Vec<PathBuf> {
    const NAMES: [&str; 4] = [
        ".cargo/config.toml",
        ".cargo/config",
        "rust-toolchain.toml",
        "rust-toolchain",
    ];
    folder
        .ancestors()
        .skip(1)
        .flat_map(|above| NAMES.iter().map(move |name| above.join(name)))
        .filter(|path| path.is_file())
        .collect()
}

/// The system folders every test binary needs to run (the dynamic loader, the
/// C library, the CPU count in /proc and /sys), read-only.
const SYSTEM: [&str; 8] = [
    "/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/proc", "/sys",
];
/// The few files of /etc a program reads on start (the loader's cache, the
/// time zone, name resolution for `localhost`): not /etc as a whole.
const SYSTEM_FILES: [&str; 6] = [
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/etc/hosts",
    "/etc/nsswitch.conf",
    "/etc/host.conf",
    "/etc/gai.conf",
];
/// Devices a test may read and write.
const DEVICES: [&str; 5] = [
    "/dev/null",
    "/dev/zero",
    "/dev/full",
    "/dev/urandom",
    "/dev/random",
];

/// The Landlock ruleset of one test: `readable` and the system read-only,
/// `scratch` read-write, signals only to its own processes. The best the
/// kernel offers is used (this crate's "best effort"); [`landlock_works`] tells
/// whether that was anything.
fn ruleset(readable: &[&Path], scratch: &Path) -> Result<RulesetCreated> {
    let abi = ABI::V7;
    let read = AccessFs::from_read(abi);
    let file_rw = AccessFs::from_file(abi);
    let mut ruleset = landlock::Ruleset::default()
        .set_compatibility(CompatLevel::BestEffort)
        .handle_access(AccessFs::from_all(abi))?
        .scope(Scope::from_all(abi))?
        .create()?;
    let existing = |paths: &[&Path]| -> Vec<PathBuf> {
        paths
            .iter()
            .filter(|path| path.exists())
            .map(|path| path.to_path_buf())
            .collect()
    };
    let system: Vec<&Path> = SYSTEM.iter().map(Path::new).collect();
    let files: Vec<&Path> = SYSTEM_FILES.iter().map(Path::new).collect();
    let devices: Vec<&Path> = DEVICES.iter().map(Path::new).collect();
    for path in existing(&system).into_iter().chain(existing(readable)) {
        ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(&path)?, read))?;
    }
    for path in existing(&files) {
        let access = AccessFs::ReadFile;
        ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(&path)?, access))?;
    }
    for path in existing(&devices) {
        ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(&path)?, file_rw))?;
    }
    ruleset = ruleset.add_rule(PathBeneath::new(
        PathFd::new(scratch)?,
        AccessFs::from_all(abi),
    ))?;
    Ok(ruleset)
}

/// What the child does between fork and exec. Everything here runs in a
/// forked copy of a multi-threaded process, so it may only make
/// async-signal-safe calls and must not allocate: the ruleset was built
/// before the fork, and the libc calls below are plain system calls.
#[derive(Debug, Default)]
struct ChildSetup {
    namespaces: bool,
    /// The user and group to run as instead of root.
    user: Option<(libc::uid_t, libc::gid_t)>,
    memory: Option<libc::rlim_t>,
    ruleset: Option<RulesetCreated>,
}

impl ChildSetup {
    fn run(&mut self) -> std::io::Result<()> {
        // No core files: a crashing test must not write one into the course.
        set_limit(libc::RLIMIT_CORE, 0)?;
        if let Some((uid, gid)) = self.user {
            // Before the namespaces: a user namespace made by root still
            // belongs to root outside, whom the process limit never binds.
            drop_to(uid, gid)?;
        }
        if self.namespaces {
            enter_namespaces()?;
        }
        if self.namespaces || self.user.is_some() {
            // In its own user namespace the count is the test's alone; without
            // one, it is every process of the user the tests were dropped to
            // (the tests running at once share it).
            set_limit(libc::RLIMIT_NPROC, PROCESSES)?;
        }
        if let Some(bytes) = self.memory {
            set_limit(libc::RLIMIT_AS, bytes)?;
        }
        if let Some(ruleset) = self.ruleset.take() {
            // Sets no_new_privs, then confines this process and what it starts.
            // (Its error is mapped to an errno, not boxed: no allocation here.)
            ruleset
                .restrict_self()
                .map_err(|_| std::io::Error::from_raw_os_error(libc::EPERM))?;
        }
        Ok(())
    }
}

/// Leaves root for `uid` and `gid` for good: no supplementary groups first
/// (root's would stay otherwise), then the group while it is still allowed,
/// then the user. Each call is a plain system call.
fn drop_to(uid: libc::uid_t, gid: libc::gid_t) -> std::io::Result<()> {
    // SAFETY: setgroups with an empty list, setgid and setuid on integers.
    unsafe {
        check(libc::setgroups(0, std::ptr::null()))?;
        check(libc::setgid(gid))?;
        check(libc::setuid(uid))?;
    }
    Ok(())
}

fn set_limit(resource: libc::__rlimit_resource_t, value: libc::rlim_t) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: setrlimit reads the struct we pass; no other precondition.
    check(unsafe { libc::setrlimit(resource, &limit) })
}

fn check(result: libc::c_int) -> std::io::Result<()> {
    if result < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// Moves this (forked) process into new user, network and PID namespaces,
/// brings up their loopback, and forks the init and the test (see the module's
/// comment). Returns in the test process only; the relay and the init end in
/// `_exit` or by the test's signal.
fn enter_namespaces() -> std::io::Result<()> {
    let mut status_pipe = [0; 2];
    // SAFETY: pipe2 writes two descriptors into the array we own.
    check(unsafe { libc::pipe2(status_pipe.as_mut_ptr(), libc::O_CLOEXEC) })?;
    let [read_end, write_end] = status_pipe;
    // SAFETY: unshare only changes this process's namespaces.
    check(unsafe { libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET | libc::CLONE_NEWPID) })?;
    loopback_up()?;
    // SAFETY: fork in a single-threaded process (this one was just forked);
    // each side continues with async-signal-safe calls only.
    match unsafe { libc::fork() } {
        -1 => Err(std::io::Error::last_os_error()),
        0 => {
            // The init, PID 1 of the new namespace. If the relay is killed (the
            // time limit), the init dies too, and with it the namespace.
            // SAFETY: prctl with integer arguments.
            unsafe {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            }
            // SAFETY: as for the first fork.
            match unsafe { libc::fork() } {
                -1 => Err(std::io::Error::last_os_error()),
                0 => {
                    // The test: the status pipe is the init's business.
                    // SAFETY: closing descriptors this process owns.
                    unsafe {
                        libc::close(read_end);
                        libc::close(write_end);
                    }
                    Ok(())
                }
                test => be_init(test, write_end),
            }
        }
        init => relay_status(init, read_end),
    }
}

/// Brings up `lo` in this process's (new) network namespace.
fn loopback_up() -> std::io::Result<()> {
    // SAFETY: socket returns a new descriptor or -1.
    let socket = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
    check(socket)?;
    // SAFETY: an all-zero ifreq is valid (a C struct of integers and arrays).
    let mut request: libc::ifreq = unsafe { std::mem::zeroed() };
    for (to, from) in request.ifr_name.iter_mut().zip(b"lo\0") {
        *to = *from as libc::c_char;
    }
    // SAFETY: SIOCGIFFLAGS and SIOCSIFFLAGS read and write the ifreq we own;
    // `ifru_flags` is the union field these requests use.
    let result = unsafe {
        let mut result = libc::ioctl(socket, libc::SIOCGIFFLAGS, &mut request);
        if result == 0 {
            request.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            result = libc::ioctl(socket, libc::SIOCSIFFLAGS, &request);
        }
        libc::close(socket);
        result
    };
    check(result)
}

/// The init: closes every descriptor but the status pipe (so that neither the
/// grader's pipes nor std's exec-error pipe stay open through it), reaps every
/// process orphaned to it, and when `test` ends, writes its wait status to
/// the relay and exits, which ends every process left in the namespace.
fn be_init(test: libc::pid_t, write_end: libc::c_int) -> ! {
    // SAFETY: close_range, waitpid, write and _exit on values we own.
    unsafe {
        libc::close_range(0, (write_end - 1) as libc::c_uint, 0);
        libc::close_range((write_end + 1) as libc::c_uint, libc::c_uint::MAX, 0);
        loop {
            let mut status = 0;
            let pid = libc::waitpid(-1, &mut status, 0);
            if pid == test {
                libc::write(write_end, (&raw const status).cast(), size_of_val(&status));
                libc::_exit(0);
            }
            if pid < 0 && *libc::__errno_location() != libc::EINTR {
                libc::_exit(1);
            }
        }
    }
}

/// The relay, the grader's own child: waits for the test's wait status from
/// the init, then ends the way the test ended.
fn relay_status(init: libc::pid_t, read_end: libc::c_int) -> ! {
    // SAFETY: close_range, read, waitpid, signal calls and _exit on values we own.
    unsafe {
        libc::close_range(0, (read_end - 1) as libc::c_uint, 0);
        libc::close_range((read_end + 1) as libc::c_uint, libc::c_uint::MAX, 0);
        let mut status: libc::c_int = 0;
        let mut read = -1;
        while read < 0 {
            read = libc::read(read_end, (&raw mut status).cast(), size_of_val(&status));
            if read < 0 && *libc::__errno_location() != libc::EINTR {
                break;
            }
        }
        let mut init_status = 0;
        libc::waitpid(init, &mut init_status, 0);
        if read != size_of_val(&status) as isize {
            // The init died without a word: killed with the namespace.
            status = init_status;
        }
        if libc::WIFSIGNALED(status) {
            let signal = libc::WTERMSIG(status);
            libc::signal(signal, libc::SIG_DFL);
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, signal);
            libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            libc::kill(libc::getpid(), signal);
            libc::_exit(128 + signal);
        }
        libc::_exit(libc::WEXITSTATUS(status));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `script` with `sh` in a cell that may read `readable`; returns its
    /// exit code and what it printed.
    async fn confined_shell(script: &str, readable: &Path) -> (Option<i32>, String) {
        let mut command = Command::new("sh");
        command
            .args(["-c", script])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let _scratch =
            crate::os::confine(&mut command, available(), &[readable], None).expect("confined");
        // Without the PID namespace, a process left behind would hold the
        // pipes open: the bound turns that into this test's failure.
        let output = tokio::time::timeout(std::time::Duration::from_secs(10), command.output())
            .await
            .expect("the shell's output ends when the shell does: nothing it started may hold it")
            .expect("the shell runs");
        let mut printed = String::from_utf8_lossy(&output.stdout).into_owned();
        printed.push_str(&String::from_utf8_lossy(&output.stderr));
        (output.status.code(), printed)
    }

    /// Whether this kernel gives every wall; the tests below need it.
    fn walls_up() -> bool {
        let up = available().complete();
        if !up {
            eprintln!("skipped: {}", available().summary());
        }
        up
    }

    #[tokio::test]
    async fn writes_only_to_its_scratch_folder_and_reads_only_what_it_may() {
        if !walls_up() {
            return;
        }
        let outside = tempfile::tempdir().expect("a folder");
        let course = tempfile::tempdir().expect("a folder");
        std::fs::write(course.path().join("readable"), "course file").expect("written");
        std::fs::write(outside.path().join("secret"), "the secret").expect("written");
        let script = format!(
            "echo scratch > \"$TMPDIR/mine\" && cat \"$TMPDIR/mine\"; \
             cat {course}/readable; \
             echo pwned > {course}/written || echo could not write the course; \
             echo pwned > {outside}/written || echo could not write outside; \
             cat {outside}/secret || echo could not read outside",
            course = course.path().display(),
            outside = outside.path().display(),
        );
        let (code, printed) = confined_shell(&script, course.path()).await;
        assert_eq!(code, Some(0), "{printed}");
        for expected in [
            "scratch",
            "course file",
            "could not write the course",
            "could not write outside",
            "could not read outside",
        ] {
            assert!(printed.contains(expected), "{expected:?} in {printed:?}");
        }
        assert!(!printed.contains("the secret"), "{printed}");
        assert!(!course.path().join("written").exists());
        assert!(!outside.path().join("written").exists());
    }

    #[tokio::test]
    async fn sees_only_the_listed_variables() {
        let course = tempfile::tempdir().expect("a folder");
        let (_, printed) = confined_shell("env", course.path()).await;
        let listed = [
            "PATH",
            "LANG",
            "LC_ALL",
            "LC_CTYPE",
            "TZ",
            "HOME",
            "TMPDIR",
            "INSTA_UPDATE",
            "INSTA_OUTPUT",
            "INSTA_WORKSPACE_ROOT",
            "RUST_BACKTRACE",
            "NO_COLOR",
            // set by the shell itself
            "PWD",
            "OLDPWD",
            "SHLVL",
            "_",
        ];
        for line in printed.lines() {
            let name = line.split('=').next().unwrap_or_default();
            assert!(listed.contains(&name), "{name} is not listed: {printed}");
        }
        assert!(printed.contains("TMPDIR=/"), "{printed}");
    }

    #[tokio::test]
    async fn reaches_no_listener_outside_its_own_loopback() {
        if !walls_up() {
            return;
        }
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a listener");
        let port = listener.local_addr().expect("an address").port();
        listener.set_nonblocking(true).expect("non-blocking");
        let course = tempfile::tempdir().expect("a folder");
        // bash's /dev/tcp connects; `lo` is up in the cell, so the refusal
        // comes from an empty loopback, not from a missing interface.
        let script = format!(
            "bash -c 'exec 3<>/dev/tcp/127.0.0.1/{port}' && echo connected || echo refused"
        );
        let (_, printed) = confined_shell(&script, course.path()).await;
        assert!(printed.contains("refused"), "{printed}");
        assert!(listener.accept().is_err(), "no connection reached us");
    }

    #[tokio::test]
    async fn nothing_it_starts_outlives_it() {
        if !walls_up() {
            return;
        }
        let course = tempfile::tempdir().expect("a folder");
        // A process that leaves the session, and one orphaned by a double fork.
        let script = "setsid -f sleep 876543; (sh -c 'sleep 876544 &' &); echo started";
        let (code, printed) = confined_shell(script, course.path()).await;
        assert_eq!(code, Some(0), "{printed}");
        let left: Vec<String> = std::fs::read_dir("/proc")
            .expect("/proc")
            .filter_map(|entry| std::fs::read(entry.ok()?.path().join("cmdline")).ok())
            .map(|cmdline| String::from_utf8_lossy(&cmdline).replace('\0', " "))
            .filter(|cmdline| cmdline.contains("sleep 87654"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }

    /// A folder every user may read, as a course in `/autograder` is
    /// (whatever the umask).
    fn course_folder() -> tempfile::TempDir {
        let course = tempfile::tempdir().expect("a folder");
        std::fs::set_permissions(
            course.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )
        .expect("made readable");
        course
    }

    /// A working copy inside the course's `target/` has the course's
    /// `.cargo/config.toml` above it: the confined build still reads it (and
    /// obeys it), and still reads nothing else up there.
    /// `--isolation required` refuses a course that the tests, dropped to
    /// `nobody`, could not read: they would run as root.
    #[test]
    fn required_isolation_refuses_a_course_nobody_can_reach() {
        if !running_as_root() || !available().complete() {
            eprintln!("skipped: needs root and every wall");
            return;
        }
        let open = course_folder();
        assert!(
            super::super::settle(super::super::Isolation::Required, open.path()).is_ok(),
            "a course every user can read is refused"
        );
        let closed = tempfile::tempdir().expect("a folder");
        std::fs::set_permissions(
            closed.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .expect("closed");
        let refused = super::super::settle(super::super::Isolation::Required, closed.path())
            .expect_err("a course only root can read is accepted");
        assert!(
            refused.to_string().contains("would run as root"),
            "{refused}"
        );
    }

    #[tokio::test]
    async fn a_confined_build_reads_the_cargo_configuration_above_it() {
        if !available().files {
            eprintln!("skipped: Landlock is not enforced here");
            return;
        }
        let above = tempfile::tempdir().expect("a folder");
        std::fs::create_dir_all(above.path().join(".cargo")).expect("a folder");
        std::fs::write(
            above.path().join(".cargo/config.toml"),
            "[env]\nFROM_ABOVE = \"read\"\n",
        )
        .expect("written");
        std::fs::write(above.path().join("secret.txt"), "not for the build").expect("written");
        let course = above.path().join("target/grader/copy");
        std::fs::create_dir_all(course.join("src")).expect("a folder");
        std::fs::write(
            course.join("Cargo.toml"),
            "[package]\nname = \"copy\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[workspace]\n",
        )
        .expect("written");
        // A working copy has its lock file already: the build only reads it.
        std::fs::write(
            course.join("Cargo.lock"),
            "version = 4\n\n[[package]]\nname = \"copy\"\nversion = \"0.1.0\"\n",
        )
        .expect("written");
        let build = |source: &str| {
            std::fs::write(course.join("src/lib.rs"), source).expect("written");
            let mut command =
                Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
            command
                .current_dir(&course)
                .args(["build", "--offline", "--locked", "--quiet"])
                .env("CARGO_TARGET_DIR", course.join("target"))
                .stdout(std::process::Stdio::null());
            confine_build(&mut command, &course, &course.join("target")).expect("confined");
            command.output()
        };
        let output = build("pub const FROM_ABOVE: &str = env!(\"FROM_ABOVE\");\n")
            .await
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "the confined build failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let output = build("pub const SECRET: &str = include_str!(\"../../../../secret.txt\");\n")
            .await
            .expect("cargo runs");
        let printed = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success() && printed.contains("couldn't read"),
            "a file above the course was read by the build: {printed}"
        );
    }

    #[tokio::test]
    async fn its_number_of_processes_is_bounded() {
        if !walls_up() {
            return;
        }
        let course = course_folder();
        // More background processes than the bound; the shell says when a fork
        // fails. (Not a number the test of what outlives a test looks for.)
        let script = format!(
            "i=0; while [ $i -lt {} ]; do sleep 765431 & i=$((i+1)); done; echo done",
            PROCESSES + 50
        );
        let (_, printed) = confined_shell(&script, course.path()).await;
        assert!(
            printed.to_lowercase().contains("fork"),
            "the fork past the bound fails: {printed}"
        );
    }

    #[tokio::test]
    async fn a_grader_run_as_root_runs_its_tests_as_nobody() {
        if !running_as_root() {
            eprintln!("skipped: not running as root, there is nothing to drop");
            return;
        }
        if !available().unprivileged {
            eprintln!("skipped: {}", available().summary());
            return;
        }
        let course = course_folder();
        std::fs::write(course.path().join("readable"), "course file").expect("written");
        let script = "id -u; id -g; id -G; cat readable; echo; echo mine > \"$TMPDIR/mine\" && cat \"$TMPDIR/mine\"";
        let mut command = Command::new("sh");
        command
            .args(["-c", script])
            .current_dir(course.path())
            .stdout(std::process::Stdio::piped());
        let _scratch = crate::os::confine(&mut command, available(), &[course.path()], None)
            .expect("confined");
        let output = command.output().await.expect("runs");
        let printed = String::from_utf8_lossy(&output.stdout);
        assert_eq!(printed, "65534\n65534\n65534\ncourse file\nmine\n");
    }

    #[test]
    fn root_of_a_user_namespace_is_root_only_when_it_is_root_outside() {
        assert!(root_outside("         0          0 4294967295\n"));
        assert!(root_outside("0 0 65536\n"));
        assert!(!root_outside("         0       1000          1\n"));
        assert!(!root_outside(""));
    }

    #[test]
    fn a_course_out_of_nobodys_reach_is_seen_so() {
        let private = tempfile::tempdir().expect("a folder");
        std::fs::set_permissions(
            private.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .expect("made private");
        let inside = private.path().join("course");
        std::fs::create_dir(&inside).expect("a folder");
        assert!(!reachable_by(NOBODY, &inside, true), "its parent is 0700");
        let open = course_folder();
        assert!(reachable_by(NOBODY, open.path(), true));
        assert!(reachable_by(NOBODY, Path::new("/bin/sh"), false));
    }

    #[tokio::test]
    async fn a_test_ends_the_way_it_ended_inside() {
        let course = tempfile::tempdir().expect("a folder");
        let (code, _) = confined_shell("exit 3", course.path()).await;
        assert_eq!(code, Some(3));
        let mut command = Command::new("sh");
        command.args(["-c", "kill -ABRT $$"]);
        let _scratch = crate::os::confine(&mut command, available(), &[course.path()], None)
            .expect("confined");
        let status = command.status().await.expect("runs");
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(libc::SIGABRT)
        );
    }
}
