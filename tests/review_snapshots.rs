//! What the review loop's screens look like: support staff's inbox, a submission opened for
//! review, its problems and queries, the refusal to accept, a correction in the history of
//! the answer, the respondent's side of a returned submission and what the respondent changed
//! since the return. Each world is built
//! as the loop builds it — a respondent's database and support staff's, sharing nothing but
//! submission files — then the interface is driven action by action and drawn at 80×24 and at
//! 120×40, in Latvian and without colour, and compared with the stored snapshots
//! (`tests/snapshots/review_snapshots__*.snap`). Each test also says in plain assertions what
//! a person at the keyboard must see, so that a snapshot accepted without looking still
//! cannot hide the point.
//!
//! The clock and the machine ids are the only things that differ from run to run: before a
//! screen is compared, every time shown (`2026-11-24 09:44`) is replaced by one fixed time
//! and each database's machine id by a fixed one, both of the same width, so that nothing
//! else on the screen moves.

mod common;

use anketa::exchange::{QueryRecord, QueryStatus, Status};
use anketa::i18n::{Lang, tr};
use anketa::inbox;
use anketa::questionnaire::{EINDEX_2019, FilledBy, Questionnaire, Severity};
use anketa::response::Value;
use anketa::rules::FindingKind;
use anketa::sample::full_response;
use anketa::store::{AnswerKey, PersonId, Resolution, Role, Store, SubmissionId};
use anketa::tui::keymap::{self, Mode};
use anketa::tui::model::{Focus, Overlay, Screen};
use anketa::tui::{Action, Options};
use common::fixtures::eindex;
use common::store::{export_file, import, institution};
use common::tui::{
    SIZES, Tui, app_on, assert_on_screens, current_code, draw, fill, on_screen, options,
    screen_text, typed, update, words,
};
use std::path::Path;

const RESPONDENT: &str = "Ilze Bērziņa";
const REVIEWER: &str = "Jānis Kalniņš";
const VID: &str = common::INSTITUTION;
const KULDIGA: &str = "Kuldīgas novada pašvaldība";
const RSU: &str = "Rīgas Stradiņa universitāte";
const SERVICES: [&str; 2] = ["Deklarāciju pieņemšana", "Uzziņu sniegšana"];
/// The service whose results total is planted 5 above the sum of its channels.
const PLANTED: &str = SERVICES[1];
const QUERY_ON_P53: &str = "Kanālu summa nesakrīt ar kopskaitu: lūdzu, pārbaudiet";
const QUERY_ON_ALL: &str = "Lūdzu, papildiniet sasniegumu aprakstu";
const QUERY_ON_KULDIGA: &str = "Lūdzu, norādiet arī klientu apkalpošanas centrus";
const REPLY_ON_P53: &str = "Izlabots: kļūda ievadot";
const REPLY_ON_ALL: &str = "Papildināts, paldies";

/// The fixed time and machine ids that the screens are compared with.
const SHOWN_TIME: &str = "2026-11-24 10:00";
const SHOWN_MACHINES: [&str; 2] = ["a1b2c3d4e5f60718", "5f2c9a0e7d41b386"];

// ---------------------------------------------------------------------------------------------
// The worlds

/// Whether `code` belongs to the expert part, which support staff fill.
fn expert(q: &Questionnaire, code: &str) -> bool {
    q.item(code)
        .is_some_and(|item| q.parts[q.section_of(item).part].filled_by == FilledBy::Expert)
}

/// A respondent's database at `path` with one submission of `name`, every respondent's
/// question answered (services named `services`), the expert part left blank, submitted.
fn respondent_db(path: &Path, name: &str, reg_no: &str, services: &[&str]) -> (Store, PersonId) {
    let q = eindex();
    let mut store = Store::open(path).unwrap();
    let qrow = store.register_questionnaire(q, EINDEX_2019.1).unwrap();
    let inst = store.institution(&institution(name, reg_no)).unwrap();
    let person = store.person(RESPONDENT, Role::Respondent).unwrap();
    let id = store.create_submission(inst, qrow, 2019, person).unwrap();
    let response = full_response(q, services.len());
    for (code, v) in response.answers.iter().filter(|(c, _)| !expert(q, c)) {
        store
            .save_answer(id, AnswerKey::top(code), Some(v), person)
            .unwrap();
    }
    for (roster, instances) in &response.rosters {
        let free = q.rosters[q.roster(roster).unwrap()].from.is_none();
        for (n, i) in instances.iter().enumerate() {
            let key = if free {
                let label = services.get(n).copied().unwrap_or(&i.label);
                store.add_instance(id, roster, label, person).unwrap()
            } else {
                i.key.clone()
            };
            for (code, v) in i.answers.iter().filter(|(c, _)| !expert(q, c)) {
                let key = AnswerKey::in_roster(roster, &key, code);
                store.save_answer(id, key, Some(v), person).unwrap();
            }
        }
    }
    store.set_status(id, Status::Submitted, person).unwrap();
    (store, person)
}

