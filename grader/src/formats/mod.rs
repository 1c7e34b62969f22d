//! Reports for instructors' platforms, each rendered from a [`Report`].
//!
//! | format | for | file |
//! |---|---|---|
//! | [`json`] | our own tools; documented, versioned schema | any |
//! | [`junit`] | CI systems (GitLab, GitHub, Jenkins) | `report.xml` |
//! | [`gradescope`] | Gradescope's autograder | `results/results.json` |
//! | [`exercism`] | Exercism's test runner interface, version 3 | `results.json` |
//! | [`gradebook`] | a class: CSV and a self-contained HTML heat map | a folder |

pub mod exercism;
pub mod gradebook;
pub mod gradescope;
pub mod json;
pub mod junit;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::report::Report;

/// How a single run's report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Junit,
    Gradescope,
    Exercism,
}

/// Renders `report` as `format`; `Human` is rendered without colour.
pub fn render(format: Format, report: &Report) -> Result<String> {
    Ok(match format {
        Format::Human => crate::human::render(report, crate::human::Style { color: false }),
        Format::Json => json::render(report)?,
        Format::Junit => junit::render(report)?,
        Format::Gradescope => gradescope::render(report)?,
        Format::Exercism => exercism::render(report)?,
    })
}

/// The file extension of a per-submission report in a class's gradebook folder.
pub fn extension(format: Format) -> Option<&'static str> {
    match format {
        Format::Human => None,
        Format::Json => Some("json"),
        Format::Junit => Some("xml"),
        Format::Gradescope => Some("gradescope.json"),
        Format::Exercism => Some("exercism.json"),
    }
}

/// A report in `format` that says grading itself failed, for platforms that
/// read the results file and must not find it missing or stale.
pub fn render_error(format: Format, error: &anyhow::Error) -> Option<String> {
    let message = format!("The grader could not run: {error:#}");
    let json = match format {
        Format::Human => return None,
        Format::Json => {
            serde_json::json!({ "schema": json::REPORT_SCHEMA, "passed": false, "error": message })
        }
        Format::Gradescope => serde_json::json!({ "score": 0.0, "output": message, "tests": [] }),
        Format::Exercism => {
            serde_json::json!({ "version": 3, "status": "error", "message": message, "tests": [] })
        }
        Format::Junit => {
            let mut report = quick_junit::Report::new("course");
            let mut suite = quick_junit::TestSuite::new("grader");
            let mut status =
                quick_junit::TestCaseStatus::non_success(quick_junit::NonSuccessKind::Error);
            status.set_message(message.as_str());
            suite.add_test_case(quick_junit::TestCase::new("grading", status));
            report.add_test_suite(suite);
            return report.to_string().ok();
        }
    };
    serde_json::to_string_pretty(&json)
        .ok()
        .map(|text| text + "\n")
}

/// Writes `contents` to `path` so that a reader sees the old file or the new
/// one, never half of one: a temporary file beside it, then a rename.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .context("the output path names no file")?
        .to_string_lossy();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(contents).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.with_context(|| format!("cannot write {}", path.display()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_to_the_limit_with_an_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }

    #[test]
    fn writes_atomically_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("grader-atomic-{}", std::process::id()));
        let path = dir.join("out.json");
        write_atomically(&path, b"{}").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "{}");
        assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
        std::fs::remove_dir_all(dir).expect("cleaned up");
    }
}
