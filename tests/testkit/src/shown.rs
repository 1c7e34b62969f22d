//! Values as a learner reads them in a failure message: `u64::MAX - 2`
//! rather than twenty digits, and a run of answers in one short line.

/// A `u64` as a learner reads it: `u64::MAX - 2` rather than twenty digits.
pub fn u64_named(n: u64) -> String {
    match u64::MAX - n {
        0 => "u64::MAX".to_owned(),
        k if k < 1_000 => format!("u64::MAX - {k}"),
        _ => n.to_string(),
    }
}

/// Answers of `next` in one short line: `Some(1), Some(2), …, Some(9), then None ×3`.
pub fn answers(answers: &[Option<u64>]) -> String {
    let values: Vec<u64> = answers.iter().map_while(|a| *a).collect();
    let rest = &answers[values.len()..];
    let run = values.windows(2).all(|w| w[1].checked_sub(w[0]) == Some(1));
    let mut text = match values.as_slice() {
        [] => String::new(),
        [first, .., last] if values.len() > 3 && run => {
            format!(
                "Some({}), Some({}), …, Some({})",
                u64_named(*first),
                u64_named(first + 1),
                u64_named(*last)
            )
        }
        _ => values
            .iter()
            .map(|v| format!("Some({})", u64_named(*v)))
            .collect::<Vec<_>>()
            .join(", "),
    };
    if !rest.is_empty() {
        let nones = rest.iter().take_while(|a| a.is_none()).count();
        if !text.is_empty() {
            text.push_str(", then ");
        }
        text.push_str(&format!("None ×{nones}"));
        if nones < rest.len() {
            text.push_str(&format!(", then {:?}", &rest[nones..]));
        }
    }
    format!("[{text}]")
}
