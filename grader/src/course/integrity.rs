//! The course's own files, as the course shipped them.
//!
//! A learner edits `exercises/*/src/` and nothing else. The tests, their
//! snapshots, the manifests and the test helpers are the course's: if one of
//! them changed (most easily by accepting a wrong snapshot with
//! `INSTA_UPDATE=always`), an exercise could pass against a test that is no
//! longer the course's. `course-files.sha256`, committed at the root, lists
//! every such file with its SHA-256 (the format of `sha256sum`, over the text
//! with `\r\n` read as `\n`, so a Windows checkout matches). An exercise graded
//! against a changed or missing file is reported as not passed, with the
//! command that restores the files.
//!
//! Authors regenerate the list with
//! `UPDATE_CHECKSUMS=1 cargo test -p course-tests --test course_files`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::model::course::{Course, ExerciseId, FileRole};
use crate::model::outcome::{Cause, Outcome};
use crate::model::report::Report;

/// The checksum list's file name, at the course root.
pub const FILE_NAME: &str = "course-files.sha256";

/// The course's own files below `root`, relative to it, sorted: the
/// manifests, each exercise package's manifest and tests (with snapshots),
/// and the helpers the tests use.
pub fn course_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = ["course.toml", "Cargo.toml", ".cargo/config.toml"]
        .into_iter()
        .map(PathBuf::from)
        .filter(|path| root.join(path).is_file())
        .collect();
    for section in read_dir_sorted(&root.join("exercises"))? {
        let relative = section.strip_prefix(root).unwrap_or(&section).to_path_buf();
        files.push(relative.join("Cargo.toml"));
        files_below(root, &relative.join("tests"), &mut files)?;
    }
    files.push(PathBuf::from("tests/testkit/Cargo.toml"));
    files_below(root, Path::new("tests/testkit/src"), &mut files)?;
    files.retain(|path| root.join(path).is_file());
    files.sort();
    Ok(files)
}

/// The checksum list of the course at `root`, as it is now.
pub fn checksum_list(root: &Path) -> Result<String> {
    let mut list = String::new();
    for path in course_files(root)? {
        let digest = digest_of(&root.join(&path))?;
        list.push_str(&format!("{digest}  {}\n", slashed(&path)));
    }
    Ok(list)
}

/// The course files at `root` that differ from the committed list (changed
/// or missing), or nothing when the course ships no list.
pub fn changed_files(root: &Path) -> Result<Vec<PathBuf>> {
    let Ok(list) = std::fs::read_to_string(root.join(FILE_NAME)) else {
        return Ok(Vec::new());
    };
    let mut changed = Vec::new();
    for line in list.lines().filter(|line| !line.trim().is_empty()) {
        let (expected, path) = line
            .split_once("  ")
            .with_context(|| format!("{FILE_NAME}: `{line}` is not `<sha256>  <path>`"))?;
        let path = PathBuf::from(path);
        match digest_of(&root.join(&path)) {
            Ok(actual) if actual == expected => {}
            _ => changed.push(path),
        }
    }
    Ok(changed)
}

/// Marks every exercise graded against a changed course file as not passed:
/// each of its passing tests fails with a message naming the files and the
/// command that restores them.
pub fn enforce(root: &Path, course: &Course, report: &mut Report) -> Result<()> {
    let changed = changed_files(root)?;
    if changed.is_empty() {
        return Ok(());
    }
    for section in &mut report.sections {
        for exercise in &mut section.exercises {
            let own: Vec<&PathBuf> = changed
                .iter()
                .filter(|path| concerns(course, path, exercise.id))
                .collect();
            if own.is_empty() {
                continue;
            }
            let message = message(&own);
            for test in &mut exercise.tests {
                if test.outcome == Outcome::Passed {
                    test.outcome = Outcome::Failed {
                        cause: Cause::NotCounted {
                            why: message.clone(),
                        },
                        panic: None,
                        output: String::new(),
                    };
                }
            }
        }
    }
    Ok(())
}

/// Whether a changed file (relative to the course root) can change the
/// verdict of the exercise `id`: what the file is, [`Course::role_of`] says.
fn concerns(course: &Course, path: &Path, id: ExerciseId) -> bool {
    match course.role_of(path) {
        // An exercise's test file and snapshots are its own.
        FileRole::Test(owner) | FileRole::Snapshot(owner) => owner == id,
        // The section's Cargo.toml, or a helper its tests share.
        FileRole::SectionFile(section) | FileRole::SectionSource(section) => section == id.section,
        FileRole::Stub(owner) => owner.section == id.section,
        // Another exercise's package, or none's.
        FileRole::Stray => false,
        // Not one section's: the manifests and the test helpers concern every exercise.
        FileRole::Solution(_) | FileRole::Other => true,
    }
}

