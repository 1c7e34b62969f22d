//! mdBook's `{{#include path}}`, read the way mdBook reads it.
//!
//! Two places need it: the book's checks (`tests/src/book.rs`), and the build
//! script of `book/listings`, which expands each chapter so that rustdoc can run
//! its code blocks. A build script cannot depend on the crate that tests it, so
//! it compiles this very file with `#[path]`: this module uses `std` alone, and
//! one implementation serves both.

use std::path::Path;

const OPEN: &str = "{{#include ";
const CLOSE: &str = "}}";

/// One `{{#include target}}` of a text: its byte range, and the target as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Directive<'a> {
    pub start: usize,
    pub end: usize,
    pub target: &'a str,
}

impl<'a> Directive<'a> {
    /// The file part of the target (`file.rs` of `file.rs:2:10`), relative to the
    /// file that holds the directive.
    pub fn file(&self) -> &'a str {
        self.target
            .split_once(':')
            .map_or(self.target, |(file, _)| file)
    }

    /// The lines of `text` that the target's range selects, joined by `\n`. As in
    /// mdBook, lines count from 1: `file:N` is line N, `file:N:` line N to the end,
    /// `file::M` lines 1 to M, `file:N:M` lines N to M, and no range the whole file.
    pub fn select(&self, text: &str) -> Result<String, String> {
        let Some((_, range)) = self.target.split_once(':') else {
            return Ok(text.to_owned());
        };
        let (first, last) = range.split_once(':').unwrap_or((range, range));
        let lines: Vec<&str> = text.lines().collect();
        let number = |n: &str, default: usize| match n {
            "" => Ok(default),
            n => n.parse::<usize>().map_err(|_| {
                format!(
                    "{{{{#include {}}}}}: a line range is N, N:, :M or N:M",
                    self.target
                )
            }),
        };
        let from = number(first, 1)?.max(1) - 1;
        let to = number(last, lines.len())?.min(lines.len());
        if from >= to {
            return Err(format!(
                "{{{{#include {}}}}}: no lines in that range",
                self.target
            ));
        }
        Ok(lines[from..to].join("\n"))
    }
}

/// The `{{#include …}}` directives of `text`, in order; an error for one that
/// is never closed with `}}`.
pub fn directives(text: &str) -> Result<Vec<Directive<'_>>, String> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(OPEN).map(|i| from + i) {
        let end = text[start..]
            .find(CLOSE)
            .map(|i| start + i + CLOSE.len())
            .ok_or_else(|| "an {{#include}} is not closed with }}".to_owned())?;
        found.push(Directive {
            start,
            end,
            target: text[start + OPEN.len()..end - CLOSE.len()].trim(),
        });
        from = end;
    }
    Ok(found)
}

/// `text` with each `{{#include path}}` replaced by the lines it selects, as
/// mdBook does: `path` relative to `base`, the folder of the file that holds the
/// directive, and included files expanded in turn, relative to their own folder.
/// The included text loses its trailing newlines, so that a directive alone on
/// its line stays one line.
pub fn expand_includes(text: &str, base: &Path) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for directive in directives(text)? {
        let path = base.join(directive.file());
        let file = std::fs::read_to_string(&path).map_err(|error| {
            format!(
                "{{{{#include {}}}}}: {}: {error}",
                directive.target,
                path.display()
            )
        })?;
        let selected = directive.select(&file)?;
        let expanded = expand_includes(&selected, path.parent().unwrap_or(base))?;
        out.push_str(&text[copied..directive.start]);
        out.push_str(expanded.trim_end_matches('\n'));
        copied = directive.end;
    }
    out.push_str(&text[copied..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with `lines.txt` (five numbered lines) and `nested/outer.md`,
    /// which includes `inner.md` beside it and `../lines.txt` above it.
    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            std::fs::write(path, text).expect("a file");
        };
        write("lines.txt", "one\ntwo\nthree\nfour\nfive\n");
        write(
            "nested/outer.md",
            "outer {{#include inner.md}} {{#include ../lines.txt:2}}\n",
        );
        write("nested/inner.md", "inner\n");
        dir
    }

    fn expand(text: &str) -> Result<String, String> {
        let dir = fixture();
        expand_includes(text, dir.path())
    }

    #[test]
    fn line_ranges_read_as_mdbook_reads_them() {
        let cases = [
            ("lines.txt", "one\ntwo\nthree\nfour\nfive"),
            ("lines.txt:2", "two"),
            ("lines.txt:4:", "four\nfive"),
            ("lines.txt::2", "one\ntwo"),
            ("lines.txt:2:3", "two\nthree"),
            ("lines.txt:4:99", "four\nfive"),
        ];
        for (target, expected) in cases {
            assert_eq!(
                expand(&format!("[{{{{#include {target}}}}}]")),
                Ok(format!("[{expected}]")),
                "{target}"
            );
        }
    }

    #[test]
    fn includes_are_expanded_recursively_from_their_own_folder() {
        assert_eq!(
            expand("a\n{{#include nested/outer.md}}\nb"),
            Ok("a\nouter inner two\nb".to_owned())
        );
    }

    #[test]
    fn broken_directives_are_errors_that_name_the_target() {
        let error = |text: &str| expand(text).expect_err(text);
        assert!(error("{{#include missing.md}}").contains("missing.md"));
        assert!(error("{{#include lines.txt:x}}").contains("a line range is"));
        assert!(error("{{#include lines.txt:9:}}").contains("no lines in that range"));
        assert!(error("{{#include lines.txt").contains("not closed"));
    }

    #[test]
    fn directives_are_found_with_their_files() {
        let text = "x {{#include a.rs:1:2}} y {{#include  b.md }}";
        let found = directives(text).expect("closed");
        let files: Vec<&str> = found.iter().map(Directive::file).collect();
        assert_eq!(files, ["a.rs", "b.md"]);
        assert_eq!(&text[found[0].start..found[0].end], "{{#include a.rs:1:2}}");
    }
}
