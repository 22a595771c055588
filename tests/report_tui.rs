//! The organiser's answer tables in the interface, through the binary in a pseudo-terminal:
//! over the 2024 ICT survey's 145 submissions, the tables show the report's published counts
//! and shares with their bars, the drafts left out; the year can be chosen; a questionnaire
//! without a scoring model shows its tables where others show results, and goes back to the
//! submission being filled. Looking changes nothing in the database.

mod common;

use common::ict;
use common::pty::{DOWN, ENTER, Tui};

/// Every answer and audit row, to show that looking wrote nothing.
fn rows_held(db: &std::path::Path) -> (i64, i64, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    let statuses = conn
        .prepare("SELECT group_concat(status) FROM (SELECT status FROM submissions ORDER BY id)")
        .unwrap()
        .query_row([], |r| r.get::<_, String>(0))
        .unwrap();
    (
        count("SELECT count(*) FROM answers"),
        count("SELECT count(*) FROM audit"),
        statuses,
    )
}

#[test]
fn an_organiser_reads_the_published_tables_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (db, published) = ict::database(dir.path());
    let before = rows_held(&db);
    let mut tui = Tui::start(&db, &["--questionnaire", "ikt-2024"], 120, 40);
    tui.wait_for("Iestāde Nr. 1 ");
    let start = tui.screen();
    assert!(
        start.contains("t atbilžu tabulas"),
        "the key is offered:\n{start}"
    );

    tui.send("t");
    let screen = tui.wait_for("Atbilžu tabulas");
    assert!(
        screen.contains("n = 145"),
        "drafts are not counted:\n{screen}"
    );
    assert!(screen.contains("visi gadi"), "{screen}");
    // Each published table in turn: every row's count and share on the line of its label.
    for table in &published.tables {
        let screen = go_to_table(&mut tui, &table.question);
        for row in &table.rows {
            let label = row.label.split(' ').take(2).collect::<Vec<_>>().join(" ");
            let line = screen
                .lines()
                .find(|l| l.contains(&label) && l.contains(&row.share))
                .unwrap_or_else(|| {
                    panic!(
                        "{} {:?} {}:\n{screen}",
                        table.question, row.label, row.share
                    )
                });
            assert!(line.contains(&format!(" {} ", row.count)), "{line}");
            assert!(line.contains('█'), "a bar is drawn for a share: {line}");
        }
    }

    // The year: 2024 only, then every year again.
    tui.send("g");
    tui.wait_for("2024. gads");
    assert!(tui.screen().contains("n = 145"));
    tui.send("g");
    tui.wait_for("visi gadi");

    // Back to the list, into a submission, and its results key: the tables, then back.
    tui.esc("the start list", |s| {
        s.contains("Iestāde Nr. 1 ") && !s.contains("Atbilžu tabulas")
    });
    tui.send(ENTER);
    tui.wait_until("the submission open", |s| {
        s.contains("IKT01") || s.contains("Sadaļas")
    });
    let filling = tui.screen();
    tui.send("\x1b[15~"); // F5, the results key on every question
    let screen = tui.wait_for("Atbilžu tabulas");
    assert!(
        screen.contains("nav vērtēšanas modeļa"),
        "it says why these are tables:\n{screen}"
    );
    tui.esc("the submission again", |s| !s.contains("Atbilžu tabulas"));
    let back = tui.screen();
    assert_eq!(
        first_line(&back),
        first_line(&filling),
        "the same submission, as it was"
    );
    tui.send("\x11");
    assert!(tui.wait_exit().success());
    assert_eq!(
        rows_held(&db),
        before,
        "looking at the tables wrote nothing"
    );
}

/// Move the cursor down to the table of `code` (tables come in the questionnaire's order);
/// the screen showing it.
fn go_to_table(tui: &mut Tui, code: &str) -> String {
    for _ in 0..200 {
        let screen = tui.screen();
        let (shown, index) = shown_table(&screen);
        if shown == code {
            return screen;
        }
        tui.send(DOWN);
        tui.wait_until(&format!("table {}", index + 1), |s| {
            shown_table(s).1 == index + 1
        });
    }
    panic!("no table {code}");
}

/// The code and place of the table shown, from its window's title "┌ IKT01 (1/26) ─".
fn shown_table(screen: &str) -> (String, usize) {
    let title = screen
        .lines()
        .flat_map(|l| l.split('┌').skip(1))
        .find(|t| t.contains("/") && t.contains(" ("))
        .unwrap_or_else(|| panic!("no table shown:\n{screen}"));
    let (code, rest) = title.trim_start().split_once(" (").unwrap();
    let index = rest.split('/').next().unwrap().parse().unwrap();
    (code.to_owned(), index)
}

fn first_line(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}
