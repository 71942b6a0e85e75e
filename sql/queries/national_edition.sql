-- The national data's latest load: when, from where, which edition.
SELECT loaded_at, origin, edition FROM dfe_editions ORDER BY edition_id DESC LIMIT 1
