"""The meaning stage's rules (``rules/meaning.yaml``), compiled once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ... import rules
from .. import dates

SCHEMA = {
    "subject_stops": [str],
    "stop_exceptions": [str],
    "subject_openers": [str],
    "subject_junk": [str],
    "bare_verbs": [str],
    "after_stops": [str],
    "predicate_starts": [str],
    "object_auxiliaries": [str],
    "object_trailers": [str],
    "object_markers": [str],
    "basis_heads": [str],
    "share_blockers": [str],
    "comparison_words": [str],
    "compared_with_leads": [str],
    "comparison_fillers": [str],
    "name_leads": [str],
    "term_periods": [str],
    "as_of_leads": [str],
    "since_leads": [str],
    "as_of_words": [str],
    "same_period_words": [str],
    "same_period_verbs": [str],
    "as_of_openers": [str],
    "flow_words": [str],
    "continuation_leads": [str],
    "breakdown_measures": [str],
    "self_named_heads": [str],
    "causative_verbs": [str],
    "comma_names": [str],
    "programme_nouns": [str],
    "event_leads": [str],
    "norm_units": [str],
    "place_units": [str],
    "place_set_leads": [str],
    "place_authorities": [str],
    "forward_leads": [str],
    "indicator_heads": [str],
    "headed_predicates": [str],
    "list_nouns": [str],
    "share_verbs": [str],
    "generic_headers": [str],
    "target_heads": [str],
    "target_fillers": [str],
    "condition_leads": [str],
    "reported_leads": [str],
    "measure_heads": [str],
    "object_measures": [str],
    "capacity_leads": [str],
}


@dataclass(frozen=True)
class Compiled:
    def mask_exceptions(self, text: str) -> str:
        """``text`` with the stop exceptions hidden (same length), so stop words inside them do not match."""
        return self.exception_re.sub(lambda m: "x" * len(m.group()), text)

    leading_period_re: regex.Pattern
    stop_re: regex.Pattern
    generic_header_re: regex.Pattern  # a column header naming no measure ("Số liệu", "Kết quả thực hiện")
    noun_list_re: regex.Pattern  # "sở, ban, ngành", "cơ quan, đơn vị, địa phương": one noun phrase, commas and all
    reported_re: regex.Pattern  # "thời gian thực hiện", "kỳ báo cáo": the period the document reports on follows
    condition_re: regex.Pattern  # a clause opening a rule's condition: "trường hợp ...", "nếu ..."
    then_re: regex.Pattern
    target_re: regex.Pattern  # a subject that is only a target word: "chỉ tiêu đề ra", "kế hoạch năm 2025"
    exception_re: regex.Pattern  # words holding a stop word that are no stop: "tăng trưởng", "mặt bằng"
    opener_re: regex.Pattern
    junk_subject_re: regex.Pattern
    bare_verb_re: regex.Pattern  # a subject that is only a verb of flow: "thu", "lũy kế giải ngân"
    after_stop_re: regex.Pattern
    predicate_start_re: regex.Pattern
    compared_with_re: regex.Pattern  # "so với vụ mùa " right before a date
    predicate_tail_re: regex.Pattern  # predicates ending a phrase before the next number: "1.073.939 lượt đạt"
    predicate_join_re: regex.Pattern
    object_aux_re: regex.Pattern
    object_trailer_re: regex.Pattern
    object_marker_re: regex.Pattern
    basis_head_re: regex.Pattern
    share_blocker_re: regex.Pattern
    comparison_re: regex.Pattern
    name_lead_re: regex.Pattern
    term_period_re: regex.Pattern  # "trong nhiệm kỳ " right before a date: a period, not a congress's name
    same_period_re: regex.Pattern
    as_of_re: regex.Pattern
    since_re: regex.Pattern
    as_of_word_re: regex.Pattern
    same_period_value_re: regex.Pattern
    norm_unit_re: regex.Pattern
    place_unit_re: regex.Pattern
    place_set_re: regex.Pattern
    place_authority_re: regex.Pattern
    forward_re: regex.Pattern
    headed_re: regex.Pattern
    after_phrase_re: regex.Pattern
    share_verb_re: regex.Pattern
    as_of_opener_re: regex.Pattern
    flow_re: regex.Pattern
    continuation_re: regex.Pattern  # a sentence that breaks down the one before: "Trong đó, ..."
    breakdown_re: regex.Pattern  # the word that opens a breakdown inside a sentence: ", trong đó", "gồm"
    breakdown_measure_re: regex.Pattern  # the measure a breakdown's items share: "kim ngạch xuất khẩu"
    self_named_re: regex.Pattern  # an item naming its own measure: "thu nội địa", "vốn ngân sách"
    made_of_re: regex.Pattern  # "gồm (23 xã và) ": what a place is made of is counted next
    static_tail_re: regex.Pattern  # more places counted, then the clause ends: "(23 xã) và 1 thị trấn, với"
    causative_re: regex.Pattern  # "góp phần đưa ... đạt": the subject starts after it
    programme_re: regex.Pattern
    event_re: regex.Pattern
    object_measure_re: regex.Pattern  # "đạt tốc độ tăng trưởng (bình quân) " right before a number
    measure_head_re: regex.Pattern  # a bare measure word: "mức thu", "tỷ lệ", "số tiền"
    capacity_re: regex.Pattern  # "công suất" right before a number: a static attribute


def _joined(items: list[str]) -> regex.Pattern:
    """Items joined as a counted noun joins them: "quận, huyện", "phường và xã"."""
    one = r"(?:" + rules.words_pattern(items) + r")"
    return regex.compile(one + r"(?:(?:,[ ]|[ ]và[ ]|[ ]hoặc[ ])" + one + r"){0,6}", regex.I)


def _comma_names(names: list[str]) -> str:
    """Names with commas ("chế biến, chế tạo"): any spacing, "," or ";" between their parts."""
    parts = sorted(names, key=len, reverse=True)
    alts = (r"[ \t]*[,;][ \t]*".join(r"[ \t]+".join(map(regex.escape, p.split())) for p in n.split(",")) for n in parts)
    return r"(?<![\p{L}])(?:" + "|".join(alts) + r")(?![\p{L}])"


@cache
def compiled() -> Compiled:
    r = rules.load("meaning.yaml", SCHEMA)
    # a count of months, in digits or in the words of dates.yaml: "6 tháng", "Sáu tháng đầu năm"
    month_count = r"(?:\d{1,2}|" + rules.words_pattern(list(dates.count_words())) + ")"
    words = rules.words_pattern
    boundary = r"(?<![\p{L}\d])"
    return Compiled(
        # a predicate word, or a period ("tháng 6", "6 tháng đầu năm", "năm 2020", "quý I") ends the subject
        # a period opening a clause: "năm 2025", "quý II/2024", "Trong 6 tháng đầu năm", "Sáu tháng đầu năm 2017",
        # "Lũy kế từ đầu năm"
        leading_period_re=regex.compile(
            r"^(?:(?:lũy kế|luỹ kế|kể)[ \t]+)?(?:từ[ \t]+đầu[ \t]+năm(?:[ \t]+nay)?(?:[ \t]+đến[ \t]+nay)?"
            r"|(?:(?:đến|tới|từ|trong|tính đến|sau|trước)[ \t]+(?:hết[ \t]+)?)?"
            r"(?:(?:năm|qu[ýí]|tháng)[ \t]+[\dIVX][\dIVX/]*(?:[ \t]+năm[ \t]+\d{4})?"  # "Quý I năm 2017"
            r"|(?:ngày[ \t]+)?\d{1,2}/\d{1,2}/\d{4}"  # "Tính đến ngày 18/5/2023 tổng diện tích ..."
            r"|" + month_count + r"[ \t]+tháng(?:[ \t]+(?:đầu|cuối))?(?:[ \t]+năm(?:[ \t]+\d{4})?)?))"
            r"[ \t,]+(?=\p{L})",
            regex.I,
        ),
        stop_re=regex.compile(
            boundary + r"(?:(?:" + words(r["subject_stops"]) + r")(?![\p{L}\d])"
            r"|(?:"
            + month_count
            + r"[ \t]+)?(?:tháng|qu[ýí]|năm)(?:[ \t]+(?:\d{1,4}|[IVX]{1,4}|đầu|cuối))(?![\p{L}\d]))",
            regex.I,
        ),
        exception_re=regex.compile(boundary + r"(?:" + words(r["stop_exceptions"]) + r")(?![\p{L}\d])", regex.I),
        opener_re=regex.compile(r"^(?:(?:" + words(r["subject_openers"]) + r")(?![\p{L}\d])[ \t,]{0,3}){1,4}", regex.I),
        # (with a year: "cùng kỳ năm 2020", "so cùng kỳ năm trước")
        bare_verb_re=regex.compile(r"(?:" + words(r["bare_verbs"]) + r")", regex.I),
        junk_subject_re=regex.compile(
            r"(?:" + words(r["subject_junk"]) + r")(?:[ \t]+năm[ \t]+(?:\d{4}|trước|ngoái))?", regex.I
        ),
        after_stop_re=regex.compile(boundary + r"(?:" + words(r["after_stops"]) + r")(?![\p{L}\d])", regex.I),
        predicate_start_re=regex.compile(r"^[ \t]{0,3}(?:" + words(r["predicate_starts"]) + r")(?![\p{L}\d])", regex.I),
        compared_with_re=regex.compile(
            boundary + r"(?:" + words(r["compared_with_leads"]) + r")(?:[ \t]{1,3}\p{L}+){1,8}[ \t]{1,3}$", regex.I
        ),
        predicate_tail_re=regex.compile(r"(?:[ \t]+(?:" + words(r["predicate_starts"]) + r"))+[ \t]*$", regex.I),
        predicate_join_re=regex.compile(
            r"[ \t](?:và|hay|hoặc|nhưng|song)[ \t]{1,3}(?=(?:" + words(r["predicate_starts"]) + r")(?![\p{L}\d]))",
            regex.I,
        ),
        object_aux_re=regex.compile(boundary + r"(?:" + words(r["object_auxiliaries"]) + r")[ \t]{1,3}", regex.I),
        object_trailer_re=regex.compile(r"(?:[ \t]{1,3}(?:" + words(r["object_trailers"]) + r"))+[ \t]*$", regex.I),
        object_marker_re=regex.compile(boundary + r"(?:" + words(r["object_markers"]) + r")[ \t]*$", regex.I),
        basis_head_re=regex.compile(r"^(?:" + words(r["basis_heads"]) + r")(?![\p{L}\d])", regex.I),
        share_blocker_re=regex.compile(r"^(?:" + words(r["share_blockers"]) + r")(?![\p{L}\d])", regex.I),
        # the patterns below are searched on the few words before a date or a number ("...$")
        comparison_re=regex.compile(
            boundary
            + r"(?:"
            + words(r["comparison_words"])
            + r")(?:[ \t]{1,3}(?:"
            + words(r["comparison_fillers"])
            + r"))?[ \t]{0,3}$",
            regex.I,
        ),
        term_period_re=regex.compile(boundary + r"(?:" + words(r["term_periods"]) + r")[ \t]*$", regex.I),
        name_lead_re=regex.compile(
            boundary + r"(?:" + words(r["name_leads"]) + r")(?![\p{L}\d])[ \t]{0,3}(?:đến[ \t]{1,3})?$"
            r"|^(?:" + words(r["name_leads"]) + r")(?![\p{L}])",
            regex.I,
        ),
        same_period_re=regex.compile(boundary + r"(?:" + words(r["same_period_words"]) + r")[ \t]{0,3}$", regex.I),
        as_of_re=regex.compile(boundary + r"(?:" + words(r["as_of_leads"]) + r")[ \t]{1,3}$", regex.I),
        since_re=regex.compile(boundary + r"(?:" + words(r["since_leads"]) + r")[ \t]{1,3}$", regex.I),
        # "thực hiện có hiệu quả" holds no "hiện có"
        as_of_word_re=regex.compile(
            r"(?<![\p{L}\d])(?<!thực[ \t])(?:" + words(r["as_of_words"]) + r")(?![\p{L}\d])", regex.I
        ),
        same_period_value_re=regex.compile(  # (not a comparison: "so với cùng kỳ tăng 1,21%" is this year's change)
            boundary
            + r"(?<!(?:so|với|sánh)[ \t]{1,3})(?:"
            + words(r["same_period_words"])
            + r")(?:[ \t]{1,3}năm[ \t]{1,3}"
            r"(?:(?P<year>(?:19|20)\d\d)|trước)|[ \t]{1,3}(?P<year>(?:19|20)\d\d))?[ \t]{0,3}(?:\([ \t]{0,3})?"
            r"(?:(?:" + words(r["same_period_verbs"]) + r")[ \t]{1,3})?$",
            regex.I,
        ),
        norm_unit_re=_joined(r["norm_units"]),
        place_unit_re=_joined(r["place_units"]),
        place_set_re=regex.compile(boundary + r"(?:" + words(r["place_set_leads"]) + r")[ \t]{1,3}$", regex.I),
        place_authority_re=regex.compile(boundary + r"(?:" + words(r["place_authorities"]) + r")[ \t]{1,3}$", regex.I),
        forward_re=regex.compile(boundary + r"(?:" + words(r["forward_leads"]) + r")(?![\p{L}\d])", regex.I),
        headed_re=regex.compile(
            boundary
            + r"(?P<what>(?:"
            + words(r["indicator_heads"])
            + r")[ \t]+[^;:()\d\n]{2,200}?)[ \t]+(?:"
            + words(r["headed_predicates"])
            + r")[ \t]*$",
            regex.I,
        ),
        after_phrase_re=regex.compile(
            r"(?:[^,;:.()\d\n“”\"]|,(?=[ \t]{0,2}(?:" + words(r["list_nouns"]) + r")(?![\p{L}\d]))){0,160}", regex.I
        ),
        share_verb_re=regex.compile(boundary + r"(?:" + words(r["share_verbs"]) + r")[ \t]*$", regex.I),
        noun_list_re=regex.compile(_joined(r["list_nouns"]).pattern + "|" + _comma_names(r["comma_names"]), regex.I),
        reported_re=regex.compile(r"(?<![\p{L}])(?:" + words(r["reported_leads"]) + r")(?![\p{L}])", regex.I),
        condition_re=regex.compile(r"[ \t]*(?:" + words(r["condition_leads"]) + r")(?![\p{L}\d])", regex.I),
        then_re=regex.compile(r"(?<![\p{L}])thì(?![\p{L}])", regex.I),
        target_re=regex.compile(
            r"(?P<head>"
            + words(r["target_heads"])
            + r")(?:[ \t]+(?:"
            + words(r["target_fillers"])
            + r"|(?:19|20)\d\d))*",
            regex.I,
        ),
        # a header of such words (and a unit or period in brackets) only: "Số liệu", "Kết quả (%)", "Tổng số"
        generic_header_re=regex.compile(
            r"(?:(?:" + words(r["generic_headers"]) + r")(?![\p{L}\d])[ ]?)+(?:\([^()]{0,30}\))?", regex.I
        ),
        as_of_opener_re=regex.compile(r"^[ \t\-–+•*]{0,3}(?:" + words(r["as_of_openers"]) + r")(?![\p{L}\d])", regex.I),
        flow_re=regex.compile(boundary + r"(?:" + words(r["flow_words"]) + r")[ \t]{1,3}$", regex.I),
        made_of_re=regex.compile(
            r"(?<![\p{L}])(?:gồm|bao gồm|gồm có|có)[ \t]+(?:\d[\d.]*[ \t]+(?:"
            + words(r["place_units"])
            + r")[ \t]*(?:,|và)[ \t]*)*$",
            regex.I,
        ),
        static_tail_re=regex.compile(
            r"(?:[ \t]*(?:,|và)[ \t]*\d[\d.]*[ \t]+(?:"
            + words(r["place_units"])
            + r"))*[ \t]*(?:[.;:)\n]|,[ \t]*(?:với|trong đó|gồm)(?![\p{L}])|$)",
            regex.I,
        ),
        causative_re=regex.compile(boundary + r"(?:" + words(r["causative_verbs"]) + r")[ \t]+(?=\p{L})", regex.I),
        continuation_re=regex.compile(
            r"[ \t\-–+•*]{0,3}(?:" + words(r["continuation_leads"]) + r")(?![\p{L}\d])", regex.I
        ),
        programme_re=regex.compile(boundary + r"(?:" + words(r["programme_nouns"]) + r")(?![\p{L}\d])", regex.I),
        event_re=regex.compile(boundary + r"(?:" + words(r["event_leads"]) + r")[ \t]{1,3}$", regex.I),
        object_measure_re=regex.compile(
            r"(?<![\p{L}])(?:đạt|có|duy trì)[ \t]+(?P<measure>" + words(r["object_measures"]) + r")"
            r"(?:[ \t]+(?:là|ở mức|khoảng|hơn|trên|gần|đạt))*[ \t]*$",
            regex.I,
        ),
        measure_head_re=regex.compile(r"(?:" + words(r["measure_heads"]) + r")", regex.I),
        breakdown_re=regex.compile(boundary + r"(?:" + words(r["continuation_leads"]) + r")[ \t]*[,:]?", regex.I),
        breakdown_measure_re=regex.compile(
            boundary + r"(?:" + words(r["breakdown_measures"]) + r")(?![\p{L}\d])", regex.I
        ),
        self_named_re=regex.compile(r"^(?:" + words(r["self_named_heads"]) + r")(?![\p{L}\d])", regex.I),
        capacity_re=regex.compile(
            boundary + r"(?:" + words(r["capacity_leads"]) + r")(?:[ \t]+(?:khoảng|gần|hơn|trên|dưới|là))?[ \t]*$",
            regex.I,
        ),
    )
