//! Drawing on the terminal: lines of styled spans, cut to the window, drawn
//! in place (each row overwritten, then the rest of it cleared) so that a
//! redraw does not flicker; and the terminal put back as it was on the way
//! out, even after a panic or a signal.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::style::{Attribute, Color, Print, SetAttribute, SetForegroundColor};
use crossterm::terminal::{Clear, ClearType};
use crossterm::{cursor, execute, queue, terminal};

/// How a span looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Plain,
    Bold,
    Dim,
    Good,
    Bad,
    Warn,
    /// The selected row of a list.
    Selected,
    /// Text drawn in columns (rustc's diagnostics with their carets, a
    /// snapshot's diff): plain, and never re-wrapped, which would break the
    /// drawing; a line wider than the window is cut, ending in `…`.
    Code,
}

/// One line of the screen.
#[derive(Debug, Clone, Default)]
pub struct Line(pub Vec<(Look, String)>);

impl Line {
    pub fn new(look: Look, text: impl Into<String>) -> Line {
        Line(vec![(look, text.into())])
    }

    pub fn and(mut self, look: Look, text: impl Into<String>) -> Line {
        self.0.push((look, text.into()));
        self
    }

    pub fn blank() -> Line {
        Line::default()
    }

    fn width(&self) -> usize {
        self.0.iter().map(|(_, t)| t.chars().count()).sum()
    }

    /// This line broken into lines of at most `width` columns, the later
    /// ones indented by `indent` spaces.
    pub fn wrapped(self, width: usize, indent: usize) -> Vec<Line> {
        let drawn = self.0.iter().any(|(look, _)| *look == Look::Code);
        if drawn || self.width() <= width || width <= indent + 10 {
            return vec![self];
        }
        let mut lines = vec![Line::blank()];
        let mut column = 0;
        for (look, text) in self.0 {
            for word in text.split_inclusive(' ') {
                let length = word.chars().count();
                if column + length > width && column > indent {
                    lines.push(Line::new(Look::Plain, " ".repeat(indent)));
                    column = indent;
                }
                let last = lines.last_mut().expect("one line at least");
                last.0.push((look, word.to_owned()));
                column += length;
            }
        }
        lines
    }
}

/// Whether the full-screen view is up (the signal handler asks).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The terminal in full-screen mode until dropped.
#[derive(Debug)]
pub struct Screen {
    color: bool,
}

impl Screen {
    /// Takes over the terminal: the alternate screen, raw keys, no cursor.
    pub fn enter(color: bool) -> std::io::Result<Screen> {
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        // A panic's message goes to the main screen, where it stays readable.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        execute!(
            std::io::stdout(),
            terminal::EnterAlternateScreen,
            cursor::Hide
        )?;
        Ok(Screen { color })
    }

    /// Draws `body` from the top and `footer` at the bottom, cut to the window.
    pub fn draw(&self, body: &[Line], footer: &[Line]) -> std::io::Result<()> {
        let (columns, rows) = terminal::size()?;
        let (width, height) = (usize::from(columns), usize::from(rows));
        let room = height.saturating_sub(footer.len());
        let blank = Line::blank();
        let mut out = std::io::stdout().lock();
        for row in 0..height {
            let line = if row < room {
                body.get(row).unwrap_or(&blank)
            } else {
                footer.get(row - room).unwrap_or(&blank)
            };
            queue!(out, cursor::MoveTo(0, row as u16))?;
            self.print(&mut out, line, width)?;
            queue!(out, Clear(ClearType::UntilNewLine))?;
        }
        out.flush()
    }

    fn print(&self, out: &mut impl Write, line: &Line, width: usize) -> std::io::Result<()> {
        let mut left = width;
        let cut_short = line.width() > width;
        for (look, text) in &line.0 {
            if left == 0 {
                break;
            }
            let mut cut: String = text.chars().take(left).collect();
            left -= cut.chars().count();
            if cut_short && left == 0 {
                // What does not fit is not lost silently.
                cut.pop();
                cut.push('…');
            }
            self.paint(out, *look)?;
            queue!(out, Print(cut), SetAttribute(Attribute::Reset))?;
        }
        Ok(())
    }

    fn paint(&self, out: &mut impl Write, look: Look) -> std::io::Result<()> {
        // Without colour, only reverse video marks the selected row: it is a
        // position, not a colour, and NO_COLOR asks for no colour only.
        match (look, self.color) {
            (Look::Selected, _) => queue!(out, SetAttribute(Attribute::Reverse)),
            (_, false) | (Look::Plain | Look::Code, _) => Ok(()),
            (Look::Bold, true) => queue!(out, SetAttribute(Attribute::Bold)),
            (Look::Dim, true) => queue!(out, SetAttribute(Attribute::Dim)),
            (Look::Good, true) => queue!(out, SetForegroundColor(Color::Green)),
            (Look::Bad, true) => queue!(out, SetForegroundColor(Color::Red)),
            (Look::Warn, true) => queue!(out, SetForegroundColor(Color::Yellow)),
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back (main screen, cooked keys, cursor shown) if the
/// full-screen view is up; does nothing otherwise. Safe to call twice.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            std::io::stdout(),
            cursor::Show,
            terminal::LeaveAlternateScreen
        );
        let _ = terminal::disable_raw_mode();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.0.iter().map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn a_long_line_wraps_between_words_and_keeps_its_looks() {
        let line =
            Line::new(Look::Warn, "Hint 1/2: ").and(Look::Plain, "one two three four five six");
        let lines = line.wrapped(20, 4);
        let texts: Vec<String> = lines.iter().map(text).collect();
        assert_eq!(
            texts,
            ["Hint 1/2: one two ", "    three four five ", "    six"]
        );
        assert!(texts.iter().all(|t| t.chars().count() <= 20), "{texts:?}");
        assert_eq!(lines[0].0[0].0, Look::Warn);
    }

    #[test]
    fn a_drawing_is_never_rewrapped() {
        let caret = "   |     ^^^^^ expected `Option<u64>`, found `u64` because of this long note";
        let lines = Line::new(Look::Code, caret).wrapped(40, 4);
        assert_eq!(lines.len(), 1);
        assert_eq!(text(&lines[0]), caret);
    }

    #[test]
    fn a_short_line_is_left_alone() {
        let lines = Line::new(Look::Plain, "short").wrapped(20, 4);
        assert_eq!(lines.len(), 1);
        assert_eq!(text(&lines[0]), "short");
    }
}
