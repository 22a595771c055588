//! End to end: the real binary in a pseudo-terminal, its screen read back through a terminal
//! emulator (vt100) the way a person would read it, and keys typed as a person would type them.

use anketa::response::Value;
use anketa::store::Store;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);
/// After Esc: long enough that the program reads it alone, not as Alt + the next key.
const AFTER_ESC: Duration = Duration::from_millis(150);

const ENTER: &str = "\r";
const TAB: &str = "\t";
const ESC: &str = "\x1b";
const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const BACKSPACE: &str = "\x7f";
const CTRL_C: &str = "\x03";

/// Records what the program sends that a terminal would have to answer: device status and
/// attribute requests, keyboard protocol queries, colour queries.
#[derive(Default)]
struct Queries(Vec<String>);

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

type Parser = Arc<Mutex<vt100::Parser<Queries>>>;

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never 0")
}

/// The program running in a pseudo-terminal. Dropping it kills the program if it still runs.
struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Parser,
    reader: Option<JoinHandle<()>>,
}

impl Tui {
    fn start(db: &Path, args: &[&str], cols: u16, rows: u16) -> Tui {
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

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("send keys");
        self.writer.flush().expect("send keys");
        if keys.ends_with(ESC) {
            thread::sleep(AFTER_ESC);
        }
    }

    fn key_enter(&mut self) {
        self.send(ENTER);
    }

    fn key_tab(&mut self) {
        self.send(TAB);
    }

    fn key_esc(&mut self) {
        self.send(ESC);
    }

    fn key_up(&mut self, times: usize) {
        self.send(&UP.repeat(times));
    }

