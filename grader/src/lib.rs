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
pub use model::event::{Observer, Quiet};
pub use model::libtest::insta as insta_words;
pub use model::{course as manifest, plan, report};
pub use render as formats;
pub use render::human;
pub use run::{reuse, runner};
