//! What the exercises' tests use to observe behaviour rather than only output.
//!
//! These helpers live with the course's tests, not in the exercise packages:
//! a learner edits `exercises/*/src/` only, so nothing here can be changed to
//! make a test pass.
//!
//! - [`alloc`]: a global allocator that counts bytes, for memory claims;
//! - [`pulls`]: an iterator that counts how many values were pulled from it;
//! - [`drops`]: a flag that is raised when a value is dropped, for cancellation;
//! - [`threads`]: a rendezvous that shows which threads ran, and whether at once;
//! - [`wakers`]: wakers that count their wakes, and one that acts when `poll` clones it;
//! - `timeline` (feature `async`): events stamped with virtual tokio time;
//! - `on_drop` (feature `async`): an event on a timeline when a future is dropped;
//! - `limit` (feature `async`): awaits a learner's future with a time limit and a message;
//! - `held` (feature `async`): the same, and also fails when a task it spawned blocks the thread;
//! - `net` (feature `async`): a test's client on a loopback connection;
//! - [`props`]: the shared settings of generated inputs and schedules (proptest),
//!   and `props::paused` (feature `async`) to run one case on a paused runtime.

pub mod alloc;
pub mod drops;
#[cfg(feature = "async")]
pub mod held;
#[cfg(feature = "async")]
pub mod limit;
#[cfg(feature = "async")]
pub mod net;
#[cfg(feature = "async")]
pub mod on_drop;
pub mod props;
pub mod pulls;
pub mod threads;
#[cfg(feature = "async")]
pub mod timeline;
pub mod wakers;
