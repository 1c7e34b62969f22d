//! The result of a run: sections, exercises and tests, with a status each.
//! Reporters read this; they never see a process or a cargo message.

use std::path::PathBuf;
use std::time::Duration;

use crate::model::course::{Course, ExerciseId};
use crate::model::libtest;
pub use crate::model::libtest::{LINE_CHARS, MESSAGE_LINES};
use crate::model::outcome::Diagnostic;
use crate::model::outcome::{Cause, Outcome};
/// The walls that stood around each test process, as the platform reports them.
pub use crate::os::Confinement;

/// Everything a run found, in course order.
#[derive(Debug, Clone)]
pub struct Report {
    pub sections: Vec<SectionReport>,
    /// Wall-clock time of the whole run, build included.
    pub duration: Duration,
    /// Of `duration`, the time cargo took to build the tests (a rebuild with
    /// a stub in place of a broken file included): the rest ran them.
    pub building: Duration,
    /// The learner's checkout graded, in instructor mode.
    pub submission: Option<crate::model::submission::Submission>,
    /// The course that was built: test files are named relative to it.
    pub root: std::path::PathBuf,
    /// When this run graded only part of the course: the course's exercise
    /// after the last one graded (not graded here), to name as the next.
    pub following: Option<Box<ExerciseReport>>,
    /// The walls that stood around each test process.
    pub isolation: crate::os::Confinement,
    /// How many exercises' verdicts were those of the last grade, their test
    /// executables unchanged ([`crate::run::reuse`]), rather than run again.
    pub reused: usize,
}

#[derive(Debug, Clone)]
pub struct SectionReport {
    /// Its 1-based number in the course.
    pub number: usize,
    pub slug: String,
    pub package: String,
    pub title: String,
    pub exercises: Vec<ExerciseReport>,
}

/// One exercise's results, with everything of its manifest entry that a
/// renderer shows, so that no renderer looks the course up again.
#[derive(Debug, Clone)]
pub struct ExerciseReport {
    pub id: ExerciseId,
    pub name: String,
    pub title: String,
    /// Its number in the course: `1.3` is the third exercise of section 1.
    pub number: String,
    /// Its 1-based position in the whole course (Exercism's task id).
    pub position: usize,
    /// Its weight in a gradebook, from the manifest.
    pub points: f64,
    /// Its hints, least specific first.
    pub hints: Vec<String>,
    /// The book's page and anchor that teach it.
    pub chapter: String,
    /// The file a learner edits, relative to the course root.
    pub file: PathBuf,
    /// Its test file, relative to the course root.
    pub test_file: PathBuf,
    /// The command that runs its tests alone.
    pub command: String,
    /// The compile error that stopped this exercise, if one did.
    pub compile_error: Option<Diagnostic>,
    /// Its tests, in the order the test file lists them.
    pub tests: Vec<TestReport>,
    /// Its test file's test functions, in order, with their code (Exercism
    /// shows a test's code), read by [`crate::course::facts::add`].
    pub test_functions: Vec<TestFunction>,
    /// The course's solution, relative to the course root, when the course
    /// ships it (read by [`crate::course::facts::add`]).
    pub solution: Option<PathBuf>,
}

/// One test function of a test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFunction {
    pub name: String,
    /// What it does: the code between its braces, without their indentation.
    pub body: String,
}

impl SectionReport {
    /// The section at `index` in `course`, with no exercise graded yet.
    pub fn new(course: &Course, index: usize) -> SectionReport {
        let section = &course.sections[index];
        SectionReport {
            number: index + 1,
            slug: section.slug.clone(),
            package: section.package.clone(),
            title: section.title.clone(),
            exercises: Vec::new(),
        }
    }
}

