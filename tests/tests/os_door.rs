//! The grader has one door to the operating system, `grader/src/os/`: every
//! call that exists on one system only is made there, so that the rest of
//! the grader compiles, and means the same, on Linux, macOS and Windows. And
//! the crates that exist for one system are that system's dependencies only
//! in `grader/Cargo.toml`, or a Mac or Windows learner's first `cargo grade`
//! fails to compile a crate they never heard of.

use std::path::{Path, PathBuf};

use course_tests::{read_toml, root};

/// What only the os module may name: the C library, one system's part of
/// std, and the crates that wrap one system's calls.
const PLATFORM_PATHS: [&str; 7] = [
    "libc::",
    "std::os::unix",
    "std::os::windows",
    "landlock::",
    "rustix::",
    "windows_sys::",
    "signal_hook::",
];

/// The grader's dependencies that exist for one system (or a family) only.
const PLATFORM_CRATES: [&str; 5] = ["libc", "rustix", "signal-hook", "landlock", "windows-sys"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each platform path named in `file`, with its line number.
fn platform_uses(file: &Path) -> Vec<(usize, &'static str)> {
    let text = std::fs::read_to_string(file).expect("a readable source");
    text.lines()
        .enumerate()
        .flat_map(|(number, line)| {
            PLATFORM_PATHS
                .iter()
                .filter(move |path| line.contains(*path))
                .map(move |path| (number + 1, *path))
        })
        .collect()
}

#[test]
fn no_platform_call_outside_the_os_module() {
    let src = root().join("grader/src");
    let door = src.join("os");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut outside = Vec::new();
    let mut inside = Vec::new();
    for file in &files {
        for (line, path) in platform_uses(file) {
            let at = format!(
                "{}:{line}: {path}",
                file.strip_prefix(root()).unwrap_or(file).display()
            );
            if file.starts_with(&door) {
                inside.push(path);
            } else {
                outside.push(at);
            }
        }
    }
    assert!(
        outside.is_empty(),
        "platform calls belong in grader/src/os/ (see its module comment):\n  {}",
        outside.join("\n  ")
    );
    // The search finds what it looks for: the door itself is full of it.
    for path in ["libc::", "landlock::", "rustix::", "windows_sys::"] {
        assert!(inside.contains(&path), "grader/src/os/ names {path}");
    }
}

#[test]
fn one_systems_crates_are_that_systems_dependencies_only() {
    let manifest = read_toml("grader/Cargo.toml");
    let everywhere = manifest["dependencies"].as_table().expect("[dependencies]");
    for name in PLATFORM_CRATES {
        assert!(
            !everywhere.contains_key(name),
            "{name} is a dependency on every system; give it a [target.'cfg(…)'.dependencies] table"
        );
    }
    let targets = manifest["target"].as_table().expect("[target.…] tables");
    let of = |cfg: &str| {
        targets[cfg]["dependencies"]
            .as_table()
            .unwrap_or_else(|| panic!("[target.'{cfg}'.dependencies]"))
            .clone()
    };
    assert!(of(r#"cfg(target_os = "linux")"#).contains_key("landlock"));
    assert!(of("cfg(windows)").contains_key("windows-sys"));
    let crossterm = &of("cfg(windows)")["crossterm"];
    assert!(
        crossterm["features"]
            .as_array()
            .is_some_and(|features| features.iter().any(|f| f.as_str() == Some("windows"))),
        "crossterm does not compile on Windows without its `windows` feature"
    );
}
