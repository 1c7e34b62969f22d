//! Running the tests: listing each executable's tests and running them, a
//! bounded number of processes at a time, each in the cell `os` makes for it
//! ([`runner`]); keeping a learner's verdicts for tests whose executable did
//! not change ([`reuse`]). What libtest and insta print is read by
//! `model::libtest`, which the runner asks.
//!
//! May import: `model`, `course`, `os`.
pub mod reuse;
pub mod runner;
