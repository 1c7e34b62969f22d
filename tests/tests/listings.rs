//! Every listing prints exactly the output the book shows for it
//! (`book/listings/output/<name>.txt`, which the chapters include), and one
//! whose doc comment says `Runs in N s` takes that long in real time, as the
//! Python does. The listings run side by side, so their waits overlap.

use std::process::Command;
use std::time::{Duration, Instant};

use course_tests::{cargo, file_stems, read, root, target_dir};

/// The real time a listing promises in its doc comment: `//! Runs in 2 s`.
fn promised_seconds(source: &str) -> Option<u64> {
    source
        .lines()
        .filter_map(|line| line.strip_prefix("//! Runs in "))
        .find_map(|rest| rest.split_whitespace().next()?.parse().ok())
}

#[test]
fn every_listing_prints_its_recorded_output_in_the_promised_time() {
    let examples = file_stems("book/listings/examples", "rs");
    assert!(
        !examples.is_empty(),
        "book/listings/examples holds the listings"
    );
    let status = Command::new(cargo())
        .args(["build", "--quiet", "--package", "listings", "--examples"])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", target_dir())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the listings do not build");

    let runs: Vec<_> = examples
        .into_iter()
        .map(|name| {
            std::thread::spawn(move || {
                let binary = target_dir().join("debug/examples").join(&name);
                let started = Instant::now();
                let output = Command::new(&binary).output().expect("the listing runs");
                (name, output, started.elapsed())
            })
        })
        .collect();
    for run in runs {
        let (name, output, elapsed) = run.join().expect("the runner thread");
        assert!(
            output.status.success(),
            "{name} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            read(format!("book/listings/output/{name}.txt")),
            "the listing {name} must print what book/listings/output/{name}.txt shows"
        );
        if let Some(seconds) = promised_seconds(&read(format!("book/listings/examples/{name}.rs")))
        {
            let promised = Duration::from_secs(seconds);
            assert!(
                elapsed >= promised && elapsed < promised + Duration::from_secs(2),
                "{name} promises to run in {seconds} s, like the Python; it took {elapsed:?}"
            );
        }
    }
}

#[test]
fn promised_times_are_read_from_the_doc_comment() {
    assert_eq!(
        promised_seconds("//! A listing.\n//! Runs in 2 s, like the Python.\n"),
        Some(2)
    );
    assert_eq!(promised_seconds("//! A listing with no waiting.\n"), None);
}
