//! # Section 2 — Advanced generator techniques
//!
//! Read `book/src/02-generator-techniques.md`, then solve the exercises in the
//! order of `course.toml`: one file in `src/` each, checked by the test file of
//! the same name in `tests/`. Run one with
//! `cargo test -p generator-techniques --test <exercise>`.

// The stubs leave their parameters and fields unused until you fill them in.
#![allow(unused_variables, unused_mut, dead_code)]

pub mod averager;
pub mod chaining;
pub mod delegation;
pub mod echo;
pub mod fused;
pub mod generator_expression;
pub mod grep;
pub mod pipeline;
