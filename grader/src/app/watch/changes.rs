//! Which exercise a learner just saved.
//!
//! A file-system event is not a save: building and testing an exercise read
//! every source of its section (on Linux each open is an event), editors
//! write a file in several steps, and the tests write files of their own under
//! `exercises/*/tests/`. So an event only says "look": a file counts as saved
//! when it is a learner's source (`exercises/<section>/src/**.rs`) and its
//! content differs from the content last seen (an empty file is a save half
//! done, not seen). One save, one re-grade. Only `exercises/` is watched: the
//! grader's own working copy, where a stub stands in for a file that does not
//! compile, is under `target/grader/` and never seen.

use std::collections::{BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use anyhow::Result;
use notify_debouncer_mini::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{Config, DebounceEventResult, new_debouncer_opt};

use grader::model::course::FileRole;
use grader::model::plan::Filter;

use super::round::Event;
use crate::session::Session;

/// How long the files must be quiet before a change is looked at: an editor's
/// save is often several writes.
const SETTLE: Duration = Duration::from_millis(200);
/// How often `--poll` looks at the files.
const POLL_EVERY: Duration = Duration::from_millis(500);

/// Starts watching `exercises/` under `root`, sending [`Event::Files`] to `events`.
/// The returned value watches until it is dropped.
pub fn watch(root: &Path, poll: bool, events: Sender<Event>) -> Result<Box<dyn std::any::Any>> {
    let watched = root.join("exercises");
    let notify_config = notify::Config::default()
        .with_poll_interval(POLL_EVERY)
        .with_compare_contents(true);
    let config = Config::default()
        .with_timeout(SETTLE)
        .with_notify_config(notify_config);
    let handler = move |result: DebounceEventResult| {
        let event = match result {
            Ok(batch) => Event::Files(batch.into_iter().map(|e| e.path).collect()),
            Err(error) => Event::WatchFailed(error.to_string()),
        };
        let _ = events.send(event);
    };
    Ok(if poll {
        let mut debouncer = new_debouncer_opt::<_, PollWatcher>(config, handler)?;
        debouncer
            .watcher()
            .watch(&watched, RecursiveMode::Recursive)?;
        Box::new(debouncer)
    } else {
        let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher>(config, handler)?;
        debouncer
            .watcher()
            .watch(&watched, RecursiveMode::Recursive)?;
        Box::new(debouncer)
    })
}

/// The learner's sources as last seen: a digest of each file's content.
#[derive(Debug, Default)]
pub struct Sources {
    seen: HashMap<PathBuf, Option<u64>>,
}

impl Sources {
    /// What to grade again for the reported `paths`: the exercise of each
    /// learner's source whose content changed (its section, for a file that
    /// is no one exercise's, such as `lib.rs`). Remembers the new contents.
    pub fn changed(&mut self, session: &Session, paths: &[PathBuf]) -> BTreeSet<Filter> {
        let mut filters = BTreeSet::new();
        for path in paths {
            let Some(filter) = filter_for(session, path) else {
                continue;
            };
            // An editor that writes in place empties the file first: on a
            // busy machine the empty file can be seen alone. Its next
            // content is what the learner saved.
            if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
                continue;
            }
            let now = digest(path);
            let before = self.seen.insert(path.clone(), now);
            // A file met for the first time is compared with its content when
            // watching started, which `remember` recorded for every source.
            if before != Some(now) {
                filters.insert(filter);
            }
        }
        filters
    }

    /// Records the current content of every learner's source below `root`.
    pub fn remember(&mut self, root: &Path) {
        let mut pending = vec![root.join("exercises")];
        while let Some(dir) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let now = digest(&path);
                    self.seen.insert(path, now);
                }
            }
        }
    }
}

/// A digest of the file's content; `None` when it cannot be read (deleted).
fn digest(path: &Path) -> Option<u64> {
    let bytes = std::fs::read(path).ok()?;
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(hasher.finish())
}

/// What to re-grade when `path` changed: its exercise, or its whole section
/// for a file that is not one exercise's (`lib.rs`, a new module); `None` for
/// anything but a learner's source.
fn filter_for(session: &Session, path: &Path) -> Option<Filter> {
    let relative = path.strip_prefix(&session.root).ok()?;
    let course = &session.course;
    match course.role_of(relative) {
        FileRole::Stub(id) => Some(Filter::Id(id)),
        // `lib.rs` or a module of the learner's: it may change any exercise.
        FileRole::SectionSource(index) if relative.extension().is_some_and(|ext| ext == "rs") => {
            Some(Filter::Sections(vec![course.sections[index].slug.clone()]))
        }
        _ => None,
    }
}
