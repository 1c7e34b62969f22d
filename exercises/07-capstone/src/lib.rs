//! # Section 7 — Conclusion: the capstone
//!
//! Read `book/src/07-capstone.md`, then solve the exercises in the order of
//! `course.toml`: one file in `src/` each, checked by the test file of the same
//! name in `tests/`. Run one with `cargo test -p capstone --test <exercise>`.
//!
//! The pipeline is built in steps: `pipeline` uses your `retry`, and
//! `shutdown` uses your `pipeline`.

// The stubs leave their parameters and fields unused until you fill them in.
#![allow(unused_variables, unused_mut, dead_code)]

pub mod pipeline;
pub mod retry;
pub mod scoped_threads;
pub mod shutdown;
pub mod thread_channels;
