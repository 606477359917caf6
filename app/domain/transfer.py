"""The transfer section: from where to where, who files, the agent, and the pension.

Owns: the draft and complete models of the transfer, the agencies, the new employer, the
agent and the pension relationship that may move too. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator

from app.domain.base import Draft, Loose, Strict
from app.domain.enums import FiledAt, Filer, IdType, Reason, Scheme
from app.domain.history import validate_uscc
from app.domain.identity import validate_id_field
from app.domain.types import (
    AgencyPhone,
    AreaCode,
    Money,
    MonthCount,
    Name,
    PersonPhone,
    Postcode,
    SignDate,
    Text20,
    Text50,
    Text100,
    YearMonth,
)


class AgencyDraft(Draft):
    area_code: Loose = None
    area_name: Loose = None
    name: Loose = None
    address: Loose = None
    phone: Loose = None
    postcode: Loose = None


class Agency(Strict):
    area_code: AreaCode
    area_name: Text50
    name: Text50
    address: Text100 | None = None
    phone: AgencyPhone | None = None
    postcode: Postcode | None = None


class EmployerDraft(Draft):
    name: Loose = None
    uscc: Loose = None


class Employer(Strict):
    name: Text100
    uscc: str | None = None

    _check_uscc = field_validator("uscc")(validate_uscc)


class AgentDraft(Draft):
    name: Loose = None
    id_type: IdType | None = IdType.RESIDENT_ID
    id_number: Loose = None
    phone: Loose = None
    relation: Loose = None
    address: Loose = None
    postcode: Loose = None


class Agent(Strict):
    name: Name
    id_type: IdType
    id_number: str
    phone: PersonPhone
    relation: Text20
    address: Text100 | None = None
    postcode: Postcode | None = None

    @field_validator("id_number")
    @classmethod
    def _check_id(cls, value: str, info: ValidationInfo) -> str:
        return validate_id_field(value, info)


class PensionDraft(Draft):
    start: Loose = None
    end: Loose = None
    months_paid: Loose = None
    account_balance: Loose = None
    voucher_number: Loose = None
    destination_is_hukou_place: bool | None = None
    approved_transfer: bool | None = None


class Pension(Strict):
    """The 城镇企业职工基本养老保险 relationship at the origin (国办发〔2009〕66号)."""

    start: YearMonth
    end: YearMonth
    months_paid: MonthCount | None = None
    account_balance: Money | None = None
    voucher_number: Text20 | None = None
    destination_is_hukou_place: bool = False
    approved_transfer: bool = False


class TransferDraft(Draft):
    reason: Reason | None = None
    filer: Filer | None = Filer.SELF
    origin: AgencyDraft = Field(default_factory=AgencyDraft)
    stop_month: Loose = None
    destination: AgencyDraft = Field(default_factory=AgencyDraft)
    destination_scheme: Scheme | None = None
    enrol_month: Loose = None
    new_employer: EmployerDraft | None = None
    filed_at: FiledAt | None = FiledAt.DESTINATION
    retired: bool | None = None
    pension_moves: bool | None = None
    pension: PensionDraft | None = None
    agent: AgentDraft | None = None
    signed_on: Loose = None


class Transfer(Strict):
    reason: Reason
    filer: Filer
    origin: Agency
    stop_month: YearMonth
    destination: Agency
    destination_scheme: Scheme
    enrol_month: YearMonth
    new_employer: Employer | None = None
    filed_at: FiledAt
    retired: bool = False
    pension_moves: bool = False
    pension: Pension | None = None
    agent: Agent | None = None
    signed_on: SignDate | None = None
