-- Marks the catalog's dataset aliases for re-keying under the one alias key function: the key
-- needs Unicode folding SQL does not have, so the re-keying itself belongs to the open step,
-- which does it while this mark says `pending` (issue 15; not done yet).
INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('alias_keys', 'pending');
