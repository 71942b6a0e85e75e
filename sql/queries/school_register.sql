-- One school's register details, its LA's name and the schools that replaced it.
SELECT s.*, a.name AS la_name,
       (SELECT string_agg(n.name || ' (URN ' || CAST(n.urn AS VARCHAR) || ')', '; ')
        FROM schools n WHERE n.predecessor_urn = s.urn) AS successors
FROM schools s LEFT JOIN areas a ON a.area_code = s.la_code
WHERE s.urn = $urn
