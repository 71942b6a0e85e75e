-- Signing out ends the session here, so its cookie is refused even if it is kept or copied.
UPDATE sign_in_sessions SET ended_at = $at WHERE token_hash = $token_hash AND ended_at IS NULL
RETURNING user_name
