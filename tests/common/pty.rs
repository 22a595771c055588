//! The real binary in a pseudo-terminal, its screen read back through a terminal emulator
//! (vt100) the way a person would read it, and keys typed as a person would type them.
//!
//! A person sees whole frames; so does a test. The program writes a frame in several pieces
//! (the standard output is flushed every kilobyte), and a screen read between two pieces shows
//! a table whose lower rows are not drawn yet. So the screen a test reads is the one of the last
//! frame drawn completely, and every wait is for something on that screen, never for a time.

use super::INSTITUTION;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a wait may take before the test fails: generous, for a machine that is busy. A test
/// that passes never waits this long; it only bounds a failing one.
const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(20);
/// How every frame ends: ratatui writes the frame's cells, then hides the cursor, or shows it
/// (and places it) where a field is typed into. Nothing else the program writes does either,
/// until it shows the cursor again on its way out.
const FRAME_ENDS: [&[u8]; 2] = [b"\x1b[?25l", b"\x1b[?25h"];

pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const SHIFT_TAB: &str = "\x1b[Z";
pub const ESC: &str = "\x1b";
pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const BACKSPACE: &str = "\x7f";
pub const CTRL_C: &str = "\x03";
pub const CTRL_U: &str = "\x15";
/// Quit where letters are typed (a text question).
pub const CTRL_Q: &str = "\x11";
pub const F2: &str = "\x1bOQ";
pub const F5: &str = "\x1b[15~";
pub const F6: &str = "\x1b[17~";
pub const F7: &str = "\x1b[18~";
pub const F8: &str = "\x1b[19~";
pub const F9: &str = "\x1b[20~";
pub const F10: &str = "\x1b[21~";

/// Records what the program sends that a terminal would have to answer: device status and
/// attribute requests, keyboard protocol queries, colour queries.
#[derive(Default)]
pub struct Queries(Vec<String>);

impl vt100::Callbacks for Queries {
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let query = matches!(c, 'n' | 'c') || (i1 == Some(b'?') && c == 'u');
        if query {
            self.0
                .push(format!("CSI {:?} {params:?} {c}", i1.map(char::from)));
        }
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        if params.iter().any(|p| p == b"?") {
            let text: Vec<String> = params
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect();
            self.0.push(format!("OSC {}", text.join(";")));
        }
    }
}

pub type Parser = Arc<Mutex<vt100::Parser<Queries>>>;

/// The screen after the last frame drawn completely.
type Frame = Arc<Mutex<vt100::Screen>>;

/// Where in `tail` followed by `chunk` a frame ends, as offsets into `chunk` just after each
/// end; `tail` is what came before `chunk` (a few bytes: an end may be split between reads).
fn frame_ends(tail: &[u8], chunk: &[u8]) -> Vec<usize> {
    let joined = [tail, chunk].concat();
    let mut ends: Vec<usize> = FRAME_ENDS
        .iter()
        .flat_map(|end| {
            joined
                .windows(end.len())
                .enumerate()
                .filter(move |(_, w)| w == end)
                .map(move |(at, _)| at + end.len())
        })
        .filter(|&after| after > tail.len())
        .map(|after| after - tail.len())
        .collect();
    ends.sort_unstable();
    ends
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never 0")
}

/// The program running in a pseudo-terminal. Dropping it kills the program if it still runs.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    /// Kept open for the program's lifetime: dropping the master hangs up its terminal.
    pub master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    /// The terminal as it is, up to the last byte read: its modes, and what the program asked
    /// it. Its screen may be a frame half drawn; [`Tui::screen`] is not.
    pub parser: Parser,
    frame: Frame,
    reader: Option<JoinHandle<()>>,
}

