-- The number of current (not superseded) papers, kept by triggers, so that reporting it after an
-- ingest costs one row read instead of a scan of every paper.

CREATE TABLE catalog_counts (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO catalog_counts (name, value)
SELECT 'current_papers', COUNT(*) FROM papers WHERE superseded_by IS NULL;

CREATE TRIGGER papers_count_insert AFTER INSERT ON papers WHEN NEW.superseded_by IS NULL
BEGIN
    UPDATE catalog_counts SET value = value + 1 WHERE name = 'current_papers';
END;

CREATE TRIGGER papers_count_delete AFTER DELETE ON papers WHEN OLD.superseded_by IS NULL
BEGIN
    UPDATE catalog_counts SET value = value - 1 WHERE name = 'current_papers';
END;

CREATE TRIGGER papers_count_supersede AFTER UPDATE OF superseded_by ON papers
WHEN (OLD.superseded_by IS NULL) != (NEW.superseded_by IS NULL)
BEGIN
    UPDATE catalog_counts
    SET value = value + (CASE WHEN NEW.superseded_by IS NULL THEN 1 ELSE -1 END)
    WHERE name = 'current_papers';
END;
