"""Subject: the indicator a figure measures, read from the clause around the number.

"Tổng thu ngân sách nhà nước ước đạt 163.201,095 tỷ đồng" -> "Tổng thu ngân sách nhà nước".
"""

from __future__ import annotations

from functools import cache

import regex

from .rules import Compiled

_compile = cache(regex.compile)

CLAUSE_CUT = regex.compile(r",(?!\d)|[;:]|(?<!\.\.)\.(?=\s)|\n")  # not the ',' of "1,9%", nor an ellipsis
ELLIPSIS = regex.compile(r"\.{3}|…")  # an unfinished list: "nước nóng,... và ...", "khí đốt... ước tăng"
FIGURE_IN_TEXT = regex.compile(r"\d[\d.,/]*(?:[ \t]?%|[ \t]\p{L}{1,8}(?:[ \t]\p{L}{1,8})?)?")


def open_clause(before: str, lists: regex.Pattern | None = None) -> tuple[str, str | None, str]:
    """Split the sentence text before a number into (clause, cut char, text before the open bracket).

    Brackets closed before the number are part of the clause ("Chỉ số sản xuất công nghiệp (IIP) của ...");
    an unclosed '(' starts the clause, and what stands right before it is returned too.
    """
    opens: list[int] = []
    for i, ch in enumerate(before):
        if ch == "(":
            opens.append(i)
        elif ch == ")" and opens:
            opens.pop()
    if opens:
        inner = before[opens[-1] + 1 :]
        cuts = list(CLAUSE_CUT.finditer(inner))
        if cuts:
            return inner[cuts[-1].end() :], cuts[-1].group(), before[: opens[-1]]
        return inner, "(", before[: opens[-1]]
    masked = _mask_quotes(mask_brackets(before))
    if lists is not None and "," in masked:  # "Chỉ số trung bình của các sở, ban, ngành đạt": one noun phrase
        masked = lists.sub(lambda m: m.group().replace(",", " "), masked)
    cuts = list(CLAUSE_CUT.finditer(masked))
    if cuts:
        return before[cuts[-1].end() :], cuts[-1].group(), ""
    return before, None, ""


def mask_brackets(text: str) -> str:
    """Replace closed '(...)' groups (up to three deep) by spaces so their commas do not cut the clause."""
    if "(" not in text:
        return text
    for _ in range(3):
        masked = INNER_BRACKETS.sub(lambda m: " " * len(m.group()), text)
        if masked == text:
            break
        text = masked
    return text


def _mask_quotes(text: str) -> str:
    """Blank closed “...” names so their commas do not cut the clause (“Sạch, không xả rác ...”)."""
    return QUOTED.sub(lambda m: " " * len(m.group()), text) if "“" in text else text


QUOTED = regex.compile(r"“[^“”\n]{0,200}”")
INNER_BRACKETS = regex.compile(r"\([^()]*+\)")


# "1.1 - Chi ...", "2.3. Chi ...", "(1) Kinh tế", "a) Dự thảo ...": the list marker is not part of the indicator
LIST_MARKER_HEAD = regex.compile(
    r"^(?:\(?\d{1,2}(?:\.\d{1,2}){0,3}\)|\d{1,2}(?:\.\d{1,2}){0,3}\.?[ \t]{0,2}[-–]|\d{1,2}(?:\.\d{1,2}){0,3}\."
    r"|\(?\p{Ll}\))[ \t]+"
)


# "trường hợp/nếu X thì [thực hiện] Y <number>": a rule's condition, then its main clause up to the number
CONDITION_THEN = regex.compile(
    r"(?<![\p{L}])(?:trường hợp|nếu)[ \t]+(?P<case>[^;:()\n]{1,120}?)[ \t,]+thì[ \t]+(?:thực hiện[ \t]+|áp dụng[ \t]+)?"
    r"(?P<main>[^;:()\n,]{1,80})$",
    regex.I,
)
# an aside at the head of a clause ("(thời điểm trước ...) thì"), or the close of one opened before it
LEADING_ASIDE = regex.compile(r"^(?:\([^()\n]{0,200}\)|\))[ \t,]*")
APPROX_TAIL = regex.compile(
    r"(?:[ \t]+(?:gần|hơn|khoảng|trên|dưới|ít nhất|tối thiểu|tối đa|xấp xỉ|ước|ước tính|chỉ))+[ \t]*$", regex.I
)
TRAILING_ADVERB = regex.compile(r"(?:[ \t]+(?:chưa|chỉ|(?<!thực[ \t]+)hiện|vẫn|cũng|đều|sẽ|đã|đang))+[ \t]*$", regex.I)
TRAILING_JOINER = regex.compile(r"(?:[ \t,]+(?:và|hoặc|cùng|với|của))+[ \t]*$", regex.I)
# "với"/"là" before the phrase that carries the predicate (not "đối với", "so với")
WITH_SUBJECT = regex.compile(r"(?<![\p{L}])(?<!(?:đối|so|sánh)[ \t])(?:với|là)[ \t]+(?=\p{L})", regex.I)
SHORT_HEAD = 4  # syllables: a verb, or a verb and its agent ("đơn vị hoàn thành")
PART_OF_PLACES = regex.compile(
    r"^[\s,;)]{0,6}(?:trong đó|riêng|cụ thể)[\s,:]{1,4}(?P<who>[^;:()]{2,80}?)[ \t]+(?:đạt|chiếm|là|có|tăng|giảm)"
    r"[ \t]*$",
    regex.I,
)
OF_COUNT = regex.compile(r"(?<![\p{L}])của[ \t]*$", regex.I)
LONG_HEAD = 8
OBJECT_WORDS = 6
TRAILING_PERIOD = regex.compile(
    r"[ \t]+(?:(?:\d{1,2}[ \t]+)?(?:tháng|qu[ýí]|năm)[ \t]+(?:\d{1,4}|[IVX]{1,4})(?:/\d{4}|[ \t]*[-–][ \t]*\d{4})?"
    r"|\d{1,2}[ \t]+tháng(?:[ \t]+(?:đầu|cuối)(?:[ \t]+năm(?:[ \t]+\d{4})?)?)?"  # "... vận tải 10 tháng"
    r"|cả[ \t]+năm(?:[ \t]+\d{4})?"  # "diện tích trồng mới cả năm"
    r"|[ \t]*\([^()\d]{0,25}\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]*\))[ \t]*$",  # "Tổng đàn heo (thời điểm 01/10/2020)"
    regex.I,
)
# a day the value is taken at, with the estimate before it: "Tổng dư nợ ước thực hiện đến 30/9/2022 (là)"
TRAILING_AS_OF = regex.compile(
    r"(?:[ \t]+(?:ước tính|ước|dự kiến|dự ước)(?:[ \t]+(?:thực hiện|đạt))?)?"
    r"(?:[ \t]+tính)?[ \t]+(?:đến|tới)(?:[ \t]+hết)?(?:[ \t]+ngày)?[ \t]+\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]*$",
    regex.I,
)


