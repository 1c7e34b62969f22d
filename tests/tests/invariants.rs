//! The course's invariants that can be checked by reading files: the manifest,
//! the packages, the solutions and the book agree, and nothing is missing on
//! any side (design brief, invariants 1, 3, 4 and 6).

use course_tests::book::heading_id;
use course_tests::{course, file_stems, read, read_toml, root};

/// The `[[test]]` targets of a package, as (name, path or none).
fn test_targets(manifest: &toml::Table) -> Vec<(String, Option<String>)> {
    let Some(tests) = manifest.get("test").and_then(|t| t.as_array()) else {
        return Vec::new();
    };
    tests
        .iter()
        .map(|test| {
            let field = |key: &str| test.get(key).and_then(|v| v.as_str()).map(str::to_owned);
            (
                field("name").expect("every [[test]] has a name"),
                field("path"),
            )
        })
        .collect()
}

fn string_at<'a>(table: &'a toml::Table, path: &[&str]) -> Option<&'a str> {
    let (last, parents) = path.split_last()?;
    let mut table = table;
    for key in parents {
        table = table.get(*key)?.as_table()?;
    }
    table.get(*last)?.as_str()
}

fn names(section: &grader::model::course::Section) -> Vec<String> {
    let mut names: Vec<String> = section.exercises.iter().map(|e| e.name.clone()).collect();
    names.sort();
    names
}

