-- How many reference entries cite each work, kept by triggers: storing a paper asks it for every
-- reference (to decide whether the work's fields are voted again), and counting the entries of
-- a work cited by thousands of papers grew with the catalog.

ALTER TABLE citations ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0;

UPDATE citations SET entry_count = (SELECT COUNT(*) FROM reference_entries r WHERE r.citation_id = citations.id);

CREATE TRIGGER reference_entries_count_insert AFTER INSERT ON reference_entries
BEGIN
    UPDATE citations SET entry_count = entry_count + 1 WHERE id = NEW.citation_id;
END;

CREATE TRIGGER reference_entries_count_delete AFTER DELETE ON reference_entries
BEGIN
    UPDATE citations SET entry_count = entry_count - 1 WHERE id = OLD.citation_id;
END;

CREATE TRIGGER reference_entries_count_move AFTER UPDATE OF citation_id ON reference_entries
WHEN OLD.citation_id IS NOT NEW.citation_id
BEGIN
    UPDATE citations SET entry_count = entry_count - 1 WHERE id = OLD.citation_id;
    UPDATE citations SET entry_count = entry_count + 1 WHERE id = NEW.citation_id;
END;
