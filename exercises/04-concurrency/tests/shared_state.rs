//! Exercise 4.15: a page holds tokio's mutex across its `.await`s, so it
//! comes out whole; the counts sit behind std's mutex, and can be read at
//! once, by code that is not async, while a page prints.

use std::sync::Arc;

use concurrency::shared_state::{LINE_TIME, Office, Printer};
use testkit::held::{self, render, two_timelines, within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

/// An office whose printer records each line it prints on `timeline`.
fn office(timeline: &Timeline) -> Arc<Office> {
    let paper = timeline.clone();
    Arc::new(Office::new(Printer::new(move |line: &str| {
        paper.record(line)
    })))
}

/// `who` prints a page of `lines` lines ("ann 1/3", "ann 2/3", ...), on a
/// task of its own. `tokio::spawn` accepts `print`'s future only if it is
/// `Send`: a `std::sync::MutexGuard` held across an `.await` would not be.
fn print_page(office: &Arc<Office>, who: &'static str, lines: usize) -> JoinHandle<()> {
    let office = Arc::clone(office);
    tokio::spawn(async move {
        let page: Vec<String> = (1..=lines).map(|n| format!("{who} {n}/{lines}")).collect();
        let page: Vec<&str> = page.iter().map(String::as_str).collect();
        office.print(who, &page).await;
    })
}

async fn finish(page: JoinHandle<()>) {
    within(LIMIT, "a page never finished printing", page)
        .await
        .expect("print does not panic");
}

#[tokio::test(start_paused = true)]
async fn a_count_is_read_while_another_page_prints() {
    let office = office(&Timeline::start());
    finish(print_page(&office, "ann", 1)).await;
    let bob = print_page(&office, "bob", 5);
    sleep(LINE_TIME * 5 / 2).await; // half way through bob's page
    assert_eq!(
        office.pages_printed("ann"),
        1,
        "ann's page was out at 100 ms; 250 ms later, while bob's page is printing, \
         pages_printed(\"ann\") must say 1 at once. Are the counts behind the printer's \
         lock? Give them a std::sync::Mutex of their own, taken only for an update"
    );
    finish(bob).await;
}

#[tokio::test(start_paused = true)]
async fn a_page_comes_out_whole() {
    let timeline = Timeline::start();
    let office = office(&timeline);
    let ann = print_page(&office, "ann", 3);
    let bob = print_page(&office, "bob", 3);
    finish(ann).await;
    finish(bob).await;
    let lines = timeline.texts();
    assert_eq!(lines.len(), 6, "two pages of three lines: {lines:?}");
    let mut owners: Vec<&str> = lines.iter().map(|l| &l[..3]).collect();
    owners.dedup();
    assert!(
        owners.len() == 2,
        "the printer printed {lines:?}: the lines of two pages are mixed. Hold the \
         printer's lock for the whole page, across every line's .await: that is what \
         tokio::sync::Mutex is for"
    );
    assert_eq!(
        timeline.elapsed(),
        LINE_TIME * 6,
        "six lines, one at a time, take 600 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn a_page_is_counted_once_it_is_printed() {
    let office = office(&Timeline::start());
    assert_eq!(office.pages_printed("bob"), 0, "nothing printed yet");
    let bob = print_page(&office, "bob", 3);
    sleep(LINE_TIME * 3 / 2).await;
    assert_eq!(
        office.pages_printed("bob"),
        0,
        "150 ms into a page of three lines (100 ms each), bob's page is still printing: \
         count a page once its last line is out, not before"
    );
    finish(bob).await;
    assert_eq!(
        office.pages_printed("bob"),
        1,
        "bob's page is out: it counts"
    );
    finish(print_page(&office, "bob", 1)).await;
    assert_eq!(office.pages_printed("bob"), 2, "bob's second page counts");
    assert_eq!(office.pages_printed("ann"), 0, "ann printed nothing");
}

/// A clerk reads the counts every 100 ms, half way between two lines.
#[tokio::test(start_paused = true)]
async fn timeline_of_two_pages_and_a_clerk() {
    let timeline = Timeline::start();
    let office = office(&timeline);
    let ann = print_page(&office, "ann", 2);
    let bob = print_page(&office, "bob", 2);
    sleep(LINE_TIME / 2).await;
    for _ in 0..5 {
        timeline.record(format!(
            "clerk reads: ann {}, bob {}",
            office.pages_printed("ann"),
            office.pages_printed("bob")
        ));
        sleep(LINE_TIME).await;
    }
    finish(ann).await;
    finish(bob).await;
    insta::assert_snapshot!("timeline", timeline.render());
}

/// A generated page: whose, how many lines (0 included), and when it is sent
/// to the printer, in ms (a multiple of 10, so that no line comes out at the
/// instant the clerk reads, at 5 past).
fn generated_pages() -> impl Strategy<Value = Vec<(&'static str, usize, u64)>> {
    prop::collection::vec(
        (
            prop::sample::select(vec!["ann", "bob"]),
            prop_oneof![Just(0_usize), 0_usize..4],
            0_u64..40,
        ),
        0..5,
    )
    .prop_map(|pages| {
        pages
            .into_iter()
            .map(|(who, lines, at)| (who, lines, at * 10))
            .collect()
    })
    .prop_filter(
        "no two pages sent at one instant",
        |pages: &Vec<(&str, usize, u64)>| {
            let mut times: Vec<u64> = pages.iter().map(|p| p.2).collect();
            times.sort_unstable();
            times.windows(2).all(|w| w[0] != w[1])
        },
    )
}

// Generated pages (empty ones included), sent at generated moments, and a
// clerk who reads both counts every 50 ms, at 5 past. The model: one printer,
// pages printed whole in the order they were sent, each line LINE_TIME, a
// page counted the moment its last line is out (an empty one the moment it
// gets the printer).
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn an_office_on_generated_pages(pages in generated_pages()) {
        let line_ms = LINE_TIME.as_millis() as u64;
        let by_time = pages_sorted(&pages);
        // The model's printer.
        let (mut free_at, mut events, mut done) = (0_u64, Vec::new(), Vec::new());
        for (who, lines, at) in &by_time {
            let start = free_at.max(*at);
            for n in 1..=*lines {
                events.push((u128::from(start + line_ms * n as u64), format!("{who} {n}/{lines}")));
            }
            free_at = start + line_ms * *lines as u64;
            done.push((free_at, *who));
        }
        let last = done.iter().map(|d| d.0).max().unwrap_or(0);
        let reads: Vec<u64> = (0..).map(|k| 5 + 50 * k).take_while(|t| *t <= last + 50).collect();
        for t in &reads {
            let count = |name: &str| done.iter().filter(|(at, who)| at < t && *who == name).count();
            events.push((u128::from(*t), format!("clerk reads: ann {}, bob {}", count("ann"), count("bob"))));
        }
        events.sort_by_key(|(at, _)| *at);
        let expected = render(&events);
        let rendered = held::paused(async {
            let timeline = Timeline::start();
            let office = office(&timeline);
            let start = tokio::time::Instant::now();
            let mut handles = Vec::new();
            let clerk = {
                let (office, timeline) = (Arc::clone(&office), timeline.clone());
                let reads = reads.clone();
                tokio::spawn(async move {
                    for t in reads {
                        tokio::time::sleep_until(start + Duration::from_millis(t)).await;
                        timeline.record(format!(
                            "clerk reads: ann {}, bob {}",
                            office.pages_printed("ann"),
                            office.pages_printed("bob")
                        ));
                    }
                })
            };
            within_seen(LIMIT, "a page never finished printing", &timeline, async {
                for (who, lines, at) in pages_sorted(&pages) {
                    tokio::time::sleep_until(start + Duration::from_millis(at)).await;
                    handles.push(print_page(&office, who, lines));
                }
                for page in handles {
                    page.await.expect("print does not panic");
                }
                clerk.await.expect("the clerk does not panic");
            })
            .await;
            timeline.render()
        });
        prop_assert!(
            rendered == expected,
            "one page at a time, whole, in the order they were sent; a page counted once its \
             last line is out (an empty page at once)\n  pages (whose, lines, sent at ms): \
             {pages:?}\n{}",
            two_timelines(&expected, &rendered)
        );
    }
}

fn pages_sorted(pages: &[(&'static str, usize, u64)]) -> Vec<(&'static str, usize, u64)> {
    let mut pages = pages.to_vec();
    pages.sort_by_key(|p| p.2);
    pages
}