#[test]
fn every_section_folder_is_in_the_manifest() {
    let slugs: Vec<&str> = course().sections.iter().map(|s| s.slug.as_str()).collect();
    for side in ["exercises", "solutions"] {
        let mut folders: Vec<String> = std::fs::read_dir(root().join(side))
            .expect("the folder exists")
            .map(|e| {
                e.expect("readable")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        folders.sort();
        assert_eq!(
            folders, slugs,
            "{side}/ must hold exactly the sections of course.toml, in its order"
        );
    }
}

#[test]
fn exercise_packages_match_the_manifest() {
    for section in &course().sections {
        let dir = format!("exercises/{}", section.slug);
        let manifest = read_toml(format!("{dir}/Cargo.toml"));
        assert_eq!(
            string_at(&manifest, &["package", "name"]),
            Some(section.package.as_str()),
            "{dir}"
        );
        // The course's stubs, not a learner's files (a download: the files as they are).
        let pristine = course_tests::pristine_root().unwrap_or(root());
        let mut stubs = file_stems(pristine.join(format!("{dir}/src")), "rs");
        stubs.retain(|s| s != "lib");
        assert_eq!(
            stubs,
            names(section),
            "{dir}/src must hold one stub per exercise, and nothing else"
        );
        assert_eq!(
            file_stems(format!("{dir}/tests"), "rs"),
            names(section),
            "{dir}/tests: one test file each"
        );
        let mut targets: Vec<String> = test_targets(&manifest)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        targets.sort();
        assert_eq!(
            targets,
            names(section),
            "{dir}/Cargo.toml must declare a [[test]] per exercise"
        );
        let lib = read(pristine.join(format!("{dir}/src/lib.rs")));
        for name in names(section) {
            assert!(
                lib.contains(&format!("pub mod {name};")),
                "{dir}/src/lib.rs must declare `pub mod {name};`"
            );
        }
    }
}

#[test]
fn solutions_run_the_exercises_own_test_files() {
    for section in &course().sections {
        let dir = format!("solutions/{}", section.slug);
        let manifest = read_toml(format!("{dir}/Cargo.toml"));
        let exercise_manifest = read_toml(format!("exercises/{}/Cargo.toml", section.slug));
        assert_eq!(
            string_at(&manifest, &["package", "name"]),
            Some(format!("{}-solution", section.package).as_str()),
            "{dir}: the solution package is named after the exercise package"
        );
        let lib_name = |m: &toml::Table| string_at(m, &["lib", "name"]).map(str::to_owned);
        assert_eq!(
            lib_name(&manifest),
            lib_name(&exercise_manifest),
            "{dir}: same [lib] name as the exercises"
        );
        assert!(
            lib_name(&manifest).is_some(),
            "{dir}: the [lib] name is set explicitly"
        );
        assert!(
            !root().join(&dir).join("tests").exists(),
            "{dir}/tests must not exist: no copies of tests"
        );
        for (name, path) in test_targets(&manifest) {
            assert_eq!(
                path.as_deref(),
                Some(format!("../../exercises/{}/tests/{name}.rs", section.slug).as_str()),
                "{dir}: [[test]] {name} must point at the exercise's own test file"
            );
        }
        let mut targets: Vec<String> = test_targets(&manifest)
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        targets.sort();
        assert_eq!(
            targets,
            names(section),
            "{dir}/Cargo.toml must run every exercise's tests"
        );
        let mut sources = file_stems(format!("{dir}/src"), "rs");
        sources.retain(|s| s != "lib");
        assert_eq!(
            sources,
            names(section),
            "{dir}/src: one solution per exercise"
        );
    }
}

#[test]
fn stubs_state_their_task_and_are_not_solved() {
    // The course's stubs, not the files a learner is solving.
    let pristine = course_tests::pristine_or_skip!();
    for (section, exercise) in course().exercises() {
        let path = exercise.stub_path(section);
        let stub = read(pristine.join(&path));
        let shown = path.display();
        assert!(
            stub.contains("todo!("),
            "{shown}: a stub's bodies are todo!()"
        );
        assert!(
            stub.contains("```python"),
            "{shown}: the doc comment shows the Python it mirrors"
        );
        assert!(
            stub.contains(&format!("book/src/{}", exercise.chapter_page())),
            "{shown}: the doc comment points to its chapter, book/src/{}",
            exercise.chapter_page()
        );
        let solution = read(format!(
            "solutions/{}/src/{}.rs",
            section.slug, exercise.name
        ));
        assert!(
            !solution.contains("todo!("),
            "the solution of {shown} is not a stub"
        );
    }
}

#[test]
fn the_workspace_runs_solutions_by_default_and_exercises_on_request() {
    let manifest = read_toml("Cargo.toml");
    let list = |key: &str| -> Vec<String> {
        manifest["workspace"][key]
            .as_array()
            .unwrap_or_else(|| panic!("workspace.{key} is a list"))
            .iter()
            .map(|v| v.as_str().expect("a path").to_owned())
            .collect()
    };
    let (members, defaults) = (list("members"), list("default-members"));
    assert!(
        members.contains(&"exercises/*".to_owned()),
        "the exercises are workspace members"
    );
    assert!(
        !defaults.iter().any(|m| m.starts_with("exercises")),
        "a bare `cargo test` must not run the exercises: their stubs fail on purpose"
    );
    for required in ["solutions/*", "grader", "tests", "book/listings"] {
        assert!(
            defaults.contains(&required.to_owned()),
            "{required} is a default member"
        );
    }
    assert!(
        !root().join("rust-toolchain.toml").exists(),
        "no toolchain file: a fresh machine has only stable"
    );
}

#[test]
fn every_exercise_chapter_and_anchor_exists_in_the_book() {
    let summary = read("book/src/SUMMARY.md");
    for (section, exercise) in course().exercises() {
        let page = exercise.chapter_page();
        assert!(
            summary.contains(&format!("({page})")),
            "book/src/SUMMARY.md must list {page}"
        );
        let text = read(format!("book/src/{page}"));
        if let Some((_, anchor)) = exercise.chapter.split_once('#') {
            let ids: Vec<String> = text
                .lines()
                .filter_map(|l| l.strip_prefix('#'))
                .map(|h| heading_id(h.trim_start_matches('#')))
                .collect();
            assert!(
                ids.iter().any(|id| id == anchor),
                "{page} has no heading with the anchor #{anchor}: {ids:?}"
            );
        }
        assert!(
            text.contains(&format!("`{}`", exercise.name)),
            "{page} must present the exercise `{}` of section {}",
            exercise.name,
            section.package
        );
    }
}

#[test]
fn every_listing_has_its_output_and_a_chapter_that_includes_it() {
    let examples = file_stems("book/listings/examples", "rs");
    assert_eq!(
        examples,
        file_stems("book/listings/output", "txt"),
        "each listing has an output file, and only they do"
    );
    let book: String = file_stems("book/src", "md")
        .iter()
        .map(|page| read(format!("book/src/{page}.md")))
        .collect();
    for name in &examples {
        for included in [
            format!("../listings/examples/{name}.rs"),
            format!("../listings/output/{name}.txt"),
        ] {
            // The whole file, or the file from a line on (`name.rs:17:`).
            assert!(
                book.contains(&format!("{{{{#include {included}}}}}"))
                    || book.contains(&format!("{{{{#include {included}:")),
                "no chapter includes {included}"
            );
        }
    }
}

/// The snapshot names that the test file's `assert_*snapshot!("name", ...)`
/// calls give, in order; `None` for a call without a literal name.
fn snapshot_names(test_source: &str) -> Vec<Option<String>> {
    test_source
        .match_indices("snapshot!(")
        .map(|(at, call)| {
            let args = test_source[at + call.len()..].trim_start();
            let literal = args.strip_prefix('"')?;
            Some(literal[..literal.find('"')?].to_owned())
        })
        .collect()
}

#[test]
fn every_snapshot_belongs_to_a_test_and_none_is_pending() {
    let mut defects = Vec::new();
    for section in &course().sections {
        let tests = root().join("exercises").join(&section.slug).join("tests");
        // Every snapshot file an assertion reads, as insta names it.
        let mut wanted = Vec::new();
        for exercise in &section.exercises {
            let source = read(tests.join(format!("{}.rs", exercise.name)));
            for name in snapshot_names(&source) {
                match name {
                    Some(name) => wanted.push(format!("{}__{name}.snap", exercise.name)),
                    None => defects.push(format!(
                        "tests/{}.rs: name every snapshot (`assert_snapshot!(\"name\", ...)`), \
                         so that a file no assertion reads can be found",
                        exercise.name
                    )),
                }
            }
        }
        let present = file_stems(tests.join("snapshots"), "snap")
            .into_iter()
            .map(|stem| format!("{stem}.snap"));
        let present: Vec<String> = present.collect();
        for name in &present {
            if !wanted.contains(name) {
                defects.push(format!(
                    "{}/snapshots/{name}: no assertion reads it (a stale snapshot: delete it)",
                    tests.display()
                ));
            }
        }
        for name in &wanted {
            if !present.contains(name) {
                defects.push(format!(
                    "{}/snapshots/{name}: an assertion reads it, and it is missing",
                    tests.display()
                ));
            }
        }
        for entry in std::fs::read_dir(tests.join("snapshots"))
            .into_iter()
            .flatten()
        {
            let name = entry.expect("readable").file_name();
            let name = name.to_string_lossy();
            if !name.ends_with(".snap") {
                defects.push(format!(
                    "{}/snapshots/{name}: a pending or stray file",
                    tests.display()
                ));
            }
        }
    }
    assert!(
        defects.is_empty(),
        "snapshots out of step with the tests:\n{}",
        defects.join("\n")
    );
}

/// The code spans of a hint that are more than a name: a call, a block, a
/// closure, an assignment, a statement. (Prose can give an answer away too;
/// that is for review. This catches the hint that prints the solution.)
fn code_in(hint: &str) -> Vec<&str> {
    hint.split('`')
        .skip(1)
        .step_by(2)
        // `lines()` names a method and `async fn` an idea; `lines(n)`,
        // `let x = ...` or `match state { ... }` is code.
        .filter(|span| {
            let name = span.strip_suffix("()").unwrap_or(span);
            name.contains(['(', '{', '=', ';', '|']) || name.split_whitespace().count() > 2
        })
        .collect()
}

#[test]
fn every_first_hint_names_ideas_not_code_and_a_second_hint_follows() {
    let mut defects = Vec::new();
    for (section, exercise) in course().exercises() {
        let id = format!("{}/{}", section.package, exercise.name);
        let code = code_in(exercise.hint());
        if !code.is_empty() {
            defects.push(format!(
                "{id}: the first hint shows code ({}); it may name a type, a function or \
                 a method, and leave writing the code to the learner",
                code.iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if exercise.hints.len() < 2 {
            defects.push(format!("{id}: no second, more specific hint"));
        }
    }
    assert!(
        defects.is_empty(),
        "hints that give the answer away, or are missing:\n{}",
        defects.join("\n")
    );
}

#[test]
fn the_hint_rule_tells_a_nudge_from_code() {
    assert!(
        code_in("`std::iter::from_fn` calls it once per `next`; `Option::take` helps").is_empty()
    );
    assert_eq!(
        code_in("`tokio::select! { out = a => out }` and `buffered(limit)`"),
        ["tokio::select! { out = a => out }", "buffered(limit)"]
    );
}