def _trim(text: str, chars: str) -> str:
    """``text.strip(chars)``, but a closing quote stays when its opening quote does (“Xanh, sạch, đẹp”)."""
    trimmed = text.strip(chars)
    if "“" in trimmed and "”" not in trimmed and "”" in text[len(text.rstrip(chars)) - 1 :]:
        trimmed += "”"
    return trimmed


def clause_subject(clause: str, c: Compiled, objects: bool = False, measure: bool = False) -> str:
    """The indicator at the head of a clause: its text up to the first predicate word. With ``objects`` (a
    count), a long clause with no predicate word is an agent, a verb and its object: the object is kept. With
    ``measure`` (the clause runs up to a number that is no count), a measure named after "với"/"có" wins."""
    clause = _trim(clause, ' \t-–+*•"“”')
    clause = LEADING_ASIDE.sub("", LIST_MARKER_HEAD.sub("", clause))  # "(thời điểm trước ...) thì bình quân"
    clause = c.opener_re.sub("", c.leading_period_re.sub("", clause)).strip(" ,")  # "đến năm 2025 lứa bác sĩ ..."
    *_, causes = [None, *c.causative_re.finditer(clause)]
    if causes is not None and c.stop_re.search(c.mask_exceptions(clause[causes.end() :])):
        clause = clause[causes.end() :]  # "Kết quả trên đã góp phần đưa tổng doanh thu du lịch đạt"
    masked = c.mask_exceptions(clause)
    m = c.stop_re.search(masked)
    head = clause[: m.start()] if m else clause
    led = WITH_SUBJECT.search(masked)
    if led and m and m.start() <= led.start():
        # "..., an toàn với tổng khối lượng thực hiện toàn dự án lũy kế đạt 74,5%", "... là Quận 12 tỷ lệ giảm
        # 82,6%": the phrase after "với"/"là" carries the predicate of the number
        inner = clause[led.end() :]
        stops = list(c.stop_re.finditer(c.mask_exceptions(inner)))
        last = stops[-1] if stops else None
        if last is not None and last.start() > 0 and not inner[last.end() :].strip():
            head = inner[: last.start()]
        elif last is None and led.group().strip().casefold() == "là" and len(inner.split()) >= 2:
            head = inner  # "...; kế đến là thu dầu thô 8.097 tỷ đồng": the noun the number stands after
    if measure and m:
        # "... đầu tư với tổng mức đầu tư khoảng 4.100 tỷ đồng", "giếng có lưu lượng nước từ 10m3": a measure
        # named after a last "với" or "có" (not a count: "có 12 đô thị" names its noun after the number)
        ranged = RANGE_TAIL.sub("", " " + masked)[1:]
        *_, last = [None, *c.stop_re.finditer(ranged)]
        rest = clause[last.end() : len(ranged)].strip(" ,") if last else ""
        if (
            last
            and last.group().casefold() in ("với", "có")
            and 2 <= len(rest.split()) <= 6
            and not FIGURE_IN_TEXT.search(rest)
            and not c.measure_head_re.fullmatch(rest)
        ):
            head = rest
    head = TRAILING_JOINER.sub("", _trim(head, ' ,-–:"“”'))  # "Các phòng, ban và 11 phường"
    head = TRAILING_ADVERB.sub("", head)  # "Tỷ lệ hồ sơ ... chưa (đạt)", "Tỷ lệ ... hiện chỉ (đạt)"
    head = TRAILING_PERIOD.sub("", head)  # "Tổng doanh thu vận tải 10 tháng (đạt)"
    if objects and not m and len(head.split()) > LONG_HEAD:
        # no predicate word: an agent, a verb and its object run up to the number; the object is nearest it
        # ("các quận cơ bản hoàn tất thủ tục ban hành Quyết định bồi thường 436/602 trường hợp")
        head = " ".join(head.split()[-OBJECT_WORDS:])
    if not _compile(r"\p{L}{2}").search(head) or c.junk_subject_re.fullmatch(head):
        return ""
    return head


def tail_subject(text: str, c: Compiled) -> str:
    """The noun phrase right before an opening bracket: "số doanh nghiệp tạm ngừng hoạt động (tăng 15%)"."""
    text = TRAILING_PERIOD.sub(" ", text)  # "chỉ tiêu tăng trưởng GRDP năm 2021 (trên 7,5%)"
    last = 0
    for m in FIGURE_IN_TEXT.finditer(text):
        last = m.end()
    for m in c.stop_re.finditer(c.mask_exceptions(text), last):
        last = m.end()
    for m in CLAUSE_CUT.finditer(text, last):
        last = m.end()
    return clause_subject(text[last:], c)


