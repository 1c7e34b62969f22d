//! Mistake: Once the list is used up the chain is over; what happens if it is asked again does not matter.
//! Expect: nothing that said None is asked AGAIN
//! Exercise 2.2, solved: chaining, flattening and taking turns.

/// `generator_one()`: yields 1, then 2.
pub fn generator_one() -> impl Iterator<Item = u32> {
    [1, 2].into_iter()
}

/// `generator_two()`: yields 3, then 4.
pub fn generator_two() -> impl Iterator<Item = u32> {
    [3, 4].into_iter()
}

/// `itertools.chain(generator_one(), generator_two())`.
pub fn chained() -> impl Iterator<Item = u32> {
    generator_one().chain(generator_two())
}

/// `itertools.chain.from_iterable(iterators)`.
pub fn chain_all<I, J>(iterators: I) -> impl Iterator<Item = J::Item>
where
    I: IntoIterator<Item = J>,
    J: IntoIterator,
{
    // By hand: the current iterator, and the next one from the list when it ends.
    let mut outer = iterators.into_iter();
    let mut current: Option<J::IntoIter> = None;
    std::iter::from_fn(move || {
        loop {
            if let Some(inner) = current.as_mut() {
                if let Some(value) = inner.next() {
                    return Some(value);
                }
            }
            current = Some(outer.next()?.into_iter());
        }
    })
}

/// Takes turns: a value of `a`, a value of `b`, … then the rest of the longer.
pub fn interleave<A, B>(a: A, b: B) -> impl Iterator<Item = A::Item>
where
    A: IntoIterator,
    B: IntoIterator<Item = A::Item>,
{
    // `fuse` makes each side answer None for ever once it has ended, without
    // asking the iterator inside again.
    let (mut a, mut b) = (a.into_iter().fuse(), b.into_iter().fuse());
    let mut a_next = true;
    std::iter::from_fn(move || {
        let value = if a_next {
            a.next().or_else(|| b.next())
        } else {
            b.next().or_else(|| a.next())
        };
        a_next = !a_next;
        value
    })
}
