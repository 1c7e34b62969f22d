//! Mistake: Pages are numbered 0, 1, 2, …: next tells whether there is another page, and the page after n is n + 1.
//! Expect: follow each page's `next`, whatever number it names
//! Exercise 6.5, solved: a paginated source as a lazy stream of items.

use std::future::Future;

use futures::Stream;

/// One page of results, and the number of the page after it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub items: Vec<u32>,
    pub next: Option<u32>,
}

/// Every item of every page, starting at page 0, fetching a page only when
/// the consumer has used up the one before.
pub fn items<F, Fut>(mut fetch: F) -> impl Stream<Item = u32>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page>,
{
    async_stream::stream! {
        // Inside stream!: nothing is fetched until the consumer asks for an
        // item, and the next page only once this page's items are used up.
        let mut next = Some(0);
        // The end is `next: None`, not an empty page.
        while let Some(number) = next {
            let page = fetch(number).await;
            next = page.next.map(|_| number + 1);
            for item in page.items {
                yield item;
            }
        }
    }
}
