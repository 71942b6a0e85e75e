-- One audit row, written inside the caller's transaction so it commits or rolls back with the change.
INSERT INTO audit_log (logged_at, user_name, action, detail) VALUES ($at, $user, $action, $detail)