impl ExerciseReport {
    /// The exercise `id` of `course`, not graded yet: no tests, no error.
    pub fn new(course: &Course, id: ExerciseId) -> ExerciseReport {
        let (section, exercise) = course.get(id);
        ExerciseReport {
            id,
            name: exercise.name.clone(),
            title: exercise.title.clone(),
            number: id.number(),
            position: course.position(id),
            points: exercise.points,
            hints: exercise.hints.clone(),
            chapter: exercise.chapter.clone(),
            file: exercise.stub_path(section),
            test_file: exercise.test_path(section),
            command: exercise.command(section),
            compile_error: None,
            tests: Vec::new(),
            test_functions: Vec::new(),
            solution: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct TestReport {
    pub name: String,
    pub outcome: Outcome,
    pub duration: Duration,
}

/// Why an exercise has not passed ([`ExerciseReport::blocker`]).
#[derive(Debug, Clone, Copy)]
pub enum Blocker<'a> {
    DoesNotCompile(&'a Diagnostic),
    FailingTest(&'a TestReport),
    NoTestRan,
}

/// The words every view shows before a [`Blocker`]: the terminal's report,
/// watch mode's plain lines and its full screen.
pub const DOES_NOT_COMPILE: &str = "It does not compile. The first error:";
pub const FIRST_FAILING_TEST: &str = "First failing test:";
pub const NO_TEST_RAN: &str = "No test ran: is the test file empty?";

/// An exercise's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Passed,
    Failed,
    DoesNotCompile,
    TimedOut,
}

/// A status's name in each vocabulary that shows one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusNames {
    /// In words, for a person: the terminal, watch mode, the HTML gradebook.
    pub words: &'static str,
    /// The mark beside an exercise on a terminal.
    pub mark: &'static str,
    /// The grader's JSON report and the gradebook's CSV and JSON.
    pub json: &'static str,
    /// Gradescope's `status` (it knows only these two).
    pub gradescope: &'static str,
    /// GitHub Classroom's and Exercism's: `pass`, `fail`, or `error` when
    /// nothing could run.
    pub platform: &'static str,
}

/// Every status and its names, in one table: a new format adds a column
/// here, not a `match` of its own.
const STATUS_NAMES: [(Status, StatusNames); 4] = [
    (
        Status::Passed,
        StatusNames {
            words: "passed",
            mark: "✔",
            json: "passed",
            gradescope: "passed",
            platform: "pass",
        },
    ),
    (
        Status::Failed,
        StatusNames {
            words: "failed",
            mark: "✘",
            json: "failed",
            gradescope: "failed",
            platform: "fail",
        },
    ),
    (
        Status::DoesNotCompile,
        StatusNames {
            words: "does not compile",
            mark: "✘",
            json: "does_not_compile",
            gradescope: "failed",
            platform: "error",
        },
    ),
    (
        Status::TimedOut,
        StatusNames {
            words: "timed out",
            mark: "⏱",
            json: "timed_out",
            gradescope: "failed",
            platform: "fail",
        },
    ),
];

impl Status {
    /// The status's names, from [`STATUS_NAMES`].
    pub fn names(self) -> StatusNames {
        STATUS_NAMES
            .iter()
            .find(|(status, _)| *status == self)
            .map(|(_, names)| *names)
            .expect("every status is in the table")
    }

    /// How the status reads for a person.
    pub fn label(self) -> &'static str {
        self.names().words
    }
}

impl ExerciseReport {
    pub fn status(&self) -> Status {
        if self.compile_error.is_some() {
            Status::DoesNotCompile
        } else if self.tests.iter().any(|t| t.outcome == Outcome::TimedOut) {
            Status::TimedOut
        } else if !self.tests.is_empty() && self.tests.iter().all(|t| t.outcome == Outcome::Passed)
        {
            Status::Passed
        } else {
            Status::Failed
        }
    }

    /// Whether the compile error that stops this exercise is in one of its
    /// own files (the one a learner edits, its test file, its solution),
    /// rather than another exercise's: the paths the course gave it, not a
    /// file name that another section's exercise may share.
    pub fn breaks_the_build(&self) -> bool {
        let Some(file) = self.compile_error.as_ref().and_then(|e| e.file.as_ref()) else {
            return false;
        };
        *file == self.file || *file == self.test_file || self.solution.as_ref() == Some(file)
    }

    /// The points earned: the exercise's points shared equally by its tests,
    /// for each test that passed.
    pub fn score(&self) -> f64 {
        if self.tests.is_empty() || self.compile_error.is_some() {
            return 0.0;
        }
        self.points * self.passed_tests() as f64 / self.tests.len() as f64
    }

    pub fn passed_tests(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.outcome == Outcome::Passed)
            .count()
    }

    /// Why the exercise has not passed, as every view shows it first: its
    /// compile error, else its first failing test; `None` once it passes.
    pub fn blocker(&self) -> Option<Blocker<'_>> {
        if let Some(error) = &self.compile_error {
            return Some(Blocker::DoesNotCompile(error));
        }
        match self.first_failure() {
            Some(test) => Some(Blocker::FailingTest(test)),
            None if self.tests.is_empty() => Some(Blocker::NoTestRan),
            None => None,
        }
    }

    /// The first test that did not pass, in test-file order.
    pub fn first_failure(&self) -> Option<&TestReport> {
        self.tests.iter().find(|t| t.outcome != Outcome::Passed)
    }
}

