"""The identity section: who is applying, and the check of an identity document number.

Owns: IdentityDraft (as typed), Identity (complete), and `read_id_number`, which checks a
number against the rules of its document type. Sex and birth date are decoded from an
18-character number; the aggregate fills them from it and reports disagreements.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from datetime import date

from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from app.domain import idnumbers
from app.domain.base import Draft, Loose, Strict
from app.domain.enums import HukouType, IdType, Sex
from app.domain.idnumbers import IdInfo, IdKind, NumberError
from app.domain.types import BirthDate, Name, PersonPhone, Postcode, Text20, Text100, context_today

ID_TYPE_ERROR_CODES = frozenset({"id_type_mismatch"})

_KIND_FOR_TYPE = {
    IdType.RESIDENT_ID: IdKind.CITIZEN,
    IdType.HMT_RESIDENCE_PERMIT: IdKind.HMT_RESIDENT,
    IdType.FOREIGN_PR: IdKind.FOREIGN_PR,
}
_TYPE_FOR_KIND = {kind: id_type for id_type, kind in _KIND_FOR_TYPE.items()}
DECODABLE_TYPES = frozenset(_KIND_FOR_TYPE)
"""Document types whose number encodes birth date and sex (GB 11643 layout)."""


def read_id_number(id_type: IdType, text: str, today: date) -> tuple[str, IdInfo | None]:
    """Check `text` as a number of document type `id_type`.

    Returns the normalised number and, for 18-character GB 11643-style numbers, what it
    encodes. Raises NumberError (code + ctx) when the number is wrong for its type.
    """
    if id_type in _KIND_FOR_TYPE:
        if id_type is IdType.FOREIGN_PR and len(idnumbers.normalize_number_text(text)) == 15:
            return idnumbers.parse_old_foreign_pr(text), None
        info = idnumbers.parse_id_number(text, today=today)
        if info.kind is not _KIND_FOR_TYPE[id_type]:
            raise NumberError("id_type_mismatch", suggested=_TYPE_FOR_KIND[info.kind].value)
        return info.number, info
    parsers = {
        IdType.PASSPORT: idnumbers.parse_passport,
        IdType.HK_MACAO_PERMIT: idnumbers.parse_hk_macao_permit,
        IdType.TAIWAN_PERMIT: idnumbers.parse_taiwan_permit,
    }
    return parsers[id_type](text), None


def id_info_or_none(id_type: IdType | None, text: str | None, today: date) -> IdInfo | None:
    """What a number encodes, or None when it is missing, invalid or not GB 11643-style."""
    if id_type is None or not text:
        return None
    try:
        return read_id_number(id_type, text, today)[1]
    except NumberError:
        return None


def validate_id_field(value: str, info: ValidationInfo) -> str:
    """Field validator body shared by every model with an (id_type, id_number) pair."""
    id_type = info.data.get("id_type")
    if id_type is None:  # the type itself is missing or invalid: reported on its own field
        return value
    try:
        number, _ = read_id_number(id_type, value, context_today(info))
    except NumberError as exc:
        raise PydanticCustomError(exc.code, exc.code, exc.ctx) from None
    return number


class IdentityDraft(Draft):
    name: Loose = None
    sex: Sex | None = None
    id_type: IdType | None = IdType.RESIDENT_ID
    id_number: Loose = None
    birth_date: Loose = None
    social_security_number: Loose = None
    phone: Loose = None
    address: Loose = None
    postcode: Loose = None
    hukou_address: Loose = None
    hukou_type: HukouType | None = None
    ss_card_number: Loose = None
    former_personal_number: Loose = None


class Identity(Strict):
    name: Name
    sex: Sex
    id_type: IdType
    id_number: str
    birth_date: BirthDate
    social_security_number: Text20 | None = None
    phone: PersonPhone
    address: Text100
    postcode: Postcode | None = None
    hukou_address: Text100 | None = None
    hukou_type: HukouType | None = None
    ss_card_number: Text20 | None = None
    former_personal_number: Text20 | None = None

    @field_validator("id_number")
    @classmethod
    def _check_id(cls, value: str, info: ValidationInfo) -> str:
        return validate_id_field(value, info)

    @property
    def is_citizen_number(self) -> bool:
        """The ID number is also the 社会保障号码 (社会保险法 第五十八条)."""
        return self.id_type in _KIND_FOR_TYPE and len(self.id_number) == 18

    @property
    def social_security_no(self) -> str | None:
        return self.id_number if self.is_citizen_number else self.social_security_number
