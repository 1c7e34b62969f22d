//! The book holds together without mdBook: its exercise lists are generated
//! from `course.toml`; every link, anchor, image and `{{#include}}` resolves;
//! every Rust block runs in `cargo test` or fails to compile for the reason it
//! shows; every output shown is included from a file that a test checks; every
//! snippet of the post sits beside its Rust; every timeline picture is shown.
//!
//! After changing `course.toml`, regenerate the exercise lists with
//!
//! ```text
//! UPDATE_BOOK=1 cargo test -p course-tests --test book
//! ```

use std::path::PathBuf;
use std::process::Command;

use course_tests::book::{
    CodeBlock, code_blocks, expanded_page, heading_ids, includes, link_targets, page, pages,
    split_code, src_dir,
};
use course_tests::pictures::snapshot_body;
use course_tests::{cargo, course, file_stems, read, root, target_dir};
use grader::model::course::Section;

// ---------------------------------------------------------------------------
// The exercise lists

/// The pages a section's exercises are read on, in the order of the
/// exercises, each with the exercises it presents (chapter 4 is two pages).
fn chapter_pages(section: &Section) -> Vec<(&str, Vec<usize>)> {
    let mut pages: Vec<(&str, Vec<usize>)> = Vec::new();
    for (index, exercise) in section.exercises.iter().enumerate() {
        let page = exercise.chapter_page();
        match pages.iter_mut().find(|(p, _)| *p == page) {
            Some((_, indices)) => indices.push(index),
            None => pages.push((page, vec![index])),
        }
    }
    pages
}

/// The list of the exercises that end a chapter's page: those of `section`
/// at `indices`, numbered in the section.
fn exercise_list(section: &Section, indices: &[usize]) -> String {
    let number = section.number(course());
    let mut out = format!(
        "<!-- Generated from course.toml by tests/tests/book.rs: do not edit.\n     \
         Regenerate with: UPDATE_BOOK=1 cargo test -p course-tests --test book -->\n\n\
         ## Exercises\n\n\
         Each exercise is a file to edit, `exercises/{slug}/src/<exercise>.rs`, and \
         its tests, which you run until they pass. \
         `cargo grade --section {package}` shows where you are in all of them.\n\n\
         <div class=\"exercise-list\">\n",
        slug = section.slug,
        package = section.package,
    );
    for &index in indices {
        let exercise = &section.exercises[index];
        out.push_str(&format!(
            "\n- **{number}.{n} [`{name}`]({chapter}): {title}**\\\n  \
             `{command}`\n\n  \
             <details>\n  <summary>Hint</summary>\n\n  {hint}\n\n  </details>\n",
            n = index + 1,
            name = exercise.name,
            chapter = exercise.chapter,
            title = exercise.title,
            command = exercise.command(section),
            hint = exercise.hint().trim(),
        ));
    }
    out.push_str("\n</div>\n");
    out
}

#[test]
fn every_chapter_ends_with_its_generated_exercise_list() {
    let update = std::env::var_os("UPDATE_BOOK").is_some();
    let folder = src_dir().join("exercises");
    let mut stale = Vec::new();
    let mut lists = Vec::new();
    for section in &course().sections {
        for (chapter, indices) in chapter_pages(section) {
            let stem = chapter.trim_end_matches(".md");
            let file = folder.join(format!("{stem}.md"));
            let list = exercise_list(section, &indices);
            if update {
                std::fs::create_dir_all(&folder).expect("create book/src/exercises");
                std::fs::write(&file, &list).expect("write the exercise list");
            } else if std::fs::read_to_string(&file).ok().as_deref() != Some(list.as_str()) {
                stale.push(file.display().to_string());
            }
            let include = format!("{{{{#include exercises/{stem}.md}}}}");
            let text = page(chapter);
            assert!(
                text.trim_end().ends_with(&include),
                "book/src/{chapter} must end with {include}"
            );
            lists.push(stem.to_owned());
        }
    }
    assert!(
        stale.is_empty(),
        "these exercise lists are missing or out of date: {stale:?}\n\
         run: UPDATE_BOOK=1 cargo test -p course-tests --test book"
    );
    for stem in file_stems("book/src/exercises", "md") {
        assert!(
            lists.contains(&stem),
            "book/src/exercises/{stem}.md is the list of no chapter of course.toml"
        );
    }
}

// ---------------------------------------------------------------------------
// The API index

