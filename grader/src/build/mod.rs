//! Building the tests: one `cargo build --keep-going` over the packages a
//! plan grades ([`compile`]), each section's tests as one executable in the
//! grader's working copy ([`combined`]).
//!
//! May import: `model`, `course`, `os`.
pub mod combined;
pub mod compile;
