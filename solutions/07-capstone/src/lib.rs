//! Section 7, solved: the capstone.

pub mod pipeline;
pub mod retry;
pub mod scoped_threads;
pub mod shutdown;
pub mod thread_channels;
