-- The anketa database.
--
-- The program applies this file one migration at a time: each "-- migration N" block runs in
-- its own transaction, together with `PRAGMA user_version = N`, and only blocks above the
-- database's user_version run. A released migration is never edited: append a new block.
-- Values of answers are JSON, in the same shape as in submission files
-- (docs/submission-format.md).

-- migration 1

-- "ANKT": marks the file as anketa's, so that another program's SQLite file is refused.
PRAGMA application_id = 1095650132;

-- Facts about this database: its machine id (the audit log says where a change was made).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE institutions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    -- Registration number; identifies the institution across machines when present.
    reg_no     TEXT UNIQUE,
    -- Ministry sector ("resors").
    sector     TEXT,
    kind       TEXT NOT NULL CHECK (kind IN ('ministry', 'institution')),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE people (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('respondent', 'consultant', 'support')),
    UNIQUE (name, role)
) STRICT;

-- Every definition a submission was filled with, kept whole, so that a submission is always
-- read with the exact questions it was answered against.
CREATE TABLE questionnaires (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL,
    version    TEXT NOT NULL,
    -- SHA-256 of the definition file's bytes, lower-case hex.
    hash       TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    definition TEXT NOT NULL
) STRICT;

CREATE TABLE submissions (
    id               INTEGER PRIMARY KEY,
    -- The same on every machine the submission travels to.
    uid              TEXT NOT NULL UNIQUE,
    institution_id   INTEGER NOT NULL REFERENCES institutions (id),
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id),
    year             INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    submitted_at     TEXT,
    accepted_at      TEXT
) STRICT;

CREATE INDEX submissions_by_institution ON submissions (institution_id, year);

-- Instances of rosters the respondent manages (services), in the respondent's order.
-- Rosters derived from an answer (websites, social networks) have no rows here.
CREATE TABLE roster_instances (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    roster        TEXT NOT NULL,
    key           TEXT NOT NULL,
    label         TEXT NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (submission_id, roster, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE answers (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    -- '' outside rosters.
    roster        TEXT NOT NULL,
    instance      TEXT NOT NULL,
    code          TEXT NOT NULL,
    value         TEXT NOT NULL,
    person_id     INTEGER REFERENCES people (id),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (submission_id, roster, instance, code)
) STRICT, WITHOUT ROWID;

-- Every change, old value to new, who, when and on which machine. Written in the same
-- transaction as the change itself.
CREATE TABLE audit (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    -- answer | instance | status | comment | acknowledgement | import
    what          TEXT NOT NULL,
    roster        TEXT NOT NULL,
    instance      TEXT NOT NULL,
    code          TEXT NOT NULL,
    -- NULL: nothing there before / after.
    old_value     TEXT,
    new_value     TEXT,
    person_id     INTEGER REFERENCES people (id),
    at            TEXT NOT NULL,
    machine       TEXT NOT NULL
) STRICT;

CREATE INDEX audit_by_submission ON audit (submission_id, id);

-- Review comments, per question (code '' for the submission as a whole).
CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    roster        TEXT NOT NULL,
    instance      TEXT NOT NULL,
    code          TEXT NOT NULL,
    person_id     INTEGER REFERENCES people (id),
    at            TEXT NOT NULL,
    body          TEXT NOT NULL,
    resolved      INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
) STRICT;

-- A respondent's acknowledgement of a warning, with an optional explanation.
CREATE TABLE acknowledgements (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    check_name    TEXT NOT NULL,
    roster        TEXT NOT NULL,
    instance      TEXT NOT NULL,
    person_id     INTEGER REFERENCES people (id),
    at            TEXT NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (submission_id, check_name, roster, instance)
) STRICT, WITHOUT ROWID;

-- What a submission held when it last left or entered this database as a file: the base
-- against which an import decides "only they changed", "only we changed" or "both changed".
CREATE TABLE exchanges (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    content       TEXT NOT NULL,
    at            TEXT NOT NULL
) STRICT;

-- migration 2

-- Where the respondent was in each submission, so that reopening lands there.
CREATE TABLE positions (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    section       TEXT NOT NULL,
    instance      TEXT NOT NULL,
    code          TEXT NOT NULL
) STRICT;

-- migration 3

-- Submissions generated for demonstrations (`anketa demo`), marked wherever they are shown.
ALTER TABLE submissions ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));

-- migration 4

