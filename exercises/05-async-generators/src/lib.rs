//! # Section 5 — Combining generators and coroutines
//!
//! Read `book/src/05-async-generators.md`, then solve the exercises in the
//! order of `course.toml`: one file in `src/` each, checked by the test file of
//! the same name in `tests/`. Run one with
//! `cargo test -p async-generators --test <exercise>`.

// The stubs leave their parameters and fields unused until you fill them in.
#![allow(unused_variables, unused_mut, dead_code)]

pub mod adaptors;
pub mod async_gen;
pub mod buffered;
pub mod channels;
pub mod gen_from_async;
pub mod heterogeneous;
pub mod lazy_streams;
pub mod poll_next;
pub mod try_stream;
