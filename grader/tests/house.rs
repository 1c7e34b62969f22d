//! The grader's house: `grader/src` is arranged by stage, and imports point
//! one way. This test reads every `use` and every `crate::…`, `super::…`,
//! `self::…` and `grader::…` path in `grader/src` (comments aside), works out
//! which file each one names, and fails
//!
//! - on an import from one stage into a stage the table below does not allow,
//! - on any cycle between files (a parent `mod.rs` and its children included;
//!   a `#[cfg(test)]` module is a client of what it tests, so its imports
//!   follow the table but make no cycle),
//! - on an import of the crate root (`crate::Observer`): name the stage,
//! - on `(String, String)`: a pair of strings is an identity or a result
//!   that deserves a name,
//! - on a renderer or a model file that reads files or runs a process,
//! - on a stage folder whose `mod.rs` does not open by saying what it holds
//!   and what it may import.
//!
//! It reads source text rather than compiling anything, so it runs in
//! milliseconds and says exactly which line broke the rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages, bottom first, with the stages each may import. A stage may
/// always import itself. `app` is the binary (`src/app/main.rs`): it may use
/// every stage of the library, which can never name it back.
const STAGES: &[(&str, &[&str])] = &[
    ("os", &[]),
    ("model", &["os"]),
    ("course", &["model", "os"]),
    ("build", &["model", "course", "os"]),
    ("run", &["model", "course", "os"]),
    ("intake", &["model", "course", "build", "os"]),
    (
        "grade",
        &["model", "course", "build", "run", "intake", "os"],
    ),
    // Pure functions of a report: no course files, no process, no platform.
    ("render", &["model"]),
    (
        "app",
        &[
            "model", "course", "build", "run", "intake", "grade", "render", "os",
        ],
    ),
];

/// Where a module lives: the library (`src/lib.rs`) or the binary (`src/app/main.rs`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Krate {
    Lib,
    App,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Module {
    krate: Krate,
    path: Vec<String>,
}

impl Module {
    fn stage(&self) -> &str {
        match self.krate {
            Krate::App => "app",
            Krate::Lib => self.path.first().map_or("the crate root", String::as_str),
        }
    }
}

/// One import: the file that names another, the line, the path as written.
#[derive(Debug)]
struct Edge {
    from: PathBuf,
    to: PathBuf,
    line: usize,
    written: String,
    /// Written in test code, which is a client of the module it tests: its
    /// imports follow the table, but do not make a cycle.
    in_test: bool,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("a readable folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file holds, from where it is.
fn module_of(file: &Path) -> Module {
    let relative = file.strip_prefix(src()).expect("below src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let krate = if parts[0] == "app" {
        parts.remove(0);
        Krate::App
    } else {
        Krate::Lib
    };
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !["mod", "lib", "main"].contains(&stem) {
        parts.push(stem.to_owned());
    }
    Module { krate, path: parts }
}

/// The source without comments: `//` to the end of a line (outside strings,
/// roughly: a `//` inside a string literal is rare in the grader and would
/// only hide a path, never invent one).
fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let mut in_string = false;
            let bytes = line.as_bytes();
            for i in 0..bytes.len() {
                match bytes[i] {
                    b'"' if i == 0 || bytes[i - 1] != b'\\' => in_string = !in_string,
                    b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => {
                        return line[..i].to_owned();
                    }
                    _ => {}
                }
            }
            line.to_owned()
        })
        .collect()
}

/// `a::{b, c::{d, self}}` → `a::b`, `a::c::d`, `a::c`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let plain = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![plain.trim_end_matches("::self").to_owned()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').expect("a closing brace")];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .flat_map(|item| {
            expand(item)
                .into_iter()
                .map(move |rest| match rest.as_str() {
                    "self" => prefix.to_owned(),
                    _ if prefix.is_empty() => rest,
                    _ => format!("{prefix}::{rest}"),
                })
        })
        .collect()
}

/// Every path a file names, with its line: the `use` trees, expanded, and
/// the paths in code that start from `crate`, `super`, `self`, `grader` or
/// a module the file declares.
fn named_paths(lines: &[String], children: &BTreeSet<String>) -> Vec<(usize, String, bool)> {
    let places = places(lines);
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        let after_vis = trimmed
            .strip_prefix("pub(crate) ")
            .or_else(|| trimmed.strip_prefix("pub(super) "))
            .or_else(|| trimmed.strip_prefix("pub "))
            .unwrap_or(trimmed);
        if let Some(rest) = after_vis.strip_prefix("use ") {
            let (start, mut tree) = (i, rest.to_owned());
            while !tree.contains(';') && i + 1 < lines.len() {
                i += 1;
                tree.push_str(&lines[i]);
            }
            let tree = tree.split(';').next().unwrap_or_default();
            for path in expand(tree) {
                let place = places[start];
                found.push((start + 1, within_file(path, place.inline), place.in_test));
            }
        } else {
            for path in paths_in(&lines[i], children) {
                let place = places[i];
                found.push((i + 1, within_file(path, place.inline), place.in_test));
            }
        }
        i += 1;
    }
    found
}

