//! Reading the book's sources the way mdBook reads them: its pages, their
//! `{{#include}}`s, their fenced code blocks, their links and their headings'
//! ids. The checks in `tests/tests/book.rs` and `tests/tests/invariants.rs`
//! use these, so that no mdBook is needed to run `cargo test`.

use std::path::{Path, PathBuf};

use crate::root;

pub mod answers;
pub mod includes;

pub use includes::expand_includes;

/// The book's source folder, `book/src`.
pub fn src_dir() -> PathBuf {
    root().join("book/src")
}

/// The file names of the pages in `book/src` (`SUMMARY.md` included), sorted.
pub fn pages() -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(src_dir())
        .expect("book/src is readable")
        .map(|entry| entry.expect("readable").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "md"))
        .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
        .collect();
    pages.sort();
    pages
}

/// The text of a page of `book/src`, as written.
pub fn page(name: &str) -> String {
    crate::read(Path::new("book/src").join(name))
}

/// mdBook's id for a heading: lower case, spaces to dashes, other punctuation dropped.
pub fn heading_id(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// One `{{#include path}}` of a page: the path as written, and where it points.
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    pub target: String,
    pub path: PathBuf,
}

/// The `{{#include ...}}`s of `text`, paths resolved against `base` (the page's folder).
/// A target with a line range (`file.rs:2:10`) resolves to the file; an
/// unclosed directive ends the list (`expand_includes` reports it).
pub fn includes(text: &str, base: &Path) -> Vec<Include> {
    includes::directives(text)
        .unwrap_or_default()
        .iter()
        .map(|directive| Include {
            target: directive.target.to_owned(),
            path: base.join(directive.file()),
        })
        .collect()
}

/// A page with its includes expanded; panics with the reason if one is broken.
pub fn expanded_page(name: &str) -> String {
    expand_includes(&page(name), &src_dir()).unwrap_or_else(|e| panic!("book/src/{name}: {e}"))
}

/// A fenced code block: its info string (`rust,no_run`), its text, and the
/// line of the page it starts on (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    pub info: String,
    pub body: String,
    pub line: usize,
}

impl CodeBlock {
    /// The words of the info string: `rust,no_run` → `["rust", "no_run"]`.
    pub fn attributes(&self) -> Vec<&str> {
        self.info
            .split([',', ' ', '\t'])
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The language, as mdBook and rustdoc read it: the first word, and
    /// `rust` for an attribute-only info string such as `compile_fail`.
    pub fn language(&self) -> &str {
        let first = self.attributes().first().copied().unwrap_or("");
        match first {
            "ignore" | "no_run" | "should_panic" | "compile_fail" | "edition2024" => "rust",
            other => other,
        }
    }
}

/// Splits markdown into its fenced code blocks and the prose between them
/// (each prose line kept, code lines blanked, so that line numbers hold).
pub fn split_code(text: &str) -> (Vec<CodeBlock>, String) {
    let mut blocks = Vec::new();
    let mut prose = String::new();
    let mut open: Option<(String, usize, CodeBlock)> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                let fence: String = trimmed
                    .chars()
                    .take_while(|&c| c == '`' || c == '~')
                    .collect();
                if fence.len() >= 3 && fence.chars().all(|c| c == fence.chars().next().unwrap()) {
                    open = Some((
                        fence.clone(),
                        line.len() - trimmed.len(),
                        CodeBlock {
                            info: trimmed[fence.len()..].trim().to_owned(),
                            body: String::new(),
                            line: index + 1,
                        },
                    ));
                    prose.push('\n');
                } else {
                    prose.push_str(line);
                    prose.push('\n');
                }
            }
            Some((fence, indent, block)) => {
                if trimmed.starts_with(fence.as_str()) && trimmed.trim_end() == fence.as_str() {
                    blocks.push(open.take().expect("a block is open").2);
                } else {
                    let strip = line.len() - line.trim_start().len();
                    block.body.push_str(&line[strip.min(*indent)..]);
                    block.body.push('\n');
                }
                prose.push('\n');
            }
        }
    }
    if let Some((_, _, block)) = open {
        blocks.push(block);
    }
    (blocks, prose)
}

/// The fenced code blocks of a page's text.
pub fn code_blocks(text: &str) -> Vec<CodeBlock> {
    split_code(text).0
}

/// The ids mdBook gives the headings of a page's (expanded) text, in order:
/// a repeated heading gets `-1`, `-2`, … after its id.
pub fn heading_ids(text: &str) -> Vec<String> {
    let (_, prose) = split_code(text);
    let mut ids: Vec<String> = Vec::new();
    for line in prose.lines() {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let base = heading_id(&line[hashes..]);
        let mut id = base.clone();
        let mut n = 0;
        while ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        ids.push(id);
    }
    ids
}

/// The link targets of markdown prose (code blocks and code spans left out):
/// `[text](target)`, `![alt](target)`, and HTML `href="…"` and `src="…"`.
pub fn link_targets(prose: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose.lines() {
        let line = without_code_spans(line);
        let mut rest = line.as_str();
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let end = after.find([')', ' ']).unwrap_or(after.len());
            targets.push(after[..end].trim_matches(['<', '>']).to_owned());
            rest = &after[end..];
        }
        for attribute in ["href=\"", "src=\""] {
            let mut rest = line.as_str();
            while let Some(i) = rest.find(attribute) {
                let after = &rest[i + attribute.len()..];
                let end = after.find('"').unwrap_or(after.len());
                targets.push(after[..end].to_owned());
                rest = &after[end..];
            }
        }
    }
    targets
}

/// A line with its `code spans` blanked out.
fn without_code_spans(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else if in_code {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_become_mdbook_ids() {
        assert_eq!(
            heading_id(" An iterator written by hand"),
            "an-iterator-written-by-hand"
        );
        assert_eq!(
            heading_id(" What `send` does, (really)"),
            "what-send-does-really"
        );
        assert_eq!(
            heading_ids("# A\n```\n# not a heading\n```\n## A\n#nope\n## B"),
            ["a", "a-1", "b"]
        );
    }

    #[test]
    fn code_blocks_and_links_are_found() {
        let text = "see [a](a.md#x) and `[b](b.md)`\n\n```rust,no_run\nlet a = [1](2);\n```\n\n  ````text\n  x\n  ````\n![pic](p.svg)\n";
        let (blocks, prose) = split_code(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].language(), "rust");
        assert_eq!(blocks[0].attributes(), ["rust", "no_run"]);
        assert_eq!(blocks[0].line, 3);
        assert_eq!(blocks[1].body, "x\n");
        assert_eq!(link_targets(&prose), ["a.md#x", "p.svg"]);
    }
}
