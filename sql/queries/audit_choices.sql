-- The users and actions that appear in the log, for the admin page's filters.
SELECT DISTINCT 'user' AS kind, user_name AS value FROM audit_log
UNION ALL
SELECT DISTINCT 'action' AS kind, action AS value FROM audit_log
ORDER BY kind, value
