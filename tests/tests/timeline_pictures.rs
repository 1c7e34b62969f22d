//! The book's timeline pictures are the exercises' timeline snapshots, drawn.
//! Each committed SVG must equal what its snapshot draws today, and each
//! timeline snapshot must have its picture. After changing a timeline, run
//!
//! ```text
//! UPDATE_PICTURES=1 cargo test -p course-tests --test timeline_pictures
//! ```

use std::path::PathBuf;

use course_tests::pictures::{parse_timeline, render_svg, snapshot_body};
use course_tests::{course, file_stems, read, root};

#[test]
fn every_timeline_snapshot_has_its_current_picture() {
    let update = std::env::var_os("UPDATE_PICTURES").is_some();
    let mut stale = Vec::new();
    for section in &course().sections {
        let snapshots = format!("exercises/{}/tests/snapshots", section.slug);
        let pictures = PathBuf::from("book/src/timelines").join(&section.slug);
        let mut drawn = Vec::new();
        for stem in file_stems(&snapshots, "snap") {
            let Some(events) =
                parse_timeline(snapshot_body(&read(format!("{snapshots}/{stem}.snap"))))
            else {
                continue;
            };
            let title = format!(
                "Timeline of {} in section {}",
                stem.replace("__", ", "),
                section.package
            );
            let svg = render_svg(&title, &events);
            let path = pictures.join(format!("{stem}.svg"));
            if update {
                std::fs::create_dir_all(root().join(&pictures))
                    .expect("create the pictures folder");
                std::fs::write(root().join(&path), &svg).expect("write the picture");
            } else if std::fs::read_to_string(root().join(&path)).ok().as_deref()
                != Some(svg.as_str())
            {
                stale.push(path.display().to_string());
            }
            drawn.push(stem);
        }
        let orphans: Vec<String> = file_stems(&pictures, "svg")
            .into_iter()
            .filter(|stem| !drawn.contains(stem))
            .collect();
        assert!(
            orphans.is_empty(),
            "{}: pictures with no timeline snapshot: {orphans:?}",
            pictures.display()
        );
    }
    assert!(
        stale.is_empty(),
        "these timeline pictures are missing or out of date: {stale:?}\n\
         run: UPDATE_PICTURES=1 cargo test -p course-tests --test timeline_pictures"
    );
}
