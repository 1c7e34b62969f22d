//! Mistake: A walk one level at a time is as fast: list every folder of a level together, then the next level.
//! Expect: b1 must be listed at 20 ms, as soon as b's listing arrives
//! Exercise 3.9, solved: an `async fn` that calls itself, through `Box::pin`.

use futures::future::join_all;

/// What a folder holds: a file of some size, or a folder to look up by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    File(u64),
    Folder(String),
}

/// Lists folders, taking its time (a disk, a network share).
// The futures are awaited where they are made: no `Send` promise needed (see
// exercise 3.8 on the `async_fn_in_trait` warning).
#[allow(async_fn_in_trait)]
pub trait Folders {
    /// What `folder` holds; nothing for a folder that does not exist.
    async fn list(&self, folder: &str) -> Vec<Entry>;
}

/// The total size of the files under `folder`, at every depth.
pub async fn total_size<F: Folders>(folders: &F, folder: &str) -> u64 {
    let mut total = 0;
    let mut level = vec![folder.to_owned()];
    // One level at a time, every folder of the level listed together.
    while !level.is_empty() {
        let listings = join_all(level.iter().map(|name| folders.list(name))).await;
        let mut next = Vec::new();
        for entry in listings.into_iter().flatten() {
            match entry {
                Entry::File(size) => total += size,
                Entry::Folder(name) => next.push(name),
            }
        }
        level = next;
    }
    total
}
