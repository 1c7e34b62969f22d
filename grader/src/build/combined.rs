//! One test executable per section, in the grader's own working copy.
//!
//! Each exercise's tests are their own test target (`cargo test -p
//! generators --test fibonacci`), which is what a learner runs. Grading a
//! whole submission that way builds and links 64 test executables, and each
//! costs a rustc start, the loading of tokio's and insta's metadata and a
//! link, whatever its size: that fixed cost was most of grading a class. In
//! its working copy the grader adds one more target per section,
//! `tests/grader_all.rs`, which holds every exercise's test file as a module
//! (`#[path = "fibonacci.rs"] mod fibonacci;`), and builds that instead: the
//! same test functions, compiled from the same files, run one per process
//! as before, now named `fibonacci::first_ten`.
//!
//! insta names a snapshot after the test's module path, so each snapshot is
//! also there under the name the module sees (`grader_all__fibonacci__…`),
//! copied from the course's own. Should the combined target not build (a
//! learner's code that breaks one exercise's tests), [`crate::build::compile`]
//! builds that section's targets one by one instead, so that the error costs
//! only its exercise.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::model::course::{Course, Side};
use crate::model::outcome::Outcome;

/// The combined target's name, and its file's stem in each section's `tests/`.
pub const TARGET: &str = "grader_all";

/// Whether `path`, relative to the course root, is a file this module writes
/// (which restoring the working copy leaves alone, so that it is not rebuilt
/// when nothing changed).
pub fn is_generated(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parent = path.parent().and_then(Path::file_name);
    (name == format!("{TARGET}.rs") && parent == Some("tests".as_ref()))
        || (name.starts_with(&format!("{TARGET}__")) && parent == Some("snapshots".as_ref()))
}

/// The prefix of an exercise's tests in the combined executable.
pub fn prefix(exercise: &str) -> String {
    format!("{exercise}::")
}

/// `outcome` with the snapshot files it names as the course names them: the
/// learner reads `snapshots/fibonacci__first_ten.snap`, the file they have.
pub fn as_the_course_names_it(outcome: Outcome) -> Outcome {
    let rename = |text: &str| text.replace(&format!("snapshots/{TARGET}__"), "snapshots/");
    match outcome {
        Outcome::Failed {
            cause,
            panic,
            output,
        } => Outcome::Failed {
            cause,
            panic: panic.as_deref().map(rename),
            output: rename(&output),
        },
        other => other,
    }
}

/// Writes every section's combined target and its snapshots' copies in the
/// course at `root`, each only where it differs, and removes copies of
/// snapshots the course no longer has.
pub fn prepare(root: &Path, course: &Course) -> Result<()> {
    for section in &course.sections {
        let tests = root.join(section.dir_on(Side::Exercises)).join("tests");
        let mut text = String::from(
            "// Written by the grader in its working copy: every exercise's tests as\n\
             // one executable (grader/src/combined.rs). Not part of the course.\n",
        );
        for exercise in &section.exercises {
            text.push_str(&format!("#[path = \"{0}.rs\"]\nmod {0};\n", exercise.name));
        }
        write_if_changed(&tests.join(format!("{TARGET}.rs")), text.as_bytes())?;

        let snapshots = tests.join("snapshots");
        let Ok(entries) = std::fs::read_dir(&snapshots) else {
            continue;
        };
        let mut wanted: Vec<PathBuf> = Vec::new();
        let mut stale: Vec<PathBuf> = Vec::new();
        for entry in entries {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with(&format!("{TARGET}__")) {
                stale.push(path);
            } else if name.ends_with(".snap") {
                wanted.push(path);
            }
        }
        for original in &wanted {
            let name = original.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let copy = snapshots.join(format!("{TARGET}__{name}"));
            stale.retain(|path| *path != copy);
            let content = std::fs::read(original)
                .with_context(|| format!("cannot read {}", original.display()))?;
            write_if_changed(&copy, &content)?;
        }
        for path in stale {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

/// Writes `content` to `path` unless it is there already: an unchanged file
/// keeps its time, and cargo does not rebuild what depends on it.
fn write_if_changed(path: &Path, content: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(content) {
        return Ok(());
    }
    std::fs::write(path, content).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_combined_target_and_its_snapshot_copies_are_generated() {
        for (path, generated) in [
            ("exercises/01-generators/tests/grader_all.rs", true),
            (
                "exercises/01-generators/tests/snapshots/grader_all__fibonacci__first_ten.snap",
                true,
            ),
            ("exercises/01-generators/tests/fibonacci.rs", false),
            (
                "exercises/01-generators/tests/snapshots/fibonacci__first_ten.snap",
                false,
            ),
            ("exercises/01-generators/src/grader_all.rs", false),
        ] {
            assert_eq!(is_generated(Path::new(path)), generated, "{path}");
        }
    }
}
