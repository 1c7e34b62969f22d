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
use std::str::FromStr;

use anyhow::{Result, bail};
use sha2::{Digest, Sha256};

use crate::intake::submission::files_below;
use crate::model::course::Side;
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
type Key = (String, [u8; 32]);

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

/// Part `part` of `of` of a class (`--partition 2/3`): the submissions whose
/// name's SHA-256, read as a number, leaves `part - 1` divided by `of`. A
/// submission's part depends on its name alone, so adding a student to the
/// class moves no one else to another part, and every machine agrees on the
/// split without being told the others' folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Partition {
    /// From 1.
    pub part: u32,
    pub of: u32,
}

impl Partition {
    /// Whether the submission named `name` (its folder's name) is in this part.
    pub fn holds(&self, name: &str) -> bool {
        let digest = Sha256::digest(name.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % u64::from(self.of) == u64::from(self.part - 1)
    }
}

impl std::fmt::Display for Partition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.part, self.of)
    }
}

impl FromStr for Partition {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Partition> {
        let Some((part, of)) = text.split_once('/') else {
            bail!("`{text}` is not K/N: write the part and the number of parts, as in 2/3");
        };
        let (Ok(part), Ok(of)) = (part.trim().parse::<u32>(), of.trim().parse::<u32>()) else {
            bail!("`{text}` is not K/N with two whole numbers, as in 2/3");
        };
        if of == 0 || part == 0 || part > of {
            bail!(
                "`{text}`: the part K goes from 1 to the number of parts N (1/{of} to {of}/{of})"
            );
        }
        Ok(Partition { part, of })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_in_exactly_one_part() {
        let names: Vec<String> = (0..300).map(|i| format!("student{i:03}")).collect();
        let of = 4;
        let mut sizes = vec![0; of as usize];
        for name in &names {
            let parts: Vec<u32> = (1..=of)
                .filter(|&part| Partition { part, of }.holds(name))
                .collect();
            assert_eq!(parts.len(), 1, "{name} is in parts {parts:?}");
            sizes[parts[0] as usize - 1] += 1;
        }
        // A hash spreads names evenly enough: no part holds twice its share.
        assert!(sizes.iter().all(|&n| n > 40 && n < 150), "{sizes:?}");
    }

    #[test]
    fn a_part_is_read_as_k_of_n() {
        assert_eq!(
            "2/3".parse::<Partition>().unwrap(),
            Partition { part: 2, of: 3 }
        );
        for wrong in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(wrong.parse::<Partition>().is_err(), "{wrong}");
        }
    }
}
