-- Views for people who query the catalog file directly (sqlite3, datasette, pandas): the rows
-- the CLI's queries and reports show, without having to remember that superseded papers
-- (`superseded_by IS NOT NULL`) and merged datasets and citations (`merged_into IS NOT NULL`)
-- are left out. The `usage` view is `citekb export usage`, row for row and column for column.

CREATE VIEW current_papers AS
SELECT id, sha256, source_path, format, title, byte_size, ingested_at, extractor_version
FROM papers
WHERE superseded_by IS NULL;

CREATE VIEW current_datasets AS
SELECT id, name, key, family_id, version, domain, origin, intro_title, intro_author, intro_year, created_at, curated
FROM datasets
WHERE merged_into IS NULL;

CREATE VIEW current_citations AS
SELECT id, key, title, authors, first_author, year, venue, doi, arxiv, url, created_at, entry_count
FROM citations
WHERE merged_into IS NULL;

CREATE VIEW usage AS
SELECT p.id AS paper_id,
       p.source_path AS paper_source,
       p.title AS paper_title,
       d.name AS dataset,
       d.id AS dataset_id,
       u.role AS role,
       u.mention_count AS mentions,
       r.citation_id AS citation_id,
       r.raw AS citation_raw,
       c.title AS citation_title,
       c.year AS citation_year
FROM dataset_usages u
JOIN papers p ON p.id = u.paper_id AND p.superseded_by IS NULL
JOIN datasets d ON d.id = u.dataset_id
LEFT JOIN reference_entries r ON r.id = u.reference_id
LEFT JOIN citations c ON c.id = r.citation_id;
