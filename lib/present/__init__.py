"""What people read, in both languages: messages, tables, charts, maps, the brief. No Streamlit."""
