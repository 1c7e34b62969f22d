//! # Exercise 2.7 — a pipeline of coroutines
//!
//! Coroutines that receive values can be chained so that each stage pushes what
//! it produces into the next one. The source drives the whole pipeline:
//!
//! ```python
//! def source(items, target):
//!     for item in items:
//!         target.send(item)
//!     target.close()
//!
//! @coroutine                      # a decorator that calls next() to prime
//! def keep(predicate, target):
//!     try:
//!         while True:
//!             item = yield
//!             if predicate(item):
//!                 target.send(item)
//!     except GeneratorExit:
//!         target.close()
//!
//! @coroutine
//! def scale(factor, target):
//!     try:
//!         while True:
//!             target.send((yield) * factor)
//!     except GeneratorExit:
//!         target.close()
//!
//! source(range(1, 11), keep(is_even, scale(10, printer())))
//! ```
//!
//! In Rust, "something that can be sent values, and closed" is a trait,
//! [`Sink`]. Each stage owns the next stage and implements `Sink` itself, so
//! stages nest like the Python calls: `filter(is_even, map(times_ten, printer))`.
//! This is the push model: an iterator chain is pulled by its consumer; here the
//! source pushes each item through every stage before it reads the next one.
//!
//! **Task:** implement `Sink` for [`Filter`] and [`Map`], and write [`source`].
//! `close` must travel down the pipeline, so the last stage learns that no
//! more items will come.
//!
//! Read: `book/src/02-generator-techniques.md`, "A pipeline of coroutines".

/// A stage that can be sent items, and told that no more will come.
pub trait Sink<T> {
    /// `target.send(item)`.
    fn send(&mut self, item: T);
    /// `target.close()`.
    fn close(&mut self);
}

/// `keep(predicate, next)`: passes on the items for which `predicate` is true.
#[derive(Debug)]
pub struct Filter<P, S> {
    predicate: P,
    next: S,
}

/// A [`Filter`] in front of `next`.
pub fn filter<P, S>(predicate: P, next: S) -> Filter<P, S> {
    Filter { predicate, next }
}

impl<T, P, S> Sink<T> for Filter<P, S>
where
    P: FnMut(&T) -> bool,
    S: Sink<T>,
{
    fn send(&mut self, item: T) {
        todo!("pass the item on if the predicate keeps it")
    }

    fn close(&mut self) {
        todo!("close the next stage")
    }
}

/// `scale(...)`, made general: passes on `f(item)` for every item.
#[derive(Debug)]
pub struct Map<F, S> {
    f: F,
    next: S,
}

/// A [`Map`] in front of `next`.
pub fn map<F, S>(f: F, next: S) -> Map<F, S> {
    Map { f, next }
}

impl<T, U, F, S> Sink<T> for Map<F, S>
where
    F: FnMut(T) -> U,
    S: Sink<U>,
{
    fn send(&mut self, item: T) {
        todo!("pass on what f makes of the item")
    }

    fn close(&mut self) {
        todo!("close the next stage")
    }
}

/// `source(items, target)`: sends every item into `target`, in order, then
/// closes it.
pub fn source<T>(items: impl IntoIterator<Item = T>, target: &mut impl Sink<T>) {
    todo!("send each item, then close")
}
