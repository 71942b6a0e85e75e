-- Indicator definitions as they are held, by code (for an upload's history and its undo): one query for all a
-- return writes.
SELECT * FROM indicators WHERE list_contains($codes, code)
