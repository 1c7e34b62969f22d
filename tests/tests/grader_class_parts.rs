//! A class split across machines: `--class DIR --partition K/N` on each, then
//! `gradebook merge` of their gradebook.json. The merged gradebook is the one
//! a single run writes, all but its timings; parts that cannot belong
//! together are refused with a message that says why. Section 1 only, as in
//! `grader_instructors.rs`.

use std::path::{Path, PathBuf};

use course_tests::{CourseCopy, copies_target_dir, course, digest, grader_binary, root};
use grader::intake::class::Partition;

/// A submission that solved the first `solved` exercises of section 1, and
/// left a syntax error in the next one when `broken`.
fn submission(solved: usize, broken: bool) -> CourseCopy {
    let copy = CourseCopy::submission();
    let section = &course().sections[0];
    for (index, exercise) in section.exercises.iter().enumerate() {
        let solution = course_tests::read(format!(
            "solutions/{}/src/{}.rs",
            section.slug, exercise.name
        ));
        if index < solved {
            copy.write(exercise.stub_path(section), &solution);
        } else if index == solved && broken {
            copy.write(
                exercise.stub_path(section),
                &format!("{solution}\nfn half_written( {{\n"),
            );
        }
    }
    copy
}

/// Six names, two in each of three parts: every part has work to do.
fn six_names() -> Vec<String> {
    (1..=3)
        .flat_map(|part| {
            (0..)
                .map(|i| format!("student{i:02}"))
                .filter(move |name| Partition { part, of: 3 }.holds(name))
                .take(2)
        })
        .collect()
}

/// `cargo grade --section 1 --class CLASS --output OUT` with `extra`.
fn grade_class(class: &Path, out: &Path, extra: &[&str]) -> String {
    let output = assert_cmd::Command::new(grader_binary())
        .current_dir(root())
        .env("NO_COLOR", "1")
        .arg("--work-dir")
        .arg(copies_target_dir().join("instructor"))
        .args(["--section", "1", "--class"])
        .arg(class)
        .arg("--output")
        .arg(out)
        .args(extra)
        .assert()
        .code(1)
        .get_output()
        .clone();
    String::from_utf8(output.stderr).expect("UTF-8")
}

/// `cargo grade gradebook merge PARTS… --output OUT`: its exit status and stderr.
fn merge(parts: &[PathBuf], out: &Path) -> (i32, String) {
    let output = assert_cmd::Command::new(grader_binary())
        .current_dir(root())
        .args(["gradebook", "merge"])
        .args(parts)
        .arg("--output")
        .arg(out)
        .output()
        .expect("the grader runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

/// A gradebook.json without its timings, which differ from run to run.
fn without_timings(path: &Path) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.retain(|key, _| !matches!(key.as_str(), "duration_ms" | "build_ms"));
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("written")).expect("JSON");
    strip(&mut value);
    value
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

#[test]
fn three_parts_of_a_class_of_six_merge_into_the_gradebook_of_one_run() {
    let class = tempfile::tempdir().expect("a folder");
    let exercises = course().sections[0].exercises.len();
    let work = [
        (exercises, false),
        (2, false),
        (0, false),
        (1, true),
        (exercises - 1, false),
        (0, true),
    ];
    for (name, (solved, broken)) in six_names().iter().zip(work) {
        let copy = submission(solved, broken);
        let to = class.path().join(name);
        for (relative, content) in digest(copy.path()) {
            let path = to.join(relative);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(path, content).expect("write");
        }
    }
    let books = tempfile::tempdir().expect("a folder");
    let whole = books.path().join("whole");
    grade_class(class.path(), &whole, &[]);

    let mut parts = Vec::new();
    for part in 1..=3 {
        let out = books.path().join(format!("part{part}"));
        let said = grade_class(class.path(), &out, &["--partition", &format!("{part}/3")]);
        assert!(
            said.contains(&format!(
                "Part {part}/3 of the class: 2 of its 6 submissions."
            )),
            "{said}"
        );
        let json = without_timings(&out.join("gradebook.json"));
        assert_eq!(
            json["partition"],
            serde_json::json!({ "part": part, "of": 3 })
        );
        assert_eq!(json["submissions"].as_array().map(Vec::len), Some(2));
        parts.push(out.join("gradebook.json"));
    }

    let merged = books.path().join("merged");
    let (code, said) = merge(&parts, &merged);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("Joined 3 parts, 6 submissions"), "{said}");
    assert_eq!(
        without_timings(&merged.join("gradebook.json")),
        without_timings(&whole.join("gradebook.json")),
        "the merged gradebook.json is the single run's"
    );
    for file in ["gradebook.csv", "gradebook.html"] {
        assert_eq!(
            read(merged.join(file)),
            read(whole.join(file)),
            "the merged {file} is the single run's"
        );
    }

    // What cannot belong together is refused, and the message says why.
    let refused = |parts: &[PathBuf], expected: &str| {
        let (code, said) = merge(parts, &books.path().join("refused"));
        assert_eq!(code, 2, "{said}");
        assert!(said.contains(expected), "expected {expected:?} in:\n{said}");
    };
    refused(&parts[..2], "part 3/3 of the class is missing");
    refused(
        &[parts[0].clone(), parts[0].clone(), parts[1].clone()],
        "are both part 1/3",
    );
    refused(
        &[parts[0].clone(), whole.join("gradebook.json")],
        "is part 1/3 and",
    );
    let twice = [whole.join("gradebook.json"), whole.join("gradebook.json")];
    refused(&twice, "parts of a class must not overlap");
    let other_course = books.path().join("other-course.json");
    let mut json: serde_json::Value = serde_json::from_str(&read(&parts[2])).expect("JSON");
    json["course"] = "sha256:0000".into();
    std::fs::write(&other_course, json.to_string()).expect("written");
    refused(
        &[parts[0].clone(), parts[1].clone(), other_course],
        "were graded against different versions of the course",
    );
    assert!(
        !books.path().join("refused").exists(),
        "a refused merge writes nothing"
    );
}
