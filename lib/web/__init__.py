"""The only code that imports Streamlit: cached data, widgets, route guard, login, sidebar, pages' bodies."""
