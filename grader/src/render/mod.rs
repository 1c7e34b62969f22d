//! Reports for instructors' platforms, each rendered from a [`Report`].
//!
//! Each format is one [`Format`] in [`FORMATS`]: its `--format` name, its
//! file extension, its renderer and its error document, all in its module.
//!
//! | format | for | file |
//! |---|---|---|
//! | [`json`] | our own tools; documented, versioned schema | any |
//! | [`junit`] | CI systems (GitLab, GitHub, Jenkins) | `report.xml` |
//! | [`gradescope`] | Gradescope's autograder | `results/results.json` |
//! | [`exercism`] | Exercism's test runner interface, version 3 | `results.json` |
//! | [`classroom`] | GitHub Classroom's grading reporter | a step's output, in base64 |
//! | [`gradebook`] | a class: CSV and a self-contained HTML heat map | a folder |

pub mod classroom;
pub mod exercism;
pub mod gradebook;
pub mod gradescope;
pub mod human;
pub mod json;
pub mod junit;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::model::report::Report;

/// One format of a single run's report: all the grader knows of it. A new
/// format is a module that defines one of these, and an entry in [`FORMATS`].
#[derive(Clone, Copy)]
pub struct Format {
    /// Its `--format` value.
    pub name: &'static str,
    /// What `--help` says of it.
    pub about: &'static str,
    /// The file extension of each submission's report in a class's gradebook
    /// folder; `None` when it is not written there.
    pub extension: Option<&'static str>,
    /// Renders a report.
    pub render: fn(&Report) -> Result<String>,
    /// A report that says grading itself failed, with this message, out of
    /// the points the run was for (0 when the course could not be read), for
    /// platforms that read the results file and must not find it missing or
    /// stale; `None` when there is no such document.
    pub error: Option<fn(&str, f64) -> Result<String>>,
}

/// Every format, in the order `--help` lists them; the first is the default.
pub const FORMATS: &[Format] = &[
    crate::render::human::FORMAT,
    json::FORMAT,
    junit::FORMAT,
    gradescope::FORMAT,
    exercism::FORMAT,
    classroom::FORMAT,
];

impl Format {
    /// The format a person reads: [`crate::render::human`].
    pub const HUMAN: Format = FORMATS[0];

    /// Whether this is the format a person reads on a terminal (in colour there).
    pub fn is_human(&self) -> bool {
        self.name == Format::HUMAN.name
    }

    /// Renders `report`; the human format without colour.
    pub fn render(&self, report: &Report) -> Result<String> {
        (self.render)(report)
    }

    /// The document that says grading failed with `error`, out of
    /// `max_points` (the points the run was for; 0 when unknown), if the
    /// format has one.
    pub fn render_error(&self, error: &anyhow::Error, max_points: f64) -> Option<String> {
        let message = format!("The grader could not run: {error:#}");
        self.error
            .and_then(|document| document(&message, max_points).ok())
    }
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name == other.name
    }
}

impl Eq for Format {}

/// `--format` takes any name of [`FORMATS`], and `--help` lists them.
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        FORMATS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name).help(self.about))
    }
}

/// A JSON document as the platforms' results files are written.
fn pretty(value: &impl serde::Serialize) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

/// Writes `contents` to `path` so that a reader sees the old file or the new
/// one, never half of one: a temporary file beside it, then a rename.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // A report is read by others: a CI's uploader, a web server for the gradebook.
    let mut builder = tempfile::Builder::new();
    builder.prefix(".grader-");
    crate::os::readable_by_others(&mut builder);
    let mut file = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(contents)
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    // A failed rename drops the temporary file, which deletes it.
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Points to two decimals, as platforms show them.
pub fn round(points: f64) -> f64 {
    (points * 100.0).round() / 100.0
}

/// Cuts `text` to at most `limit` bytes of UTF-8, on a character's boundary,
/// ending with `…` when it cut: for limits that count bytes (an environment
/// variable's), where a character count is no bound.
pub fn truncate_bytes(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_owned();
    }
    let mut end = limit.saturating_sub('…'.len_utf8());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Cuts `text` to at most `limit` characters, ending with `…` when it cut.
pub fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// For the renderers' tests: a report of the whole course, each exercise
/// with the tests `tests` gives it, graded in the course's own folder.
#[cfg(test)]
pub(crate) fn whole_course_report(
    tests: impl Fn() -> Vec<crate::model::report::TestReport>,
) -> (crate::model::course::Course, Report) {
    use crate::model::report::{ExerciseReport, SectionReport};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the course");
    let course = crate::model::course::Course::load(root).expect("the manifest");
    let mut sections: Vec<SectionReport> = Vec::new();
    for id in course.ids() {
        let mut exercise = ExerciseReport::new(&course, id);
        exercise.tests = tests();
        if sections.last().is_none_or(|s| s.number != id.section + 1) {
            sections.push(SectionReport::new(&course, id.section));
        }
        sections
            .last_mut()
            .expect("a section")
            .exercises
            .push(exercise);
    }
    let report = Report {
        sections,
        duration: std::time::Duration::ZERO,
        building: std::time::Duration::ZERO,
        submission: None,
        root: root.to_path_buf(),
        following: None,
        isolation: Default::default(),
        reused: 0,
    };
    (course, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_own_name_and_file_and_says_when_grading_failed() {
        let mut names = std::collections::HashSet::new();
        let mut extensions = std::collections::HashSet::new();
        for format in FORMATS {
            assert!(names.insert(format.name), "{} twice", format.name);
            if let Some(extension) = format.extension {
                assert!(extensions.insert(extension), "{extension} twice");
            }
            // Every file a platform reads must exist when grading fails, and say why.
            if format.extension.is_some() {
                let error = anyhow::anyhow!("the course is broken");
                let document = format.render_error(&error, 3.0).expect("an error document");
                assert!(
                    document.contains("The grader could not run: the course is broken"),
                    "{}: {document}",
                    format.name
                );
            }
        }
        assert!(Format::HUMAN.is_human());
    }

    #[test]
    fn truncates_to_the_limit_with_an_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        // "é" is two bytes: a cut never splits it, and the result fits.
        let cut = truncate_bytes("ééééé", 7);
        assert_eq!(cut, "éé…");
        assert!(cut.len() <= 7);
        assert_eq!(truncate_bytes("abc", 3), "abc");
    }

    #[test]
    fn writes_atomically_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("grader-atomic-{}", std::process::id()));
        let path = dir.join("out.json");
        write_atomically(&path, b"{}").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "{}");
        assert!(
            crate::os::others_may_read(&path),
            "others may read a report"
        );
        assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
        std::fs::remove_dir_all(dir).expect("cleaned up");
    }
}