fn message(files: &[&PathBuf]) -> String {
    let names: Vec<String> = files.iter().map(|p| slashed(p)).collect();
    format!(
        "This exercise was graded against course files that are not the ones the course \
         shipped, so it does not count as passed:\n  {}\nThe tests, their snapshots and \
         the Cargo files are the course's: edit only exercises/*/src/. Restore them with\n  \
         git checkout -- {}",
        names.join("\n  "),
        names.join(" ")
    )
}

/// The SHA-256 of a text file, in hex.
fn digest_of(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(digest_text(&bytes))
}

/// The SHA-256 of `bytes` in hex, with `\r\n` read as `\n`.
fn digest_text(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(unix_lines(bytes)))
}

/// A text with `\r\n` read as `\n`: what git stores for a file that a
/// Windows checkout (Git for Windows' default, `core.autocrlf`) or editor
/// writes with `\r\n`.
fn unix_lines(bytes: &[u8]) -> Vec<u8> {
    let mut text = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = rest.windows(2).position(|w| w == b"\r\n") {
        text.extend_from_slice(&rest[..at]);
        rest = &rest[at + 1..];
    }
    text.extend_from_slice(rest);
    text
}

/// Whether two texts are the same but for `\r\n` against `\n` line ends:
/// a file from a Windows checkout is the course's file if only those differ.
pub fn same_text(a: &[u8], b: &[u8]) -> bool {
    a == b || unix_lines(a) == unix_lines(b)
}

/// A relative path with `/` between its parts, on every platform (as in the
/// checksum list, and as git names a file).
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files below `dir` (relative to `root`), leaving out what tools leave
/// behind (insta's pending snapshots).
fn files_below(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for path in read_dir_sorted(&root.join(dir))? {
        let relative = dir.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            files_below(root, &relative, out)?;
        } else if !relative
            .extension()
            .is_some_and(|e| e == "new" || e == "pending-snap")
        {
            out.push(relative);
        }
    }
    Ok(())
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut paths = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriage_returns_do_not_change_the_digest() {
        assert_eq!(digest_text(b"a\r\nb\r\n"), digest_text(b"a\nb\n"));
        assert_ne!(digest_text(b"a\nb\n"), digest_text(b"a\nc\n"));
    }

    #[test]
    fn a_windows_checkouts_line_ends_make_no_other_text() {
        assert!(same_text(b"fn a() {}\r\n", b"fn a() {}\n"));
        assert!(!same_text(b"fn a() {}\r\n", b"fn b() {}\n"));
        assert!(!same_text(b"a\rb", b"ab"), "a lone \\r is text");
    }

    #[test]
    fn a_changed_file_concerns_the_exercises_whose_build_reads_it() {
        let course = crate::model::course::course_of(&[
            ("01-generators", "generators", &["count_up_to", "fibonacci"]),
            ("02-more", "more", &["more"]),
        ]);
        let fibonacci = ExerciseId {
            section: 0,
            exercise: 1,
        };
        let concerned = |path: &str| concerns(&course, Path::new(path), fibonacci);
        for own in [
            "exercises/01-generators/tests/fibonacci.rs",
            "exercises/01-generators/tests/snapshots/fibonacci__first.snap",
            "exercises/01-generators/Cargo.toml",
            "exercises/01-generators/tests/common/mod.rs",
            "Cargo.toml",
            "tests/testkit/src/lib.rs",
        ] {
            assert!(concerned(own), "{own}");
        }
        for other in [
            "exercises/01-generators/tests/count_up_to.rs",
            "exercises/01-generators/tests/snapshots/count_up_to__first.snap",
            "exercises/01-generators/tests/unknown.rs",
            "exercises/02-more/Cargo.toml",
            "exercises/02-more/tests/more.rs",
        ] {
            assert!(!concerned(other), "{other}");
        }
    }

    #[test]
    fn a_path_is_named_with_slashes_on_every_system() {
        let path: PathBuf = ["exercises", "01-generators", "src", "a.rs"]
            .iter()
            .collect();
        assert_eq!(slashed(&path), "exercises/01-generators/src/a.rs");
    }
}
