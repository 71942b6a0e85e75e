-- One setting from meta (home area, data and schema versions).
SELECT value FROM meta WHERE key = $key
