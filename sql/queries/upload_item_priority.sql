-- One priority as it is held (for an upload's history and its undo).
SELECT * FROM priorities WHERE priority_code = $priority_code