impl Tui {
    pub fn start(db: &Path, args: &[&str], cols: u16, rows: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_anketa"));
        cmd.arg("--db");
        cmd.arg(db);
        for arg in args {
            cmd.arg(arg);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env_remove("ANKETA_DB");
        if let Some(dir) = db.parent() {
            cmd.cwd(dir);
        }
        let child = pair.slave.spawn_command(cmd).expect("start anketa");
        // Only the child keeps the terminal's other end, so that reading ends when it exits.
        drop(pair.slave);
        let parser: Parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nz(rows),
            nz(cols),
            0,
            Queries::default(),
        )));
        let frame: Frame = Arc::new(Mutex::new(parser.lock().unwrap().screen().clone()));
        let mut input = pair.master.try_clone_reader().expect("read the terminal");
        let (sink, shown) = (Arc::clone(&parser), Arc::clone(&frame));
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut tail = Vec::new();
            loop {
                let chunk = match input.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => &buf[..n],
                };
                let mut parser = sink.lock().unwrap();
                let mut from = 0;
                for end in frame_ends(&tail, chunk) {
                    parser.process(&chunk[from..end]);
                    *shown.lock().unwrap() = parser.screen().clone();
                    from = end;
                }
                parser.process(&chunk[from..]);
                tail = [&tail[..], chunk].concat();
                tail.drain(..tail.len().saturating_sub(FRAME_ENDS[0].len() - 1));
            }
        });
        let writer = pair.master.take_writer().expect("write to the terminal");
        Tui {
            child,
            master: pair.master,
            writer,
            parser,
            frame,
            reader: Some(reader),
        }
    }

    /// Type `keys`. Not a lone Esc at the end: [`Tui::esc`] waits for what it does.
    #[track_caller]
    pub fn send(&mut self, keys: &str) {
        assert!(
            !keys.ends_with(ESC),
            "Esc is typed with Tui::esc, which waits until the program has taken it"
        );
        self.writer.write_all(keys.as_bytes()).expect("send keys");
        self.writer.flush().expect("send keys");
    }

    /// Esc, and wait until the screen shows `done`: what Esc does there; the screen then.
    ///
    /// Esc is the one key that is also the start of other keys: read together with the key
    /// after it, Esc then `q` is Alt+q and Esc then ↑ is no arrow. A person never types the
    /// next key before the program has taken Esc; nor does a test: `done` must be something
    /// that only the Esc brings about.
    #[track_caller]
    pub fn esc(&mut self, done: &str, ready: impl Fn(&str) -> bool) -> String {
        self.writer.write_all(ESC.as_bytes()).expect("send keys");
        self.writer.flush().expect("send keys");
        self.wait_until(&format!("Esc: {done}"), ready)
    }

    pub fn key_enter(&mut self) {
        self.send(ENTER);
    }

    pub fn key_tab(&mut self) {
        self.send(TAB);
    }

    pub fn key_up(&mut self, times: usize) {
        self.send(&UP.repeat(times));
    }

    pub fn key_down(&mut self, times: usize) {
        self.send(&DOWN.repeat(times));
    }

    /// The last frame drawn completely ("" before the first).
    pub fn screen(&self) -> String {
        self.frame.lock().unwrap().contents()
    }

    /// Wait until the screen shows `text`; the screen at that moment.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Wait until the screen no longer shows `text`.
    #[track_caller]
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |screen| !screen.contains(text))
    }

    /// Wait until `ready` holds for the screen; the screen at that moment.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if Instant::now() > end {
                panic!("waited {TIMEOUT:?} for {what}; the screen:\n{screen}");
            }
            thread::sleep(POLL);
        }
    }

    /// The first screen line that contains `text` (panics with the screen when none does).
    #[track_caller]
    pub fn line_with(&self, text: &str) -> String {
        let screen = self.screen();
        screen
            .lines()
            .find(|l| l.contains(text))
            .map(|l| l.trim_end().to_owned())
            .unwrap_or_else(|| panic!("no line with {text:?}; the screen:\n{screen}"))
    }

    /// Whether the first on-screen occurrence of `text` is drawn selected (see [`selected`]).
    #[track_caller]
    pub fn is_selected(&self, text: &str) -> bool {
        let screen = self.frame.lock().unwrap().clone();
        selected(&screen, text)
            .unwrap_or_else(|| panic!("no {text:?} on the screen:\n{}", screen.contents()))
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the terminal");
    }

    /// Wait for the program to exit and for its last output to be read.
    #[track_caller]
    pub fn wait_exit(&mut self) -> ExitStatus {
        let end = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for anketa") {
                break status;
            }
            if Instant::now() > end {
                panic!(
                    "anketa did not exit within {TIMEOUT:?}; the screen:\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        };
        if let Some(reader) = self.reader.take() {
            while !reader.is_finished() && Instant::now() < end {
                thread::sleep(POLL);
            }
            if reader.is_finished() {
                reader.join().expect("the reader thread");
            }
        }
        status
    }

    /// Terminal queries the program sent (it must send none: nothing would answer them).
    pub fn queries(&self) -> Vec<String> {
        self.parser.lock().unwrap().callbacks().0.clone()
    }

    pub fn assert_no_queries(&self) {
        assert_eq!(
            self.queries(),
            Vec::<String>::new(),
            "the program asked the terminal things"
        );
    }
}

/// Whether the first occurrence of `text` on `screen` is drawn selected (reverse video: with
/// `NO_COLOR` the cursor row is shown that way); `None` where it is not on the screen.
pub fn selected(screen: &vt100::Screen, text: &str) -> Option<bool> {
    let cols = screen.size().1.get();
    screen.rows(0, cols).enumerate().find_map(|(row, line)| {
        let at = line.find(text)?;
        let col = line[..at].chars().count() as u16;
        Some(screen.cell(row as u16, col).is_some_and(|c| c.inverse()))
    })
}

impl Drop for Tui {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// The new-submission form, filled in, shown to `check_form` and confirmed; waits for the
/// fill screen.
pub fn create_submission(tui: &mut Tui, check_form: impl FnOnce(&str)) {
    tui.wait_for("Jauns iesniegums");
    tui.send(INSTITUTION);
    tui.key_tab();
    tui.send("90000069281");
    tui.key_tab();
    tui.send("Finanšu ministrija");
    tui.key_tab();
    tui.key_tab(); // the kind stays "iestāde"
    tui.send("2019");
    tui.key_tab();
    tui.send("Ilze Bērziņa");
    let form = tui.wait_for("Ilze Bērziņa");
    check_form(&form);
    tui.key_enter();
    let screen = tui.wait_for("Sadaļas");
    assert!(
        screen.contains(&format!("{INSTITUTION} 2019 · melnraksts")),
        "the header names the submission:\n{screen}"
    );
}
