"""Findings: what a check says about an application, in Chinese and English.

Owns: the Finding record, severities, the field labels used in messages, and the one
catalogue that turns an error code + context into text. Pydantic's English error text is
never shown: every code a field type can raise has an entry here (a test checks it).
Rule findings take their text from the rule set (resources/rules), not from here.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"      # blocks printing
    WARNING = "warning"  # printed forms are possible; the person should act or check
    INFO = "info"        # something the person should know


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    path: str            # dotted field path, list items by index: "history.2.end"; "" = whole file
    message_zh: str
    message_en: str
    rule_id: str | None = None
    source: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang == "zh" else self.message_en


# Field labels. "*" stands for a list index; a period's label names its row number.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "identity": ("身份信息", "Identity"),
    "identity.name": ("姓名", "Name"),
    "identity.sex": ("性别", "Sex"),
    "identity.id_type": ("证件类型", "ID document type"),
    "identity.id_number": ("证件号码", "ID number"),
    "identity.birth_date": ("出生日期", "Date of birth"),
    "identity.social_security_number": ("社会保障号码", "Social security number"),
    "identity.phone": ("联系电话", "Phone"),
    "identity.address": ("现联系地址", "Current address"),
    "identity.postcode": ("邮政编码", "Postcode"),
    "identity.hukou_address": ("户籍地址", "Hukou address"),
    "identity.hukou_type": ("户籍类型", "Hukou type"),
    "identity.ss_card_number": ("社会保障卡号", "Social security card number"),
    "identity.former_personal_number": ("原个人编号", "Former personal number"),
    "history": ("参保记录", "Insurance history"),
    "history.*": ("第{n}段参保记录", "Insurance period {n}"),
    "history.*.area_code": ("第{n}段参保记录的参保地区代码", "Area code of period {n}"),
    "history.*.area_name": ("第{n}段参保记录的参保地区", "Area of period {n}"),
    "history.*.scheme": ("第{n}段参保记录的险种", "Scheme of period {n}"),
    "history.*.employer_name": ("第{n}段参保记录的单位名称", "Employer of period {n}"),
    "history.*.employer_uscc": ("第{n}段参保记录的统一社会信用代码", "Employer's credit code in period {n}"),
    "history.*.start": ("第{n}段参保记录的开始年月", "Start month of period {n}"),
    "history.*.end": ("第{n}段参保记录的终止年月", "End month of period {n}"),
    "history.*.months_paid": ("第{n}段参保记录的实际缴费月数", "Months paid in period {n}"),
    "history.*.account_balance": ("第{n}段参保记录的个人账户余额", "Personal-account balance of period {n}"),
    "history.*.status": ("第{n}段参保记录的参保状态", "Status of period {n}"),
    "history.*.arrears_months": ("第{n}段参保记录的欠费月数", "Months in arrears in period {n}"),
    "history.*.overdraft": ("第{n}段参保记录的个人账户透支额", "Account overdraft in period {n}"),
    "transfer.reason": ("转移原因", "Reason for the transfer"),
    "transfer.filer": ("申请人身份", "Who files"),
    "transfer.origin.area_code": ("转出地区划代码", "Origin area code"),
    "transfer.origin.area_name": ("转出地", "Origin area"),
    "transfer.origin.name": ("转出地经办机构名称", "Origin agency"),
    "transfer.origin.address": ("转出地经办机构地址", "Origin agency address"),
    "transfer.origin.phone": ("转出地经办机构电话", "Origin agency phone"),
    "transfer.origin.postcode": ("转出地经办机构邮编", "Origin agency postcode"),
    "transfer.stop_month": ("转出地中止参保年月", "Month coverage stopped at the origin"),
    "transfer.destination.area_code": ("转入地区划代码", "Destination area code"),
    "transfer.destination.area_name": ("转入地", "Destination area"),
    "transfer.destination.name": ("转入地经办机构名称", "Destination agency"),
    "transfer.destination.address": ("转入地经办机构地址", "Destination agency address"),
    "transfer.destination.phone": ("转入地经办机构电话", "Destination agency phone"),
    "transfer.destination.postcode": ("转入地经办机构邮编", "Destination agency postcode"),
    "transfer.destination_scheme": ("转入地参保险种", "Scheme joined at the destination"),
    "transfer.enrol_month": ("转入地参保年月", "Month enrolled at the destination"),
    "transfer.new_employer.name": ("现工作单位名称", "New employer"),
    "transfer.new_employer.uscc": ("现工作单位统一社会信用代码", "New employer's credit code"),
    "transfer.filed_at": ("申请地点", "Where the application is filed"),
    "transfer.retired": ("是否已退休", "Retired"),
    "transfer.pension_moves": ("是否同时转移养老保险关系", "Pension moves too"),
    "transfer.pension.start": ("养老保险本地参保开始年月", "Pension: local start month"),
    "transfer.pension.end": ("养老保险本地参保终止年月", "Pension: local end month"),
    "transfer.pension.months_paid": ("养老保险本地实际缴费月数", "Pension: months paid locally"),
    "transfer.pension.account_balance": ("养老保险个人账户储存额", "Pension: personal-account balance"),
    "transfer.pension.voucher_number": ("养老保险参保缴费凭证编号", "Pension: voucher number"),
    "transfer.pension.destination_is_hukou_place": ("转入地是否为户籍地", "Destination is the hukou place"),
    "transfer.pension.approved_transfer": ("是否组织调动", "Transfer approved by the organisation"),
    "transfer.agent.name": ("代办人姓名", "Agent's name"),
    "transfer.agent.id_type": ("代办人证件类型", "Agent's ID document type"),
    "transfer.agent.id_number": ("代办人证件号码", "Agent's ID number"),
    "transfer.agent.phone": ("代办人电话", "Agent's phone"),
    "transfer.agent.relation": ("代办人与申请人关系", "Agent's relation to the applicant"),
    "transfer.agent.address": ("代办人联系地址", "Agent's address"),
    "transfer.agent.postcode": ("代办人邮编", "Agent's postcode"),
    "transfer.signed_on": ("申请日期", "Date of application"),
}

_INDEX = re.compile(r"\.(\d+)(?=\.|$)")


def field_label(path: str, lang: str = "zh") -> str:
    """The label of a field path; list items are named by their 1-based row number."""
    numbers = _INDEX.findall(path)
    pattern = _INDEX.sub(".*", path)
    if pattern not in FIELD_LABELS:  # an unknown path (a stray key in a file) is no template
        return path
    zh, en = FIELD_LABELS[pattern]
    text = zh if lang == "zh" else en
    return text.format(n=int(numbers[0]) + 1) if numbers else text


# code -> (severity, Chinese, English). Placeholders come from the error's context.
MESSAGES: dict[str, tuple[Severity, str, str]] = {
    "required": (Severity.ERROR, "请填写此项。", "Please fill this in."),
    "choice": (Severity.ERROR, "请从列表中选择一项。", "Please pick one of the choices."),
    "invalid_value": (Severity.ERROR, "内容无法识别，请重新填写。", "This value cannot be read; please enter it again."),
    "date_format": (Severity.ERROR, "日期无法识别，请按 2024-03-15 的格式填写。", "The date cannot be read; write it like 2024-03-15."),
    "text_chars": (Severity.ERROR, "含有不能打印的字符 {char}，请删除后重新输入。", "Contains a character that cannot be printed ({char}); delete it and type the text again."),
    "text_too_long": (Severity.ERROR, "最多 {limit} 个字，现在有 {length} 个，请精简。", "At most {limit} characters; it has {length}. Please shorten it."),
    "name_chars": (Severity.ERROR, "姓名中含有不应出现的字符 {char}（只能有文字、间隔号“·”和空格）。", "The name contains a character that does not belong in a name ({char}); use letters, the middle dot · and spaces only."),
    "name_too_long": (Severity.ERROR, "姓名最多 {limit} 个字，现在有 {length} 个。", "A name has at most {limit} characters; this one has {length}."),
    "phone_format": (Severity.ERROR, "电话号码格式不对：手机填 11 位，固定电话填区号-号码（如 010-12345678）。", "Phone number not recognised: 11 digits for a mobile, area code-number for a landline (e.g. 010-12345678)."),
    "postcode_format": (Severity.ERROR, "邮政编码应为 6 位数字。", "A postcode has 6 digits."),
    "area_code_format": (Severity.ERROR, "区划代码应为 6 位数字，可在地区选择框中按名称查找。", "An area code has 6 digits; search the area by name in the picker."),
    "month_format": (Severity.ERROR, "年月无法识别，请按 2024-03 的格式填写。", "The month cannot be read; write it like 2024-03."),
    "month_range": (Severity.ERROR, "年月应在 {min} 到 {max} 之间。", "The month must lie between {min} and {max}."),
    "money_format": (Severity.ERROR, "金额无法识别，请只填数字，如 1234.56。", "The amount cannot be read; enter digits only, e.g. 1234.56."),
    "money_negative": (Severity.ERROR, "金额不能为负数；账户透支请填在“透支额”一栏。", "An amount cannot be negative; enter an overdraft in the overdraft field."),
    "money_decimals": (Severity.ERROR, "金额最多保留两位小数（元、角、分）。", "An amount has at most two decimals (yuan and fen)."),
    "money_too_large": (Severity.ERROR, "金额超过 {limit} 元，请核对。", "The amount exceeds {limit} yuan; please check it."),
    "count_format": (Severity.ERROR, "请填写 0 到 1200 之间的整数月数。", "Enter a whole number of months from 0 to 1200."),
    "date_range": (Severity.ERROR, "日期应在 {min} 至 {max} 之间，请核对。", "The date must lie between {min} and {max}; please check it."),
    "date_before_birth": (Severity.ERROR, "日期早于出生日期，请核对。", "The date is before the date of birth; please check it."),
    "month_before_birth": (Severity.ERROR, "年月早于出生年月，请核对。", "The month is before the month of birth; please check it."),
    "id_empty": (Severity.ERROR, "请填写证件号码。", "Please enter the ID number."),
    "id_length": (Severity.ERROR, "证件号码应为 18 位，现在是 {length} 位，请对照证件核对。", "The number must have 18 characters; it has {length}. Compare it with the card."),
    "id_legacy15": (Severity.ERROR, "这是旧的 15 位号码，表格需要现在身份证上的 18 位号码，请对照证件填写。", "This is an old 15-digit number; forms need the 18-character number on the current card. Please enter that one."),
    "id_chars": (Severity.ERROR, "第 {position} 位不应是这个字符：号码只有数字，最后一位可以是 X。", "Character {position} is not allowed: the number has digits only, and the last may be X."),
    "id_birth_date": (Severity.ERROR, "号码中的出生日期 {value} 不是有效日期，请核对第 7–14 位。", "The birth date in the number ({value}) is not a real date; check characters 7–14."),
    "id_birth_future": (Severity.ERROR, "号码中的出生日期 {value} 晚于今天，请核对第 7–14 位。", "The birth date in the number ({value}) is after today; check characters 7–14."),
    "id_checksum": (Severity.ERROR, "号码校验不通过：有一位输错或两位颠倒了，请对照证件逐位核对。", "The check character does not match: one character is wrong or two are swapped. Compare it with the card, character by character."),
    "id_province": (Severity.ERROR, "号码前两位 {code} 不是有效的省级代码，请核对。", "The first two digits ({code}) are not a valid province code; please check."),
    "id_hmt_address": (Severity.ERROR, "港澳台居民居住证号码的前 6 位只能是 810000（香港）、820000（澳门）或 830000（台湾），现在是 {code}，请对照证件核对。", "A residence permit number for Hong Kong, Macao and Taiwan residents starts with exactly 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan); this one starts with {code}. Compare it with the card."),
    "id_foreign_province": (Severity.ERROR, "外国人永久居留身份证号码的第 2–3 位是受理地的省级代码，{code} 不是有效的省级代码，请对照证件核对。", "Characters 2–3 of a foreign permanent resident ID number are the province code of the issuing authority; {code} is not a valid province code. Compare it with the card."),
    "id_type_mismatch": (Severity.ERROR, "这个号码属于另一种证件，请把证件类型改为“{suggested_label}”。", "This number belongs to another document type; change the ID type to “{suggested_label_en}”."),
    "permit_format": (Severity.ERROR, "通行证号码格式不对：港澳为 H 或 M 加 8 位数字（可带 2 位换证次数），台湾为 8 位数字。", "Permit number not recognised: H or M plus 8 digits (optionally 2 more) for Hong Kong/Macao, 8 digits for Taiwan."),
    "passport_format": (Severity.ERROR, "护照号码应为 5–20 位字母或数字。", "A passport number has 5–20 letters or digits."),
    "foreign_pr_format": (Severity.ERROR, "外国人永久居留身份证号码应为 18 位（2023 版，以 9 开头）或 15 位（旧版：3 个字母加 12 位数字）。", "A foreign permanent resident number has 18 characters (2023 card, starting with 9) or 15 (old card: 3 letters and 12 digits)."),
    "uscc_length": (Severity.ERROR, "统一社会信用代码应为 18 位，现在是 {length} 位。", "A unified social credit code has 18 characters; this has {length}."),
    "uscc_chars": (Severity.ERROR, "第 {position} 位字符不对：代码不含 I、O、S、V、Z，第 3–8 位为数字。", "Character {position} is not allowed: codes never contain I, O, S, V or Z, and characters 3–8 are digits."),
    "uscc_checksum": (Severity.ERROR, "统一社会信用代码校验不通过，请对照营业执照逐位核对。", "The credit code's check character does not match; compare it with the business licence."),
    # Cross-field checks (checks.py)
    "id_sex_mismatch": (Severity.ERROR, "性别与证件号码第 17 位不一致（号码显示为{decoded}），请核对。", "Sex does not match character 17 of the ID number (it says {decoded_en}); please check."),
    "id_birth_mismatch": (Severity.ERROR, "出生日期与证件号码不一致（号码显示为 {decoded}），请核对。", "Date of birth does not match the ID number (it says {decoded}); please check."),
    "id_region_unknown": (Severity.WARNING, "号码前 6 位 {code} 不在行政区划代码表中，请核对（新设立的区县可能尚未收录）。", "The first six digits ({code}) are not in the division code table; check them (a very new county may be missing)."),
    "area_unknown": (Severity.WARNING, "区划代码 {code} 不在行政区划代码表中，请核对。", "Area code {code} is not in the division code table; please check."),
    "area_name_mismatch": (Severity.WARNING, "区划代码 {code} 对应“{expected}”，与填写的地区名称不一致。", "Area code {code} is “{expected}”, which differs from the area name entered."),
    "uscc_org_code": (Severity.WARNING, "统一社会信用代码中的组织机构代码校验不通过，请核对。", "The organisation code inside the credit code does not check out; please verify it."),
    "ss_number_format": (Severity.WARNING, "社会保障号码通常为 18 位字母或数字，请核对。", "A social security number usually has 18 letters or digits; please check."),
    "history_empty": (Severity.ERROR, "请至少填写一段参保记录（转出地的那一段）。", "Enter at least one insurance period (the one at the origin)."),
    "history_order": (Severity.ERROR, "开始年月 {start} 晚于终止年月 {end}。", "The start month {start} is after the end month {end}."),
    "history_months_exceed": (Severity.ERROR, "实际缴费月数 {paid} 超过了这段时间的月数 {span}。", "Months paid ({paid}) exceed the months in the period ({span})."),
    "history_overlap": (Severity.ERROR, "与第 {other} 段记录在 {first} 至 {last} 重叠（同一险种不能重复计算），请核对起止年月。", "Overlaps period {other} from {first} to {last} (the same scheme cannot count twice); check the months."),
    "history_duplicate_enrolment": (Severity.WARNING, "与第 {other} 段记录在 {first} 至 {last} 同时参加了两种医保（重复参保）。转移前请到经办机构办理重复参保的清退。", "Two schemes at once with period {other} from {first} to {last} (duplicate enrolment). Ask the agency to settle it before the transfer."),
    "history_gap": (Severity.INFO, "{first} 至 {last} 共 {months} 个月没有参保记录。", "No coverage from {first} to {last} ({months} months)."),
    "history_total": (Severity.INFO, "{scheme}累计缴费 {months} 个月（约 {years} 年）。", "{scheme_en}: {months} months paid in total (about {years} years)."),
    "legacy_scheme_destination": (Severity.ERROR, "新农合和城镇居民医保已整合为城乡居民医保，转入地请选择“城乡居民基本医疗保险”。", "The legacy rural and urban resident schemes are now one resident scheme; choose the resident scheme for the destination."),
    "same_area": (Severity.ERROR, "转出地与转入地属于同一个统筹地区（{area}），医保关系不用转移：只有跨统筹地区才办理转移接续。", "Origin and destination lie in one pooling area ({area}); nothing is transferred: only moves between pooling areas are."),
    "same_area_probably": (Severity.WARNING, "转出地与转入地可能属于同一个统筹地区（{area}），那样就不用办理转移。请先向经办机构确认两地是否跨统筹地区。", "Origin and destination may lie in one pooling area ({area}), in which case nothing is transferred. Ask the agency first whether the move crosses pooling areas."),
    "agent_same_person": (Severity.ERROR, "代办人证件号码与申请人相同；本人办理请把“申请人身份”选为本人。", "The agent's ID number is the applicant's; if you file yourself, choose 'the insured person'."),
    "pension_order": (Severity.ERROR, "养老保险本地参保开始年月 {start} 晚于终止年月 {end}。", "Pension: the local start month {start} is after the end month {end}."),
    "pension_months_exceed": (Severity.ERROR, "养老保险实际缴费月数 {paid} 超过了参保期间的月数 {span}。", "Pension: months paid ({paid}) exceed the months in the period ({span})."),
    "signed_future": (Severity.WARNING, "申请日期 {value} 晚于今天。", "The date of application ({value}) is after today."),
}


def render_message(code: str, ctx: dict, lang: str) -> str:
    severity, zh, en = MESSAGES[code]
    text = zh if lang == "zh" else en
    try:
        return text.format(**ctx)
    except (KeyError, IndexError, ValueError):
        # A context value is missing: say the essential thing without the detail.
        return re.sub(r"[（(]?\{[^}]+\}[）)]?", "", text)


def make_finding(code: str, path: str, ctx: dict | None = None, severity: Severity | None = None) -> Finding:
    """A finding from the catalogue, its message prefixed with the field's label."""
    ctx = ctx or {}
    default_severity = MESSAGES[code][0]
    zh = render_message(code, ctx, "zh")
    en = render_message(code, ctx, "en")
    if path:
        zh = f"{field_label(path, 'zh')}：{zh}"
        en = f"{field_label(path, 'en')}: {en}"
    return Finding(code, severity or default_severity, path, zh, en)
