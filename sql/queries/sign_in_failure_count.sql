-- Count one more failure for this account and client (before the password is even checked: kpi.throttle),
-- and forget counts nobody has added to for a day.
INSERT INTO sign_in_failures VALUES ($account, $client, $failures, $at)
ON CONFLICT (account, client) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at;

DELETE FROM sign_in_failures WHERE last_failed_at < $forget_before;
