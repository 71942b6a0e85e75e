-- One audit row, written inside the caller's transaction so it commits or rolls back with the change.
-- Its hash chains it to the row before (audit_hash_macro.sql, defined on this cursor first); the one writer
-- at a time (kpi.store) keeps the order of ids the order of writing.
INSERT INTO audit_log (audit_id, logged_at, user_name, action, detail, row_hash)
SELECT n.id, $at, $user, $action, $detail,
       audit_row_hash((SELECT row_hash FROM audit_log ORDER BY audit_id DESC LIMIT 1), n.id, $at, $user, $action,
                      $detail)
FROM (SELECT nextval('audit_ids') AS id) AS n
