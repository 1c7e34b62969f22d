//! # Section 5 — Combining generators and coroutines (solutions)
//!
//! The reference solutions. Each module has the exercise's signatures; the tests
//! that check them are the exercise package's own files.

pub mod adaptors;
pub mod async_gen;
pub mod buffered;
pub mod channels;
pub mod gen_from_async;
pub mod heterogeneous;
pub mod lazy_streams;
pub mod poll_next;
pub mod try_stream;
