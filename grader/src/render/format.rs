//! What every format shares: [`Format`], what a format is, and the helpers
//! the platforms' documents use (rounding, cutting text to a limit).

use anyhow::Result;

use crate::model::report::Report;
use crate::model::submission::Ungradable;

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
    /// The document of a submission that could not be graded (`report` is
    /// its row: its submission, no exercise).
    pub ungradable: fn(&Report, &Ungradable) -> Result<String>,
    /// A report that says grading itself failed, with this message, out of
    /// the points the run was for (0 when the course could not be read), for
    /// platforms that read the results file and must not find it missing or
    /// stale; `None` when there is no such document.
    pub error: Option<fn(&str, f64) -> Result<String>>,
}

/// The name of the format a person reads ([`crate::render::human`]).
pub const HUMAN: &str = "human";

impl Format {
    /// Whether this is the format a person reads on a terminal (in colour there).
    pub fn is_human(&self) -> bool {
        self.name == HUMAN
    }

    /// Renders `report`, or says why it could not be graded; the human
    /// format without colour.
    pub fn render(&self, report: &Report) -> Result<String> {
        match report.ungradable() {
            Some(why) => (self.ungradable)(report, why),
            None => (self.render)(report),
        }
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

/// A JSON document as the platforms' results files are written.
pub fn pretty(value: &impl serde::Serialize) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
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
    fn truncates_to_the_limit_with_an_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        // "é" is two bytes: a cut never splits it, and the result fits.
        let cut = truncate_bytes("ééééé", 7);
        assert_eq!(cut, "éé…");
        assert!(cut.len() <= 7);
        assert_eq!(truncate_bytes("abc", 3), "abc");
    }
}