/// Where a line is: inside how many inline modules (`mod tests {`), and
/// whether one of them is test code (`#[cfg(test)]`, `#[cfg(all(test, …))]`).
#[derive(Debug, Clone, Copy)]
struct Place {
    inline: usize,
    in_test: bool,
}

fn places(lines: &[String]) -> Vec<Place> {
    let (mut depth, mut opened) = (0usize, Vec::<(usize, bool)>::new());
    let mut at_start = Vec::new();
    let mut test_attribute = false;
    for line in lines {
        at_start.push(Place {
            inline: opened.len(),
            in_test: opened.iter().any(|(_, test)| *test),
        });
        let t = line.trim_start();
        let t = t.strip_prefix("pub ").unwrap_or(t);
        if t.starts_with("mod ") && t.trim_end().ends_with('{') {
            opened.push((depth, test_attribute));
        }
        if !t.is_empty() {
            test_attribute = t.starts_with("#[cfg(test)]") || t.starts_with("#[cfg(all(test");
        }
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if opened.last().is_some_and(|(d, _)| *d == depth) {
                        opened.pop();
                    }
                }
                _ => {}
            }
        }
    }
    at_start
}

/// A path written inside `inline` inline modules, as the file's own module
/// would write it: their `super::` and `self::` stay in the file.
fn within_file(path: String, inline: usize) -> String {
    if inline == 0 {
        return path;
    }
    let mut rest = path.as_str();
    for _ in 0..inline {
        match rest.strip_prefix("super::") {
            Some(after) => rest = after,
            None if rest == "super" => return "self".to_owned(),
            None => return path.replacen("self::", "self::__inline::", 1),
        }
    }
    format!("self::{rest}")
}

/// The paths in one line of code that start at a root this test follows.
fn paths_in(line: &str, children: &BTreeSet<String>) -> Vec<String> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let starts_word = is_ident(c) && (k == 0 || !is_ident(chars[k - 1].1));
        let after_path = k >= 2 && line[..at].ends_with("::");
        if starts_word && !after_path {
            let rest = &line[at..];
            let end = rest
                .find(|c: char| !(is_ident(c) || c == ':'))
                .unwrap_or(rest.len());
            let path = rest[..end].trim_end_matches(':');
            let first = path.split("::").next().unwrap_or_default();
            let followed =
                ["crate", "super", "self", "grader"].contains(&first) || children.contains(first);
            if path.contains("::") && followed {
                found.push(path.to_owned());
            }
            k += rest[..end].chars().count().max(1);
        } else {
            k += 1;
        }
    }
    found
}

/// The `mod x;` a file declares.
fn declared_children(lines: &[String]) -> BTreeSet<String> {
    lines
        .iter()
        .filter_map(|line| {
            let t = line.trim_start();
            let t = t.strip_prefix("pub ").unwrap_or(t);
            let name = t.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.trim().to_owned())
        })
        .collect()
}

struct House {
    files: BTreeMap<Module, PathBuf>,
    edges: Vec<Edge>,
}

impl House {
    fn read() -> House {
        let mut paths = Vec::new();
        rust_files(&src(), &mut paths);
        let files: BTreeMap<Module, PathBuf> =
            paths.into_iter().map(|p| (module_of(&p), p)).collect();
        let mut edges = Vec::new();
        for (module, file) in &files {
            let text = std::fs::read_to_string(file).expect("a source file");
            let lines = code_lines(&text);
            let children = declared_children(&lines);
            for (line, written, in_test) in named_paths(&lines, &children) {
                let Some(target) = resolve(&files, module, &children, &written) else {
                    continue;
                };
                let to = files[&target].clone();
                if to != *file {
                    edges.push(Edge {
                        from: file.clone(),
                        to,
                        line,
                        written,
                        in_test,
                    });
                }
            }
        }
        House { files, edges }
    }

    fn module_at(&self, file: &Path) -> &Module {
        self.files
            .iter()
            .find(|(_, f)| f.as_path() == file)
            .map(|(m, _)| m)
            .expect("a known file")
    }
}

