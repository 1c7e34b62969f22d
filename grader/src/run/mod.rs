//! Running the tests.
pub mod insta_words;
pub mod reuse;
pub mod runner;
