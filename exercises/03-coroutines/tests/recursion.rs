//! Exercise 3.9: a recursive `async fn` through `Box::pin`, walking a tree
//! of slow lookups one level at a time.

use std::collections::HashMap;

use coroutines::recursion::{Entry, Folders, total_size};
use testkit::compare;
use testkit::compare::within_showing;
use testkit::limit::within;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

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
    let total = within_showing(
        LIMIT,
        "total_size never returned",
        &tree.timeline,
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
    within_showing(
        LIMIT,
        "total_size never returned",
        &tree.timeline,
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
    within_showing(
        LIMIT,
        "total_size never returned",
        &tree.timeline,
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

/// Folders that each take their own time to list, written on a timeline.
struct TimedTree {
    /// Folder name: (how long its listing takes in ms, what it holds).
    folders: HashMap<String, (u64, Vec<Entry>)>,
    timeline: Timeline,
}

impl Folders for TimedTree {
    async fn list(&self, folder: &str) -> Vec<Entry> {
        self.timeline.record(format!("list {folder}"));
        let (millis, entries) = self.folders.get(folder).cloned().unwrap_or((1, Vec::new()));
        sleep(Duration::from_millis(millis)).await;
        entries
    }
}

/// The timeline's events, in time order and by name within an instant.
fn listings(timeline: &Timeline) -> Vec<(u128, String)> {
    let mut events: Vec<_> = timeline
        .events()
        .into_iter()
        .map(|(at, event)| (at.as_millis(), event))
        .collect();
    events.sort();
    events
}

#[tokio::test(start_paused = true)]
async fn a_subfolder_is_listed_as_soon_as_its_parent_is() {
    // root (10 ms) holds a (50 ms) and b (10 ms); a holds a1, b holds b1.
    // b's listing arrives at 20 ms: b1 is listed then, without waiting for a.
    let tree = TimedTree {
        folders: HashMap::from([
            ("root".to_owned(), (10, vec![folder("a"), folder("b")])),
            ("a".to_owned(), (50, vec![folder("a1")])),
            ("b".to_owned(), (10, vec![folder("b1")])),
            ("a1".to_owned(), (10, vec![Entry::File(1)])),
            ("b1".to_owned(), (10, vec![Entry::File(2)])),
        ]),
        timeline: Timeline::start(),
    };
    let total = within(
        LIMIT,
        "total_size never returned",
        total_size(&tree, "root"),
    )
    .await;
    let expected: Vec<(u128, String)> = [
        (0, "list root"),
        (10, "list a"),
        (10, "list b"),
        (20, "list b1"),
        (60, "list a1"),
    ]
    .map(|(at, event)| (at, event.to_owned()))
    .into();
    let observed = listings(&tree.timeline);
    assert!(
        observed == expected && total == 3,
        "root (10 ms) holds a (50 ms) and b (10 ms), which hold a1 and b1: b1 must be \
         listed at 20 ms, as soon as b's listing arrives, not once the whole level is \
         done (each subfolder is its own recursive call, started when its parent's \
         listing comes in). Total {total} (expected 3):\n{}",
        compare::timelines(&expected, &observed)
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
    assert_eq!(
        (empty, missing),
        (0, 0),
        "an empty folder and one that does not exist (its listing is empty) hold no \
         files: a total of 0"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_walk() {
    let tree = tree();
    let total = within_showing(
        LIMIT,
        "total_size never returned",
        &tree.timeline,
        total_size(&tree, "root"),
    )
    .await;
    tree.timeline.record(format!("total {total}"));
    insta::assert_snapshot!("timeline", tree.timeline.render());
}

/// A generated tree: folder `i` (named `f{i}`) has a parent among the folders
/// before it (folder 0 is the top), a listing time, and files; some folders
/// also name a subfolder that does not exist.
#[derive(Debug, Clone)]
struct Spec {
    folders: Vec<(usize, u64, Vec<u64>, bool)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let size = prop_oneof![Just(0_u64), Just(1), 0_u64..1 << 40];
    let one = (
        any::<prop::sample::Index>(),
        1_u64..60,
        prop::collection::vec(size, 0..3),
        prop::bool::weighted(0.2),
    );
    prop::collection::vec(one, 1..9).prop_map(|raw| Spec {
        folders: raw
            .into_iter()
            .enumerate()
            .map(|(i, (parent, millis, files, dangling))| {
                (
                    if i == 0 { 0 } else { parent.index(i) },
                    millis,
                    files,
                    dangling,
                )
            })
            .collect(),
    })
}

impl Spec {
    fn tree(&self) -> TimedTree {
        let mut folders: HashMap<String, (u64, Vec<Entry>)> = HashMap::new();
        for (i, (_, millis, files, dangling)) in self.folders.iter().enumerate() {
            let mut entries: Vec<Entry> = files.iter().map(|&size| Entry::File(size)).collect();
            if *dangling {
                entries.push(folder(&format!("missing{i}")));
            }
            folders.insert(format!("f{i}"), (*millis, entries));
        }
        for (i, (parent, ..)) in self.folders.iter().enumerate().skip(1) {
            let entries = &mut folders.get_mut(&format!("f{parent}")).expect("a parent").1;
            // Files and folders mixed: the subfolder goes in the middle.
            let at = entries.len() / 2;
            entries.insert(at, folder(&format!("f{i}")));
        }
        TimedTree {
            folders,
            timeline: Timeline::start(),
        }
    }

    /// The model: the total of every file, and each folder listed once, at
    /// the moment its parent's listing arrived (a missing folder's listing
    /// takes 1 ms, and is empty).
    fn expected(&self) -> (u64, Vec<(u128, String)>) {
        let mut listed_at = vec![0_u64; self.folders.len()];
        let mut events = Vec::new();
        let mut total = 0;
        for (i, (parent, millis, files, dangling)) in self.folders.iter().enumerate() {
            if i > 0 {
                listed_at[i] = listed_at[*parent] + self.folders[*parent].1;
            }
            events.push((u128::from(listed_at[i]), format!("list f{i}")));
            if *dangling {
                events.push((
                    u128::from(listed_at[i] + millis),
                    format!("list missing{i}"),
                ));
            }
            total += files.iter().sum::<u64>();
        }
        events.sort();
        (total, events)
    }
}

proptest! {
    #![proptest_config(props::cases(48))]

    /// Any tree of up to 8 folders, each with its own listing time, files of
    /// any size (0 included) and maybe a subfolder that does not exist.
    #[test]
    fn any_tree_against_a_model(spec in spec()) {
        // The tree's timeline starts inside the paused runtime: its zero is
        // the runtime's, whatever real time the runtime took to build.
        let (total, observed) = props::paused(async {
            let tree = spec.tree();
            let total = within(LIMIT, "total_size never returned", total_size(&tree, "f0")).await;
            (total, listings(&tree.timeline))
        });
        let (expected_total, expected) = spec.expected();
        prop_assert!(
            total == expected_total && observed == expected,
            "each folder must be listed once, as soon as its parent's listing arrives, and \
             the total be every file's size: expected {}, yours {}.\nThe tree, folder by \
             folder (parent, listing ms, files, a missing subfolder?): {:?}\n{}",
            expected_total, total, spec.folders, compare::timelines(&expected, &observed)
        );
    }
}
