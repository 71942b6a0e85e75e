"""Schools: the register, inspections as events, results, and the school-based measures computed from them.

Pure Python and SQL (never Streamlit). `importer` takes the files councils download; the as-at
rule and the catalogue of measures live in `catalogue` and sql/queries/school_*.sql.
"""
