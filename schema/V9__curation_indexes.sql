-- Indexes curation needs: a dataset merge moves every mention of the merged dataset (and a split
-- moves them back), and `check` asks of every citation and dataset whether another is merged
-- into it. Without these, each of those scanned its whole table.
CREATE INDEX mentions_dataset ON mentions(dataset_id);
CREATE INDEX citations_merged_into ON citations(merged_into);
CREATE INDEX datasets_merged_into ON datasets(merged_into);
