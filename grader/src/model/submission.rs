//! A graded checkout, as the intake stage read it: its name, where it is,
//! and what in it was not used.

use std::path::{Path, PathBuf};

use crate::model::course::Course;

/// A graded checkout: its name, where it is, and what in it was ignored.
#[derive(Debug, Clone)]
pub struct Submission {
    pub name: String,
    pub dir: PathBuf,
    /// How the upload was read (`the course's folder, inside course-main/`).
    pub layout: Option<String>,
    /// How many learner files were taken from it.
    pub placed: usize,
    /// Files that looked like a learner's but were not used, and why.
    pub unplaced: Vec<(PathBuf, String)>,
    /// Files of the submission that were not used, relative to it: files
    /// outside the learner's folders that differ from the course's, or that
    /// the course does not have.
    pub ignored: Vec<PathBuf>,
    /// Entries that were not read at all: links (never followed), special
    /// files, and what could not be read.
    pub skipped: Vec<(PathBuf, Skip)>,
    /// Why the submission could not be graded at all, when it could not.
    pub ungradable: Option<Ungradable>,
}

/// Why a submission could not be graded at all: its row in a gradebook says
/// so, and every format renders it as its own document (see
/// `render::format::Format::render`), never as a report of nothing passed.
#[derive(Debug, Clone, PartialEq)]
pub struct Ungradable {
    /// In words the student and the instructor can act on.
    pub why: String,
    /// The points the run was for, so that a platform's score still reads
    /// "0 out of them" (0 when they are not known).
    pub max_points: f64,
}

impl Ungradable {
    /// `why` a submission to `course` could not be graded.
    pub fn of_course(why: String, course: &Course) -> Ungradable {
        Ungradable {
            why,
            max_points: course.exercises().map(|(_, e)| e.points).sum(),
        }
    }
}

/// Why an entry of a submission was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// A symbolic link: it could point anywhere on the machine.
    Link,
    /// A device, a pipe or a socket.
    Special,
    /// Reading it failed.
    Unreadable(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Link => f.write_str("a link, not followed"),
            Skip::Special => f.write_str("not a regular file"),
            Skip::Unreadable(error) => write!(f, "unreadable: {error}"),
        }
    }
}

impl Submission {
    /// A submission that cannot be graded: a row of the gradebook that says why.
    pub fn failed(dir: &Path, why: Ungradable) -> Submission {
        Submission {
            name: name_of(dir),
            dir: dir.to_path_buf(),
            layout: None,
            placed: 0,
            unplaced: Vec::new(),
            ignored: Vec::new(),
            skipped: Vec::new(),
            ungradable: Some(why),
        }
    }
}

impl Submission {
    /// What the student should know of how their upload was read: where its
    /// files were found, and what of it was not used or not read (at most a
    /// few lines of each); `None` when there is nothing to say. An upload in
    /// error says only why.
    pub fn notes(&self) -> Option<String> {
        const SHOWN: usize = 10;
        if let Some(ungradable) = &self.ungradable {
            return Some(ungradable.why.clone());
        }
        let mut out = Vec::new();
        if let Some(layout) = &self.layout {
            let files = if self.placed == 1 { "file" } else { "files" };
            out.push(format!(
                "Found {} exercise {files}, laid out as {layout}.",
                self.placed
            ));
        }
        let mut list = |title: &str, lines: Vec<String>| {
            if lines.is_empty() {
                return;
            }
            out.push(title.to_owned());
            let more = lines.len().saturating_sub(SHOWN);
            out.extend(
                lines
                    .into_iter()
                    .take(SHOWN)
                    .map(|line| format!("  {line}")),
            );
            if more > 0 {
                out.push(format!("  and {more} more"));
            }
        };
        list("Not used:", with_reasons(&self.unplaced));
        list(
            "Not used (only the exercises' src/ folders are graded; tests and Cargo files are the course's):",
            self.ignored
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        );
        list("Not read:", with_reasons(&self.skipped));
        (!out.is_empty()).then(|| out.join("\n"))
    }
}

/// Each path with why it was not used or not read: `src/x (a link, not followed)`.
fn with_reasons(entries: &[(PathBuf, impl std::fmt::Display)]) -> Vec<String> {
    entries
        .iter()
        .map(|(path, why)| format!("{} ({why})", path.display()))
        .collect()
}

pub fn name_of(dir: &Path) -> String {
    dir.file_name()
        .map_or_else(|| "submission".into(), |n| n.to_string_lossy().into_owned())
}
