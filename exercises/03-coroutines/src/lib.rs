//! # Section 3 — Coroutines
//!
//! Read `book/src/03-coroutines.md`, then solve the exercises in the order of
//! `course.toml`: one file in `src/` each, checked by the test file of the
//! same name in `tests/`. Run one with `cargo test -p coroutines --test <exercise>`.

// The stubs leave their parameters and fields unused until you fill them in.
#![allow(unused_variables, unused_mut, dead_code)]

pub mod async_traits;
pub mod block_on;
pub mod event;
pub mod lazy_futures;
pub mod my_coroutine;
pub mod pinning;
pub mod recursion;
pub mod runtime;
pub mod state_machine;
