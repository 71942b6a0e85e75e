-- One risk as it is held, with its links and its assessment on the day the upload judged it (for its undo).
SELECT r.risk_id, r.plan_code, r.code, r.kind, r.risk, r.mitigation, r.owner, r.likelihood, r.impact, r.score,
       r.status, r.review_date, r.source, r.updated_at,
       (SELECT coalesce(list(l.link_kind || ':' || l.target ORDER BY l.link_kind, l.target), [])
        FROM risk_links AS l WHERE l.risk_id = r.risk_id) AS links,
       (SELECT to_json(s) FROM (SELECT likelihood, impact, score, status FROM risk_scores
                                WHERE risk_id = r.risk_id AND assessed_on = CAST($assessed_on AS DATE)) AS s) AS assessment
FROM risks AS r WHERE r.risk_id = $risk_id
