//! Every listing prints exactly the output the book shows for it
//! (`book/listings/output/<name>.txt`, which the chapters include).

use std::process::Command;

use course_tests::{cargo, file_stems, read, root};

#[test]
fn every_listing_prints_its_recorded_output() {
    let examples = file_stems("book/listings/examples", "rs");
    assert!(
        !examples.is_empty(),
        "book/listings/examples holds the listings"
    );
    for name in examples {
        let output = Command::new(cargo())
            .args([
                "run",
                "--quiet",
                "--package",
                "listings",
                "--example",
                &name,
            ])
            .current_dir(root())
            .output()
            .expect("cargo runs");
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
    }
}
