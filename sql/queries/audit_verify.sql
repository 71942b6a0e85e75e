-- The audit chain checked: each row's hash made again from the row before's stored hash and its own fields.
-- A row changed, removed, inserted or renumbered makes this row (or the one after it) differ. Returns the
-- number of rows, the last row (the head a backup records) and the first row that does not match.
WITH checked AS (
    SELECT audit_id, logged_at, user_name, action, row_hash,
           row_hash IS NOT DISTINCT FROM audit_row_hash(lag(row_hash) OVER (ORDER BY audit_id), audit_id, logged_at,
                                                        user_name, action, detail) AS ok
    FROM audit_log
)
SELECT (SELECT count(*) FROM checked) AS rows,
       (SELECT max(audit_id) FROM checked) AS last_id,
       (SELECT row_hash FROM checked ORDER BY audit_id DESC LIMIT 1) AS head,
       b.audit_id AS broken_id, b.logged_at AS broken_at, b.user_name AS broken_user, b.action AS broken_action
FROM (SELECT 1) AS one
LEFT JOIN (SELECT * FROM checked WHERE NOT ok ORDER BY audit_id LIMIT 1) AS b ON true
