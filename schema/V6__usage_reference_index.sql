-- Deleting a paper's reference entries (`ingest --reread`) makes SQLite check, for each entry,
-- that no dataset usage still points at it. Without an index on the pointing column that check
-- scanned every usage in the catalog once per entry: re-reading one paper with 50 references in
-- a 20k-paper catalog spent 60 ms there, and re-reading a whole catalog grew with its square.
CREATE INDEX dataset_usages_reference ON dataset_usages(reference_id);
