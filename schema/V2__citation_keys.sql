-- Every key a work is known by (DOI, arXiv id, first author with title), so that a reference
-- that carries only some of them still finds its work. Filled from the existing citations.

CREATE TABLE citation_keys (
    key         TEXT PRIMARY KEY,
    citation_id INTEGER NOT NULL REFERENCES citations(id) ON DELETE CASCADE
);
CREATE INDEX citation_keys_citation ON citation_keys(citation_id);

INSERT INTO citation_keys (key, citation_id) SELECT key, id FROM citations;
