//! A key in the real binary, in a pseudo-terminal (issue 14): the time from typing a digit in
//! a service's statistics table to the end of the frame that shows it, at 226 and at 5,000
//! services, beside the floor of the same pseudo-terminal — `cat` in raw mode echoing a key.
//!
//! Criterion times the round trips; besides, median and p99 over 1,000 keys each are printed.
//! `docs/performance.md` reports the ratios.

#[path = "support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::thread;
use std::time::{Duration, Instant};

/// How every frame of anketa's ends: the cursor hidden, or shown where a field is typed into.
const FRAME_ENDS: [&[u8]; 2] = [b"\x1b[?25l", b"\x1b[?25h"];
const KEYS: usize = 1_000;
const TOO_LONG: Duration = Duration::from_secs(10);

/// A program in a 200×60 pseudo-terminal, and what it writes, as it comes.
struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    // Kept open for the program's lifetime: dropping it hangs up the terminal.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    fn start(cmd: CommandBuilder) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 60,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("start the program");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("read the terminal");
        let (send, output) = channel();
        thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || send.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Pty {
            child,
            writer: pair.master.take_writer().expect("write to the terminal"),
            output,
            _master: pair.master,
        }
    }

    /// Type `key` and wait until what comes back satisfies `done`: how long that took.
    fn round_trip(&mut self, key: &[u8], done: impl Fn(&[u8]) -> bool) -> Duration {
        while self.output.try_recv().is_ok() {}
        let start = Instant::now();
        self.writer.write_all(key).unwrap();
        self.writer.flush().unwrap();
        let mut seen = Vec::new();
        while !done(&seen) {
            match self.output.recv_timeout(TOO_LONG) {
                Ok(chunk) => seen.extend_from_slice(&chunk),
                Err(_) => panic!("nothing came back for {key:?} in {TOO_LONG:?}"),
            }
        }
        start.elapsed()
    }

    /// Type `keys`, then let the program settle.
    fn type_and_wait(&mut self, keys: &str, settle: Duration) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        thread::sleep(settle);
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn frame_ended(seen: &[u8]) -> bool {
    FRAME_ENDS
        .iter()
        .any(|end| seen.windows(end.len()).any(|w| w == *end))
}

/// anketa on a submission of `services` services, in the first service's table, a cell open.
fn anketa_in_a_cell(dir: &std::path::Path, services: usize) -> Pty {
    support::database(dir, services);
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_anketa"));
    cmd.args(["--db", dir.join("a.db").to_str().unwrap()]);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("ANKETA_DB");
    cmd.cwd(dir);
    let mut pty = Pty::start(cmd);
    let settle = Duration::from_secs(2);
    pty.type_and_wait("", settle);
    // Open the submission, down to the services' statistics, the first service, a cell.
    pty.type_and_wait("\r", settle);
    pty.type_and_wait(&"\x1b[B".repeat(5), settle);
    pty.type_and_wait("\r", settle);
    pty.type_and_wait("\r", settle);
    pty.type_and_wait("\r", settle);
    pty
}

fn raw_echo() -> Pty {
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "stty raw -echo; exec cat"]);
    let mut pty = Pty::start(cmd);
    pty.type_and_wait("", Duration::from_millis(500));
    pty
}

/// A digit, then Backspace, in turn: each changes the answer, and each is a frame.
fn key(n: usize) -> &'static [u8] {
    if n.is_multiple_of(2) { b"7" } else { b"\x7f" }
}

fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    (at(0.5), at(0.99))
}

fn keys_in_a_pty(c: &mut Criterion) {
    let mut group = c.benchmark_group("key in a pseudo-terminal, 200x60");
    group.sample_size(20);
    let mut floor = raw_echo();
    group.bench_function("floor: cat in raw mode echoes a key", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| floor.round_trip(b"7", |s| s.contains(&b'7')))
                .sum()
        })
    });
    let (floor_median, floor_p99) = percentiles(
        (0..KEYS)
            .map(|_| floor.round_trip(b"7", |s| s.contains(&b'7')))
            .collect(),
    );
    println!("floor: median {floor_median:?}, p99 {floor_p99:?}");
    let mut p99s = Vec::new();
    for services in [226, 5_000] {
        let dir = tempfile::tempdir().unwrap();
        let mut tui = anketa_in_a_cell(dir.path(), services);
        let mut n = 0;
        group.bench_function(format!("type a digit, {services} services"), |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        n += 1;
                        tui.round_trip(key(n), frame_ended)
                    })
                    .sum()
            })
        });
        let (median, p99) = percentiles(
            (0..KEYS)
                .map(|_| {
                    n += 1;
                    tui.round_trip(key(n), frame_ended)
                })
                .collect(),
        );
        println!(
            "{services} services: median {median:?}, p99 {p99:?}; ÷ floor: median {:.1}, p99 {:.1}",
            median.as_secs_f64() / floor_median.as_secs_f64(),
            p99.as_secs_f64() / floor_p99.as_secs_f64()
        );
        p99s.push(p99);
    }
    println!(
        "p99 at 5,000 services ÷ p99 at 226: {:.2}",
        p99s[1].as_secs_f64() / p99s[0].as_secs_f64()
    );
    group.finish();
}

criterion_group!(benches, keys_in_a_pty);
criterion_main!(benches);
