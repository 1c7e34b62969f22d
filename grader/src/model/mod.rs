//! The model: what the grader knows, as data. The course as `course.toml`
//! lists it ([`course`]), what one run grades ([`plan`]), how a test ended
//! ([`outcome`]), what the pipeline tells its watchers ([`event`]), a graded
//! checkout ([`submission`]), a part of a class ([`partition`]) and the
//! report every renderer reads ([`report`]); and [`libtest`], the one reader
//! of what libtest and insta print, a pure function of text that both the run
//! stage (judging a test) and a report (wording its failure) need.
//!
//! No I/O here: no file, no process (`course::manifest` reads `course.toml`).
//!
//! May import: `os` (the walls that stood, a signal's name).
pub mod course;
pub mod event;
pub mod libtest;
pub mod outcome;
pub mod partition;
pub mod plan;
pub mod report;
pub mod submission;