def after_phrase(text: str, pos: int, stop: int, noun: str, c: Compiled, item: bool = False) -> str:
    """Counted noun and the words after it: "2.704 hành khách tại sân bay quốc tế". With ``item`` (the figure
    opens its bullet: "- 100% văn bản, hồ sơ công việc được xử lý ..."), the nouns it lists read on past commas."""
    # a bracket right after the noun is an aside: "44 đơn vị (là các đơn vị ...) chưa gửi văn bản"
    rest = _compile(r"^[ \t]{0,3}\([^()\n]{0,200}\)").sub(" ", text[pos : min(stop, pos + 400)])
    if DASH_AFTER.match(rest):
        return noun  # "46.489 ha- giảm 10,36%": a dash ends what the number names
    # a comma goes on only inside a list of bodies or places: "04 đề án do sở, ngành trình chậm"
    m = (ITEM_TAIL if item else c.after_phrase_re).match(rest)
    tail = m.group() if m else ""
    for comma in regex.finditer(",", tail) if item else ():
        after = tail[comma.end() :].lstrip()
        if c.predicate_start_re.match(after) or c.opener_re.match(after) or not after:
            tail = tail[: comma.start()]  # "..., đạt kế hoạch", "..., trong đó ...": a clause of its own
            break
    cut = c.after_stop_re.search(tail)
    if cut and noun and cut.group().casefold() == "là" and not tail[: cut.start()].strip():
        # "14 ứng viên là công chức, viên chức": what the counted noun is, not a predicate of its own
        cut = c.after_stop_re.search(tail, cut.end())
    while cut and cut.group().casefold() == "và" and AUX_AFTER.match(tail, cut.end()):
        cut = c.after_stop_re.search(tail, cut.end())  # "23 ứng viên hoàn thành khóa học và đang phục vụ ..."
    bound = RANGE_NOUN.match(rest, cut.start()) if cut and cut.group().casefold() == "từ" else None
    if bound:
        tail = rest[: bound.end()]  # "06 xã đạt từ 15 đến 18 tiêu chí": the count's class, bounds and all
    elif cut:
        tail = tail[: cut.start()]
    elif stop > pos + len(tail) and text[pos + len(tail)].isdigit():
        ranged = RANGE_TAIL.sub("", " " + tail)  # "từ 10m3 đến dưới 50m3": the range goes on, no noun follows
        # "1.073.939 lượt đạt 40,46%": the next figure's predicate (not a bound: "xã có điểm đạt dưới 60%")
        tail = ranged if ranged != " " + tail else c.predicate_tail_re.sub("", ranged)
        tail = DATE_WORD_TAIL.sub("", tail)  # "từ 3,2% năm 2020 xuống 1,6%": a date, no noun
    words = (noun + " " + tail).replace(" ,", ",").split()
    # "lớp tập huấn cho khoảng", "12 tỉnh đã có 100% ...": no closing preposition or auxiliary
    phrase = TRAILING_ADVERB.sub("", c.object_trailer_re.sub("", " ".join(words[:AFTER_WORDS])))
    phrase = TRAILING_DATE_LEAD.sub("", phrase)  # "5 địa phương đến hết tháng 3/2023"
    return phrase if _compile(r"\p{L}").search(phrase) else noun  # "55.000 tấn…": no words, nothing named


AFTER_WORDS = 12
ITEM_TAIL = regex.compile(r"[^;:.()\d\n“”\"]{0,160}")
TRAILING_DATE_LEAD = regex.compile(
    r"[ \t]+(?:(?:tính[ \t]+)?(?:đến|tới)(?:[ \t]+hết)?|trong|từ|vào|tính)(?:[ \t]+(?:ngày|tháng|qu[ýí]|năm))?[ \t]*$",
    regex.I,
)
DATE_WORD_TAIL = regex.compile(r"(?:^|[ \t]+)(?:năm|tháng|qu[ýí]|ngày)[ \t]*$", regex.I)
DASH_AFTER = regex.compile(r"[ \t]{0,2}[-–—][ \t]")
AUX_AFTER = regex.compile(r"[ \t]+(?:đã|đang|được|chưa|vẫn)(?![\p{L}])", regex.I)
# a range or a change of level goes on after the number: "từ 10m3 đến dưới 50m3", "từ 120 trường lên 135 trường"
RANGE_TAIL = regex.compile(r"(?:[ \t]+(?:từ|đến|tới|dưới|trên|lên|xuống|còn|-|–))+[ \t]*$", regex.I)


RANGE_NOUN = regex.compile(
    r"từ[ \t]+\d+(?:[ \t]*(?:đến|-|–)[ \t]*\d+)?[ \t]+\p{Ll}+(?:[ \t]+\p{Ll}+)?(?:[ \t]+trở[ \t]+(?:lên|xuống))?",
    regex.I,
)
BOUND_THEN_PREDICATE = regex.compile(
    r"[ \t]*trở[ \t]+(?:lên|xuống)(?:[ \t]+[^,;:()]{1,60}?)?[ \t]+(?:là|có|đạt|chiếm|ước tính|ước đạt|ước)[ \t]*",
    regex.I,
)  # "Lực lượng lao động từ 15 tuổi trở lên trên địa bàn tỉnh ước tính (489,5 nghìn người)"
# a comparison: "so với cùng kỳ năm trước", "so sánh với tháng trước", "so năm 2023"
COMPARED = r"so(?:[ \t]+sánh)?(?:[ \t]+với)?[ \t]+"
# ... opening a clause before its predicate: ", so cùng kỳ năm trước tăng 131,44%"
COMPARED_LEAD = regex.compile(
    r"^" + COMPARED + r"(?:cùng[ \t]+kỳ|kỳ trước|tháng trước|quý trước|năm trước)"
    r"(?:[ \t]+năm[ \t]+(?:trước|ngoái|\d{4}))?[ \t,]*(?=\p{L})",
    regex.I,
)
# ... right before a bracket: "tăng 8,4% so với cùng kỳ năm 2023 (39.203 người)"
COMPARED_BEFORE = regex.compile(
    r"(?<![\p{L}])" + COMPARED + r"(?:cùng[ \t]+kỳ|năm|kỳ|tháng|qu[ýí])[^(),;]{0,40}$", regex.I
)
DIMENSION = regex.compile(
    r"(?<![\p{L}])(?<!chiều[ \t])(?:dài|rộng|sâu)(?:[ \t]+(?:khoảng|gần|hơn|trên|là))?[ \t]*$", regex.I
)
PHYSICAL = frozenset({"area", "length", "mass", "volume"})


