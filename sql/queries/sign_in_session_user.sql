-- Who a session cookie's token belongs to, while the session has neither expired nor been ended.
SELECT user_name, expires_at FROM sign_in_sessions
WHERE token_hash = $token_hash AND ended_at IS NULL AND expires_at > $at
