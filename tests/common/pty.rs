//! The real binary in a pseudo-terminal, its screen read back through a terminal emulator
//! (vt100) the way a person would read it, and keys typed as a person would type them.

use super::INSTITUTION;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);
/// After Esc: long enough that the program reads it alone, not as Alt + the next key.
const AFTER_ESC: Duration = Duration::from_millis(150);
/// A screen unchanged for this long is taken as completely drawn.
const SETTLE: Duration = Duration::from_millis(100);

pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const SHIFT_TAB: &str = "\x1b[Z";
pub const ESC: &str = "\x1b";
pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const BACKSPACE: &str = "\x7f";
pub const CTRL_C: &str = "\x03";
/// Quit where letters are typed (a text question).
pub const CTRL_Q: &str = "\x11";
pub const F2: &str = "\x1bOQ";
pub const F5: &str = "\x1b[15~";
pub const F8: &str = "\x1b[19~";
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

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never 0")
}

/// The program running in a pseudo-terminal. Dropping it kills the program if it still runs.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    /// Kept open for the program's lifetime: dropping the master hangs up its terminal.
    pub master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub parser: Parser,
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
        let mut input = pair.master.try_clone_reader().expect("read the terminal");
        let sink = Arc::clone(&parser);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match input.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        let writer = pair.master.take_writer().expect("write to the terminal");
        Tui {
            child,
            master: pair.master,
            writer,
            parser,
            reader: Some(reader),
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("send keys");
        self.writer.flush().expect("send keys");
        if keys.ends_with(ESC) {
            thread::sleep(AFTER_ESC);
        }
    }

    pub fn key_enter(&mut self) {
        self.send(ENTER);
    }

    pub fn key_tab(&mut self) {
        self.send(TAB);
    }

    pub fn key_esc(&mut self) {
        self.send(ESC);
    }

    pub fn key_up(&mut self, times: usize) {
        self.send(&UP.repeat(times));
    }

    pub fn key_down(&mut self, times: usize) {
        self.send(&DOWN.repeat(times));
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
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

    /// Wait until `ready` holds and the screen stays the same for a moment (the frame is
    /// drawn completely); the screen then.
    #[track_caller]
    pub fn wait_settled(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + TIMEOUT;
        let mut screen = self.wait_until(what, &ready);
        loop {
            thread::sleep(SETTLE);
            let now = self.screen();
            if now == screen && ready(&now) {
                return now;
            }
            if Instant::now() > end {
                panic!("the screen did not settle within {TIMEOUT:?}:\n{now}");
            }
            screen = now;
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

    /// Whether the first on-screen occurrence of `text` is drawn selected (reverse video: with
    /// `NO_COLOR` the cursor row is shown that way).
    #[track_caller]
    pub fn is_selected(&self, text: &str) -> bool {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let cols = screen.size().1.get();
        for (row, line) in screen.rows(0, cols).enumerate() {
            if let Some(at) = line.find(text) {
                let col = line[..at].chars().count() as u16;
                return screen.cell(row as u16, col).is_some_and(|c| c.inverse());
            }
        }
        panic!("no {text:?} on the screen:\n{}", screen.contents());
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
