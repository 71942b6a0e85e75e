-- import-schools: every problem in the staged rows, naming file, row and column. Nothing is written when any is found.
-- known_las: the LA codes the store knows (its areas and the built-in list of English LAs).
WITH closes AS (
    SELECT urn, min(close_date) AS close_date FROM (
        SELECT urn, close_date FROM n_schools WHERE close_date IS NOT NULL
        UNION ALL SELECT urn, close_date FROM schools WHERE close_date IS NOT NULL
          AND urn NOT IN (SELECT urn FROM n_schools WHERE urn IS NOT NULL)
    ) GROUP BY urn
),
problems AS (
    SELECT _file, _row, urn_col AS col, urn_text AS value,
           CASE WHEN school_blank(urn_text) THEN 'has no URN: every row needs the school''s URN'
                ELSE 'is not a URN (five to seven digits, e.g. 118837)' END AS message
    FROM (SELECT _file, _row, urn_col, urn_text, urn FROM n_schools
          UNION ALL SELECT _file, _row, urn_col, urn_text, urn FROM n_inspections
          UNION ALL SELECT _file, _row, urn_col, urn_text, urn FROM n_results)
    WHERE urn IS NULL
    UNION ALL
    SELECT _file, _row, col, value, 'is not a date (write it as dd/mm/yyyy)'
    FROM (SELECT _file, _row, open_col AS col, open_text AS value, open_date AS d FROM n_schools
          UNION ALL SELECT _file, _row, close_col, close_text, close_date FROM n_schools
          UNION ALL SELECT _file, _row, start_col, start_text, start_date FROM n_inspections
          UNION ALL SELECT _file, _row, published_col, published_text, published FROM n_inspections)
    WHERE d IS NULL AND NOT school_blank(value)
    UNION ALL
    SELECT _file, _row, grade_col, grade_text,
           'is not an Ofsted grade: overall effectiveness is 1 (outstanding) to 4 (inadequate), or "Not judged"'
    FROM n_inspections WHERE graded AND overall IS NULL AND NOT not_judged AND NOT school_blank(grade_text)
    UNION ALL
    SELECT _file, _row, year_col, year_text, 'is not an academic year (e.g. 2018 or 2017/18)'
    FROM n_results WHERE year_end IS NULL AND year_col IS NOT NULL
    UNION ALL
    SELECT _file, _row, urn_col, urn_text, 'names a school already given in row ' || CAST(first_row AS VARCHAR)
           || ': each school once per file'
    FROM (SELECT *, min(_row) OVER (PARTITION BY _file, urn) AS first_row FROM n_schools WHERE urn IS NOT NULL)
    WHERE _row > first_row
    UNION ALL
    SELECT _file, _row, urn_col, urn_text, 'gives this school''s results for that year again (first in row '
           || CAST(first_row AS VARCHAR) || ')'
    FROM (SELECT *, min(_row) OVER (PARTITION BY _file, urn, stage, year_end) AS first_row
          FROM n_results WHERE urn IS NOT NULL AND year_end IS NOT NULL)
    WHERE _row > first_row
    UNION ALL
    SELECT _file, _row, grade_col, grade_text, 'gives the same inspection (same school and date) as row '
           || CAST(first_row AS VARCHAR) || ' a different grade'
    FROM (SELECT *, min(_row) OVER (PARTITION BY _file, urn, start_date, graded) AS first_row,
                 count(DISTINCT overall) OVER (PARTITION BY _file, urn, start_date, graded) AS grades
          FROM n_inspections WHERE urn IS NOT NULL AND start_date IS NOT NULL AND grade_col IS NOT NULL)
    WHERE _row > first_row AND grades > 1
    UNION ALL
    SELECT _file, _row, la_col, la_code, 'is not an English local authority this dashboard knows (e.g. 886 for Kent)'
    FROM n_schools WHERE state_funded AND urn IS NOT NULL AND la_code NOT IN (SELECT la_code FROM known_las)
    UNION ALL
    SELECT i._file, i._row, i.start_col, i.start_text,
           'is after the school closed (' || strftime(c.close_date, '%d/%m/%Y') || '): a closed school cannot be inspected'
    FROM n_inspections i JOIN closes c ON c.urn = i.urn
    WHERE i.start_date > c.close_date
)
SELECT * FROM problems ORDER BY _file, _row, col
