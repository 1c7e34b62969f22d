//! # Section 6 — Best practices
//!
//! Read `book/src/06-best-practices.md`, then solve the exercises in the order
//! of `course.toml`: one file in `src/` each, checked by the test file of the
//! same name in `tests/`. Run one with `cargo test -p best-practices --test <exercise>`.

// The stubs leave their parameters and fields unused until you fill them in.
#![allow(unused_variables, unused_mut, dead_code)]

pub mod backpressure;
pub mod blocking;
pub mod echo_server;
pub mod graceful_server;
pub mod io_bound;
pub mod large_file;
pub mod many_clients;
pub mod paginate;
pub mod yielding;