/// The module file a path names: the longest prefix of it that is a module.
fn resolve(
    files: &BTreeMap<Module, PathBuf>,
    here: &Module,
    children: &BTreeSet<String>,
    written: &str,
) -> Option<Module> {
    let segments: Vec<&str> = written.split("::").collect();
    let (krate, mut base, rest) = match segments[0] {
        "crate" => (here.krate.clone(), Vec::new(), &segments[1..]),
        "grader" if here.krate == Krate::App => (Krate::Lib, Vec::new(), &segments[1..]),
        "self" => (here.krate.clone(), here.path.clone(), &segments[1..]),
        "super" => {
            let mut base = here.path.clone();
            let mut rest = &segments[..];
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
            (here.krate.clone(), base, rest)
        }
        first if children.contains(first) => (here.krate.clone(), here.path.clone(), &segments[..]),
        _ => return None,
    };
    let mut best = Module {
        krate: krate.clone(),
        path: base.clone(),
    };
    for segment in rest {
        base.push((*segment).to_owned());
        let candidate = Module {
            krate: krate.clone(),
            path: base.clone(),
        };
        if files.contains_key(&candidate) {
            best = candidate;
        } else {
            break;
        }
    }
    files.contains_key(&best).then_some(best)
}

fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    format!(
        "grader/{}",
        path.strip_prefix(root).unwrap_or(path).display()
    )
}

