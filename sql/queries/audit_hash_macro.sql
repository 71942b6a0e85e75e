-- How an audit row's hash is made, once: sha256 of the previous row's hash (none for the first row) and of
-- each of this row's fields, each hashed on its own so that no text can move from one field to the next.
-- Defined on each connection that writes or checks the log, never read from the database itself, so a
-- tampered file or backup cannot bring its own definition. (sql/migrations/010_security.sql keeps a copy.)
CREATE OR REPLACE TEMP MACRO audit_row_hash(prev_hash, row_id, row_at, row_user, row_action, row_detail) AS
    sha256(coalesce(prev_hash, '') || sha256(CAST(row_id AS VARCHAR))
           || sha256(strftime(row_at, '%Y-%m-%dT%H:%M:%S.%f')) || sha256(row_user) || sha256(row_action)
           || sha256(row_detail))
