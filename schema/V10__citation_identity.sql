-- Citation identity by comparison, not by exact key: each reference entry keeps the volume and
-- pages that tell title-less styles apart, and is filed under blocking keys (first author and
-- year, year with volume and first page, the title's longest words) under which candidate
-- entries are found before the identity rules compare them. Blocks belong to entries, not to
-- citations, so merges and splits never have to move them.
ALTER TABLE reference_entries ADD COLUMN volume TEXT;
ALTER TABLE reference_entries ADD COLUMN pages TEXT;
ALTER TABLE citations ADD COLUMN volume TEXT;
ALTER TABLE citations ADD COLUMN pages TEXT;

CREATE TABLE reference_blocks (
    key      TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES reference_entries(id) ON DELETE CASCADE,
    PRIMARY KEY (key, entry_id)
) WITHOUT ROWID;
CREATE INDEX reference_blocks_entry ON reference_blocks(entry_id);
