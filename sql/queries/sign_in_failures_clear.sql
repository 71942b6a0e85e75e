-- A right password from this client: its count for this account starts again.
DELETE FROM sign_in_failures WHERE account = $account AND client = $client
