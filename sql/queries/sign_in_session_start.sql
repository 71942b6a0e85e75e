-- A new signed-in session (only the hash of its cookie's token is kept), and sessions over a day past
-- their end or expiry forgotten.
INSERT INTO sign_in_sessions (token_hash, user_name, client, created_at, expires_at)
VALUES ($token_hash, $user, $client, $at, $expires_at);

DELETE FROM sign_in_sessions WHERE coalesce(ended_at, expires_at) < $forget_before;
