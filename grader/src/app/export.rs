//! `cargo grade export student DIR`: the repository learners get.
//!
//! Publishing the course as it is publishes its answers: `solutions/`, the
//! mistakes catalogue beside them, and the authors' checks in `tests/` that
//! need both. The student edition is the course without them, still a
//! workspace that loads: its `Cargo.toml` no longer lists the removed
//! members, its `course-files.sha256` is computed again over its own files
//! (`Cargo.toml` is one of them), and its `Cargo.lock` is pruned by cargo.
//! `cargo grade`, `cargo test -p <section>` and a bare `cargo test` work in
//! it. The Classroom workflow goes in as `.github/workflows/classroom.yml`,
//! so that the edition is the assignment's template repository as it is;
//! that workflow grades against the full course, checked out from the
//! instructors' private repository (the appendix for instructors says how).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use grader::model::course::Course;

/// What the student edition leaves out, relative to the course root: the
/// answers, the authors' own checks and tools, and build output. Any folder
/// named `mistakes` is left out wherever it is.
const LEFT_OUT: &[&str] = &[
    ".git",
    "target",
    "book/book",
    "solutions",
    "tests",
    "bench",
    "tools",
    ".ci",
    ".cargo/mutants.toml",
    "CONTRIBUTING.md",
];

/// Kept although below a folder left out: the `{{#include}}` reader that the
/// book's listings package compiles into its build script.
const KEPT: &[&str] = &["tests/testkit", "tests/src/book/includes.rs"];

/// Workspace members that hold answers or need them.
fn is_authors_member(member: &str) -> bool {
    member == "tests" || member.starts_with("solutions")
}

/// Where the Classroom workflow goes in the edition, and where it comes from.
const WORKFLOW: (&str, &str) = (
    ".github/workflows/classroom.yml",
    "book/src/instructors/github-classroom.yml",
);

/// Writes the student edition of the course at `root` to `dir`.
pub fn student(root: &Path, course: &Course, dir: &Path) -> Result<bool> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty: the student edition goes to a new or empty folder",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let dir = dir
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", dir.display()))?;
    if dir.starts_with(root) {
        bail!(
            "{} is inside the course: write the student edition outside it",
            dir.display()
        );
    }
    let mut copied = 0;
    copy(root, &dir, Path::new(""), &mut copied)?;

    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .context("cannot read the course's Cargo.toml")?;
    std::fs::write(dir.join("Cargo.toml"), without_authors_members(&manifest)?)
        .context("cannot write the edition's Cargo.toml")?;
    let (to, from) = WORKFLOW;
    if root.join(from).is_file() {
        std::fs::create_dir_all(dir.join(to).parent().expect("a folder"))?;
        std::fs::copy(root.join(from), dir.join(to))
            .with_context(|| format!("cannot copy {from}"))?;
    }
    let list = grader::course::integrity::checksum_list(&dir)?;
    std::fs::write(dir.join(grader::course::integrity::FILE_NAME), list)
        .context("cannot write the edition's checksum list")?;

    // The edition must load as a workspace; cargo prunes the lock file of
    // the removed members' dependencies as it reads it.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .output()
        .context("cannot run cargo")?;
    if !output.status.success() {
        bail!(
            "the student edition in {} does not load as a workspace:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Course::load(&dir)?;
    let exercises = course.exercises().count();
    println!(
        "Wrote the student edition to {}: {copied} files, {exercises} exercises, \
         no solutions, no mistakes catalogue, no authors' checks.",
        dir.display()
    );
    println!(
        "Make it the assignment's template repository; the workflow in {} grades \
         against the full course, from its private repository (see the appendix for \
         instructors).",
        WORKFLOW.0
    );
    Ok(true)
}

/// Copies `root/relative` into `to/relative`, leaving out [`LEFT_OUT`] (but
/// not [`KEPT`]) and every `mistakes` folder. Links are not followed: a link
/// is left out, so that nothing outside the course is published through one.
fn copy(root: &Path, to: &Path, relative: &Path, copied: &mut usize) -> Result<()> {
    let from = root.join(relative);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&from)
        .with_context(|| format!("cannot read {}", from.display()))?
        .map(|entry| entry.map(|e| PathBuf::from(e.file_name())))
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    for name in entries {
        let path = relative.join(&name);
        let kept = KEPT
            .iter()
            .any(|k| Path::new(k).starts_with(&path) || path.starts_with(k));
        let left_out =
            LEFT_OUT.iter().any(|l| path.starts_with(l)) || name.as_os_str() == "mistakes";
        if left_out && !kept {
            continue;
        }
        let kind = std::fs::symlink_metadata(root.join(&path))?.file_type();
        if kind.is_dir() {
            std::fs::create_dir_all(to.join(&path))?;
            copy(root, to, &path, copied)?;
        } else if kind.is_file() {
            std::fs::copy(root.join(&path), to.join(&path))
                .with_context(|| format!("cannot copy {}", path.display()))?;
            *copied += 1;
        }
    }
    Ok(())
}

/// The workspace manifest without the authors' members, in `members` and
/// `default-members`; the rest of its text as it is.
fn without_authors_members(manifest: &str) -> Result<String> {
    let mut out = String::new();
    for line in manifest.lines() {
        let key = line.split('=').next().unwrap_or("").trim();
        if matches!(key, "members" | "default-members") {
            let value: toml::Table = toml::from_str(line)
                .with_context(|| format!("Cargo.toml: cannot read `{line}` (one line expected)"))?;
            let members: Vec<String> = value[key]
                .as_array()
                .context("members is a list")?
                .iter()
                .filter_map(|m| m.as_str())
                .filter(|m| !is_authors_member(m))
                .map(|m| format!("{m:?}"))
                .collect();
            out.push_str(&format!("{key} = [{}]\n", members.join(", ")));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_loses_the_solutions_and_the_authors_checks_only() {
        let manifest = "[workspace]\nmembers = [\"exercises/*\", \"solutions/*\", \"grader\", \
                        \"tests\", \"tests/testkit\"]\ndefault-members = [\"solutions/*\", \
                        \"grader\", \"tests\"]\n# kept\n";
        assert_eq!(
            without_authors_members(manifest).unwrap(),
            "[workspace]\nmembers = [\"exercises/*\", \"grader\", \"tests/testkit\"]\n\
             default-members = [\"grader\"]\n# kept\n"
        );
    }
}
