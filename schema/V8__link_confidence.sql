-- How sure the rule that linked a usage to its reference entry is (0 to 1): the share of that
-- rule's links that were right on annotated papers. NULL where there is no link, or for rows
-- written before links carried one.
ALTER TABLE dataset_usages ADD COLUMN link_confidence REAL;
