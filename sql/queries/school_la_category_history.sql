-- The LA's own categorisation of one school, newest first (the history is kept; every change is audited).
SELECT effective, category, note, set_by, set_at FROM school_la_categories WHERE urn = $urn
ORDER BY effective DESC, set_at DESC, entry_id DESC
