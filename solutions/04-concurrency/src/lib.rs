//! # Section 4 — Advanced coroutine usage (solutions)
//!
//! The reference solutions. Each module has the exercise's signatures; the tests
//! that check them are the exercise package's own files.

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
