//! A flag raised when a value is dropped: the way to see that a future or a
//! task was cancelled, since cancelling one drops it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Raises its [`Dropped`] flag when dropped. Move it into a future or a task:
/// when that is cancelled, the guard goes with it.
#[derive(Debug)]
pub struct DropGuard(Arc<AtomicBool>);

/// Tells whether the matching [`DropGuard`] has been dropped.
#[derive(Debug, Clone)]
pub struct Dropped(Arc<AtomicBool>);

/// A new guard and the flag it raises.
pub fn drop_guard() -> (DropGuard, Dropped) {
    let flag = Arc::new(AtomicBool::new(false));
    (DropGuard(Arc::clone(&flag)), Dropped(flag))
}

impl Drop for DropGuard {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

impl Dropped {
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}
