//! Exercise 3.9: a recursive `async fn` through `Box::pin`, walking a tree
//! of slow lookups one level at a time.

use std::collections::HashMap;

use coroutines::recursion::{Entry, Folders, total_size};
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

const LIMIT: Duration = Duration::from_secs(60);

/// How long one folder takes to list.
const LOOKUP: Duration = Duration::from_millis(10);

/// The test's folders: every listing takes `LOOKUP` and is written on a timeline.
struct Tree {
    folders: HashMap<&'static str, Vec<Entry>>,
    timeline: Timeline,
}

impl Folders for Tree {
    async fn list(&self, folder: &str) -> Vec<Entry> {
        self.timeline.record(format!("list {folder}"));
        sleep(LOOKUP).await;
        self.folders.get(folder).cloned().unwrap_or_default()
    }
}

fn folder(name: &str) -> Entry {
    Entry::Folder(name.to_owned())
}

/// Three levels: root; a and b; a1, b1 (empty) and b2. Each file's size is a
/// different power of ten, so a total shows which files were counted.
fn tree() -> Tree {
    Tree {
        folders: HashMap::from([
            ("root", vec![Entry::File(1), folder("a"), folder("b")]),
            ("a", vec![Entry::File(10), folder("a1")]),
            ("a1", vec![Entry::File(100)]),
            ("b", vec![folder("b1"), Entry::File(1000), folder("b2")]),
            ("b1", vec![]),
            ("b2", vec![Entry::File(10_000)]),
        ]),
        timeline: Timeline::start(),
    }
}

#[tokio::test(start_paused = true)]
async fn adds_up_every_file_at_every_depth() {
    let tree = tree();
    let total = within(
        LIMIT,
        "total_size never returned",
        total_size(&tree, "root"),
    )
    .await;
    assert_eq!(
        total, 11_111,
        "files of 1 (root), 10 (a), 100 (a1), 1000 (b) and 10000 (b2): a folder's \
         total includes its subfolders' totals, at every depth"
    );
}

#[tokio::test(start_paused = true)]
async fn lists_each_folder_once() {
    let tree = tree();
    within(
        LIMIT,
        "total_size never returned",
        total_size(&tree, "root"),
    )
    .await;
    let mut listed = tree.timeline.texts();
    listed.sort();
    assert_eq!(
        listed,
        [
            "list a",
            "list a1",
            "list b",
            "list b1",
            "list b2",
            "list root"
        ],
        "each of the six folders is listed exactly once: one listing gives both \
         a folder's files and its subfolders"
    );
}

#[tokio::test(start_paused = true)]
async fn subfolders_are_listed_at_the_same_time() {
    let tree = tree();
    within(
        LIMIT,
        "total_size never returned",
        total_size(&tree, "root"),
    )
    .await;
    assert_eq!(
        tree.timeline.elapsed(),
        3 * LOOKUP,
        "three levels of folders, 10 ms per listing: 30 ms when the subfolders of a \
         folder are looked up at the same time (join_all), as asyncio.gather does; \
         awaiting them one after another takes 10 ms per folder"
    );
}

#[tokio::test(start_paused = true)]
async fn a_missing_or_empty_folder_is_zero() {
    let tree = tree();
    let empty = within(LIMIT, "total_size never returned", total_size(&tree, "b1")).await;
    let missing = within(
        LIMIT,
        "total_size never returned",
        total_size(&tree, "nowhere"),
    )
    .await;
    assert_eq!((empty, missing), (0, 0), "no files, a total of 0");
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_walk() {
    let tree = tree();
    let total = within(
        LIMIT,
        "total_size never returned",
        total_size(&tree, "root"),
    )
    .await;
    tree.timeline.record(format!("total {total}"));
    insta::assert_snapshot!("timeline", tree.timeline.render());
}
