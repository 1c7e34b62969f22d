//! What the pipeline tells whoever watches it run: one typed stream of
//! [`Event`]s, in the order they happen, heard by an [`Observer`]. The
//! progress bar, the watch screen and the class's progress all hear the same
//! stream, and fold it with the same [`Tally`]: none counts crates or tests
//! on its own, and none receives text to parse.

use crate::model::course::ExerciseId;
use crate::model::outcome::{Outcome, TestResult};

/// One step of a run.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// The build has started.
    BuildStarted,
    /// Cargo finished compiling this crate or target.
    CrateCompiled { name: &'a str },
    /// The exercise's stub stands in for a learner's file that breaks its
    /// section's build, and the section is built again.
    StubStandsIn { exercise: ExerciseId },
    /// The build is done and these many tests are about to run.
    TestsListed { total: usize },
    /// One test finished.
    TestFinished(&'a TestResult),
    /// Every test has finished; the report is being put together.
    Done,
}

/// Hears a run's events.
pub trait Observer {
    fn see(&self, event: &Event<'_>);
}

/// An [`Observer`] that shows nothing.
#[derive(Debug, Clone, Copy)]
pub struct Quiet;

impl Observer for Quiet {
    fn see(&self, _event: &Event<'_>) {}
}

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    #[default]
    NotStarted,
    Building,
    Running,
    Done,
}

/// A run's events, counted: what every progress display shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub phase: Phase,
    /// Crates (compilation units) built or found fresh so far.
    pub built: usize,
    /// The last crate built.
    pub last_crate: Option<String>,
    /// How many crates the build has in all, once someone estimated it (0
    /// until then; the pipeline does not know: see the app's progress).
    pub to_build: usize,
    /// Stubs that stood in for a learner's broken file.
    pub stubs: usize,
    /// Tests to run, and finished so far.
    pub tests: usize,
    pub finished: usize,
    pub timed_out: usize,
}

impl Tally {
    /// Counts `event`.
    pub fn see(&mut self, event: &Event<'_>) {
        match *event {
            Event::BuildStarted => self.phase = Phase::Building,
            Event::CrateCompiled { name } => {
                self.built += 1;
                self.last_crate = Some(name.to_owned());
            }
            Event::StubStandsIn { .. } => self.stubs += 1,
            Event::TestsListed { total } => {
                self.phase = Phase::Running;
                self.tests = total;
            }
            Event::TestFinished(result) => {
                self.finished += 1;
                if result.outcome == Outcome::TimedOut {
                    self.timed_out += 1;
                }
            }
            Event::Done => self.phase = Phase::Done,
        }
    }

    /// "37/152 crates", or "37 crates" before the estimate is in. An
    /// estimate: it never shows more built than there are.
    pub fn crates(&self) -> String {
        match self.to_build {
            0 => format!("{} crates", self.built),
            total => format!("{}/{} crates", self.built, total.max(self.built)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_crates_and_tests_as_they_come() {
        let mut tally = Tally::default();
        tally.see(&Event::BuildStarted);
        tally.see(&Event::CrateCompiled { name: "tokio" });
        tally.see(&Event::CrateCompiled { name: "generators" });
        assert_eq!(tally.phase, Phase::Building);
        assert_eq!(tally.crates(), "2 crates");
        tally.to_build = 1;
        assert_eq!(tally.crates(), "2/2 crates", "an estimate below the count");
        tally.see(&Event::TestsListed { total: 3 });
        assert_eq!(
            (tally.phase, tally.tests, tally.finished),
            (Phase::Running, 3, 0)
        );
        assert_eq!(tally.last_crate.as_deref(), Some("generators"));
    }
}