def object_verb(clause: str, c: Compiled) -> str:
    """The verb phrase a count is the object of: the clause after its last auxiliary ("Quận A đã bàn giao mặt
    bằng" -> "bàn giao mặt bằng"), or a clause that hands the count over with "cho" ("tặng Bằng khen cho"),
    without closing prepositions or approximations; "" when the count is no object."""
    last = None
    for m in c.object_aux_re.finditer(clause):
        # an auxiliary with nothing but a preposition after it is a word of the object: "việc làm mới cho"
        if c.object_trailer_re.sub("", " " + clause[m.end() :]).strip(" ,"):
            last = m
    if last is not None:
        verb = clause[last.end() :]
    elif c.object_marker_re.search(APPROX_TAIL.sub("", " " + clause)):  # "cho khoảng 5 dự án"
        verb = c.opener_re.sub("", c.leading_period_re.sub("", LIST_MARKER_HEAD.sub("", clause.strip(" \t-–+*•"))))
        verb = verb.strip()
    else:
        return ""
    verb = TRAILING_PERIOD.sub("", c.object_trailer_re.sub("", verb))  # "tổ chức lễ giao quân năm 2020 cho"
    words = c.object_trailer_re.sub("", verb).strip(" ,").split()[-12:]
    verb = " ".join(words)
    return verb if words and _compile(r"\p{L}{2}").search(verb) else ""


def _list_tail(clause: str, c: Compiled) -> bool:
    """One or two words and then the predicate: the last item of a list of nouns ("..., dịch vụ đạt")."""
    stop = c.stop_re.search(c.mask_exceptions(clause))
    head = ESTIMATE_TAIL.sub("", clause[: stop.start()]) if stop else ""  # "..., du lịch ước đạt"
    return bool(stop and 1 <= len(head.split()) <= 2 and not FIGURE_IN_TEXT.search(clause))


ESTIMATE_TAIL = regex.compile(r"(?:[ \t]+(?:ước tính|ước|dự kiến|dự ước|đã|đều|cũng))+[ \t]*$", regex.I)


def coordinated_verbs(before: str, clause: str) -> str:
    """The clause with the comma segment before it when that segment holds the auxiliary of a verb the clause
    continues: "Trung tâm đã kết nối, tích hợp gần 1.500 camera", "Đã phê duyệt, công bố quy hoạch ..."."""
    if len(clause.split()) > 8:
        return clause
    head = before[: len(before) - len(clause)].rstrip(",")
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(":"), head.rfind("("))
    segment = head[cut + 1 :]
    return segment + "," + clause if 0 < len(segment.split()) <= 6 and not FIGURE_IN_TEXT.search(segment) else clause


def opens_sentence(text: str, sent: tuple[int, int], start: int, clause: str) -> bool:
    """The clause before the number opens its sentence or bullet line: a report's bullet often starts with
    its verb ("Tổ chức đấu giá 04 lô đất", "Khởi công xây dựng 43 cụm công nghiệp")."""
    lead = start - len(clause)
    return lead - sent[0] < 12 and not text[sent[0] : lead].strip(" \t-–+*•")


def joined_clause(before: str, clause: str, c: Compiled, after_figure: bool = False) -> str:
    """A noun phrase listing items with commas ("tỷ lệ thu gom, vận chuyển và xử lý chất thải rắn, chất thải
    nguy hại đạt 100%"): earlier comma segments join the clause while they hold no figure, no predicate and
    no period, up to three of them. With ``after_figure`` (``before`` starts right after a figure) its first
    segment is that figure's basis ("đạt 70% chỉ tiêu chung, số học viên ... là 70 người"), never joined."""
    head = before[: len(before) - len(clause)]
    joined = clause
    for _ in range(3):
        if not head.endswith(","):
            break
        seg_start = max(head.rfind(",", 0, len(head) - 1), head.rfind(";"), head.rfind(":"), head.rfind("("))
        segment = head[seg_start + 1 : -1]
        if (
            (seg_start < 0 and after_figure)
            or not segment.strip()
            or len(segment.strip(" \t-–+*•").split()) > 8
            or FIGURE_IN_TEXT.search(segment)
            or segment.count(")") > segment.count("(")  # the end of a bracket opened before: no list item
        ):
            break
        if c.stop_re.search(c.mask_exceptions(c.opener_re.sub("", segment.strip()))):
            break
        joined = segment + "," + joined
        head = head[: seg_start + 1]
    return joined


def bracket_subject(before_paren: str, previous: str | None, c: Compiled) -> str | None:
    """A figure inside brackets with no subject of its own: the noun phrase right before the bracket
    ("số doanh nghiệp giải thể (tăng 33%)"), or the figure's before it when the bracket follows that figure
    or its basis ("đạt 53% dự toán (đạt 49,7% ...)", "tăng 8,06% (quý I tăng 7,97%)")."""
    tail = before_paren.strip()
    if previous and (not tail or FIGURE_IN_TEXT.search(tail) or c.basis_head_re.match(tail)):
        return previous
    if previous and tail.casefold() in previous.casefold():
        return previous  # "chi trả 320 tỷ đồng tiền bồi thường (đạt 64%)": the bracket follows that figure
    tail = tail_subject(before_paren, c)
    if not tail and not previous:
        # "Chỉ số sản xuất công nghiệp (IIP) ... tăng mạnh (+10,92%)": the value of the clause's predicate
        tail = clause_subject(open_clause(before_paren, c.noun_list_re)[0], c)
    return tail or previous


def find_subject(
    text: str,
    unit: str | None,
    start: int,
    sent: tuple[int, int],
    quantity: str,
    unit_end: int,
    previous: str | None,
    c: Compiled,
    floor: int = 0,
    previous_verb: str = "",
) -> tuple[str | None, str]:
    """The indicator a figure measures, and the verb phrase it is the object of ("" if none): a count joined to
    the figure before it ("tặng Bằng khen cho 122 tập thể và 113 cá nhân") shares that verb (``previous_verb``).
    ``floor`` is where the previous figure ended (a subject never spans it)."""
    subject, verb = _find_subject(text, unit, start, sent, quantity, unit_end, previous, c, floor, previous_verb)
    subject = subject and TRAILING_DATE_LEAD.sub("", TRAILING_AS_OF.sub("", subject))  # "... huyện đến hết (tháng 3)"
    subject = subject and subject.rstrip(" \t/")  # "793 hộ nghèo/53.904 hộ": the count's noun, not the "/"
    if subject and (PERIOD_SUBJECT.fullmatch(subject) or subject.startswith("/") or LEADING_NUMBER.match(subject)):
        # (nor is a figure: "Ước đạt 44.067 tỷ đồng, bằng 97% dự toán" names no indicator before "bằng")
        # a date is no indicator ("So với năm 2010 tăng 54 vụ" left "năm 2010"), nor the rest of a rate unit
        # ("/năm" of "kWh/người/năm"): what the count counts, else the figure before it
        subject = unit if quantity == "count" and unit else ""
    return (subject or previous or None) and (subject or previous)[:200], verb


