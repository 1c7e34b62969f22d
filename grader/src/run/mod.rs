//! Running the tests.
pub mod reuse;
pub mod runner;
