//! Reading test files: which tests they define, in which order, with what code.

pub use crate::model::report::TestFunction;

/// The test functions of a test file's source, in the order they appear.
pub fn test_functions(source: &str) -> Vec<TestFunction> {
    let mut found = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(at) = rest.find("#[") {
        let attribute_start = offset + at;
        let after = &source[attribute_start..];
        let is_test = after.starts_with("#[test]") || after.starts_with("#[tokio::test");
        offset = attribute_start + 2;
        rest = &source[offset..];
        if !is_test {
            continue;
        }
        let Some(fn_at) = after.find("fn ") else {
            break;
        };
        let header = &after[fn_at + 3..];
        let name: String = header
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let code_start = attribute_start + fn_at
            - if after[..fn_at].ends_with("async ") {
                6
            } else {
                0
            };
        let code = function_text(&source[code_start..]);
        found.push(TestFunction {
            name,
            body: body_of(code),
        });
    }
    found
}

/// The lines between a function's outer braces, dedented by their common indentation.
fn body_of(code: &str) -> String {
    let (Some(open), Some(close)) = (code.find('{'), code.rfind('}')) else {
        return String::new();
    };
    let inside = &code[open + 1..close];
    let lines: Vec<&str> = inside.lines().collect();
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let dedented: Vec<&str> = lines
        .iter()
        .map(|line| line.get(indent..).unwrap_or(line.trim_start()))
        .collect();
    dedented.join("\n").trim_matches('\n').trim_end().to_owned()
}

/// The text of the function that starts `text`, up to its matching closing
/// brace (braces in strings and comments are counted too: good enough for tests).
fn function_text(text: &str) -> &str {
    let mut depth = 0usize;
    for (index, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &text[..=index];
                }
            }
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "use x;\n\n#[test]\nfn second() {\n    assert!(true);\n}\n\nfn helper() {}\n\n\
        #[tokio::test(start_paused = true)]\nasync fn first() {\n    if a { b(); }\n}\n";

    #[test]
    fn finds_tests_in_file_order_with_their_code() {
        let tests = test_functions(SOURCE);
        assert_eq!(tests.len(), 2);
        assert_eq!(tests[0].name, "second");
        assert_eq!(tests[0].body, "assert!(true);");
        assert_eq!(tests[1].name, "first");
        assert_eq!(tests[1].body, "if a { b(); }");
    }

    #[test]
    fn a_body_keeps_its_own_nesting_without_the_functions_indent() {
        let code = "fn t() {\n    let x = 1;\n    if x {\n        go();\n    }\n}";
        assert_eq!(body_of(code), "let x = 1;\nif x {\n    go();\n}");
    }
}