-- Which version of the submission the base is (docs/submission-format.md, "Versions"). NULL
-- for bases recorded before revisions existed: they stand for the revision of their content
-- with no parent.
ALTER TABLE exchanges ADD COLUMN revision TEXT;
-- Every earlier revision the submission here descends from, a JSON array: a file holding
-- one of them holds an older version, and an import leaves this one as it is.
ALTER TABLE exchanges ADD COLUMN ancestors TEXT NOT NULL DEFAULT '[]';

-- migration 5

-- Queries: support staff's questions about a submission, a question, a row or cell, or a
-- roster instance, each a thread of messages. They replace version 1's `comments`: each
-- comment becomes a query opened by its message, and a resolved one is closed as well.
CREATE TABLE queries (
    id            INTEGER PRIMARY KEY,
    -- The same on every machine the query travels to.
    uid           TEXT NOT NULL UNIQUE,
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    roster        TEXT NOT NULL,
    instance      TEXT NOT NULL,
    -- A question's or an item's code; '' for the submission or the instance as a whole.
    code          TEXT NOT NULL
) STRICT;

CREATE INDEX queries_by_submission ON queries (submission_id);

-- A query's status is the one its latest status-setting message sets, latest by (at, uid):
-- a thread is the union of its messages from every file, so the status does not depend on
-- the order files come in, and an older file cannot reopen a closed query.
CREATE TABLE query_messages (
    uid       TEXT PRIMARY KEY,
    query_id  INTEGER NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people (id),
    at        TEXT NOT NULL,
    body      TEXT NOT NULL,
    sets      TEXT CHECK (sets IN ('open', 'answered', 'closed'))
) STRICT;

CREATE INDEX query_messages_by_query ON query_messages (query_id, at);

INSERT INTO queries (id, uid, submission_id, roster, instance, code)
    SELECT id, uid, submission_id, roster, instance, code FROM comments;
INSERT INTO query_messages (uid, query_id, person_id, at, body, sets)
    SELECT uid, id, person_id, at, body, 'open' FROM comments;
INSERT INTO query_messages (uid, query_id, person_id, at, body, sets)
    SELECT uid || '.closed', id, person_id, at, '', 'closed' FROM comments WHERE resolved = 1;
DROP TABLE comments;

-- Audit entries travel in submission files (version 2) and merge by this identity.
ALTER TABLE audit ADD COLUMN uid TEXT;
UPDATE audit SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX audit_by_uid ON audit (uid);
-- Why support staff changed a respondent's answer; NULL for every other change. (`what` now
-- also takes 'query': a message in a query's thread.)
ALTER TABLE audit ADD COLUMN reason TEXT;

-- migration 6

-- An import writes one audit entry, not one per answer it set: `changes` lists every answer it
-- changed, [[roster, instance, code, old, new], …] with each value as `answers.value` holds
-- it (null: none), as zlib-deflated JSON. The log reads it back as one entry per answer
-- followed by the import's, so nothing is lost; NULL on every other entry. (A consolidated
-- database's audit held an entry per answer twice: the respondent's, merged from the file,
-- and the import's.) The entry's uid ends in 00000000; its changes read back as entries whose
-- uids end in their number, 00000001 on.
ALTER TABLE audit ADD COLUMN changes BLOB;

-- The base of an exchange is kept deflated too: it is the whole submission and is read only by
-- an import of the same submission. Bases written before are the JSON text's bytes.
CREATE TABLE exchanges_packed (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    content       BLOB NOT NULL,
    at            TEXT NOT NULL,
    revision      TEXT,
    ancestors     TEXT NOT NULL DEFAULT '[]'
) STRICT;
INSERT INTO exchanges_packed (submission_id, content, at, revision, ancestors)
    SELECT submission_id, CAST(content AS BLOB), at, revision, ancestors FROM exchanges;
DROP TABLE exchanges;
ALTER TABLE exchanges_packed RENAME TO exchanges;

-- migration 7

-- The submissions in Latvian alphabetical order of institution without sorting them all (a
-- ministry's list of 10,000 opens on the rows it shows): the name's collation sort key
-- (Unicode collation, CLDR's Latvian tailoring), written by the program, which writes every
-- key again when its collation data changes (meta 'sort_keys' names the data they were made
-- with). Until then, x'' (the program fills them on its next open).
ALTER TABLE institutions ADD COLUMN sort_key BLOB NOT NULL DEFAULT x'';
CREATE INDEX institutions_in_order ON institutions (sort_key, id);
-- The start list opens on the submission changed last.
CREATE INDEX submissions_by_change ON submissions (questionnaire_id, updated_at);
