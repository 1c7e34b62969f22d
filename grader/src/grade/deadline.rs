//! `--deadline SECONDS`: grading that stops in time. A platform that kills
//! the grader at its own limit (Gradescope's, a CI job's) would get no
//! results file at all; with a deadline under that limit, the grader stops
//! itself instead (the build and the tests still running are killed as the
//! grading future is dropped: both are spawned to die with it), and writes
//! what it has: every test that finished, and every other test of the plan
//! marked "not graded" with the reason.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use crate::model::event::{Event, Observer};
use crate::model::outcome::{Cause, Outcome, TestResult};
use crate::model::plan::Plan;
use crate::model::report::{ExerciseReport, Report, SectionReport, TestReport};
use crate::run::runner::Limits;

/// Passes every event on to the observer it wraps, and keeps what it needs
/// to write a report if the deadline passes: the tests that finished, and
/// whether the build did.
pub(crate) struct Recorder<'a> {
    inner: &'a dyn Observer,
    finished: RefCell<Vec<TestResult>>,
    built: RefCell<bool>,
}

impl<'a> Recorder<'a> {
    pub(crate) fn new(inner: &'a dyn Observer) -> Recorder<'a> {
        Recorder {
            inner,
            finished: RefCell::new(Vec::new()),
            built: RefCell::new(false),
        }
    }
}

impl Observer for Recorder<'_> {
    fn see(&self, event: &Event<'_>) {
        match *event {
            Event::TestsListed { .. } => *self.built.borrow_mut() = true,
            Event::TestFinished(result) => self.finished.borrow_mut().push(result.clone()),
            _ => {}
        }
        self.inner.see(event);
    }
}

/// The report of a run the deadline stopped after `elapsed`: each planned
/// exercise with the tests of it that finished, in its test file's order,
/// and each test that did not finish (or never started) failed as not
/// graded, so that it earns nothing and says why.
pub(crate) fn partial(
    plan: &Plan,
    limits: Limits,
    recorder: Recorder<'_>,
    seconds: f64,
    elapsed: Duration,
) -> Report {
    let built = *recorder.built.borrow();
    let finished = recorder.finished.into_inner();
    let why = if built {
        format!("Not graded: the grading deadline ({seconds} s) passed before this test finished.")
    } else {
        format!(
            "Not graded: the grading deadline ({seconds} s) passed while the tests were still \
             being built."
        )
    };
    let mut sections: Vec<SectionReport> = Vec::new();
    for &id in &plan.exercises {
        let (section, entry) = plan.course.get(id);
        let mut exercise = ExerciseReport::new(&plan.course, id);
        let prefix = crate::build::combined::prefix(&entry.name);
        // A test is named as the learner's own executable names it.
        let mut done: Vec<TestReport> = finished
            .iter()
            .filter(|r| r.job.exercise == entry.name)
            .map(|r| match r.job.name.strip_prefix(&prefix) {
                Some(name) => TestReport {
                    name: name.to_owned(),
                    outcome: crate::build::combined::as_the_course_names_it(r.outcome.clone()),
                    duration: r.duration,
                },
                None => TestReport {
                    name: r.job.name.clone(),
                    outcome: r.outcome.clone(),
                    duration: r.duration,
                },
            })
            .collect();
        let test_file = plan.root.join(entry.test_path(section));
        let source = std::fs::read_to_string(test_file).unwrap_or_default();
        for function in crate::course::source::test_functions(&source) {
            let test = match done.iter().position(|t| t.name == function.name) {
                Some(index) => done.remove(index),
                None => TestReport {
                    name: function.name.clone(),
                    outcome: Outcome::Failed {
                        cause: Cause::NotCounted { why: why.clone() },
                        panic: None,
                        output: String::new(),
                    },
                    duration: Duration::ZERO,
                },
            };
            exercise.tests.push(test);
        }
        // Tests the file's text does not show (made by a macro) keep their results.
        exercise.tests.extend(done);
        match sections.last_mut() {
            Some(last) if last.number == id.section + 1 => last.exercises.push(exercise),
            _ => {
                let mut report = SectionReport::new(&plan.course, id.section);
                report.exercises.push(exercise);
                sections.push(report);
            }
        }
    }
    let mut report = Report {
        sections,
        duration: elapsed,
        // Unknown when the deadline cut the build short; all of it, then.
        building: if built { Duration::ZERO } else { elapsed },
        submission: None,
        root: plan.root.clone(),
        following: None,
        isolation: crate::os::as_ran(limits.confinement),
        reused: 0,
    };
    crate::course::facts::add(&plan.course, &mut report);
    report
}

/// When grading stops, and the seconds it was given as (for the report's
/// "not graded" reason).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deadline {
    pub at: Instant,
    pub seconds: f64,
}

impl Deadline {
    /// `seconds` after `start`.
    pub fn after(start: Instant, seconds: f64) -> Deadline {
        Deadline {
            at: start + Duration::from_secs_f64(seconds),
            seconds,
        }
    }
}
