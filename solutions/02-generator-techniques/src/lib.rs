//! # Section 2 — Advanced generator techniques (solutions)
//!
//! The reference solutions. Each module has the exercise's signatures; the tests
//! that check them are the exercise package's own files.

pub mod averager;
pub mod chaining;
pub mod delegation;
pub mod echo;
pub mod fused;
pub mod generator_expression;
pub mod grep;
pub mod pipeline;
