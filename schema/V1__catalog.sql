-- citekb catalog, version 1: papers, datasets and their aliases, reference entries and the
-- canonical citations they point to, which datasets each paper uses, and the evidence.
-- Migrations are only ever added, never edited: see docs/schema.md.

CREATE TABLE catalog_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE papers (
    id                INTEGER PRIMARY KEY,
    sha256            TEXT NOT NULL UNIQUE,
    source_path       TEXT NOT NULL,
    format            TEXT NOT NULL,
    title             TEXT,
    byte_size         INTEGER NOT NULL,
    ingested_at       TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    superseded_by     INTEGER REFERENCES papers(id) ON DELETE SET NULL
);
CREATE INDEX papers_source_path ON papers(source_path);

CREATE TABLE paper_sources (
    path     TEXT PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    seen_at  TEXT NOT NULL
);
CREATE INDEX paper_sources_paper ON paper_sources(paper_id);

CREATE TABLE datasets (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    key          TEXT NOT NULL UNIQUE,
    family_id    INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
    version      TEXT,
    domain       TEXT,
    origin       TEXT NOT NULL CHECK (origin IN ('seed', 'discovered', 'import', 'manual')),
    intro_title  TEXT,
    intro_author TEXT,
    intro_year   INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX datasets_family ON datasets(family_id);

CREATE TABLE dataset_aliases (
    key           TEXT PRIMARY KEY,
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    alias         TEXT NOT NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('seed', 'discovered', 'import', 'manual')),
    needs_context INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dataset_aliases_dataset ON dataset_aliases(dataset_id);

CREATE TABLE citations (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    title        TEXT,
    authors      TEXT,
    first_author TEXT,
    year         INTEGER,
    venue        TEXT,
    doi          TEXT,
    arxiv        TEXT,
    url          TEXT,
    created_at   TEXT NOT NULL
);

CREATE TABLE reference_entries (
    id          INTEGER PRIMARY KEY,
    paper_id    INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT,
    raw         TEXT NOT NULL,
    authors     TEXT,
    title       TEXT,
    year        INTEGER,
    venue       TEXT,
    doi         TEXT,
    arxiv       TEXT,
    url         TEXT,
    citation_id INTEGER NOT NULL REFERENCES citations(id),
    UNIQUE (paper_id, position)
);
CREATE INDEX reference_entries_citation ON reference_entries(citation_id);

CREATE TABLE dataset_usages (
    paper_id      INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id),
    role          TEXT NOT NULL CHECK (role IN ('used', 'introduced', 'mentioned')),
    mention_count INTEGER NOT NULL,
    reference_id  INTEGER REFERENCES reference_entries(id),
    link_rule     TEXT,
    PRIMARY KEY (paper_id, dataset_id)
) WITHOUT ROWID;
CREATE INDEX dataset_usages_dataset ON dataset_usages(dataset_id, role);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    paper_id   INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id),
    surface    TEXT NOT NULL,
    section    TEXT NOT NULL,
    sentence   TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL
);
CREATE INDEX mentions_paper_dataset ON mentions(paper_id, dataset_id);
