-- Every risk with its plan, its links, and the priorities it threatens: those it names, and those of the
-- indicators and actions it names. $plan NULL: every plan.
WITH links AS (
    SELECT l.risk_id, l.link_kind, l.target,
           CASE l.link_kind WHEN 'priority' THEN l.target
                            WHEN 'indicator' THEN i.priority_code
                            ELSE a.priority_code END AS via_priority
    FROM risk_links AS l
    LEFT JOIN indicators AS i ON l.link_kind = 'indicator' AND i.code = l.target
    LEFT JOIN actions AS a ON l.link_kind = 'action' AND CAST(a.action_id AS VARCHAR) = l.target
)
SELECT r.risk_id, r.plan_code, pl.title AS plan, pl.organisation, r.code, r.kind, r.risk, r.mitigation, r.owner,
       r.likelihood, r.impact, r.score, r.status, r.review_date, r.source, r.updated_at,
       coalesce(list(DISTINCT k.target ORDER BY k.target) FILTER (WHERE k.link_kind = 'priority'), []) AS linked_priorities,
       coalesce(list(DISTINCT k.target ORDER BY k.target) FILTER (WHERE k.link_kind = 'indicator'), []) AS linked_indicators,
       coalesce(list(DISTINCT k.target ORDER BY k.target) FILTER (WHERE k.link_kind = 'action'), []) AS linked_actions,
       coalesce(list(DISTINCT k.via_priority ORDER BY k.via_priority) FILTER (WHERE k.via_priority IS NOT NULL), [])
           AS priorities
FROM risks AS r
LEFT JOIN plans AS pl ON pl.plan_code = r.plan_code
LEFT JOIN links AS k ON k.risk_id = r.risk_id
WHERE $plan IS NULL OR r.plan_code = $plan
GROUP BY ALL
ORDER BY r.plan_code, r.risk_id