    fn key_down(&mut self, times: usize) {
        self.send(&DOWN.repeat(times));
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`; the screen at that moment.
    #[track_caller]
    fn wait_for(&self, text: &str) -> String {
        let end = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if Instant::now() > end {
                panic!("waited {TIMEOUT:?} for {text:?}; the screen:\n{screen}");
            }
            thread::sleep(POLL);
        }
    }

    /// Wait until the screen no longer shows `text`.
    #[track_caller]
    fn wait_gone(&self, text: &str) -> String {
        let end = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return screen;
            }
            if Instant::now() > end {
                panic!("waited {TIMEOUT:?} for {text:?} to go; the screen:\n{screen}");
            }
            thread::sleep(POLL);
        }
    }

    /// The first screen line that contains `text` (panics with the screen when none does).
    #[track_caller]
    fn line_with(&self, text: &str) -> String {
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
    fn is_selected(&self, text: &str) -> bool {
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

    fn resize(&mut self, cols: u16, rows: u16) {
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
    fn wait_exit(&mut self) -> ExitStatus {
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
    fn queries(&self) -> Vec<String> {
        self.parser.lock().unwrap().callbacks().0.clone()
    }

    fn assert_no_queries(&self) {
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

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("a.db")
}

const INSTITUTION: &str = "Valsts ieņēmumu dienests";
const URL: &str = "https://www.vid.gov.lv";
const ACHIEVEMENTS: &str = "Ē-pakalpojumu pilnveide: ā č ē ģ ī ķ ļ ņ š ū ž";

/// The new-submission form, filled in and confirmed; waits for the fill screen.
fn create_submission(tui: &mut Tui) {
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
    assert!(form.contains(INSTITUTION), "{form}");
    assert!(form.contains("Finanšu ministrija"), "{form}");
    tui.key_enter();
    let screen = tui.wait_for("Sadaļas");
    assert!(
        screen.contains(&format!("{INSTITUTION} 2019 · melnraksts")),
        "the header names the submission:\n{screen}"
    );
}

#[test]
fn fill_general_section_then_fix_a_service_and_find_everything_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let mut tui = Tui::start(&db, &[], 100, 30);
    create_submission(&mut tui);

    // The general section, question by question.
    tui.key_enter();
    tui.wait_for("V00J");
    tui.send("120");
    tui.wait_for("│120 ");
    tui.key_enter();
    let screen = tui.wait_for("D61J");
    let ir = screen.find("( ) Ir").expect("D61J offers Ir");
    let nav = screen.find("( ) Nav").expect("D61J offers Nav");
    assert!(ir < nav, "Ir comes first, then Nav:\n{screen}");
    tui.key_down(1);
    tui.key_enter();
    tui.wait_for("WEB_SITES");
    tui.key_enter();
    tui.send(URL);
    tui.wait_for(URL);
    tui.key_tab();
    let screen = tui.wait_for("SOCIAL_NETWORKS_CHOICE");
    let options: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split_once("[ ] ").map(|(_, rest)| rest.trim_end()))
        .collect();
    let exclusive = options
        .iter()
        .position(|o| o.starts_with("Sociālie tīkli iestādei nav būtiski"))
        .unwrap_or_else(|| panic!("no such option:\n{screen}"));
    tui.key_down(exclusive);
    tui.send(" ");
    tui.wait_for("[x] Sociālie tīkli iestādei nav būtiski");
    tui.key_tab();
    tui.wait_for("ACHIEVEMENTS_DESC");
    tui.key_enter();
    tui.send(ACHIEVEMENTS);
    tui.wait_for(ACHIEVEMENTS);
    tui.key_tab();
    tui.wait_for("NOTES_DESC");

    // The service statistics: one service, its figures, a sum that does not add up.
    tui.key_esc();
    tui.wait_for("Vispārējā informācija par iestādi");
    tui.key_down(5);
    tui.key_enter();
    tui.wait_for("Saraksts ir tukšs");
    tui.send("a");
    tui.wait_for("Pievienot — nosaukums");
    tui.send("Pases izsniegšana");
    tui.key_enter();
    tui.wait_for("1. Pases izsniegšana");
    tui.key_enter();
    tui.wait_for("PSTAT");
    for figure in ["120", "50", "10", "8", "50"] {
        tui.send(figure);
        tui.key_enter();
    }
    let message = "Pieteikumu kopskaits (120) nesakrīt ar kanālu summu (118)";
    tui.wait_for(message);
    tui.wait_for("Pieteikumu kanālu summa: 118");
    // Fix it: leave the cell being typed into, up to P52, retype it.
    tui.key_esc();
    tui.key_up(5);
    tui.key_enter();
    tui.wait_for("120▏");
    tui.send(&BACKSPACE.repeat(3));
    tui.send("118");
    tui.wait_for("118▏");
    tui.key_enter();
    tui.wait_gone(message);
    tui.wait_for("saglabāts ✓");
    tui.key_esc();
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
    drop(tui);

    // Again, on the same database: the submission is listed and reopens where it was left.
    let mut tui = Tui::start(&db, &[], 100, 30);
    let screen = tui.wait_for("Iesniegumi");
    assert!(
        screen.contains(&format!("{INSTITUTION}  2019  melnraksts")),
        "the start screen lists the submission:\n{screen}"
    );
    tui.key_enter();
    let screen = tui.wait_for("Pakalpojumu uzskaites rādītāji — Pases izsniegšana");
    assert!(screen.contains("PSTAT"), "back on the table:\n{screen}");
    assert!(!screen.contains(message), "the fix was kept:\n{screen}");
    assert!(
        tui.is_selected("P52     Kopā pieteikumi"),
        "on P52:\n{screen}"
    );
    assert!(!tui.is_selected("P52_K"), "only P52 is selected:\n{screen}");
    for (code, figure) in [
        ("P52 ", "118"),
        ("P52_K", "50"),
        ("P52_T", "10"),
        ("P52_P", "8"),
        ("P52_E", "50"),
    ] {
        let line = tui.line_with(code);
        assert!(line.ends_with(&format!(" {figure} │")), "{code}: {line}");
    }
    tui.wait_for("Pieteikumu kanālu summa: 118");

    // The general section: its progress, then each answer in its question.
    tui.key_esc();
    tui.wait_for("rādītāji — Pakalpojumi");
    tui.key_esc();
    tui.key_up(5);
    let screen = tui.wait_for("✓ V00J");
    assert!(tui.is_selected("Vispārējā informācija par…"), "{screen}");
    let general = tui.line_with("│Vispārējā informācija");
    assert!(
        general.contains(" 5/6"),
        "5 of 6 answered: {general}\n{screen}"
    );
    tui.key_enter();
    tui.wait_for("V00J   1/6");
    tui.wait_for("│120 ");
    tui.key_tab();
    tui.wait_for("(•) Nav");
    tui.key_tab();
    tui.wait_for(URL);
    tui.key_tab();
    tui.wait_for("[x] Sociālie tīkli iestādei nav būtiski");
    tui.key_tab();
    tui.wait_for(ACHIEVEMENTS);
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
    drop(tui);

    // What the database holds.
    let store = Store::open(&db).unwrap();
    let response = store.load_response(1).unwrap();
    assert_eq!(response.answers["V00J"], Value::Number(120.0));
    assert_eq!(response.answers["D61J"], Value::Choice(2));
    assert_eq!(response.answers["WEB_SITES"], Value::Urls(vec![URL.into()]));
    assert_eq!(
        response.answers["SOCIAL_NETWORKS_CHOICE"],
        Value::Choices(vec![0])
    );
    let Value::Text(text) = &response.answers["ACHIEVEMENTS_DESC"] else {
        panic!("{:?}", response.answers["ACHIEVEMENTS_DESC"]);
    };
    assert_eq!(text, ACHIEVEMENTS);
    assert_eq!(*text, text.nfc().collect::<String>(), "stored as NFC");
    let services = response.instances("services");
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].label, "Pases izsniegšana");
    for (code, figure) in [
        ("P52", 118.0),
        ("P52_K", 50.0),
        ("P52_T", 10.0),
        ("P52_P", 8.0),
        ("P52_E", 50.0),
    ] {
        assert_eq!(services[0].answers[code], Value::Number(figure), "{code}");
    }
    assert!(
        !services[0].answers.contains_key("P53"),
        "P53 was left empty"
    );
}

#[test]
fn submit_is_refused_while_an_error_remains() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let mut tui = Tui::start(&db, &[], 100, 30);
    create_submission(&mut tui);
    tui.send("s");
    tui.wait_for("Nevar iesniegt: vispirms izlabojiet kļūdas.");
    let screen = tui.wait_for("Problēmas — ");
    assert!(
        screen.contains("✗ V00J"),
        "the errors are listed:\n{screen}"
    );

    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_anketa"))
        .arg("--db")
        .arg(&db)
        .arg("submissions")
        .env_remove("ANKETA_DB")
        .output()
        .unwrap();
    assert!(listed.status.success());
    let listed = String::from_utf8(listed.stdout).unwrap();
    let line = listed
        .lines()
        .find(|l| l.contains(INSTITUTION))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(line.contains(" draft "), "{line}");
    let status = Store::open(&db).unwrap().submission(1).unwrap().status;
    assert_eq!(status, anketa::exchange::Status::Draft);

    tui.key_esc();
    tui.wait_gone("Problēmas — ");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
}

#[test]
fn tiny_terminal_is_refused_politely_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&db_in(&dir), &[], 40, 12);
    let screen = tui.wait_for("Logs ir par mazu");
    assert!(screen.contains("40×12 → 60×18"), "{screen}");
    tui.resize(100, 30);
    let screen = tui.wait_for("Jauns iesniegums");
    assert!(!screen.contains("Logs ir par mazu"), "{screen}");
    tui.send(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    {
        let parser = tui.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.bracketed_paste(), "bracketed paste turned off");
        assert!(!screen.hide_cursor(), "the cursor is shown again");
    }
    #[cfg(target_os = "linux")]
    if let Some(termios) = tui.master.get_termios() {
        const ICANON: u32 = 0o000002;
        const ECHO: u32 = 0o000010;
        let flags = termios.local_flags.bits();
        assert_eq!(flags & (ICANON | ECHO), ICANON | ECHO, "raw mode is off");
    }
    tui.assert_no_queries();
}

#[test]
fn english_interface() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&db_in(&dir), &["--lang", "en"], 100, 30);
    let screen = tui.wait_for("New submission");
    assert!(screen.contains("Reporting year"), "{screen}");
    assert!(!screen.contains("Jauns iesniegums"), "{screen}");
    tui.send(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
}
