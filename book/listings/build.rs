//! Makes every chapter of the book a doctest module of this crate.
//!
//! The chapters pull listings in with mdBook's `{{#include path}}`. Rustdoc
//! knows nothing of that, so this script writes a copy of each chapter with its
//! includes expanded into `OUT_DIR`, and a `chapters.rs` that documents one
//! empty module with each copy: `cargo test -p listings` then compiles and runs
//! every Rust block of the book, with this crate's real dependencies.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets it"));
    let chapters = manifest_dir.join("../src");
    println!("cargo::rerun-if-changed={}", chapters.display());
    println!(
        "cargo::rerun-if-changed={}",
        manifest_dir.join("examples").display()
    );
    println!(
        "cargo::rerun-if-changed={}",
        manifest_dir.join("output").display()
    );

    let mut pages: Vec<PathBuf> = fs::read_dir(&chapters)
        .expect("book/src is readable")
        .map(|entry| entry.expect("book/src is readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .filter(|path| !path.ends_with("SUMMARY.md"))
        .collect();
    pages.sort();

    let mut modules = String::new();
    for page in pages {
        let name = page
            .file_name()
            .and_then(|n| n.to_str())
            .expect("chapter names are UTF-8");
        let text = fs::read_to_string(&page).expect("chapters are readable");
        let expanded = expand_includes(&text, page.parent().expect("a chapter is in a folder"));
        fs::write(out_dir.join(name), expanded).expect("OUT_DIR is writable");
        let module = module_name(name);
        modules.push_str(&format!(
            "#[doc = include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))]\npub mod {module} {{}}\n"
        ));
    }
    fs::write(out_dir.join("chapters.rs"), modules).expect("OUT_DIR is writable");
}

/// Replaces each `{{#include path}}` with the file's text, `path` being relative
/// to the chapter, as mdBook reads it. Like mdBook, `path:N:` includes the
/// file from its line N (counted from 1) to the end, and `path:N:M` lines N to M.
fn expand_includes(text: &str, base: &Path) -> String {
    const OPEN: &str = "{{#include ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let end = rest[start..]
            .find("}}")
            .map(|i| start + i)
            .expect("an {{#include}} is closed with }}");
        let target = rest[start + OPEN.len()..end].trim();
        let (file, range) = target.split_once(':').unwrap_or((target, ""));
        // `N` alone is line N; `N:` is N to the end; `:M` is up to M.
        let (first, last) = range.split_once(':').unwrap_or((range, range));
        let line = |number: &str| -> Option<usize> {
            (!number.is_empty()).then(|| {
                number.parse().unwrap_or_else(|_| {
                    panic!("{{{{#include {target}}}}}: a line range is N:M, N: or :M")
                })
            })
        };
        let (first, last) = (line(first), line(last));
        let path = base.join(file);
        let included = fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!(
                "{{{{#include {target}}}}}: cannot read {}: {error}",
                path.display()
            )
        });
        let lines: Vec<&str> = included.lines().collect();
        let from = first.unwrap_or(1).max(1) - 1;
        let to = last.unwrap_or(lines.len()).min(lines.len());
        assert!(
            from < to,
            "{{{{#include {target}}}}}: no lines in that range"
        );
        out.push_str(&rest[..start]);
        out.push_str(lines[from..to].join("\n").trim_end_matches('\n'));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// `01-generators.md` → `chapter_01_generators`; `introduction.md` → `introduction`.
fn module_name(file_name: &str) -> String {
    let stem = file_name.trim_end_matches(".md").replace('-', "_");
    if stem.starts_with(|c: char| c.is_ascii_digit()) {
        format!("chapter_{stem}")
    } else {
        stem
    }
}
