//! The course's git history, where a learner's checkout keeps its stubs.
//!
//! A learner edits the stubs in place, so the checkout holds no other copy of
//! them; its history does: the newest committed version of an exercise's file
//! that still has a `todo!()` (every stub has one; a finished solution has
//! none). `cargo grade reset` puts that version back, and grading stands it in
//! for a file that breaks its section's build, in a copy of the course.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// How far back the history is searched for the stub.
const COMMITS_SEARCHED: usize = 200;

/// An exercise's stub, as a commit of the course has it.
#[derive(Debug, Clone)]
pub struct Stub {
    /// The commit's short hash.
    pub commit: String,
    /// The file's text at that commit.
    pub text: String,
}

/// The newest committed version of `file` (relative to `root`) that has a
/// `todo!()`, with its commit's short hash. The error says why there is none
/// (no git, no history, no such version), in words a learner can act on.
pub fn stub_from_history(root: &Path, file: &Path) -> Result<Stub> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .context("cannot run git, which keeps the course's stubs")
    };
    // Git names files with `/` on every system (`commit:path` wants it so).
    let relative = format!("./{}", crate::course::integrity::slashed(file));
    let log = git(&[
        "log",
        &format!("--max-count={COMMITS_SEARCHED}"),
        "--format=%h",
        "--",
        &relative,
    ])?;
    if !log.status.success() {
        bail!(
            "the course has no git history here ({})",
            String::from_utf8_lossy(&log.stderr).trim()
        );
    }
    for commit in String::from_utf8_lossy(&log.stdout).split_whitespace() {
        let shown = git(&["show", &format!("{commit}:{relative}")])?;
        let text = String::from_utf8_lossy(&shown.stdout);
        if shown.status.success() && text.contains("todo!(") {
            return Ok(Stub {
                commit: commit.to_owned(),
                text: text.into_owned(),
            });
        }
    }
    bail!(
        "no committed version of {} has a todo!() left: the stub is not in this checkout's history",
        file.display()
    )
}
