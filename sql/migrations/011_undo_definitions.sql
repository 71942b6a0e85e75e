-- Schema version 11: undoing an upload puts back the plans, priorities and indicator definitions it added or
-- changed, as it does its commentary, actions and risks (kpi.upload_items), so upload_item_history takes those
-- kinds too. DuckDB cannot change a CHECK constraint in place: the table is made anew with the wider one and
-- its rows copied over.

CREATE TABLE upload_item_history_11 (
    upload_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL,       -- the order written; undo goes back in reverse
    kind      VARCHAR NOT NULL CHECK (kind IN ('commentary', 'action', 'risk', 'indicator', 'priority', 'plan')),
    item_key  VARCHAR NOT NULL,       -- JSON: the commentary's indicator and period, the action's or risk's id,
                                      -- the indicator's, priority's or plan's code
    old_row   VARCHAR,                -- JSON, NULL when the upload added the item
    new_row   VARCHAR NOT NULL,       -- JSON: what the upload wrote
    PRIMARY KEY (upload_id, seq)
);

INSERT INTO upload_item_history_11 SELECT upload_id, seq, kind, item_key, old_row, new_row FROM upload_item_history;

DROP TABLE upload_item_history;

ALTER TABLE upload_item_history_11 RENAME TO upload_item_history;
