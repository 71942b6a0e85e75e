-- Schema version 10: a tamper-evident audit log, sign-in that a browser cannot reset or borrow, and undo of
-- everything an upload brought.
--
-- audit_log.row_hash chains each row to the one before: sha256 of the previous row's hash and of each of
-- this row's fields (kpi.audit; the definition is sql/queries/audit_hash_macro.sql). Changing, removing,
-- inserting or renumbering any row breaks the chain from that row on (python -m kpi audit --verify).
-- The rows already held get their chain here, in the order they were written.
-- sign_in_failures: the growing delay after failed sign-ins, per account as typed and per client address,
--   kept here so that nothing a browser sends (Streamlit's clear-cache message) and no restart resets it.
-- sign_in_sessions: who is signed in: the SHA-256 of each session cookie's random token (never the token),
--   its expiry, and when it was ended by signing out.
-- upload_item_history: what an upload's Commentary, Actions and Risks sheets replaced (old_row, JSON; NULL
--   when the upload added it) and what they wrote (new_row), so undoing the upload puts them back.

ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS row_hash VARCHAR;

-- The same definition as sql/queries/audit_hash_macro.sql (a migration keeps its own copy: it must build
-- what it built when it was written); tests/unit/test_audit_chain.py checks the two agree.
CREATE OR REPLACE TEMP MACRO audit_row_hash(prev_hash, row_id, row_at, row_user, row_action, row_detail) AS
    sha256(coalesce(prev_hash, '') || sha256(CAST(row_id AS VARCHAR))
           || sha256(strftime(row_at, '%Y-%m-%dT%H:%M:%S.%f')) || sha256(row_user) || sha256(row_action)
           || sha256(row_detail));

UPDATE audit_log SET row_hash = chain.row_hash FROM (
    WITH RECURSIVE ordered AS MATERIALIZED (
        SELECT audit_id, logged_at, user_name, action, detail, row_number() OVER (ORDER BY audit_id) AS n
        FROM audit_log
    ),
    chain(n, audit_id, row_hash) AS (
        SELECT n, audit_id, audit_row_hash(NULL, audit_id, logged_at, user_name, action, detail) FROM ordered WHERE n = 1
        UNION ALL
        SELECT o.n, o.audit_id, audit_row_hash(c.row_hash, o.audit_id, o.logged_at, o.user_name, o.action, o.detail)
        FROM chain AS c JOIN ordered AS o ON o.n = c.n + 1
    )
    SELECT audit_id, row_hash FROM chain
) AS chain
WHERE audit_log.audit_id = chain.audit_id;

CREATE TABLE IF NOT EXISTS sign_in_failures (
    account        VARCHAR NOT NULL,   -- the user name as typed, lower-cased (known or not: no oracle)
    client         VARCHAR NOT NULL,   -- the client's address as the server sees it
    failures       INTEGER NOT NULL,
    last_failed_at DOUBLE NOT NULL,    -- seconds since 1970
    PRIMARY KEY (account, client)
);

CREATE TABLE IF NOT EXISTS sign_in_sessions (
    token_hash VARCHAR PRIMARY KEY,   -- sha256 of the cookie's token
    user_name  VARCHAR NOT NULL,
    client     VARCHAR,
    created_at DOUBLE NOT NULL,
    expires_at DOUBLE NOT NULL,
    ended_at   DOUBLE
);

CREATE TABLE IF NOT EXISTS upload_item_history (
    upload_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL,       -- the order written; undo goes back in reverse
    kind      VARCHAR NOT NULL CHECK (kind IN ('commentary', 'action', 'risk')),
    item_key  VARCHAR NOT NULL,       -- JSON: the commentary's indicator and period, the action's or risk's id
    old_row   VARCHAR,                -- JSON, NULL when the upload added the item
    new_row   VARCHAR NOT NULL,       -- JSON: what the upload wrote
    PRIMARY KEY (upload_id, seq)
);
