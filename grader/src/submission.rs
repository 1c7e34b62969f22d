//! Instructor mode: grade a learner's checkout without trusting it.
//!
//! Only the files a learner may edit, `exercises/*/src/**`, are taken from the
//! submission. They are synced into a working copy of the course that is kept
//! between runs (so only what changed is rebuilt); everything else there comes
//! from the course itself. The submission folder is only ever read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::manifest::{Course, Side, is_learner_file};

/// A graded checkout: its name, where it is, and what in it was ignored.
#[derive(Debug, Clone)]
pub struct Submission {
    pub name: String,
    pub dir: PathBuf,
    /// Files the submission added or changed outside `exercises/*/src/`,
    /// relative to it: none of them was used.
    pub ignored: Vec<PathBuf>,
}

/// Folders never copied or compared: build output and version control.
const SKIPPED: [&str; 3] = [".git", "target", "book/book"];

/// A pristine copy of the course in `<work>/course`, built in `<work>/target`.
#[derive(Debug)]
pub struct WorkingCopy {
    pub root: PathBuf,
    pub target: PathBuf,
    course_root: PathBuf,
    _lock: Lock,
}

impl WorkingCopy {
    /// Makes `<work>/course` a copy of the course at `course_root`, writing
    /// only the files that differ, so that a warm build stays warm.
    pub fn prepare(course_root: &Path, work: &Path) -> Result<WorkingCopy> {
        std::fs::create_dir_all(work)
            .with_context(|| format!("cannot create {}", work.display()))?;
        let lock = Lock::acquire(&work.join("lock"))?;
        let root = work.join("course");
        let wanted = files_below(course_root)?;
        let course_files: BTreeSet<_> = wanted
            .iter()
            .filter(|path| !is_learner_file(path))
            .cloned()
            .collect();
        sync(course_root, &root, &course_files, |path| {
            !is_learner_file(path)
        })?;
        Ok(WorkingCopy {
            root,
            target: work.join("target"),
            course_root: course_root.to_path_buf(),
            _lock: lock,
        })
    }

    /// Puts the learner-editable files of `submission` in place and lists what
    /// it changed elsewhere. A section the submission lacks keeps its stubs.
    pub fn load(&self, submission: &Path, course: &Course) -> Result<Submission> {
        anyhow::ensure!(
            submission.is_dir(),
            "{} is not a folder",
            submission.display()
        );
        let theirs = files_below(submission)?;
        for section in &course.sections {
            let src = section.dir_on(Side::Exercises).join("src");
            let from = if submission.join(&src).is_dir() {
                submission
            } else {
                self.course_root.as_path()
            };
            let files: BTreeSet<_> = files_below(&from.join(&src))?
                .into_iter()
                .map(|p| src.join(p))
                .collect();
            sync(from, &self.root, &files, |path| path.starts_with(&src))?;
        }
        let mut ignored = Vec::new();
        for path in &theirs {
            if is_learner_file(path) {
                continue;
            }
            let ours = std::fs::read(self.course_root.join(path)).ok();
            let same = ours
                .is_some_and(|ours| std::fs::read(submission.join(path)).is_ok_and(|t| t == ours));
            if !same {
                ignored.push(path.clone());
            }
        }
        let name = submission
            .file_name()
            .map_or_else(|| "submission".into(), |n| n.to_string_lossy().into_owned());
        Ok(Submission {
            name,
            dir: submission.to_path_buf(),
            ignored,
        })
    }
}

/// Every regular file below `root`, relative to it, leaving out [`SKIPPED`]
/// folders and symbolic links (a link could point anywhere on the machine).
pub fn files_below(root: &Path) -> Result<BTreeSet<PathBuf>> {
    let mut files = BTreeSet::new();
    if !root.is_dir() {
        return Ok(files);
    }
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let dir = root.join(&relative);
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?
        {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if SKIPPED.iter().any(|skip| path == Path::new(skip)) {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                files.insert(path);
            }
        }
    }
    Ok(files)
}

/// Makes the files of `to` for which `owned` holds equal to `files` of `from`:
/// writes those whose content differs, and deletes the owned ones not listed.
fn sync(
    from: &Path,
    to: &Path,
    files: &BTreeSet<PathBuf>,
    owned: impl Fn(&Path) -> bool,
) -> Result<()> {
    for path in files {
        let source = std::fs::read(from.join(path))
            .with_context(|| format!("cannot read {}", path.display()))?;
        let target = to.join(path);
        if std::fs::read(&target).ok().as_deref() != Some(source.as_slice()) {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, &source)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
    }
    for path in files_below(to)? {
        if owned(&path) && !files.contains(&path) {
            std::fs::remove_file(to.join(&path))?;
        }
    }
    Ok(())
}

/// An exclusive lock on a file, held until dropped: two graders never share a
/// working copy at once (the second waits).
#[derive(Debug)]
struct Lock(
    #[allow(
        dead_code,
        reason = "held for its lock, which closing the file releases"
    )]
    std::fs::File,
);

impl Lock {
    fn acquire(path: &Path) -> Result<Lock> {
        use rustix::fs::{FlockOperation, flock};
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
            eprintln!("Waiting for another grader that uses {}…", path.display());
            flock(&file, FlockOperation::LockExclusive)
                .with_context(|| format!("cannot lock {}", path.display()))?;
        }
        Ok(Lock(file))
    }
}
