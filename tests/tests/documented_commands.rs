//! Every `cargo grade` command the README, the book and the instructors'
//! platform files show is a real command: the grader accepts its arguments
//! (checked with `--dry-run`, which builds nothing).

use std::path::{Path, PathBuf};
use std::process::Command;

use course_tests::{grader_binary, read, root};

/// The files that show `cargo grade` commands, relative to the course root.
fn documents() -> Vec<PathBuf> {
    let mut found = vec![PathBuf::from("README.md")];
    found.extend(
        course_tests::files_below(&root().join("book/src"))
            .into_iter()
            .filter(|path| path.extension().is_none_or(|e| e != "svg"))
            .map(|path| Path::new("book/src").join(path)),
    );
    found.sort();
    found
}

/// The command lines of a document: in Markdown, the lines of its fenced code
/// blocks (prose and tables only mention commands); any other file whole.
fn command_lines(document: &Path, text: &str) -> String {
    if document.extension().is_none_or(|e| e != "md") {
        return text.to_owned();
    }
    let mut inside = false;
    let mut lines = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            inside = !inside;
        } else if inside {
            lines.push_str(line);
            lines.push('\n');
        }
    }
    lines
}

/// The arguments of every `cargo grade` command in `text`: continuation lines
/// joined, cut at a shell operator or a comment, shell variables replaced by
/// a placeholder path. A command with a `<placeholder>` is a pattern, not a
/// command, and is left out.
fn grade_commands(text: &str) -> Vec<Vec<String>> {
    let joined = text.replace("\\\n", " ");
    let mut commands = Vec::new();
    for line in joined.lines() {
        let Some((_, rest)) = line.split_once("cargo grade") else {
            continue;
        };
        if rest.starts_with(|c: char| c.is_alphanumeric()) || line.contains("`cargo grade`") {
            continue; // prose that names the command, not a command line
        }
        if rest.starts_with(['}', ')', '"', '\'']) {
            continue; // a script's default command (`${GRADER:-cargo grade}`), not a command line
        }
        if rest.contains('<') {
            continue;
        }
        let rest = rest.split(['>', '|', ';', '`']).next().unwrap_or_default();
        let rest = rest
            .split(" #")
            .next()
            .unwrap_or_default()
            .split(" &&")
            .next()
            .unwrap_or_default();
        let mut previous = String::new();
        let args = rest
            .split_whitespace()
            .map(|word| word.trim_matches('"').to_owned())
            .map(|word| {
                let placeholder = match previous.as_str() {
                    // A CI's part number (`$CI_NODE_INDEX/$CI_NODE_TOTAL`) is not a path.
                    "--partition" => "1/1",
                    _ => "/tmp/placeholder",
                };
                previous.clone_from(&word);
                if word.contains('$') {
                    placeholder.to_owned()
                } else {
                    word
                }
            })
            .filter(|word| !word.is_empty())
            .collect();
        commands.push(args);
    }
    commands
}

#[test]
fn every_documented_grade_command_is_accepted() {
    let mut checked = 0;
    let mut rejected = Vec::new();
    for document in documents() {
        let Ok(text) = std::fs::read_to_string(root().join(&document)) else {
            continue;
        };
        for args in grade_commands(&command_lines(&document, &text)) {
            let output = Command::new(grader_binary())
                .current_dir(root())
                .args(&args)
                .arg("--dry-run")
                .output()
                .expect("the grader runs");
            checked += 1;
            if !output.status.success() {
                rejected.push(format!(
                    "{}: cargo grade {}\n  {}",
                    document.display(),
                    args.join(" "),
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
        }
    }
    assert!(
        rejected.is_empty(),
        "commands the grader rejects:\n{}",
        rejected.join("\n")
    );
    assert!(
        checked >= 10,
        "only {checked} commands found: is the extraction broken?"
    );
}

#[test]
fn the_instructors_platform_files_grade_a_submission() {
    let dir = Path::new("book/src/instructors");
    // Gradescope's scripts are run for real by `gradescope_scripts`.
    for file in ["github-classroom.yml", "gitlab-ci.yml"] {
        let commands = grade_commands(&read(dir.join(file)));
        assert!(
            commands
                .iter()
                .any(|args| args.iter().any(|a| a == "--submission")),
            "{file} grades a submission with --submission: {commands:?}"
        );
    }
}

#[test]
fn commands_are_read_the_way_a_shell_would() {
    let text = "run: cargo grade --submission ../a \\\n  --format junit --output \"$OUT/x.xml\" > /dev/null\n\
                The `cargo grade` command.\n$ cargo grade watch   # re-grade on save\n";
    assert_eq!(
        grade_commands(text),
        [
            vec![
                "--submission",
                "../a",
                "--format",
                "junit",
                "--output",
                "/tmp/placeholder"
            ],
            vec!["watch"],
        ]
    );
}
