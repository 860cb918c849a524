"""Ranh giới xã: the secretariat loads the communes' boundaries (GeoJSON/TopoJSON) and pairs by
hand the features that matched no commune (lib.io.boundaries); every map then draws the real shapes."""
import streamlit as st

from lib.io import boundaries, geojson
from lib.present import i18n
from lib.store import auth
from lib.store import boundaries as stored_boundaries
from lib.web import cached, data_ui, guard, sidebar, widgets
from lib.web.text import md

account = guard.page_guard(roles=(auth.NOI_VU,))

choices = sidebar.choices()
lang = choices.lang
context = cached.data().context()
engine = cached.engine()

st.title(i18n.t("page_boundaries", lang))
widgets.stamp(context, choices)
st.markdown(i18n.t("boundaries_intro", lang))

upload = data_ui.file_picker(i18n.t("boundaries_pick", lang), ["geojson", "json", "topojson"], "boundaries_file",
                             lang)
if upload is not None and st.button(i18n.t("boundaries_load", lang), type="primary", key="boundaries_load",
                                    icon=":material/map:"):
    try:
        result = boundaries.import_boundaries(engine, upload.name, raw=upload.getvalue(), user=account.username)
    except geojson.BoundaryError as refused:
        st.error(md(i18n.say(refused, lang)))
    else:
        st.success(i18n.t("boundaries_loaded", lang, count=len(result.match.matched)))
        st.code(result.text(lang), language=None)

waiting = stored_boundaries.unpaired(engine)
st.header(i18n.t("boundaries_pair_title", lang))
if not waiting:
    st.info(i18n.t("boundaries_nothing_to_pair", lang))
else:
    communes = context.units[context.units["level"] == "commune"]
    labels = dict(zip(communes["code"], communes["code"] + " " + communes["name"]))
    with st.form("boundaries_pair"):
        feature = st.selectbox(i18n.t("boundaries_feature", lang), waiting)
        commune = st.selectbox(i18n.t_layout("boundaries_commune", context.layout, lang), list(labels), format_func=labels.get)
        if st.form_submit_button(i18n.t("boundaries_pair", lang)):
            try:
                boundaries.pair(engine, feature, commune, user=account.username)
            except geojson.BoundaryError as refused:
                st.error(md(i18n.say(refused, lang)))
            else:
                st.success(i18n.t("boundaries_paired", lang, feature=md(feature), commune=md(labels[commune])))
