//! Building the tests.
pub mod combined;
pub mod compile;
