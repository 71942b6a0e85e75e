"""School-improvement KPI dashboard: the domain package.

Pure Python: the Streamlit pages, the command line and the board pack all call the
functions here, so RAG ratings, directions and gaps are computed in one place.
"""