def _find_subject(
    text: str,
    unit: str | None,
    start: int,
    sent: tuple[int, int],
    quantity: str,
    unit_end: int,
    previous: str | None,
    c: Compiled,
    floor: int,
    previous_verb: str,
) -> tuple[str | None, str]:
    # the rules below run in this order; the first that decides wins. A clause never runs further back than
    # BACK chars, which keeps a line of thousands of figures (or of none) linear.
    if BOUND_THEN_PREDICATE.fullmatch(text, floor, start):
        floor = 0  # "số xã đạt từ 10 tiêu chí trở lên là 37 xã": the figure before is a bound inside the subject
    before = text[max(sent[0], floor, start - BACK) : start]
    before = APPROX_TAIL.sub(" ", before)  # "tối đa 60 triệu": no subject "tối đa"
    before = ELLIPSIS.sub(lambda m: " " * len(m.group()), before)  # "nước nóng,... và điều hòa không khí tăng"
    dimension = DIMENSION.search(before) if quantity in PHYSICAL else None
    if dimension:
        # "Quốc lộ 53 dài 24,5 km đi qua ...": the thing the length (width, depth) is of, not what follows
        head = clause_subject(open_clause(before[: dimension.start()], c.noun_list_re)[0] + " là", c)
        if head:
            return head, ""
    total = c.headed_re.search(before)
    if total and not c.junk_subject_re.fullmatch(total["what"].strip()):  # "năm 2024 tỷ lệ này đạt 48,5%"
        # an indicator noun heads the phrase up to the number's predicate, commas and all: "nâng tổng số cuộc
        # đối thoại đã được tổ chức ... lên 6.609", "tỷ lệ thu gom, vận chuyển và xử lý chất thải ... đạt 100%"
        what = TRAILING_ADVERB.sub("", TRAILING_PERIOD.sub("", total["what"]))
        return " ".join(what.split()[:14]).rstrip(","), ""
    rule = CONDITION_THEN.search(before) if quantity != "count" else None
    if rule:
        # "Trường hợp thẩm định gia hạn, bổ sung thì thực hiện mức thu bằng 50%": the measure of the main clause,
        # for the case the condition names when it is only a measure word ("mức thu - thẩm định gia hạn, bổ sung")
        main = clause_subject(rule["main"], c, measure=True)
        if main:
            return (f"{main} - {rule['case'].strip(' ,')}" if c.measure_head_re.fullmatch(main) else main), ""
    part = PART_OF_PLACES.match(before)
    if previous and part and c.place_unit_re.match(part["who"].removeprefix("các ").strip()):
        # "..., trong đó các quận 1, 12, Tân Phú đạt 100%": the same indicator (the column header), for those
        # places (which the sentence keeps)
        return previous, ""
    clause, kind, before_paren = open_clause(before, c.noun_list_re)
    if quantity == "count" and unit and OF_COUNT.search(clause) and kind != "(":
        # "chuyến bay, chuyến tàu đến từ Đà Nẵng của 122 chuyến bay": the things the count is of, named
        # before it with the same head noun
        head = c.opener_re.sub("", LIST_MARKER_HEAD.sub("", OF_COUNT.sub("", clause).strip(" \t-–+*•")))
        if 2 <= len(head.split()) <= 10 and unit.split()[0] in head.casefold().split():
            return head.strip(" ,"), ""
    about = ABOUT_AFTER.match(text, unit_end, min(sent[1], unit_end + BACK))
    if about and quantity in ("percent", "multiplier"):
        # "tăng 15,07% về số doanh nghiệp, tăng 72,66% về số vốn đăng ký": what changed is named after "về";
        # a word or two name an aspect of the measure before it ("xuất khẩu tăng 5% về lượng, 8% về giá trị")
        what = about["what"].strip()
        head = (previous or "").split(" - ")[0]
        return (f"{head} - {what}" if head and len(what.split()) <= 2 else what), ""
    joined = c.predicate_join_re.search(clause)  # "đạt 29,1% dự toán và bằng 99,2%": the second predicate
    own = clause[joined.end() :] if joined else clause
    dated = c.leading_period_re.sub("", own.lstrip())  # "từ 38,8% năm 2016 lên 42,5%": the level reached
    period_led = dated != own.lstrip()
    own = COMPARED_LEAD.sub("", dated)  # ", so cùng kỳ năm trước tăng 131,44%": the comparison, then the predicate
    if c.predicate_start_re.match(own) or LEVEL_FROM.fullmatch(own):
        # ", đạt 40,21% dự toán", "(giảm 63 vụ so với cùng kỳ)": no subject of its own
        found = bracket_subject(before_paren, previous, c) if kind == "(" or before_paren else previous
        if (not found or (period_led and not joined)) and kind == ",":
            # "Sản lượng cà phê có mức tăng khá, đạt 45.000 tấn": the clause before names it (else the sentence's
            # opening); so does the one before a period's clause ("...; thu từ đất, tháng 8 là 203 tỷ đồng")
            head = before[: len(before) - len(clause)].rstrip(",")
            cut = max(head.rfind(","), head.rfind(";"), head.rfind(":"), head.rfind("("))
            segment = head[cut + 1 :]
            if not found:
                found = clause_subject(segment, c) or head_subject(text, sent, start, c)
                found = found if found and len(found.split()) >= 2 else None
            elif cut >= 0 and not FIGURE_IN_TEXT.search(segment) and not c.basis_head_re.match(segment.strip()):
                found = clause_subject(segment, c) or found  # (a segment the figure before ended in is its basis)
        if found or joined:  # (what "và" joins this predicate to is the first one's basis: "dự toán")
            return found or "", ""
    nominal = NOMINAL.search(clause)
    if kind == "," and (nominal or _list_tail(clause, c)) and not c.opener_re.match(clause.strip()):
        # "Tổng mức bán lẻ hàng hóa, dịch vụ đạt ...": a short head after a comma ends a list of nouns
        clause = joined_clause(before, clause, c, after_figure=floor > max(sent[0], start - BACK))
        nominal = NOMINAL.search(clause)  # (its "là" moved with the segments joined before it)
    subject = nominal_subject(clause, nominal, c) if nominal else ""
    if not subject:
        subject = clause_subject(clause, c, objects=quantity == "count", measure=quantity != "count")
    labelled = ""
    if not subject and kind == ":" and (not clause.strip() or quantity in ("money", "percent")):
        # "Quận 1: 13 vụ" -> the label before the colon (also before a bare verb: "- Chi thường xuyên: Thực hiện
        # 26.798 tỷ đồng"), with what a count counts when it names more than a unit: "(1) Kinh tế: 11 ứng viên"
        # -> "Kinh tế - ứng viên"; a label that is a period ("+ Năm 2011: 2126 người nghiện") names nothing
        label = TRAILING_ASIDE.sub("", before[: before.rfind(":")])
        # a label led by its verb names what is done: "Thực hiện việc xin lỗi đối với hồ sơ trễ hạn: 1,58%"
        labelled = clause_subject(open_clause(label)[0], c) or verb_label(open_clause(label)[0], c)
        labelled = "" if PERIOD_SUBJECT.fullmatch(labelled) else labelled
        if labelled and quantity == "count" and unit and not c.place_unit_re.fullmatch(unit):
            labelled = labelled if unit in MEASURE_WORDS else f"{labelled} - {unit}"
    if labelled:
        subject = labelled
    elif quantity not in ("percent", "money", "multiplier") and not (nominal and subject):
        # counts and measures: the noun phrase after the number ("2.704 hành khách tại sân bay quốc tế");
        # a place counted as a set names only itself ("Chủ tịch UBND 16 phường")
        noun = (unit or "") if quantity == "count" else ""
        if noun and c.place_unit_re.fullmatch(noun) and c.place_authority_re.search(before[-30:]):
            return noun, ""
        phrase = after_phrase(text, unit_end, sent[1], noun, c)
        phrase = noun if phrase.startswith("/") else phrase  # the rest of a rate unit ("/năm" of "kWh/người/năm")
        if previous and quantity == "count" and not noun and BARE_OF.match(phrase):
            return previous, ""  # "(03 của Thành phố và 01 của quận)" after "04 dự án": parts of that figure
        if (
            previous_verb
            and quantity == "count"
            and noun
            and BREAKDOWN_OPEN.fullmatch(before)
            and (previous or "").casefold().endswith(noun.casefold())
        ):
            # "công nhận mới 23 trường (7 trường mầm non, 9 trường tiểu học ...)": the parts of what the verb
            # counted, each with its own kind
            return f"{previous_verb} {phrase}".strip(), previous_verb
        lo = max(sent[0], start - BACK)
        breakdown = text.rfind("(", lo, start) > text.rfind(")", lo, start)  # inside a bracket
        if previous_verb and quantity == "count" and joins_objects(before, c, breakdown):
            # "bắt giữ 120 vụ, 235 đối tượng buôn bán hàng cấm": the verb's second object, with its modifier
            # up to an auxiliary (whose clause "12 tập thể và 31 cá nhân đã có thành tích ..." both objects share)
            own = c.object_aux_re.search(phrase)
            return f"{previous_verb} {phrase[: own.start()] if own else phrase}".strip(), previous_verb
        bare = len(phrase.split()) <= len(noun.split())
        restated = "/" in text[start:unit_end] and bare
        if kind == "(" and previous and not before_paren.strip() and restated:
            return previous, ""  # "đạt 28% (171/602 trường hợp)": the same measure restated as a count
        if kind == "(" and previous and bare and not clause.strip() and COMPARED_BEFORE.search(before_paren):
            return previous, ""  # "tăng 8,4% so với cùng kỳ năm 2023 (39.203 người)": the compared period's value
        # a measure or rate followed by a place keeps the clause's subject ("Nhà máy ... công suất 4000 tấn/ngày
        # tại Nam Sơn"); followed by a noun, that noun is what it measures ("bình quân 8.915 tấn/ngày chất thải")
        longer = len(phrase.split()) > len(noun.split())
        if (longer and (quantity == "count" or not PLACE_AFTER.match(phrase))) or not subject:
            subject = phrase
        elif noun and phrase and HAS.search(clause) and is_place(subject, c):
            subject = phrase  # "Toàn huyện có 43.369 hộ với ...": the place has what is counted, and is no measure
        # a count, or a physical measure of a named thing ("đã gieo trồng 73.467 ha lúa"), is the verb's object
        measured = quantity in PHYSICAL and subject == phrase and bool(phrase.strip())
        verb = object_verb(clause, c) if quantity == "count" or measured else ""
        if not verb and quantity == "count" and kind == ",":
            # verbs joined by commas share the auxiliary: "Trung tâm đã kết nối, tích hợp gần 1.500 camera"
            verb = object_verb(coordinated_verbs(before, clause), c)
        if not verb and quantity == "count" and not nominal and opens_sentence(text, sent, start, clause):
            head = clause_subject(clause, c)
            verb = head if head and not c.stop_re.search(clause) else ""
        if (
            not verb
            and quantity == "count"
            and not nominal
            and kind in (";", ",")
            and VERB_CLAUSE.fullmatch(clause)
            and not open_clause(text[max(sent[0], start - BACK) : start])[2].strip()
        ):
            # a list item led by its verb (not inside brackets): "...; điều chuyển 47 công chức", "..., khởi tố
            # 76 vụ"
            head = clause_subject(clause, c)
            verb = head if head and not c.stop_re.search(clause) else ""
        if verb:
            return f"{verb} {phrase}".strip(), verb
        # (the bracket may open before the figure before this one, where ``before`` stops)
        outer = open_clause(text[max(sent[0], start - BACK) : start])[2] if noun and phrase.strip() == noun else ""
        if outer.strip() and len(subject.split()) <= 3:
            # a bare count inside brackets breaks down what the phrase before them names: "12 trường hợp trình
            # độ Tiến sĩ (trong nước 09 người, nước ngoài 03 người)" -> "trình độ Tiến sĩ trong nước"
            part = subject if subject.strip() != noun else c.opener_re.sub("", clause.strip(" ,"))
            # ... or the figure's before them: "là 09 TTHC (cấp tỉnh 05 TTHC, cấp xã 04 TTHC)"
            whole = (tail_subject(outer, c) or previous or "") if _compile(r"\p{L}").search(part) else ""
            if whole:  # (a count alone in brackets restates the phrase: "... biên chế (9.548/9.976 biên chế)")
                return f"{whole} {part}", ""
    if quantity in ("percent", "money") and not nominal and kind != "(" and c.share_verb_re.search(clause):
        # "... hoàn thành 85% khối lượng của dự án": the share of the work the verb completes
        phrase = after_phrase(text, unit_end, sent[1], "", c)
        if _compile(r"\p{L}").match(phrase) and not c.share_blocker_re.match(phrase):
            return f"{c.share_verb_re.search(clause).group().strip()} {phrase}", ""
    if (
        quantity in ("percent", "money")
        and not nominal
        and len(subject.split()) <= SHORT_HEAD
        and not BASIS_VERB.search(clause)  # "mức thu bằng 50% mức thu cấp phép lần đầu": what follows is the basis
    ):
        # a share or an amount of the noun after it, when the clause names no more than a verb:
        # "Phấn đấu 100% cán bộ, công chức ...", "hoàn thành 100% chỉ tiêu giao quân",
        # "Thực hiện chi 608,5 tỷ đồng hỗ trợ ...", "(nếu tính cả 11.390 tỷ đồng số thu được gia hạn)"
        item = quantity == "percent" and not clause.strip(" \t-–+*•") and opens_sentence(text, sent, start, clause)
        phrase = after_phrase(text, unit_end, sent[1], "", c, item)
        noun_after = _compile(r"\p{L}").match(phrase) and not c.stop_re.match(phrase)
        if noun_after and not c.share_blocker_re.match(phrase) and not c.after_stop_re.match(phrase):
            head = object_verb(clause, c) or subject or c.opener_re.sub("", clause.strip(" \t-–+*•")).strip(" ,")
            head = head if len(head.split()) <= SHORT_HEAD and not c.junk_subject_re.fullmatch(head) else ""
            if head and phrase.casefold().startswith(head.casefold()):
                head = ""  # "mức thu bằng 50% mức thu ...": the phrase names it already
            return f"{head} {phrase}".strip(), ""
    if not subject and (kind == "(" or before_paren):
        subject = bracket_subject(before_paren, previous, c) or ""
    agent = subject.rpartition(",")[2].strip()  # (a list of nouns may have joined a topic before it)
    if subject and quantity in ("percent", "money") and c.place_unit_re.fullmatch(PLACE_LEAD.sub("", agent)):
        # "Về giải ngân vốn đầu tư công, ..., tỉnh đã giải ngân được 4.396 tỷ đồng": a place is the agent, not the
        # indicator; the sentence's topic names it, else the verb the agent does
        topic = TOPIC.match(text, sent[0], start)
        verb = object_verb(clause, c).removesuffix(" được")
        subject = topic["what"].strip() if topic else (verb or subject) if agent == subject else subject
    if subject and c.share_verb_re.fullmatch(subject):
        # "Kế hoạch vốn đầu tư công năm 2024 là 5.200 tỷ đồng, đã giải ngân được 3.100 tỷ đồng": what the bare
        # verb disburses or completes is what the sentence opens with
        head = head_subject(text, sent, start, c)
        subject = f"{subject} {head}" if head and head.casefold() not in subject.casefold() else subject
    return subject, ""


