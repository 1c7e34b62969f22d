//! Wakers that let a test look inside a learner's `poll`: they count their
//! wakes, and one of them runs some code at the moment `poll` clones it.
//!
//! A future that stores its waker clones it in the middle of `poll`, so a
//! hook on `clone` is a way to make something happen *during* a poll, at a
//! chosen point, deterministically: no timing luck is needed to catch a race.

use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{RawWaker, RawWakerVTable, Waker};

/// What a [`on_first_clone`] waker shares with the test.
pub struct Hooked {
    hook: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    wakes: AtomicUsize,
}

impl std::fmt::Debug for Hooked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooked")
            .field("wakes", &self.wakes())
            .finish_non_exhaustive()
    }
}

impl Hooked {
    /// How many times a clone of the waker was woken.
    pub fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }
}

/// A waker that counts its wakes and runs `hook` the first time it is cloned.
///
/// `std::task::Wake` cannot hook `clone` (its wakers clone by `Arc` alone),
/// so this one is built from a `RawWaker` over an `Arc<Hooked>`.
pub fn on_first_clone(hook: impl FnOnce() + Send + 'static) -> (Waker, Arc<Hooked>) {
    let hooked = Arc::new(Hooked {
        hook: Mutex::new(Some(Box::new(hook))),
        wakes: AtomicUsize::new(0),
    });
    let data = Arc::into_raw(Arc::clone(&hooked)).cast::<()>();
    // SAFETY: `data` is an `Arc<Hooked>` turned into a raw pointer, which is
    // what every function of VTABLE expects; the waker owns that reference.
    let waker = unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) };
    (waker, hooked)
}

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

/// Borrows the `Arc<Hooked>` behind `data` without taking its reference.
///
/// # Safety
/// `data` must come from `Arc::into_raw` of an `Arc<Hooked>` still alive.
unsafe fn borrow(data: *const ()) -> ManuallyDrop<Arc<Hooked>> {
    // SAFETY: the caller promises `data` is a live `Arc<Hooked>`;
    // `ManuallyDrop` keeps this copy from releasing the reference it borrows.
    ManuallyDrop::new(unsafe { Arc::from_raw(data.cast::<Hooked>()) })
}

unsafe fn clone(data: *const ()) -> RawWaker {
    // SAFETY: every waker built with VTABLE holds a live `Arc<Hooked>`.
    let hooked = unsafe { borrow(data) };
    let copy = Arc::into_raw(Arc::clone(&hooked)).cast::<()>();
    let hook = hooked.hook.lock().expect("not poisoned").take();
    if let Some(hook) = hook {
        hook();
    }
    RawWaker::new(copy, &VTABLE)
}

unsafe fn wake(data: *const ()) {
    // SAFETY: as in `clone`; waking by value then releases this waker's reference.
    unsafe { wake_by_ref(data) };
    // SAFETY: as in `clone`; this waker is consumed and owns its reference.
    unsafe { drop_waker(data) };
}

unsafe fn wake_by_ref(data: *const ()) {
    // SAFETY: as in `clone`.
    let hooked = unsafe { borrow(data) };
    hooked.wakes.fetch_add(1, Ordering::SeqCst);
}

unsafe fn drop_waker(data: *const ()) {
    // SAFETY: as in `clone`; the waker being dropped owns this reference.
    drop(unsafe { Arc::from_raw(data.cast::<Hooked>()) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_runs_at_the_first_clone_and_wakes_are_counted() {
        let ran = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&ran);
        let (waker, hooked) = on_first_clone(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        assert_eq!(ran.load(Ordering::SeqCst), 0);
        let first = waker.clone();
        let second = first.clone();
        assert_eq!(ran.load(Ordering::SeqCst), 1, "once, at the first clone");
        first.wake();
        second.wake_by_ref();
        drop(second);
        assert_eq!(hooked.wakes(), 2);
        drop(waker);
        assert_eq!(
            Arc::strong_count(&hooked),
            1,
            "every clone released its reference"
        );
    }
}