/// The page that lists every API the book names, by its short name.
const API_INDEX: &str = "api-index.md";

/// The words mdBook's search would index for `text`: split at white space and
/// `-`, lower-cased, with non-word characters trimmed from both ends (mdBook's
/// tokenizer, then elasticlunr's trimmer). A path is one word:
/// `tokio::task::spawn_blocking` is found by `tokio::task::spawn_blocking` and
/// by its prefixes, never by `spawn_blocking`.
fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .map(|word| {
            word.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'))
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// The paths (`a::b::c`, a macro's `!` kept) written in `text`.
fn paths_in(text: &str) -> Vec<&str> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("::") {
        let start = rest[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_ident(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut end = at;
        while rest[end..].starts_with("::")
            && rest[end + 2..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        {
            end += 2 + rest[end + 2..]
                .find(|c: char| !is_ident(c))
                .unwrap_or(rest.len() - end - 2);
        }
        let preceded_by_path = rest[..start].ends_with("::");
        if end > at && start < at && !preceded_by_path {
            if rest[end..].starts_with('!') {
                end += 1;
            }
            found.push(&rest[start..end]);
        }
        rest = &rest[end.max(at + 2)..];
    }
    found
}

/// Names the book's own examples define (`struct Letters`, `enum Winner`): a
/// path that starts with one (`Winner::First`) is no API.
fn defined_in_examples(blocks: &[CodeBlock]) -> Vec<String> {
    let mut names = Vec::new();
    for block in blocks {
        let words: Vec<&str> = block.body.split_whitespace().collect();
        for pair in words.windows(2) {
            if ["struct", "enum", "trait", "mod"].contains(&pair[0]) {
                let name: String = pair[1]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                names.push(name);
            }
        }
    }
    names
}

/// One path the book names, and the sections (link text, target) that name it.
type ApiEntries = std::collections::BTreeMap<(String, String), Vec<(String, String)>>;

/// Every path the book names: in the prose's code spans, and in code that
/// names a crate (`std::`, `tokio::`, `futures::`, …), keyed by (short name in
/// lower case, path), with the sections that name it.
fn api_entries() -> ApiEntries {
    const CRATES: [&str; 5] = ["std::", "core::", "tokio::", "futures::", "async_stream::"];
    let mut entries = ApiEntries::new();
    for name in pages() {
        if name == "SUMMARY.md" || name == API_INDEX {
            continue;
        }
        let text = expanded_page(&name);
        let (blocks, prose) = split_code(&text);
        let local = defined_in_examples(&blocks);
        let ids = heading_ids(&text);
        // (line, heading text, heading id) of each heading, in order.
        let mut headings = Vec::new();
        for (number, line) in prose.lines().enumerate() {
            let hashes = line.chars().take_while(|&c| c == '#').count();
            if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
                let title = line[hashes..].trim().replace('`', "");
                headings.push((number + 1, title, ids[headings.len()].clone()));
            }
        }
        let mut named: Vec<(usize, &str)> = Vec::new();
        for (number, line) in prose.lines().enumerate() {
            for (index, span) in line.split('`').enumerate() {
                if index % 2 == 1 {
                    named.extend(paths_in(span).into_iter().map(|path| (number + 1, path)));
                }
            }
        }
        for block in &blocks {
            for (offset, line) in block.body.lines().enumerate() {
                named.extend(
                    paths_in(line)
                        .into_iter()
                        .filter(|path| CRATES.iter().any(|c| path.starts_with(c)))
                        .map(|path| (block.line + 1 + offset, path)),
                );
            }
        }
        for (line, path) in named {
            let first = path.split("::").next().unwrap_or(path);
            let short = path.rsplit("::").next().unwrap_or(path);
            if local.iter().any(|name| name == first)
                || ["Self", "self", "crate", "super"].contains(&first)
            {
                continue;
            }
            let Some((_, title, id)) = headings.iter().rev().find(|(at, _, _)| *at <= line) else {
                continue;
            };
            // "Exercises" ends every chapter: such a title is named with its chapter's.
            let label = match headings.first() {
                Some((_, chapter, _)) if title == "Exercises" => format!("{chapter}: exercises"),
                _ => title.clone(),
            };
            let section = (label, format!("{name}#{id}"));
            let sections = entries
                .entry((short.trim_end_matches('!').to_lowercase(), path.to_owned()))
                .or_default();
            if !sections.contains(&section) {
                sections.push(section);
            }
        }
    }
    entries
}

/// The API index page, generated from the chapters.
fn api_index() -> String {
    let mut out = String::from(
        "<!-- Generated from the chapters by tests/tests/book.rs: do not edit.\n     \
         Regenerate with: UPDATE_BOOK=1 cargo test -p course-tests --test book -->\n\n\
         # API index\n\n\
         Every function, type, trait and macro the book names, by its short name, \
         with its full path and the sections that use it. The book's search \
         finds the section that teaches a name; this page, left out of the \
         search, lists every other place it is used.\n",
    );
    let mut letter = None;
    for ((key, path), sections) in api_entries() {
        let short = path.rsplit("::").next().unwrap_or(&path);
        // One heading per letter: search results name the section they are in.
        let first = key.chars().next().map(|c| c.to_ascii_uppercase());
        if first != letter {
            letter = first;
            out.push_str(&format!("\n## {}\n\n", first.unwrap_or('_')));
        }
        let links: Vec<String> = sections
            .iter()
            .map(|(title, target)| format!("[{title}]({target})"))
            .collect();
        out.push_str(&format!("- **`{short}`** `{path}`: {}\n", links.join(", ")));
    }
    out
}

#[test]
fn the_api_index_lists_every_path_the_book_names() {
    let file = src_dir().join(API_INDEX);
    let index = api_index();
    if std::env::var_os("UPDATE_BOOK").is_some() {
        std::fs::write(&file, &index).expect("write the API index");
    }
    assert!(
        std::fs::read_to_string(&file).ok().as_deref() == Some(index.as_str()),
        "book/src/{API_INDEX} is missing or out of date: a chapter names an API it \
         does not list, or no longer names one it lists\n\
         run: UPDATE_BOOK=1 cargo test -p course-tests --test book"
    );
}

/// The pages `book/book.toml` leaves out of the search
/// (`[output.html.search.chapter]`, `enable = false`).
fn left_out_of_search() -> Vec<String> {
    let config = course_tests::read_toml("book/book.toml");
    let chapters = config["output"]["html"]["search"]["chapter"]
        .as_table()
        .cloned()
        .unwrap_or_default();
    chapters
        .into_iter()
        .filter(|(_, settings)| settings["enable"].as_bool() == Some(false))
        .map(|(page, _)| page)
        .collect()
}

#[test]
fn search_finds_every_api_by_its_short_name() {
    let left_out = left_out_of_search();
    assert!(
        left_out.contains(&API_INDEX.to_owned()),
        "the API index is left out of the search: {left_out:?}"
    );
    let mut words: Vec<String> = Vec::new();
    for name in pages()
        .into_iter()
        .filter(|name| name != "SUMMARY.md" && !left_out.contains(name))
    {
        words.extend(search_words(&expanded_page(&name)));
    }
    // A search matches a word by its beginning, so `spawn_blocking` finds
    // `spawn_blocking(move`, but not `tokio::task::spawn_blocking`.
    let found = |short: &str| words.iter().any(|word| word.starts_with(short));
    let mut missing: Vec<String> = api_entries()
        .into_keys()
        .map(|(short, _)| short)
        .filter(|short| !found(short))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "a search for these names would find nothing: {missing:?}"
    );
    for short in ["spawn_blocking", "yield_now", "take_until", "fusediterator"] {
        assert!(found(short), "a search for {short} would find nothing");
    }
}

// ---------------------------------------------------------------------------
// Links

/// Why `target`, a link on page `from` (expanded), does not resolve, if it does not.
fn broken(from: &str, target: &str) -> Option<String> {
    if target.contains("://") || target.starts_with("mailto:") || target.is_empty() {
        return None;
    }
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let page_name = if path.is_empty() {
        from.to_owned()
    } else {
        let file = src_dir().join(path);
        if !file.exists() {
            return Some(format!("{target}: no file {}", file.display()));
        }
        path.to_owned()
    };
    let anchor = anchor?;
    if !page_name.ends_with(".md") {
        return Some(format!(
            "{target}: an anchor into a file that is not a page"
        ));
    }
    let ids = heading_ids(&expanded_page(&page_name));
    (!ids.iter().any(|id| id == anchor))
        .then(|| format!("{target}: {page_name} has no heading #{anchor}"))
}

#[test]
fn every_link_anchor_image_and_include_resolves() {
    let mut problems = Vec::new();
    for name in pages() {
        let text = page(&name);
        for include in includes(&text, &src_dir()) {
            if !include.path.is_file() {
                problems.push(format!(
                    "{name}: {{{{#include {}}}}}: no such file",
                    include.target
                ));
            }
        }
        let (_, prose) = split_code(&expanded_page(&name));
        for target in link_targets(&prose) {
            if let Some(problem) = broken(&name, &target) {
                problems.push(format!("{name}: {problem}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_summary_lists_every_page() {
    let summary = page("SUMMARY.md");
    let listed = link_targets(&summary);
    for name in pages().into_iter().filter(|p| p != "SUMMARY.md") {
        assert!(
            listed.contains(&name),
            "book/src/SUMMARY.md does not list {name}: mdBook would leave it out"
        );
    }
}

// ---------------------------------------------------------------------------
// Code blocks

/// The listing a block shows, if its whole text is
/// `{{#include ../listings/examples/<name>.rs}}`, or that from a line on
/// (`<name>.rs:17:`), and the line it starts from.
fn included_listing(block: &CodeBlock) -> Option<(String, usize)> {
    let target = block
        .body
        .trim()
        .strip_prefix("{{#include ../listings/examples/")?
        .strip_suffix("}}")?;
    let (file, from) = match target.split_once(':') {
        Some((file, range)) => (file, range.strip_suffix(':')?.parse().ok()?),
        None => (target, 1),
    };
    Some((file.strip_suffix(".rs")?.to_owned(), from))
}

/// The first line of a listing's program (counted from 1): the line after its
/// doc comment, which repeats the Python that the book shows beside it.
fn program_start(listing: &str) -> usize {
    let source = read(format!("book/listings/examples/{listing}.rs"));
    source
        .lines()
        .position(|line| !line.starts_with("//!") && !line.trim().is_empty())
        .map_or(1, |index| index + 1)
}

/// The error code a `compile_fail` block names: `rust,compile_fail,E0277` → `E0277`.
fn error_code(block: &CodeBlock) -> Option<&str> {
    block
        .attributes()
        .into_iter()
        .find(|a| a.len() == 5 && a.starts_with('E') && a[1..].chars().all(|c| c.is_ascii_digit()))
}

/// The error a `compile_fail` block shows in a comment, as rustc words it:
/// `// error[E0599]: no method named ...` → (`Some("E0599")`, `no method named ...`);
/// `// error: future cannot be sent ...` → (`None`, `future cannot be sent ...`).
fn shown_error(block: &CodeBlock) -> Option<(Option<String>, String)> {
    block.body.lines().find_map(|line| {
        let comment = &line[line.find("// error")? + 3..];
        let (head, message) = comment.split_once(": ")?;
        let code = head
            .strip_prefix("error[")
            .and_then(|rest| rest.strip_suffix(']'))
            .map(str::to_owned);
        (head == "error" || code.is_some()).then(|| (code, message.trim().to_owned()))
    })
}

/// A diagnostic's message with the places rustc adds to type names left out:
/// `{async block@src/x.rs:3:9: 3:14}` → `{async block}`.
fn without_places(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[rest.find('}').unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_rust_block_runs_or_fails_on_purpose() {
    let listings = file_stems("book/listings/examples", "rs");
    let mut problems = Vec::new();
    for name in pages() {
        for block in code_blocks(&page(&name)) {
            if block.language() != "rust" {
                continue;
            }
            let at = format!("{name}:{}", block.line);
            let attributes = block.attributes();
            if attributes.contains(&"ignore") {
                problems.push(format!("{at}: `ignore` skips the block; make it run"));
            }
            if attributes.contains(&"no_run") {
                // A listing waits in real time, as the Python does;
                // tests/tests/listings.rs runs it and checks its output and time.
                match included_listing(&block) {
                    Some((listing, _)) if listings.contains(&listing) => {}
                    _ => problems.push(format!(
                        "{at}: only a listing of book/listings/examples, which \
                         tests/tests/listings.rs runs, may be `no_run`"
                    )),
                }
            }
            if attributes.contains(&"compile_fail") {
                match shown_error(&block) {
                    None => problems.push(format!(
                        "{at}: a `compile_fail` block shows its error in a comment, \
                         as rustc words it: `// error[E0277]: ...` or `// error: ...`"
                    )),
                    Some((code, _)) if code.as_deref() != error_code(&block) => {
                        problems.push(format!(
                            "{at}: the attributes name the error code the comment shows, \
                             {code:?} (`rust,compile_fail,E0277`, or no code)"
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The program rustdoc makes of a doctest: hidden `# ` lines shown, and the
/// code wrapped in `fn main` unless it has one.
fn doctest_program(body: &str) -> String {
    let code: String = body
        .lines()
        .map(|line| match line.trim_start() {
            "#" => "",
            l if l.starts_with("# ") => &l[2..],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    if code.contains("fn main") {
        format!("#![allow(unused)]\n{code}\n")
    } else {
        format!("#![allow(unused)]\nfn main() {{\n{code}\n}}\n")
    }
}

/// `--extern` flags for the listings' dependencies, from a build of the listings.
fn listings_dependencies() -> Vec<String> {
    let output = Command::new(cargo())
        .args([
            "build",
            "--quiet",
            "--package",
            "listings",
            "--message-format",
            "json",
        ])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "the listings do not build");
    let mut externs = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let crate_name = message["target"]["name"]
            .as_str()
            .unwrap_or("")
            .replace('-', "_");
        if !["tokio", "futures", "async_stream", "tokio_util"].contains(&crate_name.as_str()) {
            continue;
        }
        let files = message["filenames"].as_array().cloned().unwrap_or_default();
        if let Some(rlib) = files
            .iter()
            .filter_map(|f| f.as_str())
            .find(|f| f.ends_with(".rlib"))
        {
            externs.push(format!("{crate_name}={rlib}"));
        }
    }
    externs
}

/// A `compile_fail` block must fail with the error its comment shows, code and
/// message. Rustdoc checks a block's error code only on nightly, and never its
/// message, so this test compiles each such block with rustc, against the
/// listings' dependencies, and reads the diagnostics.
#[test]
fn compile_fail_blocks_fail_for_the_reason_they_show() {
    let blocks: Vec<(String, CodeBlock)> = pages()
        .into_iter()
        .flat_map(|name| {
            code_blocks(&page(&name))
                .into_iter()
                .map(move |b| (name.clone(), b))
        })
        .filter(|(_, b)| b.language() == "rust" && b.attributes().contains(&"compile_fail"))
        .collect();
    assert!(
        !blocks.is_empty(),
        "the book shows compile errors on purpose"
    );
    let externs = listings_dependencies();
    assert_eq!(
        externs.len(),
        4,
        "tokio, futures, async_stream, tokio_util: {externs:?}"
    );
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let mut problems = Vec::new();
    for (index, (name, block)) in blocks.iter().enumerate() {
        let Some((code, message)) = shown_error(block) else {
            continue; // reported by every_rust_block_runs_or_fails_on_purpose
        };
        let file = scratch.path().join(format!("block{index}.rs"));
        std::fs::write(&file, doctest_program(&block.body)).expect("write the block");
        let mut command = Command::new(&rustc);
        command
            .args([
                "--edition",
                "2024",
                "--crate-type",
                "bin",
                "--error-format",
                "json",
            ])
            .arg("--out-dir")
            .arg(scratch.path())
            .arg("-L")
            .arg(format!(
                "dependency={}",
                target_dir().join("debug/deps").display()
            ));
        for e in &externs {
            command.arg("--extern").arg(e);
        }
        let output = command.arg(&file).output().expect("rustc runs");
        let errors: Vec<(Option<String>, String)> = String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|d| d["level"] == "error")
            .map(|d| {
                (
                    d["code"]["code"].as_str().map(str::to_owned),
                    without_places(d["message"].as_str().unwrap_or("")),
                )
            })
            .collect();
        if output.status.success() {
            problems.push(format!(
                "{name}:{}: compiles, but is `compile_fail`",
                block.line
            ));
        } else if !errors
            .iter()
            .any(|(c, m)| *c == code && m.starts_with(&message))
        {
            problems.push(format!(
                "{name}:{}: fails with {errors:?}, not with {code:?} \"{message}\" as the book shows",
                block.line
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// Outputs

/// Whether a block shows output, which must then be included, never typed.
fn shows_output(block: &CodeBlock) -> bool {
    matches!(
        block.language(),
        "text" | "console" | "output" | "shell-session" | ""
    )
}

#[test]
fn every_output_shown_is_included_or_a_command() {
    let mut problems = Vec::new();
    for name in pages() {
        for block in code_blocks(&page(&name)) {
            if !shows_output(&block) {
                continue;
            }
            let body = block.body.trim();
            let included =
                body.starts_with("{{#include ") && body.ends_with("}}") && !body.contains('\n');
            let commands = body.lines().all(|line| line.starts_with("$ "));
            // A snapshot is shown from the line after its header, its body.
            if let Some(snapshot) = body
                .strip_prefix("{{#include ")
                .and_then(|target| target.split_once(".snap"))
            {
                let path = src_dir().join(format!("{}.snap", snapshot.0));
                let file = std::fs::read_to_string(&path).unwrap_or_default();
                let header = file.lines().count() - snapshot_body(&file).lines().count();
                let wanted = format!(":{}:}}}}", header + 1);
                if snapshot.1 != wanted {
                    problems.push(format!(
                        "{name}:{}: show the snapshot's body, from its line {}: \
                         {{{{#include {}.snap{wanted}",
                        block.line,
                        header + 1,
                        snapshot.0
                    ));
                }
            }
            if !included && !commands {
                problems.push(format!(
                    "{name}:{}: a ```{} block shows typed output; include the file a test \
                     checks (book/listings/output/, a snapshot), or show only `$ ` command lines",
                    block.line, block.info
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// The post's Python beside the Rust

/// The Python in a listing's doc comment.
fn listing_python(listing: &str) -> String {
    let source = read(format!("book/listings/examples/{listing}.rs"));
    let doc: String = source
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    code_blocks(&doc)
        .into_iter()
        .find(|b| b.language() == "python")
        .unwrap_or_else(|| panic!("{listing}.rs shows the Python it ports in its doc comment"))
        .body
}

#[test]
fn every_snippet_of_the_post_sits_beside_its_rust() {
    const OPEN: &str = "<div class=\"side-by-side\">";
    let mut shown = Vec::new();
    for name in pages() {
        let text = page(&name);
        for (i, _) in text.match_indices(OPEN) {
            let inside = &text[i + OPEN.len()..];
            let end = inside
                .find("\n</div>")
                .unwrap_or_else(|| panic!("{name}: a side-by-side is closed by </div>"));
            let blocks = code_blocks(&inside[..end]);
            let languages: Vec<&str> = blocks.iter().map(CodeBlock::language).collect();
            assert_eq!(
                languages,
                ["python", "rust"],
                "{name}: a side-by-side holds the Python, then the Rust"
            );
            if let Some((listing, from)) = included_listing(&blocks[1]) {
                assert_eq!(
                    blocks[0].body,
                    listing_python(&listing),
                    "{name}: the Python beside {listing}.rs is the one its doc comment ports"
                );
                let start = program_start(&listing);
                assert_eq!(
                    from, start,
                    "{name}: beside its Python, {listing}.rs is shown from its line {start}, \
                     the first after its doc comment: {{{{#include \
                     ../listings/examples/{listing}.rs:{start}:}}}}"
                );
                shown.push(listing);
            }
        }
    }
    shown.sort();
    assert_eq!(
        shown,
        file_stems("book/listings/examples", "rs"),
        "every listing of the post's snippets sits beside its Python"
    );
}

// ---------------------------------------------------------------------------
// Timeline pictures

/// How a chapter shows a timeline picture: included into the page rather than
/// linked as an image, so that its colours come from the reader's theme (an
/// `<img>` cannot read the page's CSS variables), inside a figure that scrolls
/// sideways on a narrow screen and names what it shows.
fn shown_picture(lines: &[&str], include: &str) -> Result<(), String> {
    let Some(at) = lines.iter().position(|line| line.trim() == include) else {
        return Err("is not shown".to_owned());
    };
    let before = lines[..at].last().map_or("", |line| line.trim());
    let after = lines.get(at + 1).map_or("", |line| line.trim());
    let label = before
        .strip_prefix("<figure class=\"timeline\" role=\"img\" aria-label=\"")
        .and_then(|rest| rest.strip_suffix("\">"));
    match label {
        Some(label) if !label.trim().is_empty() && after == "</figure>" => Ok(()),
        _ => Err("is not inside <figure class=\"timeline\" role=\"img\" \
                  aria-label=\"what it shows\">, one line each, then </figure>"
            .to_owned()),
    }
}

#[test]
fn every_timeline_picture_is_shown_in_its_chapter_in_the_readers_theme() {
    const HOW: &str = "show a timeline picture as\n\n\
        <figure class=\"timeline\" role=\"img\" aria-label=\"Timeline: what it shows\">\n\
        {{#include timelines/<section>/<snapshot>.svg}}\n\
        </figure>";
    for name in pages() {
        let (_, prose) = split_code(&page(&name));
        for target in link_targets(&prose) {
            assert!(
                !target.ends_with(".svg"),
                "book/src/{name} links the picture {target} as an image, which keeps \
                 its colours in a dark theme; {HOW}"
            );
        }
    }
    for section in &course().sections {
        // A picture may be shown on any of the section's pages (chapter 4 has two).
        let chapters: Vec<&str> = chapter_pages(section).into_iter().map(|(p, _)| p).collect();
        let texts: Vec<String> = chapters.iter().map(|chapter| page(chapter)).collect();
        let folder = PathBuf::from("book/src/timelines").join(&section.slug);
        for stem in file_stems(&folder, "svg") {
            let include = format!("{{{{#include timelines/{}/{stem}.svg}}}}", section.slug);
            let shown = texts.iter().map(|text| {
                let lines: Vec<&str> = text.lines().collect();
                shown_picture(&lines, &include)
            });
            let mut problems = Vec::new();
            for result in shown {
                match result {
                    Ok(()) => {
                        problems.clear();
                        break;
                    }
                    Err(problem) => problems.push(problem),
                }
            }
            // "is not shown" on every page, or misplaced on one of them.
            let problem = problems
                .iter()
                .find(|p| p.as_str() != "is not shown")
                .or(problems.first())
                .filter(|_| problems.len() == chapters.len());
            if let Some(problem) = problem {
                panic!(
                    "book/src/{}: {} {problem}; {HOW}",
                    chapters.join(", book/src/"),
                    folder.join(format!("{stem}.svg")).display()
                );
            }
        }
    }
}

#[test]
fn the_helpers_read_markdown_as_mdbook_does() {
    assert_eq!(
        doctest_program("# use std::rc::Rc;\nlet a = 1;"),
        "#![allow(unused)]\nfn main() {\nuse std::rc::Rc;\nlet a = 1;\n}\n"
    );
    let block = |info: &str, body: &str| CodeBlock {
        info: info.to_owned(),
        body: body.to_owned(),
        line: 1,
    };
    assert_eq!(
        error_code(&block("rust,compile_fail,E0277", "")),
        Some("E0277")
    );
    assert_eq!(
        shown_error(&block("rust", "f(); // error[E0599]: no method `send`\n")),
        Some((Some("E0599".to_owned()), "no method `send`".to_owned()))
    );
    assert_eq!(
        shown_error(&block("rust", "    // error: cannot be sent\n")),
        Some((None, "cannot be sent".to_owned()))
    );
    assert_eq!(
        without_places("`{async block@a.rs:1:2: 3:4}` cannot be unpinned"),
        "`{async block}` cannot be unpinned"
    );
    assert_eq!(
        included_listing(&block(
            "rust",
            "{{#include ../listings/examples/gather.rs}}\n"
        )),
        Some(("gather".to_owned(), 1))
    );
    assert_eq!(
        included_listing(&block(
            "rust",
            "{{#include ../listings/examples/task.rs:22:}}"
        )),
        Some(("task".to_owned(), 22))
    );
    assert_eq!(
        course_tests::book::expand_includes(
            "a\n{{#include ../listings/examples/gather.rs:3:4}}\nb",
            &src_dir()
        )
        .expect("expands"),
        "a\n//!\n//! ```python\nb"
    );
    let figure = [
        "<figure class=\"timeline\" role=\"img\" aria-label=\"Timeline: a at 0 ms\">",
        "{{#include timelines/a.svg}}",
        "</figure>",
    ];
    assert_eq!(
        shown_picture(&figure, "{{#include timelines/a.svg}}"),
        Ok(())
    );
    assert!(shown_picture(&figure, "{{#include timelines/b.svg}}").is_err());
    assert!(shown_picture(&figure[1..], "{{#include timelines/a.svg}}").is_err());
    assert!(shown_picture(&figure[..2], "{{#include timelines/a.svg}}").is_err());
    assert_eq!(
        search_words("use tokio::task::spawn_blocking; (`yield_now`) a-b"),
        ["use", "tokio::task::spawn_blocking", "yield_now", "a", "b"]
    );
    assert_eq!(
        paths_in("let h = tokio::task::spawn_blocking(move || x::y); tokio::join!(a) a::B::c"),
        [
            "tokio::task::spawn_blocking",
            "x::y",
            "tokio::join!",
            "a::B::c"
        ]
    );
    assert!(paths_in("<_ as Trait>::f and ::std and a::").is_empty());
    assert_eq!(paths_in("“x::y” …z::w!"), ["x::y", "z::w!"]);
    assert!(broken("introduction.md", "https://tokio.rs").is_none());
    assert!(broken("introduction.md", "no-such-page.md").is_some());
    assert!(broken("introduction.md", "#no-such-heading").is_some());
}

// ---------------------------------------------------------------------------
// No answer printed above its exercise

/// The shortest body, in tokens, that counts as an answer when the book holds
/// it whole: shorter ones (`{ self.count }`, `{ Ok(()) }`,
/// `{ self.0.fetch_sub(1, Ordering::SeqCst); }`) are idioms every example shares.
const SHORTEST_ANSWER: usize = 20;

/// The shortest body compared by likeness: below it, every `async fn` that
/// sleeps and prints looks like every other.
const SHORTEST_LIKENESS: usize = 24;

/// How alike (see `answers::likeness`) a function of the book and one of a
/// solution may be before the book's is a copy of the answer; and, for a
/// function of the same name (the exercise's own `echo`), a lower bar: the
/// inline echo server that chapter 6 used to show, a solution written with
/// `lines()` rather than `read_until`, is 0.69 alike.
const MOST_ALIKE: f64 = 0.85;
const MOST_ALIKE_SAME_NAME: f64 = 0.6;

/// Names a trait fixes (`Iterator::next`, `Future::poll`, `Drop::drop`, …):
/// a neighbouring example implements the same method with the same skeleton,
/// so sharing the name says nothing; the general bar applies to them.
const TRAIT_METHODS: [&str; 6] = ["main", "next", "poll", "poll_next", "drop", "fmt"];

#[test]
fn no_chapter_prints_the_body_of_a_solution() {
    use course_tests::book::answers::{contains, function_bodies, likeness, shape};
    let mut answers = Vec::new();
    for section in &course().sections {
        for file in file_stems(format!("solutions/{}/src", section.slug), "rs") {
            let path = format!("solutions/{}/src/{file}.rs", section.slug);
            for body in function_bodies(&read(&path)) {
                if body.shape.len() >= SHORTEST_ANSWER {
                    answers.push((path.clone(), body));
                }
            }
        }
    }
    assert!(answers.len() > 80, "the solutions' functions are found");
    let mut problems = Vec::new();
    for name in pages() {
        for block in code_blocks(&expanded_page(&name)) {
            if block.language() != "rust" {
                continue;
            }
            // Hidden lines (`# `) are shown by the eye button: they count.
            let code: String = block
                .body
                .lines()
                .map(|line| match line.trim_start() {
                    "#" => "",
                    l if l.starts_with("# ") => &l[2..],
                    _ => line,
                })
                .collect::<Vec<_>>()
                .join("\n");
            let tokens = shape(&code);
            let functions = function_bodies(&code);
            for (path, answer) in &answers {
                if contains(&tokens, &answer.shape) {
                    problems.push(format!(
                        "book/src/{name}:{}: this block holds the body of `fn {}` of {path}",
                        block.line, answer.name
                    ));
                } else if let Some(copy) = functions.iter().find(|f| {
                    let bar = if f.name == answer.name && !TRAIT_METHODS.contains(&f.name.as_str())
                    {
                        MOST_ALIKE_SAME_NAME
                    } else {
                        MOST_ALIKE
                    };
                    answer.shape.len() >= SHORTEST_LIKENESS
                        && f.shape.len() >= SHORTEST_LIKENESS
                        && likeness(&f.shape, &answer.shape) >= bar
                }) {
                    problems.push(format!(
                        "book/src/{name}:{}: `fn {}` here is `fn {}` of {path}, hardly changed \
                         ({:.2} alike)",
                        block.line,
                        copy.name,
                        answer.name,
                        likeness(&copy.shape, &answer.shape)
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "a chapter prints an exercise's answer; teach the idea on a neighbouring \
         example and leave the exercise's function to the learner:\n{}",
        problems.join("\n")
    );
}
