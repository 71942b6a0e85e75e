-- Undo one commentary an upload wrote: remove it, or put back the one it replaced.
DELETE FROM commentary WHERE indicator_code = $indicator_code AND period_key = $period_key;

INSERT INTO commentary SELECT $indicator_code, $period_key, $text, $author, CAST($updated_at AS TIMESTAMP) WHERE $existed;
