//! # Section 1 — Understanding generators
//!
//! Read `book/src/01-generators.md`, then solve the exercises in the order of
//! `course.toml`: one file in `src/` each, checked by the test file of the same
//! name in `tests/`. Run one with `cargo test -p generators --test <exercise>`.

// The stubs leave their parameters and fields unused until you fill them in.
#![allow(unused_variables, unused_mut, dead_code)]

pub mod collatz;
pub mod count_up_to;
pub mod fibonacci;
pub mod from_fn;
pub mod laziness;
pub mod memory;
