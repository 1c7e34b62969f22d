//! Mistake: The source closes its target right after the last item, which it can see coming with `peek`.
//! Expect: even when no item was sent
//! Exercise 2.7, solved: a push pipeline of coroutines.

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
        if (self.predicate)(&item) {
            self.next.send(item);
        }
    }

    fn close(&mut self) {
        self.next.close();
    }
}

/// Passes on `f(item)` for every item.
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
        self.next.send((self.f)(item));
    }

    // `close` travels down the pipeline like an item: every stage passes it
    // on, or the sink never learns that the stream has ended.
    fn close(&mut self) {
        self.next.close();
    }
}

/// Sends every item into `target`, in order, then closes it.
pub fn source<T>(items: impl IntoIterator<Item = T>, target: &mut impl Sink<T>) {
    // Each item is pushed as soon as it is read, never collected first: it
    // reaches the sink before the next one is read.
    let mut items = items.into_iter().peekable();
    while let Some(item) = items.next() {
        target.send(item);
        // The last item is the moment to close.
        if items.peek().is_none() {
            target.close();
        }
    }
}
