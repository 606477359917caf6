"""The pick lists of an application and their printed labels in Chinese and English.

Stored values are stable lower-case codes (they live in draft files); labels are what forms
and screens show. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit"
    FOREIGN_PR = "foreign_pr"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"


class HukouType(StrEnum):
    URBAN = "urban"
    RURAL = "rural"


class Scheme(StrEnum):
    EMPLOYEE = "employee"
    RESIDENT = "resident"
    NCMS = "ncms"
    URBAN_RESIDENT = "urban_resident"

    @property
    def is_employee(self) -> bool:
        return self is Scheme.EMPLOYEE

    @property
    def family(self) -> "Scheme":
        """Legacy schemes were merged into 城乡居民医保 (国务院 2016): they count as resident."""
        return Scheme.EMPLOYEE if self is Scheme.EMPLOYEE else Scheme.RESIDENT


class PeriodStatus(StrEnum):
    PAYING = "paying"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


class Reason(StrEnum):
    JOB_CHANGE = "job_change"
    HUKOU_MOVE = "hukou_move"
    RESIDENCE_CHANGE = "residence_change"


class Filer(StrEnum):
    SELF = "self"
    AGENT = "agent"
    EMPLOYER = "employer"


class FiledAt(StrEnum):
    DESTINATION = "destination"
    ORIGIN = "origin"


LABELS: dict[StrEnum, tuple[str, str]] = {
    Sex.MALE: ("男", "Male"),
    Sex.FEMALE: ("女", "Female"),
    IdType.RESIDENT_ID: ("居民身份证", "Resident identity card"),
    IdType.HMT_RESIDENCE_PERMIT: ("港澳台居民居住证", "Residence permit for HK, Macao and Taiwan residents"),
    IdType.FOREIGN_PR: ("外国人永久居留身份证", "Foreign permanent resident ID card"),
    IdType.PASSPORT: ("护照", "Passport"),
    IdType.HK_MACAO_PERMIT: ("港澳居民来往内地通行证", "Mainland travel permit for HK and Macao residents"),
    IdType.TAIWAN_PERMIT: ("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"),
    HukouType.URBAN: ("城镇（非农业）", "Urban (non-agricultural)"),
    HukouType.RURAL: ("农村（农业）", "Rural (agricultural)"),
    Scheme.EMPLOYEE: ("职工基本医疗保险", "Employee basic medical insurance"),
    Scheme.RESIDENT: ("城乡居民基本医疗保险", "Urban and rural resident basic medical insurance"),
    Scheme.NCMS: ("新型农村合作医疗", "New rural cooperative medical scheme (legacy)"),
    Scheme.URBAN_RESIDENT: ("城镇居民基本医疗保险", "Urban resident basic medical insurance (legacy)"),
    PeriodStatus.PAYING: ("参保缴费", "Insured and paying"),
    PeriodStatus.SUSPENDED: ("暂停", "Suspended"),
    PeriodStatus.TERMINATED: ("终止", "Terminated"),
    Reason.JOB_CHANGE: ("跨统筹地区就业", "New job in another planning area"),
    Reason.HUKOU_MOVE: ("户籍变动", "Hukou moved"),
    Reason.RESIDENCE_CHANGE: ("常住地变动", "Place of residence changed"),
    Filer.SELF: ("本人", "The insured person"),
    Filer.AGENT: ("代办人", "An agent"),
    Filer.EMPLOYER: ("用人单位", "The employer"),
    FiledAt.DESTINATION: ("转入地经办机构", "Agency at the destination"),
    FiledAt.ORIGIN: ("转出地经办机构", "Agency at the origin"),
}


def label(value: StrEnum, lang: str = "zh") -> str:
    zh, en = LABELS[value]
    return zh if lang == "zh" else en
