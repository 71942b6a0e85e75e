-- One commentary as it is held (for an upload's history and its undo).
SELECT indicator_code, period_key, text, author, updated_at FROM commentary
WHERE indicator_code = $indicator_code AND period_key = $period_key
