//! Instructor mode: grade a learner's checkout without trusting it.
//!
//! Only the files a learner may edit, `exercises/*/src/**`, are taken from the
//! submission, wherever in the upload they are ([`crate::intake::layout`]). They are
//! laid over the course's stubs in a working copy of the course that is kept
//! between runs (so only what changed is rebuilt); everything else there comes
//! from the course itself, restored before every submission: whatever a
//! previous submission's tests changed there is undone. The submission folder
//! is only ever read, and a link in it is never followed.
//!
//! Learner mode uses the same working copy, of the learner's own checkout,
//! when an exercise's file breaks its section's build: the stub stands in for
//! it there, never in the learner's files (see `grade.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::intake::layout::{self, Layout, Shape};
use crate::model::course::{Course, Side, is_learner_file};
pub use crate::model::submission::{Skip, Submission, Ungradable, name_of};

/// Folders never copied or compared: build output and version control,
/// wherever they are (an upload may hold the course one folder down).
const SKIPPED: [&str; 3] = [".git", "target", "book"];

/// Whether the walk leaves out the folder `path`: a [`SKIPPED`] name, `book`
/// only as mdBook's output (`book/book`).
fn skipped_folder(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    match SKIPPED.iter().position(|skip| name == *skip) {
        Some(2) => path.parent().and_then(Path::file_name) == Some("book".as_ref()),
        Some(_) => true,
        None => false,
    }
}

/// A pristine copy of the course in `<work>/course`, built in `<work>/target`.
#[derive(Debug)]
pub struct WorkingCopy {
    pub root: PathBuf,
    pub target: PathBuf,
    course_root: PathBuf,
    /// Every file of the course, listed once: restoring the copy before each
    /// submission and laying one over the stubs both need it.
    course_files: BTreeSet<PathBuf>,
    _lock: Lock,
}

impl WorkingCopy {
    /// Makes `<work>/course` a copy of the course at `course_root`, writing
    /// only the files that differ, so that a warm build stays warm.
    pub fn prepare(course_root: &Path, work: &Path) -> Result<WorkingCopy> {
        std::fs::create_dir_all(work)
            .with_context(|| format!("cannot create {}", work.display()))?;
        let lock = Lock::acquire(&work.join("lock"))?;
        let copy = WorkingCopy {
            root: work.join("course"),
            target: work.join("target"),
            course_root: course_root.to_path_buf(),
            course_files: files_below(course_root)?,
            _lock: lock,
        };
        copy.restore()?;
        Ok(copy)
    }

    /// Makes every course file of the working copy (tests, snapshots,
    /// `course.toml`, Cargo files) equal to the course's again, and removes
    /// any other file that is not a learner's: a test that rewrote or added
    /// one (where the files were not confined) changes nothing that follows.
    pub fn restore(&self) -> Result<()> {
        let course_files = self.course_files_where(|path| !is_learner_file(path));
        sync(&self.root, &course_files, |path| {
            !is_learner_file(path) && !crate::build::combined::is_generated(path)
        })
    }

    /// The course's files for which `keep` holds, each with where it is in
    /// the course: what [`sync`] makes the working copy's.
    fn course_files_where(&self, keep: impl Fn(&Path) -> bool) -> BTreeMap<PathBuf, PathBuf> {
        self.course_files
            .iter()
            .filter(|path| keep(path))
            .map(|path| (path.clone(), self.course_root.join(path)))
            .collect()
    }

