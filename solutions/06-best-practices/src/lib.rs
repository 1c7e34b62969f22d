//! Section 6, solved: best practices.

pub mod backpressure;
pub mod blocking;
pub mod echo_server;
pub mod graceful_server;
pub mod io_bound;
pub mod large_file;
pub mod many_clients;
pub mod paginate;
pub mod yielding;
