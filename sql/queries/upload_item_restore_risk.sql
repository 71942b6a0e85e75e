-- Undo one risk an upload wrote: remove a risk it added (with its links and scores), or put back the risk,
-- its links and that day's assessment as they were.
DELETE FROM risks WHERE risk_id = $risk_id AND NOT $existed;

UPDATE risks SET code = $code, kind = $kind, risk = $risk, mitigation = $mitigation, owner = $owner,
    likelihood = $likelihood, impact = $impact, score = $score, status = $status,
    review_date = CAST($review_date AS DATE), source = $source, updated_at = CAST($updated_at AS TIMESTAMP)
WHERE risk_id = $risk_id AND $existed;

DELETE FROM risk_links WHERE risk_id = $risk_id;

INSERT INTO risk_links
SELECT $risk_id, split_part(link, ':', 1), substr(link, strpos(link, ':') + 1) FROM (SELECT unnest($links) AS link);

DELETE FROM risk_scores WHERE risk_id = $risk_id AND (NOT $existed OR assessed_on = CAST($assessed_on AS DATE));

INSERT INTO risk_scores
SELECT $risk_id, CAST($assessed_on AS DATE), $a_likelihood, $a_impact, $a_score, $a_status WHERE $a_existed;
