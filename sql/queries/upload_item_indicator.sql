-- One indicator's definition as it is held (for an upload's history and its undo).
SELECT * FROM indicators WHERE code = $code