/// Support staff fill the expert part of `id`, as the full sample response answers it.
fn fill_expert_part(store: &mut Store, id: SubmissionId, person: PersonId) {
    let q = eindex();
    let response = full_response(q, 0);
    for (code, v) in response.answers.iter().filter(|(c, _)| expert(q, c)) {
        store
            .save_answer(id, AnswerKey::top(code), Some(v), person)
            .unwrap();
    }
    // The expert part's rosters are derived from the respondent's answers (web sites, social
    // networks): their instances are keyed by those answers, the same in every response.
    for (roster, instances) in &response.rosters {
        for i in instances {
            for (code, v) in i.answers.iter().filter(|(c, _)| expert(q, c)) {
                let key = AnswerKey::in_roster(roster, &i.key, code);
                store.save_answer(id, key, Some(v), person).unwrap();
            }
        }
    }
}

/// Carry the submission `id` of `from` to `to` in a file, as `anketa export` and `anketa
/// import` do; its id in `to`.
fn carry(from: &mut Store, id: SubmissionId, to: &mut Store) -> SubmissionId {
    let uid = from.submission(id).unwrap().uid;
    import(to, &export_file(from, &[id]), Resolution::Refuse).unwrap();
    to.submissions()
        .unwrap()
        .into_iter()
        .find(|s| s.uid == uid)
        .unwrap()
        .id
}

/// The respondent's side and support staff's, and where the planted error is.
struct World {
    dir: tempfile::TempDir,
    laptop: Store,
    ilze: PersonId,
    /// The respondent's submission of VID, in the laptop's database.
    mine: SubmissionId,
    support: Store,
    janis: PersonId,
    /// The same submission in support staff's database.
    vid: SubmissionId,
    /// The planted service's instance key and its true results total.
    service: String,
    total: f64,
}

/// VID's respondent fills and submits with a service's results total (P53) 5 more than its
/// channels sum, and exports; support staff import it beside two other institutions': one
/// returned with an open query, one accepted.
fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let (mut laptop, ilze) =
        respondent_db(&dir.path().join("laptop.db"), VID, "90000069281", &SERVICES);
    let mine = SubmissionId(1);
    // Planted: a figure that came past the checks, as an older program or a hand-edited file
    // would bring it.
    let instance = laptop.load_response(mine).unwrap().instances("services")[1].clone();
    assert_eq!(instance.label, PLANTED);
    let Some(Value::Number(total)) = instance.answers.get("P53").cloned() else {
        panic!("P53 answered");
    };
    let key = AnswerKey::in_roster("services", &instance.key, "P53");
    laptop
        .save_answer(mine, key, Some(&Value::Number(total + 5.0)), ilze)
        .unwrap();

    let mut support = Store::open(&dir.path().join("support.db")).unwrap();
    let janis = support.person(REVIEWER, Role::Support).unwrap();
    let vid = carry(&mut laptop, mine, &mut support);
    for (n, (name, reg_no)) in [(KULDIGA, "90000058625"), (RSU, "90000013606")]
        .into_iter()
        .enumerate()
    {
        let (mut other, _) = respondent_db(
            &dir.path().join(format!("other{n}.db")),
            name,
            reg_no,
            &["Būvatļaujas izsniegšana"],
        );
        let id = carry(&mut other, SubmissionId(1), &mut support);
        fill_expert_part(&mut support, id, janis);
        if name == KULDIGA {
            support
                .open_query(id, AnswerKey::top("V00J"), QUERY_ON_KULDIGA, janis)
                .unwrap();
            inbox::return_submission(&mut support, id, None, janis).unwrap();
        } else {
            inbox::accept(&mut support, id, janis).unwrap();
        }
    }
    World {
        dir,
        laptop,
        ilze,
        mine,
        support,
        janis,
        vid,
        service: instance.key,
        total,
    }
}

impl World {
    /// Support staff ask about P53 of the planted service and about the submission as a
    /// whole, and return it; the respondent imports the file.
    fn returned(&mut self) {
        let key = AnswerKey::in_roster("services", &self.service, "P53");
        self.support
            .open_query(self.vid, key, QUERY_ON_P53, self.janis)
            .unwrap();
        inbox::return_submission(&mut self.support, self.vid, Some(QUERY_ON_ALL), self.janis)
            .unwrap();
        carry(&mut self.support, self.vid, &mut self.laptop);
    }

