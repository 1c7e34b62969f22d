//! What the exercises' tests use to observe behaviour rather than only output.
//!
//! These helpers live with the course's tests, not in the exercise packages:
//! a learner edits `exercises/*/src/` only, so nothing here can be changed to
//! make a test pass.
//!
//! - [`compare`]: two timelines side by side from their first difference, for a
//!   generated case's message;
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
//! - [`for_all`]: generated inputs for code that is not async, with one short
//!   message per failure and the learner's panics caught quietly;
//! - `narrow` (feature `async`): a loopback connection whose writes are short;
//! - `model` (feature `async`): a model's timeline beside the learner's, compared;
//! - [`shown`]: values and runs of answers as a learner reads them in a message;
//! - [`props`]: the shared settings of generated inputs and schedules (proptest),
//!   and `props::paused` (feature `async`) to run one case on a paused runtime.

pub mod alloc;
pub mod compare;
pub mod drops;
pub mod for_all;
#[cfg(feature = "async")]
pub mod held;
#[cfg(feature = "async")]
pub mod limit;
#[cfg(feature = "async")]
pub mod model;
#[cfg(feature = "async")]
pub mod narrow;
#[cfg(feature = "async")]
pub mod net;
#[cfg(feature = "async")]
pub mod on_drop;
pub mod props;
pub mod pulls;
pub mod shown;
pub mod threads;
#[cfg(feature = "async")]
pub mod timeline;
pub mod wakers;
