#!/usr/bin/env python3
"""Writes examples/*.json: complete applications of fake people that pass `check`.

Every number is made up, with correct check characters computed here, so the examples
exercise the real validators. Rerun after a change to the draft format:

    .venv/bin/python tools/make_examples.py
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.storage import drafts  # noqa: E402
from app.domain.application import ApplicationDraft  # noqa: E402
from app.domain.idnumbers import make_id_number, make_uscc  # noqa: E402

_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc(prefix8: str, org8: str) -> str:
    """A credit code whose embedded organisation code (GB 11714) checks out too."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(org8, weights))
    check = 11 - total % 11
    org_check = {10: "X", 11: "0"}.get(check, str(check))
    return make_uscc(prefix8 + org8 + org_check)


def agency(code: str, area: str, name: str, address: str, phone: str, postcode: str) -> dict:
    return {"area_code": code, "area_name": area, "name": name, "address": address, "phone": phone, "postcode": postcode}


SHENZHEN = agency("440300", "广东省深圳市", "深圳市社会保险基金管理局", "深圳市福田区示例路 1 号", "0755-12345678", "518000")
HANGZHOU = agency("330100", "浙江省杭州市", "杭州市医疗保障服务中心", "杭州市上城区样例街 8 号", "0571-87654321", "310000")
ZHOUKOU = agency("411600", "河南省周口市", "周口市医疗保障服务中心", "周口市川汇区示例大道 20 号", "0394-8123456", "466000")
SUZHOU = agency("320500", "江苏省苏州市", "苏州市医疗保险基金管理中心", "苏州市姑苏区样例路 66 号", "0512-68001234", "215000")
BEIJING = agency("110000", "北京市", "北京市医疗保险事务管理中心", "北京市西城区示例胡同 3 号", "010-88886666", "100032")
CHENGDU = agency("510100", "四川省成都市", "成都市医疗保障事务中心", "成都市青羊区样例街 12 号", "028-61881234", "610000")
NANJING = agency("320100", "江苏省南京市", "南京市医疗保险管理中心", "南京市鼓楼区示例路 100 号", "025-83581234", "210000")
WUHAN = agency("420100", "湖北省武汉市", "武汉市医疗保障局经办中心", "武汉市江岸区样例路 9 号", "027-85771234", "430000")
SHENYANG = agency("210100", "辽宁省沈阳市", "沈阳市医疗保障事务服务中心", "沈阳市和平区示例街 5 号", "024-22851234", "110000")
QINGDAO = agency("370200", "山东省青岛市", "青岛市医疗保险事业中心", "青岛市市南区样例路 18 号", "0532-85791234", "266000")
URUMQI = agency("650100", "新疆维吾尔自治区乌鲁木齐市", "乌鲁木齐市医疗保险管理中心", "乌鲁木齐市天山区示例路 2 号", "0991-2861234", "830000")
XIAMEN = agency("350200", "福建省厦门市", "厦门市医疗保障服务中心", "厦门市思明区样例路 7 号", "0592-5181234", "361000")
GUANGZHOU = agency("440100", "广东省广州市", "广州市医疗保险服务中心", "广州市越秀区示例路 30 号", "020-83491234", "510000")


def period(code, area, scheme, start, end, status="suspended", employer=None, employer_uscc=None, balance=None, months=None):
    return {
        "area_code": code, "area_name": area, "scheme": scheme, "start": start, "end": end, "status": status,
        "employer_name": employer, "employer_uscc": employer_uscc, "account_balance": balance, "months_paid": months,
    }


def identity(name, sex, id_number, phone, address, postcode, hukou_address, hukou_type="urban", **extra):
    return {
        "name": name, "sex": sex, "id_type": "resident_id", "id_number": id_number, "phone": phone,
        "address": address, "postcode": postcode, "hukou_address": hukou_address, "hukou_type": hukou_type, **extra,
    }


