//! Finding an exercise's answer in the book: the bodies of the solutions'
//! functions, compared with the book's code after a normalization that
//! forgets what a copy would change without changing the answer.
//!
//! A chapter teaches an idea on a neighbouring example and leaves the
//! exercise's function to the learner. A listing that renames the fields and
//! locals of a solution (`count` for `next`, `value` for `count`) still hands
//! the answer over, so names are not compared: every identifier becomes `_`,
//! every literal `0` or `""`, and comments and spacing are dropped. What is
//! left is the shape of the code, and a body of some length with the same
//! shape as a solution's is that solution.

/// The normalized tokens of Rust source: identifiers other than keywords as
/// `_`, strings and chars as `""`, lifetimes as `'_`, and each
/// punctuation character alone; comments and white space dropped.
pub fn shape(source: &str) -> Vec<String> {
    lex(source).into_iter().map(|(shape, _)| shape).collect()
}

/// Each token of `source`: its shape (see [`shape`]), and its text.
fn lex(source: &str) -> Vec<(String, String)> {
    const KEYWORDS: [&str; 38] = [
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
        "true", "type", "unsafe", "use", "where", "while",
    ];
    let chars: Vec<char> = source.chars().collect();
    let mut tokens: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let count = tokens.len();
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // A raw or byte string: r"…", b"…", br#"…"#.
            if ["r", "b", "br"].contains(&word.as_str())
                && matches!(chars.get(i), Some('"') | Some('#'))
            {
                let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
                i += hashes + 1;
                while i < chars.len()
                    && !(chars[i] == '"'
                        && chars[i + 1..].iter().take_while(|&&c| c == '#').count() >= hashes)
                {
                    i += 1;
                }
                i += 1 + hashes;
                tokens.push("\"\"".to_owned());
            } else if KEYWORDS.contains(&word.as_str()) {
                tokens.push(word);
            } else {
                tokens.push("_".to_owned());
            }
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            // 1.5, but not the range 1..5
            if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
            // Numbers are kept: `n += 2` from 0 is a neighbouring example
            // of `count += 1` from 1, not a copy of it.
            tokens.push(chars[start..i].iter().filter(|&&c| c != '_').collect());
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            tokens.push("\"\"".to_owned());
        } else if c == '\'' {
            // A char literal ('a', '\n') or a lifetime ('a, 'static).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                tokens.push("\"\"".to_owned());
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                tokens.push("\"\"".to_owned());
            } else {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                tokens.push("'_".to_owned());
            }
        } else {
            tokens.push(c.to_string());
            i += 1;
        }
        if tokens.len() > count {
            texts.push(chars[start..i.min(chars.len())].iter().collect());
        }
    }
    tokens.into_iter().zip(texts).collect()
}

/// A function of a solution: its name, and its body's shape (braces included).
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub name: String,
    pub shape: Vec<String>,
}

/// The functions of `source` that have a body, with the body's shape.
pub fn function_bodies(source: &str) -> Vec<Body> {
    let (tokens, texts): (Vec<String>, Vec<String>) = lex(source).into_iter().unzip();
    let mut bodies = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // `fn` then a name is a function; `fn(` is a pointer type.
        if tokens[i] != "fn" || tokens.get(i + 1).map(String::as_str) != Some("_") {
            i += 1;
            continue;
        }
        let name = texts[i + 1].clone();
        let mut depth = 0i32;
        let mut j = i + 2;
        // To the body's `{`, past the arguments and the return type; a `;`
        // first means a declaration without a body.
        let open = loop {
            match tokens.get(j).map(String::as_str) {
                None | Some(";") if depth == 0 => break None,
                None => break None,
                Some("(" | "[" | "<") => depth += 1,
                Some(")" | "]" | ">") => depth -= 1,
                Some("{") if depth <= 0 => break Some(j),
                _ => {}
            }
            j += 1;
        };
        let Some(open) = open else {
            i = j;
            continue;
        };
        let mut braces = 0;
        let mut end = open;
        for (k, token) in tokens.iter().enumerate().skip(open) {
            match token.as_str() {
                "{" => braces += 1,
                "}" => braces -= 1,
                _ => {}
            }
            if braces == 0 {
                end = k;
                break;
            }
        }
        bodies.push(Body {
            name,
            shape: tokens[open..=end].to_vec(),
        });
        // Nested functions are found too: go on from inside the body.
        i = open + 1;
    }
    bodies
}

/// Whether `needle` occurs, token for token, in `haystack`.
pub fn contains(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

/// How alike two shapes are, from 0 to 1: the Dice coefficient of their
/// pairs of neighbouring tokens. A copy with a line added or changed stays
/// near 1; two functions that merely use the same idioms stay well below.
pub fn likeness(a: &[String], b: &[String]) -> f64 {
    use std::collections::HashMap;
    let pairs = |tokens: &[String]| {
        let mut counts: HashMap<(String, String), usize> = HashMap::new();
        for pair in tokens.windows(2) {
            *counts
                .entry((pair[0].clone(), pair[1].clone()))
                .or_default() += 1;
        }
        counts
    };
    let (a_pairs, b_pairs) = (pairs(a), pairs(b));
    let shared: usize = a_pairs
        .iter()
        .map(|(pair, n)| (*n).min(b_pairs.get(pair).copied().unwrap_or(0)))
        .sum();
    let total = a.len().saturating_sub(1) + b.len().saturating_sub(1);
    if total == 0 {
        0.0
    } else {
        2.0 * shared as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_locals_and_new_comments_keep_the_shape() {
        let solution = "fn next(&mut self) -> Option<u64> {\n    // checked first\n    if self.next > self.max { return None; }\n    let count = self.next;\n    self.next += 1;\n    Some(count)\n}";
        let listing = "/// One resumption\nfn next(&mut self) -> Option<u64> {\n    if self.count > self.max {\n        return None;\n    }\n    let value = self.count; self.count += 1; Some(value) }";
        let bodies = function_bodies(solution);
        assert_eq!(bodies.len(), 1);
        assert_eq!(bodies[0].name, "next");
        assert!(contains(&shape(listing), &bodies[0].shape));
        let different = "fn next(&mut self) -> Option<u64> { self.count += 1; Some(self.count) }";
        assert!(!contains(&shape(different), &bodies[0].shape));
        let changed = function_bodies(
            "fn next(&mut self) -> Option<u64> { if self.count > self.max { return None; } let value = self.count; self.count += 2; Some(value * 2) }",
        );
        assert!(likeness(&changed[0].shape, &bodies[0].shape) > 0.8);
        assert!(likeness(&shape(different), &bodies[0].shape) < 0.6);
    }

    #[test]
    fn declarations_pointer_types_and_nested_functions() {
        let source = "trait T { fn a(&self); }\nfn b(f: fn(u8) -> u8) -> u8 { fn c() -> u8 { 1 } f(c()) }\nfn d<T: Into<u8>>(x: T) -> Vec<u8> where T: Copy { vec![x.into()] }";
        let names: Vec<String> = function_bodies(source)
            .into_iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(names, ["b", "c", "d"]);
        assert_eq!(
            shape("let s = \"a{\"; let c = '{'; let l: &'static str = r#\"x\"#; 1.5; 1..5"),
            [
                "let", "_", "=", "\"\"", ";", "let", "_", "=", "\"\"", ";", "let", "_", ":", "&",
                "'_", "_", "=", "\"\"", ";", "1.5", ";", "1", ".", ".", "5"
            ]
        );
    }
}