    /// Forgets every build output: what tests could write (when their files
    /// were not confined) is not trusted for the next submission.
    pub fn distrust_build_output(&self) -> Result<()> {
        match std::fs::remove_dir_all(&self.target) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(error).with_context(|| format!("cannot remove {}", self.target.display()))
            }
            _ => Ok(()),
        }
    }

    /// Restores the course, lays the learner files of `submission` over the
    /// course's stubs (a partial upload keeps the stubs and `lib.rs` it
    /// lacks), and lists what it changed elsewhere. Where in the upload those
    /// files are is [`layout::find`]'s business. An upload with none is a
    /// submission in error, whose message tells the student what was
    /// expected; a learner folder that is a link makes it one too.
    pub fn load(&self, submission: &Path, course: &Course) -> Result<Submission> {
        self.restore()?;
        let kind = std::fs::symlink_metadata(submission)
            .with_context(|| format!("cannot read {}", submission.display()))?
            .file_type();
        anyhow::ensure!(
            kind.is_dir(),
            "{} is {}",
            submission.display(),
            if kind.is_symlink() {
                "a link, which is never followed"
            } else {
                "not a folder"
            }
        );
        refuse_linked_learner_folders(submission, course)?;
        let walked = walk(submission);
        let layout = match layout::find(&walked.files, course) {
            Ok(layout) => layout,
            Err(message) => {
                let mut failed =
                    Submission::failed(submission, Ungradable::of_course(message, course));
                failed.skipped = walked.skipped;
                return Ok(failed);
            }
        };
        // Every learner file: the upload's where it has one, else the course's.
        let mut wanted = self.course_files_where(is_learner_file);
        for (ours, theirs) in &layout.files {
            wanted.insert(ours.clone(), submission.join(theirs));
        }
        sync(&self.root, &wanted, is_learner_file)?;
        crate::build::combined::prepare(&self.root, course)?;

        // Each file not used is listed once: with its reason if it has one.
        let used: BTreeSet<&PathBuf> = (layout.files.values())
            .chain(layout.unplaced.iter().map(|(path, _)| path))
            .collect();
        let mut ignored = Vec::new();
        for path in walked.files.iter().filter(|path| !used.contains(path)) {
            // A course file handed in unchanged is no news; a changed one is.
            let ours = course_path(&layout, path)
                .and_then(|ours| std::fs::read(self.course_root.join(ours)).ok());
            let same = ours.is_some_and(|ours| {
                std::fs::read(submission.join(path))
                    .is_ok_and(|theirs| crate::course::integrity::same_text(&theirs, &ours))
            });
            if !same && !layout::hidden(path) {
                ignored.push(path.clone());
            }
        }
        Ok(Submission {
            name: name_of(submission),
            dir: submission.to_path_buf(),
            layout: Some(layout.to_string()),
            placed: layout.files.len(),
            unplaced: layout.unplaced,
            ignored,
            skipped: walked.skipped,
            ungradable: None,
        })
    }
}

/// Refuses an upload in which a learner folder, or a folder above one, is a
/// link, wherever a layout would look for it (at the top, or one folder down):
/// the walk does not follow links, but such an upload tries to lead the grader
/// away, and is not graded at all.
fn refuse_linked_learner_folders(submission: &Path, course: &Course) -> Result<()> {
    let mut tops = vec![PathBuf::new()];
    tops.extend(
        std::fs::read_dir(submission)
            .with_context(|| format!("cannot read {}", submission.display()))?
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
            .map(|entry| PathBuf::from(entry.file_name())),
    );
    for top in &tops {
        for section in &course.sections {
            let in_course = top.join(Side::Exercises.dir()).join(&section.slug);
            for src in [in_course.join("src"), top.join(&section.slug).join("src")] {
                real_folder(submission, &src)?;
            }
        }
    }
    Ok(())
}

/// Where `path` of an upload read as `layout` would be in the course, for
/// comparing a file handed in with the course's own.
fn course_path(layout: &Layout, path: &Path) -> Option<PathBuf> {
    let inside = path.strip_prefix(&layout.under).ok()?;
    Some(match layout.shape {
        Shape::Sections => Path::new(Side::Exercises.dir()).join(inside),
        Shape::Course | Shape::Files => inside.to_path_buf(),
    })
}

/// Whether `relative` is, in `root`, a folder reached through folders only:
/// `false` when it is missing; an error when it or a folder above it is a
/// link or not a folder (a submission that tries to lead the grader away).
fn real_folder(root: &Path, relative: &Path) -> Result<bool> {
    let mut path = root.to_path_buf();
    for part in relative.components() {
        path.push(part);
        let kind = match std::fs::symlink_metadata(&path) {
            Ok(metadata) => metadata.file_type(),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", path.display()));
            }
        };
        let shown = path.strip_prefix(root).unwrap_or(&path).display();
        anyhow::ensure!(
            !kind.is_symlink(),
            "{shown} is a link, which is never followed"
        );
        anyhow::ensure!(kind.is_dir(), "{shown} is not a folder");
    }
    Ok(true)
}

/// Every regular file below `root`, relative to it, leaving out [`SKIPPED`]
/// folders, symbolic links (a link could point anywhere on the machine) and
/// special files; an entry that cannot be read is an error.
pub fn files_below(root: &Path) -> Result<BTreeSet<PathBuf>> {
    let walked = walk(root);
    if let Some((path, why)) = walked
        .skipped
        .iter()
        .find(|(_, why)| matches!(why, Skip::Unreadable(_)))
    {
        anyhow::bail!("{}: {why}", root.join(path).display());
    }
    Ok(walked.files)
}

/// What a walk below a folder found.
#[derive(Debug, Default)]
struct Walk {
    /// Regular files, relative to the folder.
    files: BTreeSet<PathBuf>,
    /// Entries not read, relative to the folder, and why.
    skipped: Vec<(PathBuf, Skip)>,
}

