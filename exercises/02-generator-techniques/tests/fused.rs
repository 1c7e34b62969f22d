//! Exercise 2.3: what an iterator does after its first `None`, and `fuse`.

use generator_techniques::fused::Mailbox;

#[test]
fn letters_are_read_in_the_order_they_were_posted() {
    let mailbox = Mailbox::new();
    mailbox.post("first");
    mailbox.post("second");
    // `take` bounds the read, so a reader that never ends fails instead of hanging.
    let read: Vec<String> = mailbox.letters().take(10).collect();
    assert_eq!(
        read,
        ["first", "second"],
        "letters come out in the order they went in, each once: reading one takes it \
         out of the mailbox"
    );
    assert_eq!(
        mailbox.letters().next(),
        None,
        "reading takes the letters out of the mailbox: a second reader finds it empty"
    );
}

#[test]
fn a_reader_yields_again_after_none() {
    let mailbox = Mailbox::new();
    let mut reader = mailbox.letters();
    mailbox.post("early");
    assert_eq!(reader.next().as_deref(), Some("early"));
    assert_eq!(
        reader.next(),
        None,
        "the mailbox is empty now: the reader says None"
    );
    mailbox.post("late");
    assert_eq!(
        reader.next().as_deref(),
        Some("late"),
        "after None, a letter was posted: this reader is not fused, so the same \
         reader must read it (None meant \"nothing right now\", not \"finished\")"
    );
}

#[test]
fn a_fused_reader_stays_finished() {
    let mailbox = Mailbox::new();
    mailbox.post("early");
    let mut once = mailbox.read_once();
    assert_eq!(once.next().as_deref(), Some("early"));
    assert_eq!(once.next(), None);
    mailbox.post("late");
    assert_eq!(
        once.next(),
        None,
        "read_once already said None once: like a finished Python generator, it must \
         stay finished even though a letter arrived"
    );
    assert_eq!(
        mailbox.letters().next().as_deref(),
        Some("late"),
        "the fused reader must not have taken the late letter: a fresh reader finds it"
    );
}