def verb_label(label: str, c: Compiled) -> str:
    """A short list label that opens with a predicate word, as printed ("Thực hiện việc xin lỗi ...")."""
    label = _trim(label, ' \t-–+*•"“”')
    words = label.split()
    if not 3 <= len(words) <= LONG_HEAD + 4 or not c.stop_re.match(c.mask_exceptions(label)):
        return ""
    if c.junk_subject_re.fullmatch(label) or c.opener_re.fullmatch(label):
        return ""  # "trong đó: 11.397 hồ sơ"
    return label


BACK = 600


def predicate_measure(text: str, sent: tuple[int, int], start: int, subject: str | None, c: Compiled) -> str | None:
    """A percentage whose predicate names the measure: "Hưng Yên đạt tỉ lệ lao động qua đào tạo trên 68%" (a
    place reaches a rate: the rate), "kinh tế thị xã đạt tốc độ tăng trưởng 7,52%" (the measure, of what the
    clause is about: "tốc độ tăng trưởng kinh tế thị xã")."""
    rate = OBJECT_RATE.search(text, max(sent[0], start - 100), start)
    if rate and subject and is_place(subject, c):
        subject = rate["rate"]
    named = c.object_measure_re.search(text, max(sent[0], start - 80), start)
    if named:
        measure = named["measure"]
        subject = f"{measure} {subject}" if subject and measure not in subject else measure
    return subject


