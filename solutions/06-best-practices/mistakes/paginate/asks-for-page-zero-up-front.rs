//! Mistake: Asking for the first page when the stream is made saves time, as long as it is awaited later.
//! Expect: creating the stream fetched a page
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
    let mut first = Some(fetch(0));
    async_stream::stream! {
        let mut next = Some(0);
        while let Some(number) = next {
            let page = match first.take() {
                Some(fetching) => fetching.await,
                None => fetch(number).await,
            };
            next = page.next;
            for item in page.items {
                yield item;
            }
        }
    }
}
