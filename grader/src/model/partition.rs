//! A part of a class, for a class graded across machines.

use std::str::FromStr;

use anyhow::{Result, bail};
use sha2::{Digest, Sha256};

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
