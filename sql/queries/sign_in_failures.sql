-- The failed sign-ins counted against one account (as typed) from one client, if any.
SELECT failures, last_failed_at FROM sign_in_failures WHERE account = $account AND client = $client