    /// The respondent corrects the total, answers both queries and submits again; support
    /// staff import the file.
    fn resubmitted(&mut self) {
        self.returned();
        let key = AnswerKey::in_roster("services", &self.service, "P53");
        self.laptop
            .save_answer(self.mine, key, Some(&Value::Number(self.total)), self.ilze)
            .unwrap();
        let queries = self.laptop.queries(self.mine).unwrap();
        for (query, reply) in queries.iter().zip([REPLY_ON_P53, REPLY_ON_ALL]) {
            self.laptop
                .reply(
                    self.mine,
                    &query.uid,
                    reply,
                    Some(QueryStatus::Answered),
                    self.ilze,
                )
                .unwrap();
        }
        self.laptop
            .set_status(self.mine, Status::Submitted, self.ilze)
            .unwrap();
        carry(&mut self.laptop, self.mine, &mut self.support);
    }

    fn machines(&self) -> [String; 2] {
        [
            self.laptop.machine().to_owned(),
            self.support.machine().to_owned(),
        ]
    }

    /// Support staff's interface (`anketa --user "Jānis Kalniņš" review`), on the inbox.
    fn review(self) -> (Tui, Screens) {
        let opts = Options {
            role: Role::Support,
            user: REVIEWER.into(),
            ..options(self.dir.path())
        };
        let screens = Screens {
            machines: self.machines(),
            _dir: self.dir,
        };
        let mut tui = app_on(self.support, "q.toml", EINDEX_2019.1, opts);
        anketa::tui::open_inbox(&mut tui.app, &mut tui.store);
        assert!(
            matches!(tui.screen, Screen::Inbox(_)),
            "review opens the inbox"
        );
        (tui, screens)
    }

    /// The respondent's interface (plain `anketa`), on the list of submissions.
    fn respond(self) -> (Tui, Screens) {
        let opts = options(self.dir.path());
        let screens = Screens {
            machines: self.machines(),
            _dir: self.dir,
        };
        let tui = app_on(self.laptop, "q.toml", EINDEX_2019.1, opts);
        assert!(matches!(tui.screen, Screen::Start(_)));
        (tui, screens)
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// What differs from run to run on a screen, replaced before comparing.
struct Screens {
    /// The respondent's and support staff's machine ids.
    machines: [String; 2],
    /// Where the databases are, kept while the interface works on them.
    _dir: tempfile::TempDir,
}

impl Screens {
    /// `text` with every time shown as `YYYY-MM-DD HH:MM` replaced by [`SHOWN_TIME`] and the
    /// machine ids by [`SHOWN_MACHINES`]: the same widths, so nothing else moves.
    fn steady(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (id, shown) in self.machines.iter().zip(SHOWN_MACHINES) {
            assert_eq!(id.chars().count(), shown.chars().count());
            out = out.replace(id.as_str(), shown);
        }
        let chars: Vec<char> = out.chars().collect();
        let pattern = "dddd-dd-dd dd:dd";
        let mut result = String::with_capacity(out.len());
        let mut i = 0;
        while i < chars.len() {
            let fits = i + pattern.len() <= chars.len()
                && pattern.chars().zip(&chars[i..]).all(|(p, c)| match p {
                    'd' => c.is_ascii_digit(),
                    p => p == *c,
                });
            if fits {
                result.push_str(SHOWN_TIME);
                i += pattern.len();
            } else {
                result.push(chars[i]);
                i += 1;
            }
        }
        result
    }

    /// Draw at both sizes, compare each with its snapshot (`{name}_80x24`, `{name}_120x40`),
    /// and return the two screens as text for further assertions.
    fn snapshot_both(&self, app: &mut Tui, name: &str) -> [String; 2] {
        SIZES.map(|(w, h)| {
            let terminal = draw(app, w, h);
            let shown = self.steady(&terminal.backend().to_string());
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
            self.steady(&screen_text(&terminal))
        })
    }
}

/// The row of a screen on which `needle` is.
fn row_of<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?} on the screen:\n{screen}"))
}

