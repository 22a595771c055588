//! End to end, the results view: the real binary in a pseudo-terminal, its screen read back
//! through a terminal emulator (vt100), keys typed as a person would type them. The harness is
//! the one of `e2e.rs`.

use anketa::questionnaire::{self, EINDEX_2019};
use anketa::response::Value;
use anketa::scoring::{self, EINDEX_2019_SCORING, Item};
use anketa::store::Store;
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

const ENTER: &str = "\r";
const TAB: &str = "\t";
const SHIFT_TAB: &str = "\x1b[Z";
const ESC: &str = "\x1b";
const DOWN: &str = "\x1b[B";
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
    // Kept open for the program's lifetime: dropping the master hangs up its terminal.
    _master: Box<dyn MasterPty + Send>,
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
            _master: pair.master,
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

    fn key_down(&mut self, times: usize) {
        self.send(&DOWN.repeat(times));
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`; the screen at that moment.
    #[track_caller]
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Wait until the screen no longer shows `text`.
    #[track_caller]
    fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |screen| !screen.contains(text))
    }

    /// Wait until `ready` holds for the screen; the screen at that moment.
    #[track_caller]
    fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
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
    fn wait_settled(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
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
    fn assert_no_queries(&self) {
        let queries = self.parser.lock().unwrap().callbacks().0.clone();
        assert_eq!(
            queries,
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

const INSTITUTION: &str = "Valsts ieņēmumu dienests";
const CUSTOMER_SERVICE: &str = "Klientu apkalpošana un atbalsts";

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
    tui.wait_for("Ilze Bērziņa");
    tui.key_enter();
    let screen = tui.wait_for("Sadaļas");
    assert!(
        screen.contains(&format!("{INSTITUTION} 2019 · melnraksts")),
        "the header names the submission:\n{screen}"
    );
}

/// The labels of F14's options with the fewest and the most points, from the scoring model.
fn f14_worst_and_best() -> (String, String) {
    let (name, definition) = EINDEX_2019;
    let q = questionnaire::load(name, definition.as_bytes()).unwrap();
    let (file, text) = EINDEX_2019_SCORING;
    let model = scoring::load(file, text, &q).unwrap();
    let (item, points) = model
        .themes
        .iter()
        .flat_map(|t| &t.subthemes)
        .flat_map(|s| &s.items)
        .find_map(|i| match i {
            Item::Question { item, points, .. } if q.items[*item].code == "F14" => {
                Some((*item, points.clone()))
            }
            _ => None,
        })
        .expect("F14 is scored");
    let choices = q.items[item].answer.choices();
    let points_of = |code: i64| {
        points
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0.0, |(_, p)| *p)
    };
    let worst = choices
        .iter()
        .min_by(|a, b| points_of(a.code).total_cmp(&points_of(b.code)))
        .unwrap();
    let best = choices
        .iter()
        .max_by(|a, b| points_of(a.code).total_cmp(&points_of(b.code)))
        .unwrap();
    assert!(points_of(best.code) > points_of(worst.code));
    (worst.label.clone(), best.label.clone())
}

/// The beginning of an option's label: enough to tell it apart, short enough that it is not
/// wrapped onto a second row.
fn start_of(label: &str) -> String {
    label.chars().take(24).collect()
}

/// Where the option beginning with `label` is in the list of the question on screen
/// ("( ) …" and "(•) …" rows, top to bottom; a wrapped label's further rows have no marker).
#[track_caller]
fn option_position(screen: &str, label: &str) -> usize {
    let options: Vec<&str> = screen
        .lines()
        .filter_map(|l| {
            l.split_once("( ) ")
                .or_else(|| l.split_once("(•) "))
                .map(|(_, rest)| rest)
        })
        .collect();
    options
        .iter()
        .position(|o| o.starts_with(&start_of(label)))
        .unwrap_or_else(|| panic!("no option {label:?} in {options:?}:\n{screen}"))
}

/// The customer-service theme on the results overview: its index (decimal comma) and how many
/// cells of its bar are filled; `None` while the row is not (completely) on screen.
fn theme_on_screen(screen: &str) -> Option<(f64, usize)> {
    let row = screen
        .lines()
        .find(|l| l.contains(CUSTOMER_SERVICE) && (l.contains('█') || l.contains('░')))?;
    let mut words = row.split_whitespace();
    let bar = words.find(|w| w.chars().all(|c| matches!(c, '█' | '░')))?;
    let index = words.next()?.replace(',', ".").parse::<f64>().ok()?;
    Some((index, bar.chars().filter(|&c| c == '█').count()))
}

/// The results overview, completely drawn, and the customer-service theme on it.
#[track_caller]
fn results_overview(tui: &Tui) -> (String, f64, usize) {
    let screen = tui.wait_settled("the results overview", |s| {
        s.contains("E-indekss") && s.contains("Rādītāji") && theme_on_screen(s).is_some()
    });
    let (index, filled) = theme_on_screen(&screen).unwrap();
    (screen, index, filled)
}

#[test]
fn results_follow_a_changed_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let (worst, best) = f14_worst_and_best();
    let mut tui = Tui::start(&db, &[], 100, 30);
    create_submission(&mut tui);

    // To "Klientu apkalpošana un atbalsts" in the section list (one row per section), in.
    let screen = tui.wait_settled("the section list", |s| {
        s.contains("Klientu apkalpošana") && s.contains("Iestādes iekšējo procesu")
    });
    let row_of = |text: &str| {
        screen
            .lines()
            .position(|l| l.starts_with('│') && l.contains(text))
            .unwrap_or_else(|| panic!("no section {text:?}:\n{screen}"))
    };
    let steps = row_of("Klientu apkalpošana") - row_of("Vispārējā informācija");
    tui.key_down(steps);
    // The section's overview beside the list is titled with it.
    tui.wait_until("the customer service section", |s| {
        s.lines()
            .any(|l| l.starts_with('┌') && l.contains(CUSTOMER_SERVICE))
    });
    tui.key_enter();
    // The first question, KAA_NOTES, replaces the overview (its list of "· CODE" rows).
    tui.wait_gone("· KAA_NOTES");
    tui.key_tab();

    // F14: its best option, then P1020 "Jā" (asked because F14 scores).
    let offered = format!("( ) {}", start_of(&best));
    let screen = tui.wait_settled("F14", |s| s.contains(&offered));
    assert!(screen.contains("F14"), "{screen}");
    tui.key_down(option_position(&screen, &best));
    tui.send(" ");
    tui.wait_for(&format!("(•) {}", start_of(&best)));
    tui.key_tab();
    let screen = tui.wait_settled("P1020", |s| s.contains("( ) Jā"));
    assert!(screen.contains("P1020"), "{screen}");
    tui.key_down(option_position(&screen, "Jā"));
    tui.send(" ");
    tui.wait_for("(•) Jā");

    // v: the results of this submission.
    tui.send("v");
    let (screen, before, filled_before) = results_overview(&tui);
    assert!(
        screen.contains(&format!("Rezultāti · {INSTITUTION} 2019")),
        "{screen}"
    );
    assert!(
        screen.contains("vieta 1/1"),
        "the only submission:\n{screen}"
    );
    assert!(before > 0.0, "the answers score:\n{screen}");
    assert!(filled_before > 0, "the bar shows it:\n{screen}");

    // Esc: back to filling, on the same question; F14 to its worst option.
    tui.key_esc();
    tui.wait_gone("E-indekss");
    tui.wait_for("(•) Jā");
    tui.send(SHIFT_TAB);
    let chosen = format!("(•) {}", start_of(&best));
    let screen = tui.wait_settled("F14 again", |s| s.contains(&chosen));
    tui.key_down(option_position(&screen, &worst));
    tui.send(" ");
    tui.wait_for(&format!("(•) {}", start_of(&worst)));

    tui.send("v");
    let (screen, after, filled_after) = results_overview(&tui);
    assert!(
        after < before,
        "{CUSTOMER_SERVICE}: {after} after, {before} before:\n{screen}"
    );
    assert!(filled_after <= filled_before, "{screen}");

    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
    drop(tui);

    let q = questionnaire::load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let f14 = q.items.iter().find(|i| i.code == "F14").unwrap();
    let worst_code = f14
        .answer
        .choices()
        .iter()
        .find(|c| c.label == worst)
        .unwrap()
        .code;
    let response = Store::open(&db).unwrap().load_response(1).unwrap();
    assert_eq!(response.answers["F14"], Value::Choice(worst_code));
}

/// The demo institutions, as the start list orders them (by name, byte by byte).
fn demo_names() -> Vec<String> {
    let mut names: Vec<String> = anketa::demo::institutions()
        .unwrap()
        .into_iter()
        .filter(|i| i.in_eindex)
        .map(|i| i.name)
        .collect();
    names.sort();
    names
}

#[test]
fn demo_opens_on_the_institutions_and_enter_shows_results() {
    let dir = tempfile::tempdir().unwrap();
    let names = demo_names();
    let mut tui = Tui::start(&dir.path().join("d.db"), &["demo"], 100, 30);
    let screen = tui.wait_settled("the start list", |s| {
        s.contains("Iesniegumi") && s.contains(names[5].as_str())
    });
    for name in &names[..5] {
        assert!(
            screen.contains(&format!("{name}  2019  pieņemts")),
            "{name} is listed:\n{screen}"
        );
    }
    // The cursor starts on the most recent submission, the first of equals: Enter opens its
    // results (demo mode).
    tui.key_enter();
    let (screen, ..) = results_overview(&tui);
    let first = &names[0];
    assert!(
        screen.contains(&format!("Rezultāti · {first} 2019")),
        "{screen}"
    );
    assert!(screen.contains(&format!("/{}", names.len())), "{screen}");
    assert!(screen.contains(CUSTOMER_SERVICE), "{screen}");
    tui.send(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
}

/// `anketa demo` marks its data: "[demo dati]" on the start list and in the results header.
///
/// Fails today: `Store::import` (src/store/sync.rs) does not store the submissions' `demo`
/// flag, so the generated submissions are stored as real ones and nothing is marked.
#[test]
fn demo_data_is_marked_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&dir.path().join("d.db"), &["demo"], 100, 30);
    let screen = tui.wait_for("Iesniegumi");
    let name = &demo_names()[0];
    let row = screen
        .lines()
        .find(|l| l.contains(name.as_str()))
        .unwrap_or_else(|| panic!("{name}:\n{screen}"));
    assert!(row.contains("[demo dati]"), "{row}");
    tui.key_enter();
    let (screen, ..) = results_overview(&tui);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("[demo dati]"), "{header}");
    tui.send(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}
