-- Every assessment of every risk, oldest first (the score history behind "rose since the last board").
SELECT s.risk_id, s.assessed_on, s.likelihood, s.impact, s.score, s.status
FROM risk_scores AS s
JOIN risks AS r ON r.risk_id = s.risk_id
WHERE $plan IS NULL OR r.plan_code = $plan
ORDER BY s.risk_id, s.assessed_on
