//! Grading where user namespaces are refused, as in the containers of
//! Gradescope, Exercism and most CI runners (their default seccomp profiles
//! refuse them): grading still completes, Landlock, the drop from root and
//! the limits still stand, and every report format says the tests were not
//! fully isolated.
//!
//! The refusal is the kernel's own: the grader runs in a user namespace
//! whose `max_user_namespaces` is 0, so each namespace it tries to make for
//! a test fails with ENOSPC. Skipped, with the reason, where this machine
//! cannot make that outer namespace.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use course_tests::{CourseCopy, copies_target_dir, course, grader_binary};

/// A secret outside the course, which the hostile test tries to read.
const SECRET: &str = "the-instructors-secret-7c4d2";

/// Section 1 solved, but count_up_to reads `secret`, tries to reach
/// 127.0.0.1:`port` and to start 700 processes, then fails saying what it got.
fn hostile_submission(secret: &Path, port: u16) -> CourseCopy {
    let copy = CourseCopy::submission();
    copy.solve_everything();
    let code = format!(
        r#"let read = std::fs::read_to_string("{}").map_err(|e| e.kind());
           let reached = std::net::TcpStream::connect("127.0.0.1:{port}").is_ok();
           let mut children = Vec::new();
           while children.len() < 700 {{
               match std::process::Command::new("sleep").arg("987661").spawn() {{ Ok(child) => children.push(child), Err(_) => break }}
           }}
           let started = children.len();
           for mut child in children {{ let _ = child.kill(); let _ = child.wait(); }}
           panic!("HOSTILE read={{read:?}} reached={{reached}} started={{started}} END");"#,
        secret.display()
    );
    copy.inject(0, "count_up_to", "pub fn count_up_to(", &code);
    copy
}

/// Runs the grader with `args` in a new user namespace that may make no
/// other; `None` when this machine cannot make it.
fn grade_where_namespaces_are_refused(args: &[&std::ffi::OsStr]) -> Option<Output> {
    // The shell waits for its namespace's identity maps (written below, from
    // outside), runs a shell again (which, root in the namespace now, gets
    // its capabilities there), closes the door to further namespaces, then
    // becomes the grader.
    let script = r#"read -r go || exit 96
        exec sh -c 'echo 0 > /proc/sys/user/max_user_namespaces || exit 97
            exec "$@" < /dev/null' sh "$@""#;
    let mut command = Command::new("sh");
    command
        .args(["-c", script, "sh"])
        .arg(grader_binary())
        .args(args)
        .current_dir(course_tests::pristine())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: unshare is a plain system call, made in the forked child.
    unsafe {
        command.pre_exec(|| {
            if libc::unshare(libc::CLONE_NEWUSER) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) => {
            eprintln!("skipped: this machine makes no user namespace: {error}");
            return None;
        }
    };
    let proc = Path::new("/proc").join(child.id().to_string());
    // SAFETY: getuid and getgid have no preconditions.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let written = if uid == 0 {
        // Root maps its users one to one, as a container does: root inside
        // is root, and `nobody` is `nobody`.
        std::fs::write(proc.join("uid_map"), "0 0 65536\n")
            .and_then(|()| std::fs::write(proc.join("gid_map"), "0 0 65536\n"))
    } else {
        // Anyone else may map only themselves.
        std::fs::write(proc.join("setgroups"), "deny")
            .and_then(|()| std::fs::write(proc.join("uid_map"), format!("0 {uid} 1\n")))
            .and_then(|()| std::fs::write(proc.join("gid_map"), format!("0 {gid} 1\n")))
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    if let Err(error) = written {
        drop(stdin);
        let _ = child.wait();
        eprintln!("skipped: cannot map the namespace's users: {error}");
        return None;
    }
    stdin.write_all(b"go\n").expect("the shell reads");
    drop(stdin);
    let output = child.wait_with_output().expect("the grader ends");
    match output.status.code() {
        Some(97) => {
            eprintln!("skipped: this kernel does not let a namespace refuse namespaces");
            None
        }
        _ => Some(output),
    }
}

#[test]
fn without_user_namespaces_grading_completes_with_the_walls_that_remain_and_says_so() {
    course_tests::pristine_or_skip!();
    let secret_dir = tempfile::tempdir().expect("a folder");
    let secret = secret_dir.path().join("secret.txt");
    std::fs::write(&secret, SECRET).expect("the secret is written");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a listener");
    listener.set_nonblocking(true).expect("non-blocking");
    let port = listener.local_addr().expect("an address").port();
    let submission = hostile_submission(&secret, port);
    let work_dir = copies_target_dir().join("instructor");

    for format in [
        "json",
        "gradescope",
        "junit",
        "exercism",
        "classroom",
        "human",
    ] {
        let out = tempfile::tempdir().expect("a folder");
        let report = out.path().join("report");
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "--work-dir".as_ref(),
            work_dir.as_os_str(),
            "--submission".as_ref(),
            submission.path().as_os_str(),
            "--section".as_ref(),
            "1".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
        ];
        if format != "human" {
            args.extend(["--output".as_ref(), report.as_os_str()]);
        }
        let Some(output) = grade_where_namespaces_are_refused(&args) else {
            return;
        };
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: graded, some exercises fail\n{stdout}\n{stderr}"
        );
        let written = if format == "human" {
            stdout.to_string()
        } else {
            course_tests::read(&report)
        };
        assert!(
            written.contains("NOT fully isolated") && written.contains("network, processes"),
            "{format} says which walls were missing: {written}"
        );
        assert!(
            written.contains("Still confined: Landlock on files"),
            "{format} says which walls stood: {written}"
        );
        assert!(
            !written.contains(SECRET) && !stdout.contains(SECRET) && !stderr.contains(SECRET),
            "{format}: the secret leaked"
        );
        if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&written).expect("valid JSON");
            let isolation = &json["isolation"];
            assert_eq!(isolation["isolated"], false, "{isolation}");
            assert_eq!(isolation["files"], true, "{isolation}");
            assert_eq!(isolation["network"], false, "{isolation}");
            assert_eq!(isolation["processes"], false, "{isolation}");
            // SAFETY: geteuid has no preconditions.
            if unsafe { libc::geteuid() } == 0 {
                assert_eq!(
                    isolation["unprivileged"], true,
                    "root inside a container still drops to nobody: {isolation}"
                );
                let started: usize = written
                    .split("started=")
                    .nth(1)
                    .and_then(|rest| rest.split(' ').next())
                    .and_then(|n| n.parse().ok())
                    .expect("the hostile test says how many it started");
                assert!(
                    started < 512,
                    "the process limit binds nobody without namespaces too: {started}"
                );
            }
            assert_eq!(
                json["totals"]["exercises_passed"],
                course().sections[0].exercises.len() - 1,
                "the other exercises of section 1 pass: {written}"
            );
            assert!(
                written.contains("HOSTILE read=Err(PermissionDenied)"),
                "Landlock still refused the read outside the course: {written}"
            );
        }
    }
    // Without a network namespace the loopback is the machine's: what
    // confines the network there is Landlock's TCP rules where the kernel
    // has them (ABI 4), and the report says the network was not confined.
    let reached = listener.accept().is_ok();
    eprintln!("the instructor's listener was reached: {reached}");
}