/// Every regular file below `root` (which is not followed if it is a link),
/// and every entry left out and why; [`SKIPPED`] folders are left out quietly.
fn walk(root: &Path) -> Walk {
    let mut walked = Walk::default();
    if !std::fs::symlink_metadata(root).is_ok_and(|m| m.is_dir()) {
        return walked;
    }
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let entries = match std::fs::read_dir(root.join(&relative)) {
            Ok(entries) => entries,
            Err(error) => {
                walked
                    .skipped
                    .push((relative, Skip::Unreadable(error.to_string())));
                continue;
            }
        };
        for entry in entries {
            let (path, kind) = match entry.and_then(|e| Ok((e.file_name(), e.file_type()?))) {
                Ok((name, kind)) => (relative.join(name), kind),
                Err(error) => {
                    let why = Skip::Unreadable(error.to_string());
                    walked.skipped.push((relative.clone(), why));
                    continue;
                }
            };
            if kind.is_dir() && skipped_folder(&path) {
                continue;
            }
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                walked.files.insert(path);
            } else if kind.is_symlink() {
                walked.skipped.push((path, Skip::Link));
            } else {
                walked.skipped.push((path, Skip::Special));
            }
        }
    }
    walked.skipped.sort_by(|a, b| a.0.cmp(&b.0));
    walked
}

/// Makes the files of `to` for which `owned` holds equal to `files`, each
/// path (relative to `to`) with the file its content comes from: writes those
/// whose content differs, and deletes the owned ones not listed.
fn sync(
    to: &Path,
    files: &BTreeMap<PathBuf, PathBuf>,
    owned: impl Fn(&Path) -> bool,
) -> Result<()> {
    for (path, from) in files {
        let source =
            std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
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
        if owned(&path) && !files.contains_key(&path) {
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
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        crate::os::lock(&file, || {
            eprintln!("Waiting for another grader that uses {}…", path.display());
        })
        .with_context(|| format!("cannot lock {}", path.display()))?;
        Ok(Lock(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(
        windows,
        ignore = "Windows makes links only in developer mode or as an administrator"
    )]
    fn a_walk_never_follows_a_link_and_lists_what_it_did_not_read() {
        let dir = tempfile::tempdir().expect("a folder");
        let root = dir.path();
        std::fs::create_dir_all(root.join("exercises/01/src")).expect("mkdir");
        std::fs::write(root.join("exercises/01/src/a.rs"), "fn a() {}").expect("write");
        crate::os::symlink(Path::new("/"), &root.join("exercises/01/src/everything"))
            .expect("link");
        crate::os::symlink(&root.join("exercises/01/src/a.rs"), &root.join("secret"))
            .expect("link");
        let walked = walk(root);
        assert_eq!(
            walked.files.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("exercises/01/src/a.rs")]
        );
        assert_eq!(
            walked.skipped,
            [
                (PathBuf::from("exercises/01/src/everything"), Skip::Link),
                (PathBuf::from("secret"), Skip::Link)
            ]
        );
    }

    #[test]
    #[cfg_attr(
        windows,
        ignore = "Windows makes links only in developer mode or as an administrator"
    )]
    fn a_learner_folder_that_is_a_link_is_an_error() {
        let dir = tempfile::tempdir().expect("a folder");
        let root = dir.path();
        std::fs::create_dir_all(root.join("exercises/01")).expect("mkdir");
        crate::os::symlink(Path::new("/"), &root.join("exercises/01/src")).expect("link");
        let error = real_folder(root, Path::new("exercises/01/src")).expect_err("a link");
        assert_eq!(
            error.to_string(),
            "exercises/01/src is a link, which is never followed"
        );
        assert!(!real_folder(root, Path::new("exercises/02/src")).expect("missing is fine"));
    }

    #[test]
    fn restoring_undoes_what_a_test_changed_in_the_working_copy() {
        let course = tempfile::tempdir().expect("a folder");
        let work = tempfile::tempdir().expect("a folder");
        let test = Path::new("exercises/01/tests/a.rs");
        let stub = Path::new("exercises/01/src/a.rs");
        for (path, text) in [(test, "#[test] fn real() {}"), (stub, "pub fn a() {}")] {
            std::fs::create_dir_all(course.path().join(path).parent().expect("a parent"))
                .expect("mkdir");
            std::fs::write(course.path().join(path), text).expect("written");
        }
        let copy = WorkingCopy::prepare(course.path(), work.path()).expect("prepared");
        std::fs::write(copy.root.join(test), "#[test] fn forged() {}").expect("forged");
        std::fs::write(copy.root.join("exercises/01/tests/extra.rs"), "").expect("added");
        std::fs::create_dir_all(copy.root.join("exercises/01/src")).expect("mkdir");
        std::fs::write(copy.root.join(stub), "pub fn a() { /* learner */ }").expect("a learner's");
        copy.restore().expect("restored");
        assert_eq!(
            std::fs::read_to_string(copy.root.join(test)).expect("read"),
            "#[test] fn real() {}"
        );
        assert!(!copy.root.join("exercises/01/tests/extra.rs").exists());
        assert_eq!(
            std::fs::read_to_string(copy.root.join(stub)).expect("read"),
            "pub fn a() { /* learner */ }",
            "learner files are load's business, not restore's"
        );
    }
}