#[test]
fn imports_point_down_the_stages() {
    let house = House::read();
    let allowed: BTreeMap<&str, &[&str]> = STAGES.iter().copied().collect();
    let mut wrong = Vec::new();
    for edge in &house.edges {
        let (from, to) = (house.module_at(&edge.from), house.module_at(&edge.to));
        let (from_stage, to_stage) = (from.stage(), to.stage());
        let why = if to.krate == Krate::Lib && to.path.is_empty() {
            Some("the crate root holds the stages, nothing of its own: name the stage".to_owned())
        } else if from_stage == to_stage || from.path.is_empty() && from.krate == Krate::Lib {
            None
        } else {
            match allowed.get(from_stage) {
                None => Some(format!(
                    "`{from_stage}` is not a stage of the table in grader/tests/house.rs"
                )),
                Some(may) if !may.contains(&to_stage) => Some(format!(
                    "{from_stage} may import only {}",
                    if may.is_empty() {
                        "itself".to_owned()
                    } else {
                        may.join(", ")
                    }
                )),
                Some(_) => None,
            }
        };
        if let Some(why) = why {
            wrong.push(format!(
                "{}:{} names `{}` ({}): {why}",
                relative(&edge.from),
                edge.line,
                edge.written,
                relative(&edge.to),
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the grader's stages (the table in grader/tests/house.rs, drawn in \
         CONTRIBUTING.md):\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn no_import_cycle() {
    let house = House::read();
    let mut graph: BTreeMap<&Path, BTreeSet<&Path>> = BTreeMap::new();
    for edge in house.edges.iter().filter(|e| !e.in_test) {
        graph.entry(&edge.from).or_default().insert(&edge.to);
    }
    let cycles = strongly_connected(&graph);
    let described: Vec<String> = cycles
        .iter()
        .map(|cycle| {
            let mut lines = Vec::new();
            for edge in house.edges.iter().filter(|e| !e.in_test) {
                if cycle.contains(&edge.from.as_path()) && cycle.contains(&edge.to.as_path()) {
                    lines.push(format!(
                        "    {}:{} → {} (`{}`)",
                        relative(&edge.from),
                        edge.line,
                        relative(&edge.to),
                        edge.written
                    ));
                }
            }
            lines.dedup();
            format!(
                "a cycle through {} files:\n{}",
                cycle.len(),
                lines.join("\n")
            )
        })
        .collect();
    assert!(
        described.is_empty(),
        "imports that go round in a circle (move what both need down a stage, \
         or into a module of its own):\n  {}",
        described.join("\n  ")
    );
}

/// Tarjan's algorithm: every group of files that reach each other.
fn strongly_connected<'a>(graph: &BTreeMap<&'a Path, BTreeSet<&'a Path>>) -> Vec<Vec<&'a Path>> {
    struct State<'a> {
        index: BTreeMap<&'a Path, usize>,
        low: BTreeMap<&'a Path, usize>,
        stack: Vec<&'a Path>,
        on_stack: BTreeSet<&'a Path>,
        found: Vec<Vec<&'a Path>>,
    }
    fn visit<'a>(
        node: &'a Path,
        graph: &BTreeMap<&'a Path, BTreeSet<&'a Path>>,
        s: &mut State<'a>,
    ) {
        let i = s.index.len();
        s.index.insert(node, i);
        s.low.insert(node, i);
        s.stack.push(node);
        s.on_stack.insert(node);
        for &next in graph.get(node).into_iter().flatten() {
            if !s.index.contains_key(next) {
                visit(next, graph, s);
                let low = s.low[node].min(s.low[next]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(next) {
                let low = s.low[node].min(s.index[next]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut group = Vec::new();
            loop {
                let top = s.stack.pop().expect("on the stack");
                s.on_stack.remove(top);
                group.push(top);
                if top == node {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for &node in graph.keys() {
        if !state.index.contains_key(node) {
            visit(node, graph, &mut state);
        }
    }
    state.found
}

#[test]
fn no_pair_of_strings() {
    let mut paths = Vec::new();
    rust_files(&src(), &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a source file");
        for (i, line) in text.lines().enumerate() {
            if line.replace(' ', "").contains("(String,String)") {
                found.push(format!("{}:{}: {}", relative(&path), i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "`(String, String)` in the grader: give the pair a name (a struct, or an id such as \
         ExerciseId) so that a reader knows which string is which:\n  {}",
        found.join("\n  ")
    );
}

/// `text` with the inside of every string literal blanked (newlines kept, so
/// that line numbers hold): plain strings with their escapes, raw strings
/// (`r"…"`, `r#"…"#`), and the char `'"'`.
fn without_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' && chars.get(i + 1) == Some(&'"') && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else if c == 'r' && matches!(chars.get(i + 1), Some('"' | '#')) {
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push_str("r\"");
            i += hashes + 2;
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&close) {
                out.push(blank(chars[i]));
                i += 1;
            }
            out.push('"');
            i += close.len();
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[test]
fn renderers_and_the_model_read_no_file_and_run_no_process() {
    let mut paths = Vec::new();
    rust_files(&src().join("render"), &mut paths);
    rust_files(&src().join("model"), &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a source file");
        // A renderer's own tests may read the course to build a fixture.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        // What a message says (a learner's "did something call
        // std::process::exit?") is no door.
        let code = without_strings(code);
        for (i, line) in code_lines(&code).iter().enumerate() {
            for door in [
                "std::fs",
                "fs::",
                "std::process",
                "Command::new",
                ".exists()",
                ".is_file()",
                "::load(",
                "from_path",
            ] {
                if line.contains(door) {
                    found.push(format!("{}:{}: {}", relative(&path), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "a renderer is a pure function of a report, and the model is data (CONTRIBUTING.md): \
         whatever they need from files belongs in the report, found by an earlier stage:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn every_stage_says_what_it_holds_and_may_import() {
    let mut missing = Vec::new();
    for (stage, _) in STAGES {
        let file = match *stage {
            "app" => src().join("app/main.rs"),
            _ => src().join(stage).join("mod.rs"),
        };
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let doc: String = text
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        if doc.is_empty() || !doc.contains("May import") {
            missing.push(relative(&file));
        }
    }
    let stages: BTreeSet<String> = std::fs::read_dir(src())
        .expect("src")
        .filter_map(|e| {
            let e = e.ok()?;
            e.path()
                .is_dir()
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
        .collect();
    let known: BTreeSet<String> = STAGES.iter().map(|(s, _)| (*s).to_owned()).collect();
    assert_eq!(
        stages, known,
        "every folder of grader/src is a stage of the table in grader/tests/house.rs"
    );
    assert!(
        missing.is_empty(),
        "each stage opens with a module comment that says what it holds and, in a line \
         starting \"May import\", which stages it may use:\n  {}",
        missing.join("\n  ")
    );
}

/// The reader itself, on what it must understand: `use` trees, paths in
/// code, inline test modules, and a cycle.
#[test]
fn the_reader_reads_use_trees_paths_and_cycles() {
    assert_eq!(
        expand("crate::model::{self, report::{Report, Status}, plan::Plan as P}"),
        [
            "crate::model",
            "crate::model::report::Report",
            "crate::model::report::Status",
            "crate::model::plan::Plan",
        ]
    );
    let children: BTreeSet<String> = ["linux".to_owned()].into();
    assert_eq!(
        paths_in(
            "let x = crate::run::runner::start(linux::probe(), a::b);",
            &children
        ),
        ["crate::run::runner::start", "linux::probe"]
    );
    let lines: Vec<String> = [
        "use super::Format;",
        "#[cfg(test)]",
        "mod tests {",
        "    use super::*;",
        "}",
    ]
    .map(str::to_owned)
    .to_vec();
    let found = named_paths(&lines, &BTreeSet::new());
    assert_eq!(
        found,
        [
            (1, "super::Format".to_owned(), false),
            (4, "self::*".to_owned(), true)
        ],
        "a test module's super:: is its own file, and its imports are test code"
    );
    let (a, b, c) = (Path::new("a.rs"), Path::new("b.rs"), Path::new("c.rs"));
    let graph: BTreeMap<&Path, BTreeSet<&Path>> =
        [(a, [b].into()), (b, [a].into()), (c, [a].into())].into();
    assert_eq!(strongly_connected(&graph), [vec![a, b]]);
    let code = without_strings("say(\"std::fs\", r#\"a \"b\"#, '\"');\nstd::fs::read(p)");
    assert_eq!(code.matches("std::fs").count(), 1, "{code}");
    assert_eq!(code.lines().count(), 2);
}
