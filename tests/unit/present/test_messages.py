"""The one message catalogue (lib.present.i18n.STRINGS): every key the code uses exists in both
languages with the same {placeholders}, keys built at run time included, and no key goes unused.

Keys are found in the code: a literal key given to i18n.t / i18n.t_count (or to m() in the HTML
templates), the key an error is raised with (each error class words its key under its topic's
prefix), and the keys built at run time, whose possible endings are listed below from the constants
that make them. A new way of building a key fails the test until it is listed here."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from conftest import ROOT

from lib.core import directives, periods, ranking, trends, workflow
from lib.core.catalogue import LAYOUTS
from lib.io import entry
from lib.io import template as upload_template
from lib.present import audit_view, directives_view, i18n, reporting, workflow_view
from lib.store import backup_check, startup

SOURCES = sorted([*ROOT.glob("lib/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"])
TEMPLATE_KEY = re.compile(r"""\bm\(\s*["']([^"']+)["']""")

# Keys built at run time: i18n.t(prefix + something). Each prefix with every ending it can take.
RUN_TIME = {
    "db_": startup.COMMANDS,                                         # app.py: the database's state on start
    "grain_": trends.GRAINS,
    "kind_": periods.GRANULARITIES,
    "granularity_": periods.GRANULARITIES,
    "import.granularity_": periods.GRANULARITIES,                    # lib.io.problems.word, in import messages
    "field_": audit_view.FIELDS,
    "action_group_": audit_view.ACTION_GROUPS,
    "rank.level_": ranking.LEVELS,
    "rank.tie_break_": ranking.TIE_BREAKS,
    "state_": workflow.COMPLETENESS_STATES,                          # lib.present.workflow_view.state_name
    "counting_": workflow.COUNTING,                                  # lib.present.workflow_view.counting_name
    "directive_state_": directives.FILTERS,                          # lib.present.directives_view.state_name
    "directive_cell_": directives.CELLS,                             # pages/directives.py: what a directive is on
}
# Errors and the like carry a key that their topic words: the class (or function), where its key
# argument is, and the prefix the catalogue files it under.
CARRIERS = {
    "_percent": (1, "targets."), "_refuse_postgres": (1, "backup."), "Done": (0, "backup."),
    "Problem": (3, "import."),
}


def refusals() -> dict[str, tuple[int, str]]:
    """Every refusal class (a subclass of lib.core.errors.Refused, found in the code) as a carrier:
    its key is its first argument, filed under its topic."""
    found = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(getattr(b, 'id', None) == "Refused" for b in node.bases):
                topic = next((a.value.value for a in node.body if isinstance(a, ast.Assign)
                              and getattr(a.targets[0], 'id', None) == "topic"), "")
                found[node.name] = (0, topic + "." if topic else "")
    return found


CARRIERS.update(refusals())
# The importer's helpers (lib.io.problems.message and word) word an import.* key.
HELPERS = {"message": "import.", "importer_message": "import.", "word": "import."}
# (key, params) pairs written as tuples: restore notes.
PAIRS = {"lib/store/backup.py": "backup."}
# Where a key arrives in a variable: the file, the expression, and the keys it can hold (or where
# they are found instead).
INDIRECT = {
    ("lib/io/template.py", "key"): list(upload_template.NOTES),
    ("lib/store/targets.py", "key"): "_percent",
    ("lib/cli.py", "'backup.' + key"): "Done: its key, and its notes (pairs)",
    ("lib/store/backup.py", "key"): "_refuse_postgres",
    ("lib/store/backup_check.py", "missing_key"): ["not_this_app", "source_not_app"],
    ("lib/store/backup_check.py", "mismatch_key"): ["schema_mismatch", "source_mismatch"],
    ("lib/store/backup_check.py", "f'kind_{sqlite_type}'"): [f"kind_{kind}" for kind in backup_check.KINDS],
    ("lib/io/problems.py", "'import.' + key"): "Problem, CellError, TableError",
    ("lib/io/problems.py", "exc.key"): "CellError, TableError",
    ("lib/io/observation_checks.py", "error.key"): "CellError",
    ("lib/io/cells.py", "exc.key"): "PeriodError",
    ("lib/io/portal.py", "error.key"): "CellError",
    ("lib/core/workflow.py", "WRONG_STATE[step]"): [f"workflow.{key}" for key in workflow.WRONG_STATE.values()],
    ("lib/present/brief.py", "key"): "templates",
    ("lib/web/presentation.py", "key"): "templates",
    ("lib/present/i18n.py", "error.message_key"): "refusals(): every Refused subclass",
    ("lib/present/i18n.py", "chosen"): "t_layout: the key's wording for the layout",
    ("lib/present/i18n.py", "f'{key}_one' if n == 1 and f'{key}_one' in STRINGS else key"): "t_count",
    ("lib/present/audit_view.py", "key"): "audit actions (a missing one shows the action's code)",
    ("lib/present/audit_view.py", "k"): list(audit_view.VIEW_COLUMNS.values()),
    ("lib/present/reporting.py", "k"): list(reporting.CHASE_VIEW_COLUMNS.values()),
    ("lib/core/directives.py", "key"): ["directive.text_empty", "directive.note_empty"],
    ("lib/core/inspections.py", "key"): ["inspection.team_empty", "inspection.issue_empty", "inspection.note_empty"],
    ("lib/present/directives_view.py", "v"): list(directives_view.DOWNLOAD_COLUMNS.values()),
    ("lib/present/workflow_view.py", "k"): list(workflow_view.CHASE_EXTRA_COLUMNS.values()),
    ("lib/io/entry.py", "header"): list(entry.COLUMN_HEADERS.values()),
    ("lib/present/charts.py", "label"): ["trend_units_band", "trend_other_units"],
    ("lib/web/widgets.py", "header"): "col_ keys: every 'col_...' text in the code",
    ("app.py", "title"): "DATA_PAGES",
}


def placeholders(text: str) -> set[str]:
    """The {names} a text takes; {month_short} is made by i18n.t from {month}."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return {"month" if name == "month_short" else name for name in names}


def _name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _is_lookup(node: ast.Call, path: Path) -> bool:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr in ("t", "t_count", "t_layout") and getattr(func.value, "id", None) == "i18n"
    return path.name == "i18n.py" and getattr(func, "id", None) in ("t", "t_count")


def _literals(node: ast.expr) -> list[str] | None:
    """The key(s) an argument gives when written out ('a', or 'a' if x else 'b'), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _prefix(node: ast.expr) -> str | None:
    """The written-out start of a key built at run time ('db_' + state, f'grain_{g}')."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literals(node.left)[0] if _literals(node.left) else None
    if isinstance(node, ast.JoinedStr) and len(node.values) == 2 and isinstance(node.values[0], ast.Constant):
        return node.values[0].value
    return None


def scan():
    """(keys used, run-time prefixes met, indirect uses met as (file, expression))."""
    used, prefixes, indirect = set(), set(), set()
    for path in SOURCES:
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _is_lookup(node, path) and node.args:
                arg = node.args[0]
                keys = _literals(arg)
                if keys is not None:
                    used.update(keys)
                    if _name(node.func) == "t_count":
                        used.update(f"{k}_one" for k in keys if f"{k}_one" in i18n.STRINGS)
                elif _prefix(arg) in RUN_TIME:
                    prefixes.add(_prefix(arg))
                else:
                    indirect.add((rel, ast.unparse(arg)))
            elif isinstance(node, ast.Call) and _name(node.func) in CARRIERS:
                where, prefix = CARRIERS[_name(node.func)]
                args = node.args
                arg = args[where] if len(args) > where else next(
                    (k.value for k in node.keywords if k.arg in ("key", "reason")), None)
                keys = _literals(arg) if arg is not None else None
                if keys is not None:
                    used.update(prefix + k for k in keys)
                else:
                    indirect.add((rel, ast.unparse(arg)))
            elif isinstance(node, ast.Call) and _name(node.func) in HELPERS and node.args:
                prefix = HELPERS[_name(node.func)]
                if _literals(node.args[0]):
                    used.update(prefix + k for k in _literals(node.args[0]))
                elif _prefix(node.args[0]) is not None:
                    prefixes.add(prefix + _prefix(node.args[0]))
            elif isinstance(node, ast.Tuple) and rel in PAIRS and len(node.elts) == 2 \
                    and isinstance(node.elts[1], ast.Dict) and _literals(node.elts[0]):
                used.add(PAIRS[rel] + _literals(node.elts[0])[0])
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("col_"):
                used.add(node.value)  # column headers handed to lib.web.widgets.table by key
    for template in ROOT.glob("lib/present/templates/*.j2"):
        used |= set(TEMPLATE_KEY.findall(template.read_text(encoding="utf-8")))
    return used, prefixes, indirect


def every_key_used() -> set[str]:
    used, prefixes, indirect = scan()
    for prefix in prefixes:
        used |= {prefix + ending for ending in RUN_TIME[prefix]}
    for where in indirect:
        if isinstance(INDIRECT.get(where), list):
            key_prefix = "backup." if where[0].startswith("lib/store/backup") else ""
            used |= {key_prefix + k for k in INDIRECT[where]}
    app = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    data_pages = next(n.value for n in app.body if isinstance(n, ast.Assign) and _name(n.targets[0]) == "DATA_PAGES")
    used |= {row.elts[1].value for row in data_pages.elts}
    # a key's wording for a layout (`key.province`...) is used wherever the key is (i18n.t_layout,
    # the slides' message function)
    used |= {f"{key}.{layout}" for key in set(used) for layout in LAYOUTS if f"{key}.{layout}" in i18n.STRINGS}
    return used


def test_every_key_built_or_carried_at_run_time_is_listed_here():
    _used, prefixes, indirect = scan()
    assert prefixes <= set(RUN_TIME)
    assert indirect - set(INDIRECT) == set(), "a key arrives in a variable: say here where its keys come from"
    assert set(INDIRECT) - indirect == set(), "gone from the code: take it off INDIRECT"


def test_every_key_used_exists_in_both_languages_with_the_same_placeholders():
    missing = sorted(every_key_used() - set(i18n.STRINGS))
    assert missing == []
    for key, (vi, en) in i18n.STRINGS.items():
        assert vi.strip() and en.strip(), key
        assert placeholders(vi) == placeholders(en), key


def test_every_key_in_the_catalogue_is_used():
    actions = {f"action_{a}" for a in audit_actions()}
    unused = sorted(set(i18n.STRINGS) - every_key_used() - actions)
    assert unused == []


def audit_actions() -> set[str]:
    """The audit log's actions: every 'thing.verb' text in lib/ (its words are action_<action>)."""
    found = set()
    for path in SOURCES:
        found |= set(re.findall(r"""["']([a-z]+\.[a-z]+)["']""", path.read_text(encoding="utf-8")))
    return found | {"observation.insert", "observation.update"}  # lib.store.observations: f"observation.{change}"


def test_the_texts_are_stored_once():
    seen: dict[tuple[str, str], str] = {}
    twice = []
    for key, texts in i18n.STRINGS.items():
        if texts in seen:
            twice.append((seen[texts], key))
        seen.setdefault(texts, key)
    assert {frozenset(pair) for pair in twice} == {frozenset(pair) for pair in KNOWN_TWICE}
    assert len(twice) == len(KNOWN_TWICE)


# The same words in both languages under two keys, each naming its own place on a page (a page's
# title and its group in the change log, a field's label and its column): kept apart on purpose.
KNOWN_TWICE = [
    ("login_title", "login_button"), ("sidebar_year", "grain_year"), ("col_status", "legend_status"),
    ("axis_period", "col_period"), ("col_value", "col_target_value"), ("login_username", "col_username"),
    ("demo_accounts_role", "col_role"), ("sidebar_year", "period_year_pick"), ("sidebar_year", "kind_Y"),
    ("grain_quarter", "kind_Q"), ("grain_month", "kind_M"), ("col_unit", "entry_unit"), ("col_user", "audit_user"),
    ("page_targets", "action_group_target."), ("page_users", "action_group_user."),
    ("page_boundaries", "action_group_boundaries."), ("page_ranking", "action_group_ranking."),
    ("page_directives", "action_group_directive."), ("page_inspections", "action_group_inspection."),
    ("boundaries_commune", "brief.col_commune"), ("boundaries_commune.province", "brief.col_commune.province"),
    ("boundaries_commune.province_2025", "brief.col_commune.province_2025"),
]
