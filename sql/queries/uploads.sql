SELECT upload_id AS id, user_name AS "user", file_name AS file, loaded_at, sha256, layout,
       added, changed, unchanged, warnings, undone_at, undone_by
FROM uploads
ORDER BY upload_id DESC