OBJECT_RATE = regex.compile(
    r"(?<![\p{L}])(?:đạt|có)[ \t]+(?P<rate>(?:tỷ|tỉ)[ \t]+lệ[ \t]+[^\d,;:()]{3,80}?)"
    r"(?:[ \t]+(?:khoảng|gần|hơn|trên|dưới|là|ở mức|đạt))*[ \t]*$",
    regex.I,
)


def is_place(subject: str, c: Compiled) -> bool:
    """ "Toàn huyện", "tỉnh", "Bình Dương", "TP. Hồ Chí Minh": a place (a unit of them, or a proper name)."""
    return bool(c.place_unit_re.fullmatch(PLACE_LEAD.sub("", subject)) or PROPER_NAME.fullmatch(subject))


PROPER_NAME = regex.compile(r"\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){1,3}")  # "Bình Dương" (not "Trường THCS")
HAS = regex.compile(r"(?<![\p{L}])(?:có|còn)(?:[ \t]+(?:khoảng|gần|hơn|trên|tổng số))?[ \t]*$", regex.I)
PLACE_LEAD = regex.compile(r"^(?:toàn|cả|trên địa bàn)[ \t]+", regex.I)
TOPIC = regex.compile(r"[ \t\-–+•*]{0,3}Về[ \t]+(?P<what>[^,:;()\n]{3,80}?)[ \t]*[,:]", regex.I)
LEADING_NUMBER = regex.compile(r"\d[\d.,]*(?:[ \t]|$)")  # "44.067 tỷ đồng" (not "4G phục vụ")
LEVEL_FROM = regex.compile(r"[ \t]*từ[ \t]*", regex.I)  # "Tỷ lệ ... được nâng lên, từ 38,8% ..."
BASIS_VERB = regex.compile(r"(?<![\p{L}])(?:bằng|gấp)[ \t]*$", regex.I)
VERB_CLAUSE = regex.compile(r"[ \t]{0,3}\p{Ll}+(?:[ \t]\p{Ll}+){0,3}[ \t]{0,3}")  # two to four lower-case words
TRAILING_ASIDE = regex.compile(r"[ \t]*\([^()]{0,300}\)[ \t.:]*$")  # "... (không kể vốn năm trước):"
# a period, not an indicator: "năm 2010", "So với năm 2010", "Quý II/2024" (a subject or a label before a colon)
PERIOD_SUBJECT = regex.compile(
    r"(?:(?:so sánh với|so với|so|với|trong|cùng kỳ)[ \t]+)?"
    r"(?:\d{1,2}[ \t]+tháng(?:[ \t]+(?:đầu|cuối))?(?:[ \t]+năm)?(?:[ \t]+\d{4})?"  # "6 tháng đầu năm 2019"
    r"|(?:(?:năm|qu[ýí]|tháng|giai đoạn|đợt)[ \t]*)?[\dIVX][\d/IVX \t-]*"
    r"|(?:đầu|cuối)[ \t]+(?:năm|kỳ|quý|tháng)(?:[ \t]+(?:nay|trước|ngoái))?)",  # "So với đầu năm (giảm 12 tỷ đồng)"
    regex.I,
)
MEASURE_WORDS = {"vụ", "lượt", "lần", "cái", "chiếc", "con"}  # a count of events or items: the label says it all


