//! Rendering: pure functions of a [`Report`](crate::model::report::Report),
//! one per format, the learner's terminal ([`human`]) among them. A renderer
//! reads no file and runs no process: what it shows is in the report.
//!
//! May import: `model`.
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
pub mod format;
pub mod gradebook;
pub mod gradescope;
pub mod human;
pub mod json;
pub mod junit;

pub use format::{Format, round, truncate, truncate_bytes};

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
    /// The format a person reads: [`human`].
    pub const HUMAN: Format = FORMATS[0];
}

/// `--format` takes any name of [`FORMATS`], and `--help` lists them.
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        FORMATS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name).help(self.about))
    }
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
}
