//! # Exercise 3.9 — recursion
//!
//! Walking a tree whose every folder has to be looked up, in Python:
//!
//! ```python
//! async def total_size(folders, folder):
//!     total, subfolders = 0, []
//!     for entry in await folders.list(folder):
//!         if isinstance(entry, File):
//!             total += entry.size
//!         else:
//!             subfolders.append(entry.name)
//!     sizes = await asyncio.gather(*(total_size(folders, name) for name in subfolders))
//!     return total + sum(sizes)
//! ```
//!
//! A Python coroutine lives on the heap, so one may await another of its own
//! kind without limit. A Rust future is a value whose size is known when it
//! is compiled: it holds the future it is awaiting, so an `async fn` that
//! awaited itself directly would contain itself, and be infinitely large
//! (error E0733). `Box::pin(total_size(...))` puts the inner call's future on
//! the heap, and the outer one holds only a pointer to it.
//!
//! The subfolders of a folder are independent: look them up at the same time,
//! as `asyncio.gather` does, so that the walk takes as long as its slowest
//! path from the top down, rather than one lookup per folder. Each subfolder
//! is a call of its own, started as soon as its parent's listing arrives: it
//! does not wait for the other folders of its level.
//!
//! **Task:** `total_size` adds up the sizes of the files under `folder`, at
//! every depth, listing each folder once, and the subfolders of a folder all
//! at the same time, as soon as that folder's listing arrives.
//!
//! Read: `book/src/03-coroutines.md`, "Recursion".

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
    todo!("list the folder; add its files; recurse into its subfolders, boxed, all at once")
}
