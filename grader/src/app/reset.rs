//! `cargo grade reset EXERCISE` (and `x` in watch): the exercise's stub back,
//! the learner's file kept beside it.
//!
//! The stub comes from the course's git history ([`grader::course::history`]), since
//! the checkout holds no other copy of it. The learner's file is never lost:
//! it is copied to `<exercise>.rs.bak` first (`.bak.2`, `.bak.3`, … when that
//! exists), where the learner sees it in their editor and where the watcher,
//! which grades `.rs` files only, never reacts to it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use grader::course::history::{Stub, stub_from_history};
use grader::model::course::{Exercise, Section};

use crate::session::Session;

/// What a reset did.
#[derive(Debug)]
pub enum Reset {
    /// The file was already the stub: nothing was written.
    AlreadyTheStub { commit: String },
    /// The stub was written; the learner's file was copied to `backup`.
    Restored { commit: String, backup: PathBuf },
}

/// `cargo grade reset EXERCISE`.
pub fn run(session: &Session, key: &str) -> Result<bool> {
    let (section, exercise) = session.exercise(key)?;
    let file = exercise.stub_path(section);
    match reset(&session.root, section, exercise)? {
        Reset::AlreadyTheStub { commit } => println!(
            "{} is already the stub (as of commit {commit}): nothing to do.",
            file.display()
        ),
        Reset::Restored { commit, backup } => println!(
            "Put the stub of {} back in {} (as of commit {commit}).\nYour file is kept in {}.",
            exercise.name,
            file.display(),
            backup.display()
        ),
    }
    Ok(true)
}

/// Puts the stub of `exercise` back in the course at `root`, keeping the
/// learner's file as a backup.
pub fn reset(root: &Path, section: &Section, exercise: &Exercise) -> Result<Reset> {
    let file = exercise.stub_path(section);
    let Stub { commit, text: stub } = stub_from_history(root, &file).with_context(|| {
        format!(
            "cannot find the stub of {}; copy the file from a fresh download of the course instead",
            file.display()
        )
    })?;
    let path = root.join(&file);
    let current = std::fs::read(&path).ok();
    // Git keeps the stub with `\n` line ends; a Windows checkout has `\r\n`.
    if current
        .as_deref()
        .is_some_and(|current| grader::course::integrity::same_text(current, stub.as_bytes()))
    {
        return Ok(Reset::AlreadyTheStub { commit });
    }
    let backup = free_backup_name(&path);
    if let Some(current) = current {
        // The backup is written before the stub: a failure between the two
        // leaves two copies of the learner's work, never none.
        std::fs::write(&backup, current)
            .with_context(|| format!("cannot keep a backup in {}", backup.display()))?;
    }
    grader::os::write_atomically(&path, stub.as_bytes())?;
    let backup = backup.strip_prefix(root).unwrap_or(&backup).to_path_buf();
    Ok(Reset::Restored { commit, backup })
}

/// The `n`th backup of `path`: `x.rs.bak`, then `x.rs.bak.2`, `x.rs.bak.3`, …
fn backup_name(path: &Path, n: usize) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    if n > 1 {
        name.push(format!(".{n}"));
    }
    PathBuf::from(name)
}

/// The backup a reset of `path` writes next: the first that does not exist.
pub fn free_backup_name(path: &Path) -> PathBuf {
    (1..)
        .map(|n| backup_name(path, n))
        .find(|candidate| !candidate.exists())
        .expect("some number is free")
}

/// The backup the last reset of `path` wrote, if any: the learner's latest
/// attempt before a reset.
pub fn latest_backup(path: &Path) -> Option<PathBuf> {
    (1..)
        .map(|n| backup_name(path, n))
        .take_while(|candidate| candidate.exists())
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_backup_is_the_last_reset_wrote() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("fibonacci.rs");
        assert_eq!(latest_backup(&file), None);
        assert_eq!(free_backup_name(&file), dir.path().join("fibonacci.rs.bak"));
        std::fs::write(dir.path().join("fibonacci.rs.bak"), "first").expect("written");
        std::fs::write(dir.path().join("fibonacci.rs.bak.2"), "second").expect("written");
        assert_eq!(
            latest_backup(&file),
            Some(dir.path().join("fibonacci.rs.bak.2"))
        );
        assert_eq!(
            free_backup_name(&file),
            dir.path().join("fibonacci.rs.bak.3")
        );
    }
}
