//! # Section 3 — Coroutines (solutions)
//!
//! The reference solutions. Each module has the exercise's signatures; the tests
//! that check them are the exercise package's own files.

pub mod async_traits;
pub mod block_on;
pub mod event;
pub mod lazy_futures;
pub mod my_coroutine;
pub mod pinning;
pub mod recursion;
pub mod runtime;
pub mod state_machine;
