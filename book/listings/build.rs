//! Makes every chapter of the book a doctest module of this crate.
//!
//! The chapters pull listings in with mdBook's `{{#include path}}`. Rustdoc
//! knows nothing of that, so this script writes a copy of each chapter with its
//! includes expanded into `OUT_DIR`, and a `chapters.rs` that documents one
//! empty module with each copy: `cargo test -p listings` then compiles and runs
//! every Rust block of the book, with this crate's real dependencies.

use std::path::PathBuf;
use std::{env, fs};

// The `{{#include}}` reader that the book's checks use, compiled here too: a
// build script cannot depend on the tests crate, and one reader must serve
// both, or the doctests and the checks could read a chapter differently.
#[path = "../../tests/src/book/includes.rs"]
mod includes;

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets it"));
    let chapters = manifest_dir.join("../src");
    println!("cargo::rerun-if-changed={}", chapters.display());
    println!(
        "cargo::rerun-if-changed={}",
        manifest_dir
            .join("../../tests/src/book/includes.rs")
            .display()
    );
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
        let expanded = includes::expand_includes(&text, &chapters)
            .unwrap_or_else(|error| panic!("{}: {error}", page.display()));
        fs::write(out_dir.join(name), expanded).expect("OUT_DIR is writable");
        let module = module_name(name);
        modules.push_str(&format!(
            "#[doc = include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))]\npub mod {module} {{}}\n"
        ));
    }
    fs::write(out_dir.join("chapters.rs"), modules).expect("OUT_DIR is writable");
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
