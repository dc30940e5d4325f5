-- Papers as works: each paper keeps its own record (authors, year, venue, DOI, arXiv id) as its
-- reader found it, and the key its title identifies its work by. The same work arriving as
-- another file (its PDF beside its TEI) is kept as a version of the paper held: one of them is
-- current, the others are superseded by it with superseded_as = 'same work' (a file whose
-- content changed is superseded as 'new content'), so every report counts the work once.
-- Papers stored before this version have no record until they are read again (--reread).
ALTER TABLE papers ADD COLUMN authors TEXT;
ALTER TABLE papers ADD COLUMN year INTEGER;
ALTER TABLE papers ADD COLUMN venue TEXT;
ALTER TABLE papers ADD COLUMN doi TEXT;
ALTER TABLE papers ADD COLUMN arxiv TEXT;
ALTER TABLE papers ADD COLUMN title_key TEXT;
ALTER TABLE papers ADD COLUMN superseded_as TEXT;
UPDATE papers SET superseded_as = 'new content' WHERE superseded_by IS NOT NULL;
CREATE INDEX papers_doi ON papers(doi) WHERE doi IS NOT NULL;
CREATE INDEX papers_arxiv ON papers(arxiv) WHERE arxiv IS NOT NULL;
CREATE INDEX papers_title_key ON papers(title_key) WHERE title_key IS NOT NULL;
CREATE INDEX papers_year ON papers(year) WHERE year IS NOT NULL;

DROP VIEW current_papers;
CREATE VIEW current_papers AS
SELECT id, sha256, source_path, format, title, authors, year, venue, doi, arxiv, byte_size, ingested_at,
       extractor_version
FROM papers
WHERE superseded_by IS NULL;
