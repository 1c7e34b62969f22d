//! The course's grader: builds every exercise's tests once, runs each test in a
//! process of its own under a time limit, and reports progress.
//!
//! - [`manifest`] reads `course.toml`, the ordered list of sections and exercises;
//! - [`plan`] settles what one run grades;
//! - [`compile`] builds the test executables with one `cargo build --keep-going`;
//! - [`runner`] runs the tests, a bounded number at a time, each in the
//!   cell [`os`] makes for it (the only platform code: Linux, macOS, Windows),
//!   and puts insta's reports in a learner's words ([`insta_words`]);
//! - [`grade`] puts these together into a [`report::Report`], running again
//!   only the tests whose executable changed since a learner's last grade
//!   ([`reuse`]);
//! - [`human`] renders a report for a learner's terminal, [`formats`] for
//!   instructors' platforms (JSON, JUnit XML, Gradescope, Exercism, CSV, HTML);
//! - [`submission`] grades a learner's checkout in a pristine copy of the course,
//!   finding its files in whatever [`layout`] it was uploaded;
//! - [`history`] finds an exercise's stub in the course's git history;
//! - [`integrity`] checks the course's own files against the checksums it shipped.

pub mod build;
pub mod course;
pub mod grade;
pub mod intake;
pub mod model;
pub mod os;
pub mod render;
pub mod run;

pub use grade::grade;

// The paths the course's checks (`tests/`) name, from before the stages were
// folders. Nothing in `grader/src` uses them (the house test refuses it).
pub use build::{combined, compile};
pub use course::{history, integrity, source};
pub use intake::{class, layout, submission};
pub use model::{course as manifest, plan, report};
pub use render as formats;
pub use render::human;
pub use run::{insta_words, reuse, runner};

/// Hears about a run's progress, for a progress bar. Every method does nothing
/// unless overridden, so a quiet run passes `&Quiet`.
pub trait Observer {
    /// The build has started.
    fn building(&self) {}
    /// Cargo finished compiling the crate or target `name`.
    fn compiled(&self, _name: &str) {}
    /// The build is done and `total` tests are about to run.
    fn running(&self, _total: usize) {}
    /// One test finished.
    fn finished(&self, _result: &run::runner::TestResult) {}
}

/// An [`Observer`] that shows nothing.
#[derive(Debug, Clone, Copy)]
pub struct Quiet;

impl Observer for Quiet {}