EXAMPLES = {
    "01-employee-job-change-cross-province": {
        "identity": identity(
            "王晓明", "male", make_id_number("430104", date(1990, 5, 12), "013"), "13800138001",
            "浙江省杭州市西湖区样例小区 3 幢 201 室", "310012", "湖南省长沙市岳麓区示例路 18 号",
            ss_card_number="A12345678", former_personal_number="4403001234567",
        ),
        "history": [
            period("430100", "湖南省长沙市", "employee", "2012-07", "2016-12", "terminated", "长沙示例电子有限公司",
                   uscc("91430104", "MA4L0001"), "0.00"),
            period("440300", "广东省深圳市", "employee", "2017-01", "2026-06", "suspended", "深圳样例科技有限公司",
                   uscc("91440300", "MA5F0002"), "12345.67"),
        ],
        "transfer": {
            "reason": "job_change", "filer": "self", "origin": SHENZHEN, "stop_month": "2026-06",
            "destination": HANGZHOU, "destination_scheme": "employee", "enrol_month": "2026-07",
            "new_employer": {"name": "杭州示例网络技术有限公司", "uscc": uscc("91330106", "MA2H0003")},
            "filed_at": "destination", "retired": False, "pension_moves": False, "signed_on": "2026-11-20",
        },
    },
    "02-resident-hukou-move": {
        "identity": identity(
            "李秀兰", "female", make_id_number("411622", date(1979, 11, 3), "026"), "13900139002",
            "江苏省苏州市姑苏区样例巷 12 号", "215000", "江苏省苏州市姑苏区样例巷 12 号", "rural",
        ),
        "history": [
            period("411600", "河南省周口市", "ncms", "2010-01", "2016-12", "terminated"),
            period("411600", "河南省周口市", "resident", "2017-01", "2025-12", "suspended"),
        ],
        "transfer": {
            "reason": "hukou_move", "filer": "self", "origin": ZHOUKOU, "stop_month": "2025-12",
            "destination": SUZHOU, "destination_scheme": "resident", "enrol_month": "2026-01",
            "filed_at": "destination", "retired": False, "pension_moves": False,
        },
    },
    "03-employee-to-resident": {
        "identity": identity(
            "张建国", "male", make_id_number("110108", date(1975, 8, 21), "031"), "13700137003",
            "四川省成都市青羊区示例街 66 号", "610031", "北京市海淀区样例路 9 号",
        ),
        "history": [
            period("110000", "北京市", "employee", "2000-03", "2026-02", "suspended", "北京示例商贸有限公司",
                   uscc("91110108", "MA0A0004"), "30210.55"),
        ],
        "transfer": {
            "reason": "residence_change", "filer": "self", "origin": BEIJING, "stop_month": "2026-02",
            "destination": CHENGDU, "destination_scheme": "resident", "enrol_month": "2026-04",
            "filed_at": "destination", "retired": False, "pension_moves": False,
        },
    },
    "04-employee-with-pension": {
        "identity": identity(
            "陈静", "female", make_id_number("420102", date(1988, 2, 29), "048"), "13600136004",
            "湖北省武汉市江岸区样例路 100 号", "430014", "湖北省武汉市江岸区样例路 100 号",
        ),
        "history": [
            period("320100", "江苏省南京市", "employee", "2013-09", "2026-08", "suspended", "南京样例制造有限公司",
                   uscc("91320106", "MA1M0005"), "8888.88"),
        ],
        "transfer": {
            "reason": "job_change", "filer": "self", "origin": NANJING, "stop_month": "2026-08",
            "destination": WUHAN, "destination_scheme": "employee", "enrol_month": "2026-09",
            "new_employer": {"name": "武汉示例物流有限公司", "uscc": uscc("91420102", "MA4K0006")},
            "filed_at": "destination", "retired": False, "pension_moves": True,
            "pension": {"start": "2013-09", "end": "2026-08", "months_paid": "156", "account_balance": "48215.37",
                        "voucher_number": "JS2026080001", "destination_is_hukou_place": True, "approved_transfer": False,
                        # The pension is handled by the 人社 social insurance agency, not the medical one.
                        "origin_office": {"name": "南京市社会保险管理中心", "address": "南京市建邺区示例路 6 号",
                                          "phone": "025-84581234", "postcode": "210019"},
                        "destination_office": {"name": "武汉市社会保险中心"}},
        },
    },
    "05-filed-by-agent": {
        "identity": identity(
            "赵德明", "male", make_id_number("210102", date(1968, 4, 15), "057"), "13500135005",
            "山东省青岛市市南区示例路 21 号", "266001", "辽宁省沈阳市和平区样例街 4 号",
        ),
        "history": [
            period("210100", "辽宁省沈阳市", "employee", "1998-01", "2026-05", "suspended", "沈阳样例机械厂",
                   uscc("91210102", "MA0Y0007"), "21000.00"),
        ],
        "transfer": {
            "reason": "residence_change", "filer": "agent", "origin": SHENYANG, "stop_month": "2026-05",
            "destination": QINGDAO, "destination_scheme": "employee", "enrol_month": "2026-06",
            "new_employer": {"name": "青岛示例港务服务有限公司", "uscc": uscc("91370202", "MA3C0008")},
            "filed_at": "destination", "retired": False, "pension_moves": False,
            "agent": {"name": "赵小雨", "id_type": "resident_id", "id_number": make_id_number("370202", date(1994, 9, 9), "062"),
                      "phone": "13400134006", "relation": "女儿", "address": "山东省青岛市市南区示例路 21 号", "postcode": "266001"},
        },
    },
    "06-rare-extb-name": {
        "identity": identity(
            "陶𠮷祥", "male", make_id_number("350203", date(1992, 12, 1), "071"), "13300133007",
            "广东省广州市越秀区样例路 5 号", "510030", "福建省厦门市思明区示例街 11 号",
        ),
        "history": [
            period("350200", "福建省厦门市", "employee", "2015-03", "2026-09", "suspended", "厦门样例食品有限公司",
                   uscc("91350203", "MA3P0009"), "6543.21"),
        ],
        "transfer": {
            "reason": "job_change", "filer": "self", "origin": XIAMEN, "stop_month": "2026-09",
            "destination": GUANGZHOU, "destination_scheme": "employee", "enrol_month": "2026-10",
            "new_employer": {"name": "广州示例文化传播有限公司", "uscc": uscc("91440104", "MA5A0010")},
            "filed_at": "destination", "retired": False, "pension_moves": False,
        },
    },
    "07-minority-name-employer-files": {
        "identity": identity(
            "阿依古丽·买买提", "female", make_id_number("650102", date(1996, 6, 30), "082"), "13200132008",
            "广东省深圳市南山区样例路 88 号", "518052", "新疆维吾尔自治区乌鲁木齐市天山区示例路 3 号",
        ),
        "history": [
            period("650100", "新疆维吾尔自治区乌鲁木齐市", "employee", "2018-07", "2026-07", "suspended",
                   "乌鲁木齐示例贸易有限公司", uscc("91650102", "MA7N0011"), "4321.00"),
        ],
        "transfer": {
            "reason": "job_change", "filer": "employer", "origin": URUMQI, "stop_month": "2026-07",
            "destination": SHENZHEN, "destination_scheme": "employee", "enrol_month": "2026-08",
            "new_employer": {"name": "深圳示例医疗器械有限公司", "uscc": uscc("91440305", "MA5G0012")},
            "filed_at": "destination", "retired": False, "pension_moves": False,
        },
    },
}


def main() -> None:
    out = ROOT / "examples"
    out.mkdir(exist_ok=True)
    for name, data in EXAMPLES.items():
        draft = ApplicationDraft.model_validate(data)
        (out / f"{name}.json").write_text(drafts.to_json(draft), encoding="utf-8")
        print(f"examples/{name}.json")


if __name__ == "__main__":
    main()