/// The text inside the bordered panel or window whose top border begins with `title`, its
/// borders and whatever is drawn beside it left out, so that text wrapped over its rows
/// reads as one run of words (see [`on_screen`]).
fn window(screen: &str, title: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let corner = format!("┌ {title}");
    let (top, left) = rows
        .iter()
        .enumerate()
        .find_map(|(n, row)| {
            let line: String = row.iter().collect();
            line.find(&corner)
                .map(|byte| (n, line[..byte].chars().count()))
        })
        .unwrap_or_else(|| panic!("no window {title:?} on the screen:\n{screen}"));
    let right = left
        + 1
        + rows[top][left + 1..]
            .iter()
            .position(|&c| c == '┐')
            .expect("the window's top right corner");
    rows[top + 1..]
        .iter()
        .take_while(|row| row.get(left) != Some(&'└'))
        .map(|row| {
            let inside: String = (left + 1..right)
                .map(|i| row.get(i).copied().unwrap_or(' '))
                .collect();
            inside.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `needle` is inside the window `title` on every screen.
#[track_caller]
fn assert_in_window(screens: &[String], title: &str, needle: &str) {
    for screen in screens {
        let inside = window(screen, title);
        assert!(
            on_screen(&inside, needle),
            "{needle:?} is not in the window {title:?}:\n{inside}\n\nof the screen:\n{screen}"
        );
    }
}

/// A figure as the screens write it.
fn shown(n: f64) -> String {
    anketa::expr::format_number(n)
}

/// Open the submission under the inbox's cursor.
fn open_from_the_inbox(tui: &mut Tui, institution: &str) {
    let Screen::Inbox(inbox) = &tui.screen else {
        panic!("not on the inbox");
    };
    let row = inbox.selected().expect("a row under the cursor");
    assert_eq!(row.summary.institution, institution);
    update(tui, Action::Enter);
    assert!(matches!(tui.screen, Screen::Fill(_)), "Enter opens it");
}

/// From the problems list (F8) to the planted error's question: the finding that is an error
/// but not a missing answer.
fn go_to_the_planted_error(tui: &mut Tui) {
    update(tui, Action::Problems);
    let index = fill(tui)
        .eval()
        .findings
        .iter()
        .position(|f| f.severity == Severity::Error && f.kind != FindingKind::Missing)
        .expect("the planted error is found");
    for _ in 0..index {
        update(tui, Action::Down);
    }
    update(tui, Action::Enter);
    assert_eq!(current_code(tui), "PSTAT");
}

// ---------------------------------------------------------------------------------------------
// Support staff's inbox

#[test]
fn inbox_with_submissions_of_every_status() {
    let (mut tui, screens) = world().review();
    let shots = screens.snapshot_both(&mut tui, "inbox");
    assert_on_screens(&shots, "Iesniegumu pārbaude — 3/3");
    assert_on_screens(&shots, "Meklēt:");
    assert_on_screens(&shots, "kārtots: gaida pārbaudi");
    for shot in &shots {
        let header = row_of(shot, "Iestāde");
        for column in ["Statuss", "Kļūdas", "Brīdin.", "Precizējumi", "Eksperts"] {
            assert!(header.contains(column), "{header}");
        }
        // The waiting order: handed in first, then returned, accepted last.
        let vid = row_of(shot, VID);
        assert!(
            words(vid).starts_with(&["Valsts", "ieņēmumu", "dienests", "2019"]),
            "{vid}"
        );
        assert!(vid.contains("iesniegts"), "{vid}");
        assert!(words(vid).contains(&"1"), "the planted error: {vid}");
        assert!(vid.contains('✗'), "the expert part is not filled: {vid}");
        let kuldiga = row_of(shot, "Kuldīgas novada");
        assert!(kuldiga.contains("atgriezts"), "{kuldiga}");
        assert!(kuldiga.contains("1 / 0"), "one open query: {kuldiga}");
        let rsu = row_of(shot, "Rīgas Stradiņa");
        assert!(rsu.contains("pieņemts") && rsu.contains('✓'), "{rsu}");
        let at = |row: &str| shot.find(row).unwrap();
        assert!(at(vid) < at(kuldiga) && at(kuldiga) < at(rsu), "{shot}");
        // A name too long for its column says so.
        assert!(kuldiga.contains("Kuldīgas novada pašvald…"), "{kuldiga}");
    }
    assert_on_screens(&shots, "Enter atvērt");
    assert_on_screens(&shots, "Tab statuss");
    assert_on_screens(&shots, "F3 kārtot");
    // Room for the questionnaire and the time of the last change only at 120 columns.
    assert!(!shots[0].contains("Mainīts"), "{}", shots[0]);
    assert!(row_of(&shots[1], "Iestāde").contains("Mainīts"));
    assert!(row_of(&shots[1], VID).contains(SHOWN_TIME));
}

#[test]
fn inbox_searched_without_diacritics() {
    let (mut tui, screens) = world().review();
    typed(&mut tui, "kuldiga");
    let shots = screens.snapshot_both(&mut tui, "inbox_search");
    assert_on_screens(&shots, "Meklēt: kuldiga");
    assert_on_screens(&shots, "Iesniegumu pārbaude — 1/3");
    for shot in &shots {
        let row = row_of(shot, "Kuldīgas novada");
        assert!(row.contains("atgriezts"), "{row}");
        assert!(!shot.contains(VID) && !shot.contains("Rīgas"), "{shot}");
    }
    // Esc clears the search: every submission again.
    update(&mut tui, Action::Back);
    let screen = screen_text(&draw(&mut tui, 80, 24));
    assert!(screen.contains("Iesniegumu pārbaude — 3/3"), "{screen}");
}

// ---------------------------------------------------------------------------------------------
// A submission under review

#[test]
fn a_submission_opened_for_review() {
    let (mut tui, screens) = world().review();
    open_from_the_inbox(&mut tui, VID);
    assert_eq!(fill(&tui).focus, Focus::Sections);
    let shots = screens.snapshot_both(&mut tui, "review_opened");
    assert_on_screens(&shots, "Valsts ieņēmumu dienests 2019 · iesniegts");
    // The notice says what support staff may change, in full at both sizes.
    assert_on_screens(
        &shots,
        "Pārbaude: eksperta daļa ir jūsu; respondenta atbildes labo ar pamatojumu (F11).",
    );
    // The reviewer's keys: asking and the list of queries always; the rest as room allows.
    assert_on_screens(&shots, "F6 jautāt");
    assert_on_screens(&shots, "F7 precizējumi");
    assert_on_screens(&shots, "? palīdzība");
    for key in ["F9 atgriezt", "F10 pieņemt", "F11 labot"] {
        assert!(shots[1].contains(key), "{key}:\n{}", shots[1]);
    }
    for shot in &shots {
        assert!(!shot.contains("s iesniegt"), "nothing to submit: {shot}");
        // The section with the planted error is marked, and the expert part is listed.
        let services = row_of(shot, "Pakalpojumu u");
        assert!(services.contains("✗1"), "{services}");
        let expert = row_of(shot, "Ekspertu vērtējum");
        assert!(expert.contains("0/22"), "{expert}");
    }
    assert_in_window(&shots, "Sadaļas", "Sociālo tīklu eksp");
}

#[test]
fn the_problems_list_leads_to_the_planted_error_and_a_query_is_asked_there() {
    let world = world();
    let total = world.total;
    let (mut tui, screens) = world.review();
    open_from_the_inbox(&mut tui, VID);
    update(&mut tui, Action::Problems);
    assert!(matches!(tui.overlay, Some(Overlay::Problems { cursor: 0 })));
    let shots = screens.snapshot_both(&mut tui, "review_problems");
    let planted = format!(
        "✗ P53 ({PLANTED}) — Izsniegto rezultātu kopskaits ({}) nesakrīt ar kanālu summu ({})",
        shown(total + 5.0),
        shown(total)
    );
    assert_in_window(&shots, "Problēmas", &planted);
    assert_on_screens(&shots, "Problēmas — 27 kļūdas, 0 brīdinājumu");
    // The expert part, not filled yet, is what else support staff have to do.
    assert_in_window(
        &shots,
        "Problēmas",
        "✗ M08 (https://www.example.gov.lv) — Nav atbildes uz obligātu jautājumu",
    );
    assert_on_screens(&shots, "Enter pāriet");
    update(&mut tui, Action::Close);

    go_to_the_planted_error(&mut tui);
    update(&mut tui, Action::AskQuery);
    let Some(Overlay::Prompt(prompt)) = &tui.overlay else {
        panic!("F6 asks for the query's text");
    };
    assert_eq!(
        prompt.title,
        format!("Precizējums respondentam — P53 [{PLANTED}]")
    );
    typed(&mut tui, QUERY_ON_P53);
    update(&mut tui, Action::Accept);
    assert!(tui.overlay.is_none());
    let shots = screens.snapshot_both(&mut tui, "review_query_beside_question");
    let panel = format!("Pakalpojumu uzskaites rādītāji — {PLANTED}");
    assert_in_window(
        &shots,
        &panel,
        &format!("? Precizējums (atvērts) P53: {QUERY_ON_P53} — {REVIEWER}"),
    );
    assert_in_window(
        &shots,
        &panel,
        &format!(
            "✗ P53: Izsniegto rezultātu kopskaits ({}) nesakrīt ar kanālu summu ({})",
            shown(total + 5.0),
            shown(total)
        ),
    );
    for shot in &shots {
        let row = row_of(shot, "P53   Kopā rezultāta izsniegšana");
        assert!(row.contains(&shown(total + 5.0)), "{row}");
    }
    assert_on_screens(
        &shots,
        "Precizējums pievienots; respondents to redzēs pēc atgriešanas (F9).",
    );
}

#[test]
fn queries_with_a_thread_answered_by_the_respondent_and_one_closed() {
    let mut world = world();
    world.resubmitted();
    let (mut tui, screens) = world.review();
    open_from_the_inbox(&mut tui, VID);
    update(&mut tui, Action::Close);
    update(&mut tui, Action::Queries);
    // The second thread closed with a note.
    update(&mut tui, Action::Down);
    update(&mut tui, Action::CloseQuery);
    let Some(Overlay::Prompt(prompt)) = &tui.overlay else {
        panic!("c asks for a closing note");
    };
    assert_eq!(
        prompt.title,
        "Slēgt precizējumu (piezīme, var atstāt tukšu)"
    );
    typed(&mut tui, "Paldies");
    update(&mut tui, Action::Accept);
    assert!(matches!(tui.overlay, Some(Overlay::Queries { cursor: 1 })));
    let shots = screens.snapshot_both(&mut tui, "review_queries");
    let title = "Precizējumi";
    for needle in [
        format!("[atbildēts] P53 [{PLANTED}]"),
        format!("{SHOWN_TIME} {REVIEWER} (atbalsta dienests): {QUERY_ON_P53}"),
        format!("{SHOWN_TIME} {RESPONDENT}: {REPLY_ON_P53}"),
        "[slēgts] iesniegums kopumā".to_owned(),
        format!("{SHOWN_TIME} {RESPONDENT}: {REPLY_ON_ALL}"),
        format!("{SHOWN_TIME} {REVIEWER} (atbalsta dienests): Paldies"),
    ] {
        assert_in_window(&shots, title, &needle);
    }
    for shot in &shots {
        // Each thread in order: the question, then the answer under it.
        let inside = window(shot, title);
        let at = |text: &str| inside.find(text).unwrap();
        assert!(at(QUERY_ON_P53) < at(REPLY_ON_P53));
        assert!(at(REPLY_ON_P53) < at("[slēgts]"));
        assert!(at(QUERY_ON_ALL) < at(REPLY_ON_ALL));
    }
    assert_on_screens(&shots, "a atbildēt");
    assert_on_screens(&shots, "c slēgt");
    assert!(shots[1].contains("o atvērt vēlreiz"), "{}", shots[1]);
}

#[test]
fn accepting_is_refused_with_everything_still_missing() {
    let world = world();
    let total = world.total;
    let (mut tui, screens) = world.review();
    open_from_the_inbox(&mut tui, VID);
    // A query on the submission as a whole, asked from the section list.
    update(&mut tui, Action::AskQuery);
    typed(&mut tui, QUERY_ON_ALL);
    update(&mut tui, Action::Accept);
    update(&mut tui, Action::AcceptSubmission);
    assert!(
        matches!(tui.overlay, Some(Overlay::Text { .. })),
        "a refusal, not the question whether to accept"
    );
    let shots = screens.snapshot_both(&mut tui, "review_accept_refused");
    let title = "Vēl nevar";
    assert_in_window(&shots, title, "Pieņemt vēl nevar:");
    assert_in_window(
        &shots,
        title,
        &format!(
            "kļūda P53 [{PLANTED}]: Izsniegto rezultātu kopskaits ({}) nesakrīt ar kanālu summu ({})",
            shown(total + 5.0),
            shown(total)
        ),
    );
    assert_in_window(
        &shots,
        title,
        "eksperta daļa: M08 [https://www.example.gov.lv] nav aizpildīts",
    );
    assert_on_screens(&shots, "↑↓ ritināt");
    let open_query = "precizējums (iesniegums kopumā) nav slēgts: atvērts";
    assert!(
        on_screen(&window(&shots[1], title), open_query),
        "{}",
        shots[1]
    );
    // At 80×24 the list goes on below: scrolled, its end comes into view.
    for _ in 0..30 {
        update(&mut tui, Action::Down);
    }
    let end = screen_text(&draw(&mut tui, 80, 24));
    assert!(on_screen(&window(&end, title), open_query), "{end}");
    assert!(
        !on_screen(&window(&end, title), "Pieņemt vēl nevar:"),
        "{end}"
    );
}

#[test]
fn a_correction_keeps_its_reason_in_the_history_of_the_answer() {
    let world = world();
    let (total, service, vid) = (world.total, world.service.clone(), world.vid);
    let (mut tui, screens) = world.review();
    open_from_the_inbox(&mut tui, VID);
    go_to_the_planted_error(&mut tui);
    update(&mut tui, Action::Correct);
    let Some(Overlay::Prompt(prompt)) = &tui.overlay else {
        panic!("F11 asks for the reason");
    };
    assert_eq!(prompt.title, "Labojuma pamatojums (to redzēs respondents)");
    let reason = "Kopskaits pēc VID datiem";
    typed(&mut tui, reason);
    update(&mut tui, Action::Accept);
    assert!(fill(&tui).correcting());
    typed(&mut tui, &shown(total));
    update(&mut tui, Action::Enter);
    update(&mut tui, Action::History);
    assert!(matches!(tui.overlay, Some(Overlay::Text { .. })));
    let shots = screens.snapshot_both(&mut tui, "review_history");
    let title = "Atbildes vēsture";
    let [laptop, office] = SHOWN_MACHINES;
    let planted = format!(
        "{SHOWN_TIME} {RESPONDENT} [{laptop}]: P53 [{PLANTED}] {} → {}",
        shown(total),
        shown(total + 5.0)
    );
    let corrected = format!(
        "{SHOWN_TIME} {REVIEWER} (atbalsta dienests) [{office}]: P53 [{PLANTED}] {} → {} — {reason}",
        shown(total + 5.0),
        shown(total)
    );
    // Oldest first: the respondent's answers (from their machine), then the correction.
    let inside = window(&shots[1], title);
    assert!(on_screen(&inside, &planted), "{inside}");
    assert!(on_screen(&inside, &corrected), "{inside}");
    assert!(
        inside.find(&planted) < inside.find(&corrected[..40]),
        "{inside}"
    );
    assert_on_screens(&shots, "↑↓ ritināt");
    // At 80×24 the window starts with the oldest entry, wrapped over two rows.
    assert!(
        on_screen(
            &window(&shots[0], title),
            &format!("{SHOWN_TIME} {RESPONDENT} [{laptop}]: P1023 [{PLANTED}] (nav atbildes) → 1")
        ),
        "{}",
        shots[0]
    );
    // Leaving the question tells the respondent, in a closed query at the figure.
    update(&mut tui, Action::Close);
    update(&mut tui, Action::NextQuestion);
    let queries = tui.store.queries(vid).unwrap();
    let told: Vec<&QueryRecord> = queries
        .iter()
        .filter(|q| q.instance == service && q.code == "PSTAT")
        .collect();
    assert_eq!(told.len(), 1, "{queries:?}");
    assert_eq!(told[0].status(), QueryStatus::Closed);
    assert_eq!(
        told[0].messages[0].body,
        format!(
            "Atbalsta dienests laboja P53: {} → {}. Pamatojums: {reason}",
            shown(total + 5.0),
            shown(total)
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Back and forth

#[test]
fn the_respondent_opens_a_returned_submission_on_its_queries() {
    let mut world = world();
    world.returned();
    let (mut tui, screens) = world.respond();
    let list = screen_text(&draw(&mut tui, 80, 24));
    assert!(row_of(&list, VID).contains("atgriezts"), "{list}");
    update(&mut tui, Action::Enter);
    assert!(
        matches!(tui.overlay, Some(Overlay::Queries { cursor: 0 })),
        "the queries come first"
    );
    let shots = screens.snapshot_both(&mut tui, "respondent_queries");
    let title = "Precizējumi";
    for needle in [
        format!("[atvērts] P53 [{PLANTED}]"),
        format!("{SHOWN_TIME} {REVIEWER} (atbalsta dienests): {QUERY_ON_P53}"),
        "[atvērts] iesniegums kopumā".to_owned(),
        format!("{SHOWN_TIME} {REVIEWER} (atbalsta dienests): {QUERY_ON_ALL}"),
    ] {
        assert_in_window(&shots, title, &needle);
    }
    assert_on_screens(&shots, "Valsts ieņēmumu dienests 2019 · atgriezts");
    assert_on_screens(
        &shots,
        "Atgriezts ar precizējumiem: atbildiet (a), labojiet un iesniedziet vēlreiz.",
    );
    assert_on_screens(&shots, "Enter pāriet");
    assert_on_screens(&shots, "a atbildēt");
    for shot in &shots {
        assert!(
            !shot.contains("c slēgt"),
            "closing is support staff's: {shot}"
        );
    }
    // Enter leads to the figure, the query beside it.
    update(&mut tui, Action::Enter);
    assert!(tui.overlay.is_none());
    assert_eq!(current_code(&tui), "PSTAT");
    let screen = screen_text(&draw(&mut tui, 120, 40));
    let panel = window(
        &screen,
        &format!("Pakalpojumu uzskaites rādītāji — {PLANTED}"),
    );
    assert!(
        on_screen(
            &panel,
            &format!("? Precizējums (atvērts) P53: {QUERY_ON_P53} — {REVIEWER}")
        ),
        "{screen}"
    );
    assert!(
        !fill(&tui).sections().iter().any(|&s| {
            let q = &fill(&tui).q;
            q.parts[q.sections[s].part].filled_by == FilledBy::Expert
        }),
        "the expert part stays support staff's"
    );
}

#[test]
fn a_resubmitted_submission_opens_on_what_the_respondent_changed() {
    let mut world = world();
    world.resubmitted();
    let total = world.total;
    let (mut tui, screens) = world.review();
    let inbox = screen_text(&draw(&mut tui, 80, 24));
    let row = row_of(&inbox, VID);
    assert!(
        row.contains("iesniegts") && row.contains("0 / 2"),
        "handed in again, both queries answered, first in the queue: {row}"
    );
    open_from_the_inbox(&mut tui, VID);
    let shots = screens.snapshot_both(&mut tui, "review_changes_since_return");
    let title = "Respondenta izmaiņas kopš atgriešanas";
    let [laptop, _] = SHOWN_MACHINES;
    assert_in_window(
        &shots,
        title,
        &format!(
            "{SHOWN_TIME} {RESPONDENT} [{laptop}]: P53 [{PLANTED}] {} → {}",
            shown(total + 5.0),
            shown(total)
        ),
    );
    for shot in &shots {
        let inside = window(shot, title);
        assert_eq!(
            inside.lines().filter(|l| !l.trim().is_empty()).count(),
            if shot.lines().count() == 24 { 2 } else { 1 },
            "the one change, and nothing of support staff's:\n{inside}"
        );
    }
    assert_on_screens(&shots, "Esc aizvērt");
}

// ---------------------------------------------------------------------------------------------
// docs/review.md

fn review_md() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/review.md")).unwrap()
}

/// Each capture in `docs/review.md` (a `text` block after `<!-- snapshot: NAME -->`) is the
/// snapshot's screen, row for row, so that the page cannot drift from the program.
#[test]
fn the_screens_in_docs_review_md_are_the_snapshots() {
    let doc = review_md();
    let marker = "<!-- snapshot: ";
    let mut shown = 0;
    for (at, _) in doc.match_indices(marker) {
        let rest = &doc[at + marker.len()..];
        let name = &rest[..rest.find(" -->").unwrap()];
        let block = rest
            .split_once("```text\n")
            .and_then(|(_, b)| b.split_once("\n```"))
            .map(|(b, _)| b)
            .unwrap_or_else(|| panic!("no text block after the marker of {name}"));
        let path = format!(
            "{}/tests/snapshots/review_snapshots__{name}.snap",
            env!("CARGO_MANIFEST_DIR")
        );
        let snapshot = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let rows: Vec<String> = snapshot
            .lines()
            .skip_while(|l| !l.starts_with('"'))
            .map(|l| l.trim_matches('"').trim_end().to_owned())
            .collect();
        let pasted: Vec<&str> = block.lines().collect();
        assert_eq!(pasted, rows, "docs/review.md's capture of {name}");
        shown += 1;
    }
    assert_eq!(shown, 10, "one capture per screen");
}

/// The page's tables of keys name the reviewer's keys and the queries' keys as the keymap
/// has them, with the words the footer shows.
#[test]
fn docs_review_md_names_the_keys_as_the_keymap_has_them() {
    let doc = review_md();
    let row = |label: &str| {
        doc.lines()
            .find(|l| {
                l.starts_with(&format!("| {label} ")) || l.starts_with(&format!("| `{label}`"))
            })
            .unwrap_or_else(|| panic!("no row for {label} in docs/review.md"))
            .to_owned()
    };
    let reviewer = [
        Action::AskQuery,
        Action::Queries,
        Action::ReturnSubmission,
        Action::AcceptSubmission,
        Action::Correct,
        Action::History,
    ];
    let keys: Vec<_> = keymap::bindings(Mode::Sections, Role::Support)
        .filter(|b| reviewer.contains(&b.action))
        .collect();
    assert_eq!(keys.len(), reviewer.len());
    for b in keys {
        let hint = tr(Lang::Lv, b.hint.unwrap());
        let line = row(b.label);
        assert!(line.contains(&format!("\"{hint}\"")), "{line}");
    }
    for (label, _) in keymap::hints(Mode::Queries, Role::Support) {
        row(label);
    }
}

/// At 80×24 the history's lines wrap over two rows each, but the window scrolls by lines, not
/// rows (`src/tui/update/mod.rs`: the scroll stops at the number of lines less one), so its
/// last entries — here the correction itself — can never be scrolled into view.
#[test]
fn the_history_scrolls_to_its_last_entry_at_80x24() {
    let world = world();
    let total = world.total;
    let (mut tui, _screens) = world.review();
    open_from_the_inbox(&mut tui, VID);
    go_to_the_planted_error(&mut tui);
    update(&mut tui, Action::Correct);
    typed(&mut tui, "Kopskaits pēc VID datiem");
    update(&mut tui, Action::Accept);
    typed(&mut tui, &shown(total));
    update(&mut tui, Action::Enter);
    update(&mut tui, Action::History);
    for _ in 0..100 {
        update(&mut tui, Action::Down);
    }
    let end = screen_text(&draw(&mut tui, 80, 24));
    assert!(
        on_screen(
            &window(&end, "Atbildes vēsture"),
            "— Kopskaits pēc VID datiem"
        ),
        "{end}"
    );
}
