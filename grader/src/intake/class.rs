//! Grading a class: many submissions in one working copy. A section whose
//! learner files are byte for byte the same as in a submission already graded
//! (untouched stubs, most often) gets that submission's results again instead
//! of being built and run once more: the same code under the same tests.
//! "Byte for byte" is a SHA-256 of the files, which no two different sets of
//! files share in practice (a 64-bit digest could, in a course of thousands).
//!
//! A class too large for one machine is split with a [`Partition`]: each
//! machine grades the submissions whose name falls in its part.

use std::collections::HashMap;

use anyhow::Result;
use sha2::{Digest, Sha256};

use crate::intake::submission::files_below;
use crate::model::course::Side;
pub use crate::model::partition::Partition;
use crate::model::plan::Plan;
use crate::model::report::{Report, SectionReport};

/// Sections already graded in this run, by the content of their learner files.
#[derive(Debug, Default)]
pub struct SectionCache {
    reports: HashMap<Key, SectionReport>,
    /// How many sections were answered from the cache, for the record.
    pub reused: usize,
    /// The walls the cached sections were graded under.
    pub isolation: crate::os::Confinement,
}

/// A section's identity for the cache: its slug and the SHA-256 of its files.
pub type Key = (String, [u8; 32]);

impl SectionCache {
    /// The digest of every planned section's learner files, as they are in
    /// the working copy now.
    pub fn keys(plan: &Plan) -> Result<Vec<Key>> {
        plan.sections()
            .map(|(_, section)| {
                let src = plan.root.join(section.dir_on(Side::Exercises)).join("src");
                let mut hasher = Sha256::new();
                for path in files_below(&src)? {
                    // Each name and content after its length: no two
                    // different sets of files make the same stream.
                    let name = path.to_string_lossy();
                    let content = std::fs::read(src.join(&path))?;
                    hasher.update((name.len() as u64).to_le_bytes());
                    hasher.update(name.as_bytes());
                    hasher.update((content.len() as u64).to_le_bytes());
                    hasher.update(&content);
                }
                Ok((section.slug.clone(), hasher.finalize().into()))
            })
            .collect()
    }

    /// The part of `plan` that the cache cannot answer, or `None` if it answers all.
    pub fn uncached(&self, plan: &Plan, keys: &[Key]) -> Option<Plan> {
        let missing: Vec<&String> = keys
            .iter()
            .filter(|key| !self.reports.contains_key(*key))
            .map(|(slug, _)| slug)
            .collect();
        if missing.is_empty() {
            return None;
        }
        let mut narrowed = plan.clone();
        narrowed
            .exercises
            .retain(|id| missing.contains(&&plan.course.sections[id.section].slug));
        Some(narrowed)
    }

    /// The whole report: the freshly graded sections, and the others from the
    /// cache, in course order. The fresh ones are remembered.
    pub fn assemble(
        &mut self,
        keys: &[Key],
        fresh: Option<Report>,
        root: &std::path::Path,
    ) -> Report {
        let duration = fresh.as_ref().map(|r| r.duration).unwrap_or_default();
        let building = fresh.as_ref().map(|r| r.building).unwrap_or_default();
        // A reused section was graded under the walls of this run's last grading.
        if let Some(fresh) = &fresh {
            self.isolation = fresh.isolation;
        }
        let isolation = self.isolation;
        let mut fresh_sections = fresh.map(|r| r.sections).unwrap_or_default();
        let sections = keys
            .iter()
            .filter_map(
                |key| match fresh_sections.iter().position(|s| s.slug == key.0) {
                    Some(index) => {
                        let section = fresh_sections.swap_remove(index);
                        self.reports.insert(key.clone(), section.clone());
                        Some(section)
                    }
                    None => {
                        self.reused += 1;
                        self.reports.get(key).cloned()
                    }
                },
            )
            .collect();
        Report {
            sections,
            duration,
            building,
            submission: None,
            root: root.to_path_buf(),
            following: None,
            isolation,
            reused: 0,
        }
    }
}
