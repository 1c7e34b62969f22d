//! # Section 4 — Advanced coroutine usage
//!
//! Read `book/src/04-concurrency.md`, then solve the exercises in the order of
//! `course.toml`: one file in `src/` each, checked by the test file of the same
//! name in `tests/`. Run one with `cargo test -p concurrency --test <exercise>`.

// The stubs leave their parameters and fields unused until you fill them in.
#![allow(unused_variables, unused_mut, dead_code)]

pub mod abort;
pub mod broadcast;
pub mod cancel_safety;
pub mod cleanup;
pub mod errors;
pub mod gather;
pub mod join_set;
pub mod notify;
pub mod panics;
pub mod request_response;
pub mod select;
pub mod select_guards;
pub mod semaphore;
pub mod send_bound;
pub mod shared_state;
pub mod shutdown;
pub mod tasks;
pub mod try_join;
