-- Curation: merges that can be undone, "these are different" decisions, and a log of every
-- automatic and manual decision (what, the rule and its score, the evidence, when).

ALTER TABLE datasets ADD COLUMN merged_into INTEGER REFERENCES datasets(id);
ALTER TABLE citations ADD COLUMN merged_into INTEGER REFERENCES citations(id);

CREATE TABLE distinct_pairs (
    kind       TEXT NOT NULL CHECK (kind IN ('dataset', 'citation')),
    a          INTEGER NOT NULL,
    b          INTEGER NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (kind, a, b)
) WITHOUT ROWID;

CREATE TABLE curation_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    manual   INTEGER NOT NULL,
    action   TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('dataset', 'citation')),
    subject  INTEGER NOT NULL,
    object   INTEGER,
    rule     TEXT,
    score    REAL,
    evidence TEXT,
    undo     TEXT,
    undone   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX curation_log_subject ON curation_log(kind, subject);

-- A name a person chose is kept when the seeds change.
ALTER TABLE datasets ADD COLUMN curated INTEGER NOT NULL DEFAULT 0;
