"""Tables of the shared database. The schema itself is created by the Alembic migrations."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, Numeric, String, Text,
    UniqueConstraint, func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from lib.core import clock

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator):
    """A time stored in UTC: timezone-aware on PostgreSQL (timestamptz), naive UTC text on SQLite
    (which keeps no offset); always read back as an aware UTC datetime (lib.core.clock)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = clock.utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return None if value is None else clock.utc(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Unit(Base):
    """A node of the unit tree: the district, its communes/townships, agencies, public service units."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # huyen, xa, thi_tran, phuong, co_quan, dvsn
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    dbkk: Mapped[bool] = mapped_column(Boolean, default=False)
    partly_self_financed: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class Area(Base):
    __tablename__ = "areas"
    area: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))


class Indicator(Base):
    __tablename__ = "indicators"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    area: Mapped[int] = mapped_column(ForeignKey("areas.area"))
    sort: Mapped[int] = mapped_column(Integer)
    levels: Mapped[str] = mapped_column(String(64))  # ';'-separated: district, commune, agency, psu
    measure: Mapped[str] = mapped_column(String(16))  # yes_no | ratio
    kind: Mapped[str] = mapped_column(String(16))  # completion | rate
    stock_flow: Mapped[str] = mapped_column(String(8), default="")  # stock | flow (ratios); '' for yes/no
    aggregate: Mapped[str] = mapped_column(String(16))  # share | pooled | unit | worst_level
    scope: Mapped[str] = mapped_column(String(32), default="")  # '' | not_dbkk | partly_self_financed
    name_vi: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    numerator_vi: Mapped[str] = mapped_column(String(100))
    denominator_vi: Mapped[str] = mapped_column(String(100))
    numerator_en: Mapped[str] = mapped_column(String(100))
    denominator_en: Mapped[str] = mapped_column(String(100))
    usual_period: Mapped[str] = mapped_column(String(1), default="Q")  # Y, Q or M: expected when unknown


class Target(Base):
    """The target of one indicator for one year and one level ('all' when every level shares it)."""

    __tablename__ = "targets"
    indicator: Mapped[str] = mapped_column(ForeignKey("indicators.code"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[str] = mapped_column(String(16), primary_key=True)
    op: Mapped[str] = mapped_column(String(2))  # > >= < <=
    value: Mapped[float] = mapped_column(Numeric(9, 4))
    tolerance: Mapped[float] = mapped_column(Numeric(9, 4))
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class Observation(Base):
    """One reported figure: a unit, an indicator, a period, numerator and denominator, and where it
    stands in the reporting workflow (draft, submitted, returned, approved)."""

    __tablename__ = "observations"
    __table_args__ = (
        UniqueConstraint("unit_id", "indicator", "period", name="uq_observations_key"),
        Index("ix_observations_year_month", "year", "month_to"),
        Index("ix_observations_indicator_year", "indicator", "year"),
        # year-to-date sums read from the index alone (migration 0006)
        Index("ix_observations_unit_cover", "unit_id", "indicator", "year", "month_to", "numerator", "denominator"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    indicator: Mapped[str] = mapped_column(ForeignKey("indicators.code"))
    period: Mapped[str] = mapped_column(String(10))  # 2022 | 2022-Q3 | 2022-07
    granularity: Mapped[str] = mapped_column(String(1))  # Y | Q | M
    year: Mapped[int] = mapped_column(Integer)
    month_from: Mapped[int] = mapped_column(Integer)
    month_to: Mapped[int] = mapped_column(Integer)
    numerator: Mapped[int] = mapped_column(Integer)
    denominator: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    # the reporting workflow (lib.core.workflow, migration 0010): the figure's state, who moved it
    # there and when (how long it has waited), and the secretariat's last comment on it
    state: Mapped[str] = mapped_column(String(16), server_default="submitted")
    state_by: Mapped[str | None] = mapped_column(String(64))
    state_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    state_comment: Mapped[str | None] = mapped_column(Text)


class Evidence(Base):
    """An evidence document (tài liệu kiểm chứng) of a unit's indicator for a period, the figure's
    when it has one: the file itself (checked by lib.core.evidence_files), its safe name, kind and
    MIME type, who uploaded it and when (migration 0011). Kept in the shared database so that every
    app server sees it and backups carry it."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_figure", "unit_id", "indicator", "period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    indicator: Mapped[str] = mapped_column(ForeignKey("indicators.code"))
    period: Mapped[str] = mapped_column(String(10))  # 2022 | 2022-Q3 | 2022-07, as observations.period
    file_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))  # pdf, png, jpeg, docx, xlsx
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    # a fix of the inspection register it documents (then its commune's 1.2b for the fix's month), migration 0014
    fix_id: Mapped[int | None] = mapped_column(ForeignKey("issue_fixes.id"), index=True, nullable=True)


class Meta(Base):
    """Small key/value facts about the database: data version, sample-data flag, what pages count."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    """A person who signs in: a leader (lanh_dao), the secretariat (noi_vu) or a unit's officer (don_vi)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(100))  # bcrypt; never the password
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))  # don_vi only
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)  # a sample account: works only in demo mode
    # login cookies issued before this time (epoch seconds) no longer sign in
    sessions_valid_from: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class LoginAttempt(Base):
    """Failed sign-ins under one typed name, whether an account of that name exists or not."""

    __tablename__ = "login_attempts"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """One change: who, when, what, the old and the new value (JSON text)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))  # e.g. observation.update, target.update, user.add
    entity: Mapped[str] = mapped_column(String(200))  # e.g. 00376/3.4/2022-07
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200), default="")


class Boundary(Base):
    """A commune's boundary (GeoJSON geometry text, WGS84 lon/lat), as loaded by import-boundaries.

    A feature of the file that matched no commune is kept with `unit_id` NULL, so that the
    secretariat can pair it with a commune later (lib.io.boundaries.pair)."""

    __tablename__ = "boundaries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), unique=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    geometry: Mapped[str] = mapped_column(Text)  # a GeoJSON Polygon or MultiPolygon
    source: Mapped[str] = mapped_column(String(200))  # the file's name
    feature_name: Mapped[str | None] = mapped_column(String(200))  # the feature's name as found in the file
    feature_code: Mapped[str | None] = mapped_column(String(64))  # the feature's code as found in the file
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class Directive(Base):
    """A leader's directive (ý kiến chỉ đạo, lib.core.directives) on a cell: an indicator for a unit
    (indicator and unit_id), for the whole (indicator only) or an area (area only; `area` is also
    the indicator's area), the unit responsible, the deadline (a date in Vietnam), open or done."""

    __tablename__ = "directives"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area: Mapped[int | None] = mapped_column(ForeignKey("areas.area"))
    indicator: Mapped[str | None] = mapped_column(ForeignKey("indicators.code"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    responsible_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), server_default="open", index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closing_note: Mapped[str | None] = mapped_column(Text)


class DirectiveNote(Base):
    """A progress note on a directive, by the responsible unit's officer."""

    __tablename__ = "directive_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directives.id"), index=True)
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    note: Mapped[str] = mapped_column(Text)


class Inspection(Base):
    """An inspection of a commune (lib.core.inspections): its day and team, recorded by the secretariat."""

    __tablename__ = "inspections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    team: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class InspectionIssue(Base):
    """An issue an inspection found: what, and the deadline to fix it."""

    __tablename__ = "inspection_issues"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    what: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class IssueFix(Base):
    """The commune's fix of an issue (one each): its day and a note."""

    __tablename__ = "issue_fixes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("inspection_issues.id"), unique=True)
    day: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