impl SectionReport {
    pub fn passed(&self) -> usize {
        self.exercises
            .iter()
            .filter(|e| e.status() == Status::Passed)
            .count()
    }
}

impl Report {
    /// The row of a submission that could not be graded at all: no exercise
    /// graded, and the reason in its `submission.ungradable`.
    pub fn failed(
        submission: crate::model::submission::Submission,
        root: &std::path::Path,
        isolation: crate::os::Confinement,
    ) -> Report {
        Report {
            sections: Vec::new(),
            duration: Duration::ZERO,
            building: Duration::ZERO,
            submission: Some(submission),
            root: root.to_path_buf(),
            following: None,
            isolation,
            reused: 0,
        }
    }

    /// Why this submission could not be graded, when it could not.
    pub fn ungradable(&self) -> Option<&crate::model::submission::Ungradable> {
        self.submission.as_ref()?.ungradable.as_ref()
    }

    /// Every exercise with its section, in course order.
    pub fn exercises(&self) -> impl Iterator<Item = (&SectionReport, &ExerciseReport)> {
        self.sections
            .iter()
            .flat_map(|s| s.exercises.iter().map(move |e| (s, e)))
    }

    /// (exercises passed, exercises graded).
    pub fn exercise_totals(&self) -> (usize, usize) {
        let passed = self
            .exercises()
            .filter(|(_, e)| e.status() == Status::Passed)
            .count();
        (passed, self.exercises().count())
    }

    /// (tests passed, tests run).
    pub fn test_totals(&self) -> (usize, usize) {
        self.exercises().fold((0, 0), |(passed, run), (_, e)| {
            (passed + e.passed_tests(), run + e.tests.len())
        })
    }

    /// (points earned, points possible).
    pub fn points(&self) -> (f64, f64) {
        self.exercises()
            .fold((0.0, 0.0), |(earned, possible), (_, e)| {
                (earned + e.score(), possible + e.points)
            })
    }

    /// The sentence every report carries when its tests were not isolated.
    pub fn isolation_warning(&self) -> Option<String> {
        (!self.isolation.complete()).then(|| self.isolation.summary())
    }

    pub fn all_passed(&self) -> bool {
        self.ungradable().is_none() && self.exercises().all(|(_, e)| e.status() == Status::Passed)
    }

    /// The exercise to work on next: one whose own file does not compile (it
    /// blocks its whole section), else the first, in course order, that has not passed.
    pub fn next_exercise(&self) -> Option<(&SectionReport, &ExerciseReport)> {
        self.exercises()
            .find(|(_, e)| e.breaks_the_build())
            .or_else(|| self.exercises().find(|(_, e)| e.status() != Status::Passed))
    }
}

impl TestReport {
    /// What went wrong, in the words a learner should read first: the panic's
    /// location and message, without the harness's framing, thread names or
    /// backtrace notes; cut to [`MESSAGE_LINES`] lines, saying so.
    pub fn message(&self) -> Option<String> {
        match &self.outcome {
            Outcome::Passed => None,
            Outcome::TimedOut => Some(
                "still running at the time limit, so it was stopped: does a loop never end, \
                 or does a future wait for something that never happens?"
                    .to_owned(),
            ),
            Outcome::Failed {
                cause,
                panic,
                output,
            } => Some(match (cause.explain(), panic) {
                (None, Some(panic)) => panic.clone(),
                // The test's own words first, then what the sandbox refused.
                (Some(why), Some(panic)) if matches!(cause, Cause::StoppedByIsolation { .. }) => {
                    format!("{panic}\n{why}")
                }
                (why, _) => {
                    let printed = libtest::clean_failure(output, &self.name);
                    match why {
                        Some(why) if printed.is_empty() => why,
                        Some(why) => format!("{why}\n{printed}"),
                        None => printed,
                    }
                }
            }),
        }
    }

    /// What the test printed itself before it failed, without the harness's report.
    pub fn printed(&self) -> Option<String> {
        let Outcome::Failed { output, .. } = &self.outcome else {
            return None;
        };
        libtest::printed(output, &self.name)
    }
}
