//! Grading a class: many submissions in one working copy. A section whose
//! learner files are byte for byte the same as in a submission already graded
//! (untouched stubs, most often) gets that submission's results again instead
//! of being built and run once more: the same code under the same tests.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use anyhow::Result;

use crate::manifest::Side;
use crate::plan::Plan;
use crate::report::{Report, SectionReport};
use crate::submission::files_below;

/// Sections already graded in this run, by the content of their learner files.
#[derive(Debug, Default)]
pub struct SectionCache {
    reports: HashMap<(String, u64), SectionReport>,
    /// How many sections were answered from the cache, for the record.
    pub reused: usize,
    /// The walls the cached sections were graded under.
    pub isolation: crate::sandbox::Confinement,
}

/// A section's identity for the cache: its slug and a digest of its files.
type Key = (String, u64);

impl SectionCache {
    /// The digest of every planned section's learner files, as they are in
    /// the working copy now.
    pub fn keys(plan: &Plan) -> Result<Vec<Key>> {
        plan.sections()
            .map(|(_, section)| {
                let src = plan.root.join(section.dir_on(Side::Exercises)).join("src");
                let mut hasher = DefaultHasher::new();
                for path in files_below(&src)? {
                    path.hash(&mut hasher);
                    std::fs::read(src.join(&path))?.hash(&mut hasher);
                }
                Ok((section.slug.clone(), hasher.finish()))
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
