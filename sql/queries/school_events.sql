-- One school's inspections, with its predecessor's (a new academy's record starts there), oldest first.
SELECT * FROM school_inspections
WHERE urn = $urn OR urn = (SELECT predecessor_urn FROM schools WHERE urn = $urn)
ORDER BY start_date, graded DESC
