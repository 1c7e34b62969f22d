//! The course's grader: builds every exercise's tests once, runs each test in a
//! process of its own under a time limit, and reports progress.
//!
//! Its stages, each a folder whose module comment says what it holds and what
//! it may import: a stage imports only stages above it in this list
//! (`grader/tests/house.rs` checks every import):
//!
//! - [`os`]: the only platform code (Linux, macOS, Windows);
//! - [`model`]: data: the course, a plan, outcomes, events, a report, and
//!   the one reader of libtest's and insta's text;
//! - [`course`]: reading the course's files (tests, checksums, git history);
//! - [`build`]: one `cargo build --keep-going` for the test executables;
//! - [`run`]: each test in a cell of its own, a bounded number at a time;
//! - [`intake`]: submissions laid over a pristine copy of the course, a class;
//! - [`grade`]: the pipeline that puts the stages together into a report;
//! - [`render`]: pure functions of a report, one per format;
//! - and the binary's `app` (`src/app/`): CLI, session, watch, progress.

pub mod build;
pub mod course;
pub mod grade;
pub mod intake;
pub mod model;
pub mod os;
pub mod render;
pub mod run;

pub use grade::grade;
