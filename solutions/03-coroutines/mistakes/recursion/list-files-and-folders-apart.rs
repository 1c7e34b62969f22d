//! Mistake: Files and subfolders are two questions, so the folder is asked twice.
//! Expect: each of the six folders is listed exactly once
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
    let mut subfolders = Vec::new();
    for entry in folders.list(folder).await {
        if let Entry::File(size) = entry {
            total += size;
        }
    }
    for entry in folders.list(folder).await {
        if let Entry::Folder(name) = entry {
            subfolders.push(name);
        }
    }
    // Each call's future goes on the heap: without the box this future would
    // contain itself. `join_all` looks the subfolders up at the same time.
    let sizes = join_all(
        subfolders
            .iter()
            .map(|name| Box::pin(total_size(folders, name))),
    )
    .await;
    total + sizes.iter().sum::<u64>()
}