def head_subject(text: str, sent: tuple[int, int], start: int, c: Compiled) -> str | None:
    """The indicator the sentence opens with (its first clause, up to a bracket or comma before ``start``)."""
    first = CLAUSE_OPEN.search(text, sent[0], start)
    head = clause_subject(text[sent[0] : first.start() if first else start], c)
    return head if head and not c.target_re.fullmatch(head) else None


CLAUSE_OPEN = regex.compile(r"[(,;:]")
RANGE_JOIN = regex.compile(r"[ \t]*(?:đến|tới|-|–)[ \t]*(?:dưới|trên|hơn)?[ \t]*", regex.I)
ABOUT_AFTER = regex.compile(
    r"[ \t]*về[ \t]+(?P<what>\p{L}[^,;:()\d\n.]{1,60}?)(?=[ \t]*(?:[,;:()\n.]|so[ \t]+với|và(?![\p{L}])|$))", regex.I
)
JOINER = regex.compile(r"[ \t]*(?:,|và|hoặc|cùng)?[ \t]*", regex.I)
# the end of the previous object's own words, then a joiner: "7 trường mầm non, 9 trường tiểu học"
TAIL_JOINER = regex.compile(r"([^,;:()\d\n]{0,40}?)[ \t]*(?:,|và|hoặc|cùng)[ \t]*", regex.I)


def joins_objects(before: str, c: Compiled, breakdown: bool) -> bool:
    """Is the text between two counts a joiner of objects of one verb? Inside a bracket that breaks a count
    down, the first object may have its own modifier ("(7 trường mầm non, 9 trường tiểu học)")."""
    if JOINER.fullmatch(before):
        return True
    m = TAIL_JOINER.fullmatch(before) if breakdown else None
    return bool(m) and not c.stop_re.search(c.mask_exceptions(m[1]))


BREAKDOWN_OPEN = regex.compile(r"[ \t]*\([ \t]*(?:(?:gồm|bao gồm|trong đó)[ \t:,]*)?", regex.I)
NOMINAL = regex.compile(r"(?<![\p{L}])(?:là|gồm|bao gồm)[ \t]*$")
BARE_OF = regex.compile(r"^(?:của|thuộc|tại|ở)(?![\p{L}])", regex.I)
PLACE_AFTER = regex.compile(r"^(?:của|thuộc|tại|ở|trên|trong|cho|với|từ|để|vào)(?![\p{L}])", regex.I)


NOMINAL_PLACE = regex.compile(r"[ \t,]+(?:tại|trên địa bàn)(?![\p{L}])", regex.I)


def nominal_subject(clause: str, nominal: regex.Match, c: Compiled) -> str:
    """ "Số doanh nghiệp trong 6 tháng đầu năm thành lập là 13.125": the whole noun phrase before "là"."""
    head = _trim(TRAILING_ASIDE.sub("", clause[: nominal.start()]), ' \t-–+*•"“”')
    head = c.opener_re.sub("", LIST_MARKER_HEAD.sub("", TRAILING_PERIOD.sub("", head))).strip(" ,")
    if "(" in head and len(head.split()) > LONG_HEAD:
        head = INNER_BRACKETS.sub(" ", head)  # "Tổng số node mạng (cổng kết nối vật lý) đang được khai thác là"
    place = NOMINAL_PLACE.search(head)
    if place and len(head.split()) > LONG_HEAD and len(head[: place.start()].split()) >= 3:
        # "Về số lượng hộ dân gặp khó khăn trên địa bàn xã (...) là 140 hộ": the place ends the indicator
        head = head[: place.start()].strip(" ,")
    words = head.split()
    if len(words) < 2 or c.junk_subject_re.fullmatch(head):
        return ""
    return " ".join(words[-14:])
