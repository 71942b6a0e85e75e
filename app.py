"""The dashboard's entry point: page config and which pages there are (st.navigation). Nothing else."""
import streamlit as st

from pages.ui import PAGE_FILES

st.set_page_config(page_title="School improvement performance", page_icon=":material/monitoring:", layout="wide")

pages = {
    "Dashboard": [
        st.Page(PAGE_FILES["overview"], title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page(PAGE_FILES["indicator"], title="Indicator", icon=":material/show_chart:", url_path="indicator"),
    ],
    "Returns": [
        st.Page(PAGE_FILES["upload"], title="Upload a return", icon=":material/upload_file:", url_path="upload"),
        st.Page(PAGE_FILES["uploads"], title="Uploads", icon=":material/history:", url_path="uploads"),
    ],
}
st.navigation(pages).run()
