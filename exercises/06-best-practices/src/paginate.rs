//! # Exercise 6.5 — pages on demand
//!
//! The post's fourth best practice: "use async generators when handling large
//! asynchronous datasets". An API that returns results a page at a time is the
//! classic case; the consumer wants items, not pages:
//!
//! ```python
//! async def items(fetch):
//!     page = 0
//!     while page is not None:
//!         result = await fetch(page)
//!         page = result.next
//!         for item in result.items:
//!             yield item
//! ```
//!
//! In Rust an async generator is a `Stream`, and `async_stream::stream!` lets
//! you write one with `yield` and `.await`, much like the Python. The stream is
//! lazy: a page is fetched when the consumer asks for an item and the page in
//! hand is used up.
//!
//! The tests count the fetches, and time them in virtual time.
//!
//! **Task:** return a stream of every item of every page, starting at page 0
//! and following each page's `next` until it is `None`. A `next` may name any
//! page number: follow it, rather than counting pages.
//!
//! Read: `book/src/06-best-practices.md`, "Pages on demand".

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
    // Replace this whole body with an `async_stream::stream! { ... }` block.
    futures::stream::poll_fn(|_| {
        todo!("a stream! that fetches page after page and yields their items")
    })
}
