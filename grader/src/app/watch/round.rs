//! One round of watch mode, shared by the full screen ([`super::tui`]) and the
//! plain lines ([`super::plain`]): what the loop reacts to, grading the
//! exercises a save names, and folding the verdicts into the report shown.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};

use grader::model::event::{Observer, Tally};
use grader::model::plan::Filter;
use grader::model::report::Report;

use crate::session::Session;

/// Something the watch loop reacts to.
#[derive(Debug)]
// One event per save or key press: its size costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
pub enum Event {
    /// The file system reported these paths (maybe unchanged: see [`changes`]).
    Files(Vec<PathBuf>),
    /// The file watcher failed.
    WatchFailed(String),
    /// A key was pressed (terminal only).
    Key(crossterm::event::KeyEvent),
    /// The terminal changed size.
    Resized,
    /// How a grade in progress is going: its events so far, counted.
    Progress(Tally),
    /// A grade finished.
    Graded {
        filter: Filter,
        report: Result<Report>,
        took: Duration,
    },
}

/// Grades the exercises `filter` names, telling `observer` how it goes;
/// `afresh`: every test runs, even one whose executable did not change.
pub fn grade(
    session: &Session,
    filter: &Filter,
    observer: &dyn Observer,
    afresh: bool,
) -> Result<Report> {
    let mut plan = session.plan(&session.root, filter, None)?;
    plan.reuse_results &= !afresh;
    session.grade(&plan, observer).context("grading failed")
}

/// Replaces, in `full`, the exercises that `latest` graded again.
pub fn merge(full: &mut Report, latest: &Report) {
    for (_, exercise) in latest.exercises() {
        let slot = full
            .sections
            .iter_mut()
            .flat_map(|s| s.exercises.iter_mut())
            .find(|e| e.id == exercise.id);
        if let Some(slot) = slot {
            *slot = exercise.clone();
        }
    }
}

/// Appends a line per round of grading to the file `CARGO_GRADE_WATCH_LOG`
/// names, if set: what was graded and how long it took. The course's tests
/// and `bench/run` count rounds per save with it; a learner never needs it.
pub fn log_round(filter: &Filter, took: Duration) {
    use std::io::Write;
    let Some(path) = std::env::var_os("CARGO_GRADE_WATCH_LOG") else {
        return;
    };
    let line = format!("{filter:?} {} ms\n", took.as_millis());
    let _ = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(line.as_bytes()));
}
