"""Xếp hạng thi đua: communes and district agencies ranked by the weighted share of their
applicable indicators met (lib.core.ranking, worded by lib.present.ranking), beside last year's rank; the
secretariat sets the weights (lib.store.weights)."""
import streamlit as st

from lib.core import ranking
from lib.present import i18n
from lib.present import ranking as ranking_view
from lib.store import auth
from lib.store import weights as stored_weights
from lib.web import cached, data_ui, guard, sidebar, widgets
from lib.web.text import md

account = guard.page_guard()

DONE = "ranking_done"
FILE_LEVEL = {"commune": "xa", "agency": "co_quan"}  # the level in a download's file name, in Vietnamese

choices = sidebar.choices()
lang = choices.lang
data = cached.data()
context = data.context()
engine = cached.engine()
scores = data.ranking_scores(choices.year, choices.month)
previous_year = choices.year - 1
previous = data.ranking_scores(previous_year, 12) if previous_year in context.years else None
weights = data.weights()
tie_break = data.tie_break()


st.title(i18n.t("rank.title", lang, year=choices.year))
widgets.stamp(context, choices)
data_ui.flash(DONE)
st.caption(i18n.t("rank.rule", lang, tie_break=ranking_view.tie_break_words(tie_break, lang)))
if choices.year in context.closed_years:
    st.caption(i18n.t("rank.closed_year", lang, year=choices.year))

# widgets.table names each header by an i18n key; these headers are lib.present.ranking's own, given through
# extra_config, so every column borrows a key that exists
headers = ranking_view.view_headers(previous_year, lang)
helps = ranking_view.view_help(previous_year, lang)
columns = dict.fromkeys(ranking_view.VIEW_COLUMNS, "col_unit")
config = {name: st.column_config.TextColumn(header, width=ranking_view.VIEW_WIDTHS[name], help=helps.get(name),
                                            alignment="left" if name == "unit" else "right")
          for name, header in headers.items()}

tabs = [i18n.t_layout("rank.tab_commune", context.layout, lang),
        i18n.t_layout("rank.tab_agency", context.layout, lang)]
for tab, level in zip(st.tabs(tabs), ranking.LEVELS):
    with tab:
        frame = ranking.rank(scores, level, weights, previous, tie_break=tie_break)
        if frame.empty:
            st.info(i18n.t("rank.no_units", lang))
            continue
        widgets.table(ranking_view.view_frame(frame, lang), columns, lang, key=f"ranking_table_{level}",
                      extra_config=config)
        st.caption(ranking_view.columns_note(previous_year, lang))
        if frame["rank"].isna().any():
            st.caption(i18n.t("rank.unranked_note", lang))
        export = ranking_view.export_frame(frame, previous_year, lang)
        name = f"xep_hang_{FILE_LEVEL[level]}_{choices.year}-{choices.month:02d}"
        data_ui.download_table(export, name, lang, key=f"ranking_{level}", sample=context.sample, sheet="Xếp hạng")

if account is not None and account.role == auth.NOI_VU:
    with st.expander(i18n.t("rank.weights_title", lang), icon=":material/balance:"):
        chosen = st.radio(i18n.t("rank.tie_break_title", lang), ranking.TIE_BREAKS,
                          index=ranking.TIE_BREAKS.index(tie_break), key="ranking_tie_break",
                          format_func=lambda choice: ranking_view.tie_break_words(choice, lang))
        if chosen != tie_break and stored_weights.save_tie_break(engine, chosen, actor=account.username):
            data_ui.flash(DONE, i18n.t("rank.tie_break_saved", lang))
            st.rerun()
        st.caption(i18n.t("rank.weights_intro", lang, max=ranking.MAX_WEIGHT))
        before = ranking_view.weights_frame(context.catalogue, weights, lang)
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
                changed = stored_weights.save_weights(engine, context.catalogue, typed, actor=account.username)
            except ranking.WeightsError as error:
                st.error(md(i18n.say(error, lang)), icon=":material/error:")
            else:
                if changed:
                    st.session_state.pop("ranking_weights_editor", None)
                    data_ui.flash(DONE, i18n.t("rank.weights_saved", lang))
                    st.rerun()
                st.info(i18n.t("nothing_to_save", lang))
