//! # Section 1 — Understanding generators (solutions)
//!
//! The reference solutions. Each module has the exercise's signatures; the tests
//! that check them are the exercise package's own files.

pub mod collatz;
pub mod count_up_to;
pub mod fibonacci;
pub mod from_fn;
pub mod laziness;
pub mod memory;
