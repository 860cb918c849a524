"""Xếp hạng thi đua: communes and district agencies ranked by the weighted share of their
applicable indicators met (lib.core.ranking), beside last year's rank; the secretariat sets the weights."""
import streamlit as st

from lib.store import auth

from lib.web import cached, data_ui, guard, sidebar, widgets

from lib.present import i18n

from lib.core import ranking

from lib.web.text import md

account = guard.page_guard()

DONE = "ranking_done"
FILE_LEVEL = {"commune": "xa", "agency": "co_quan"}  # the level in a download's file name, in Vietnamese
WIDTHS = {"rank": 60, "tie": 95, "unit": 260, "score": 85, "met_of": 120, "previous": 115, "change": 80}

choices = sidebar.choices()
lang = choices.lang
data = cached.data()
context = data.context()
engine = cached.engine()
scores = data.scores(choices.year, choices.month)
previous_year = choices.year - 1
previous = data.scores(previous_year, 12) if previous_year in context.years else None
weights = data.weights()


st.title(i18n.t("rank.title", lang, year=choices.year))
widgets.stamp(context, choices)
data_ui.flash(DONE)
st.caption(i18n.t("rank.rule", lang))

# widgets.table names each header by an i18n key; these headers are lib.core.ranking's own, given through
# extra_config, so every column borrows a key that exists
headers = ranking.view_headers(previous_year, lang)
columns = dict.fromkeys(ranking.VIEW_COLUMNS, "col_unit")
config = {name: st.column_config.TextColumn(header, width=WIDTHS.get(name),
                                            alignment="left" if name in ("unit", "tie") else "right")
          for name, header in headers.items()}

for tab, level in zip(st.tabs([i18n.t("rank.tab_commune", lang), i18n.t("rank.tab_agency", lang)]), ranking.LEVELS):
    with tab:
        frame = ranking.rank(scores, level, weights, previous)
        if frame.empty:
            st.info(i18n.t("rank.no_units", lang))
            continue
        widgets.table(ranking.view_frame(frame, lang), columns, lang, key=f"ranking_table_{level}", extra_config=config)
        if frame["rank"].isna().any():
            st.caption(i18n.t("rank.unranked_note", lang))
        export = ranking.export_frame(frame, previous_year, lang)
        name = f"xep_hang_{FILE_LEVEL[level]}_{choices.year}-{choices.month:02d}"
        data_ui.download_table(export, name, lang, key=f"ranking_{level}", sample=context.sample, sheet="Xếp hạng")

if account is not None and account.role == auth.NOI_VU:
    with st.expander(i18n.t("rank.weights_title", lang), icon=":material/balance:"):
        st.caption(i18n.t("rank.weights_intro", lang, max=ranking.MAX_WEIGHT))
        before = ranking.weights_frame(context.catalogue, weights, lang)
        edited = st.data_editor(
            before, key="ranking_weights_editor", hide_index=True, num_rows="fixed", disabled=["code", "name", "levels"],
            column_config={
                "code": st.column_config.TextColumn(i18n.t("col_code", lang), width=60),
                "name": st.column_config.TextColumn(i18n.t("col_indicator", lang), width="large"),
                "levels": st.column_config.TextColumn(i18n.t("rank.col_levels", lang)),
                "weight": st.column_config.NumberColumn(i18n.t("rank.col_weight", lang), min_value=0,
                                                        max_value=ranking.MAX_WEIGHT, step=0.1),
            })
        if st.button(i18n.t("rank.weights_save", lang), type="primary", key="ranking_weights_save",
                     icon=":material/save:"):
            try:
                typed = dict(zip(edited["code"], edited["weight"]))
                changed = ranking.save_weights(engine, context.catalogue, typed, actor=account.username)
            except ranking.WeightsError as error:
                st.error(md(ranking.message(error, lang)), icon=":material/error:")
            else:
                if changed:
                    st.session_state.pop("ranking_weights_editor", None)
                    data_ui.flash(DONE, i18n.t("rank.weights_saved", lang))
                    st.rerun()
                st.info(i18n.t("nothing_to_save", lang))
