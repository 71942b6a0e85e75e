-- The audit log, newest first, with optional filters (NULL means "any").
-- $text matches the user, the action or anywhere in the detail, ignoring case.
SELECT audit_id AS id, logged_at AS "at", user_name AS "user", action, detail
FROM audit_log
WHERE ($user IS NULL OR lower(user_name) = lower($user))
  AND ($action IS NULL OR action = $action)
  AND ($since IS NULL OR logged_at >= CAST($since AS TIMESTAMP))
  AND ($until IS NULL OR logged_at < CAST($until AS TIMESTAMP))
  AND ($text IS NULL OR strpos(lower(user_name || ' ' || action || ' ' || detail), lower($text)) > 0)
ORDER BY logged_at DESC, audit_id DESC
