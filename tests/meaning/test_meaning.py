"""Meaning stage: what a figure measures (subject, indicator) and when (period).

Every case is a sentence written for these tests (never the corpus); a document is built from a title, a
heading and the sentence where the case needs them.
"""

from __future__ import annotations

import time

import pytest

from pipeline import rules
from pipeline.records import Document, Figure
from pipeline.rules import RulesError
from pipeline.stages import dates, figures, meaning, metadata, segment
from pipeline.stages.meaning import indicator

STAGES = (metadata, segment, dates, figures, meaning)


def run_text(text: str) -> list[Figure]:
    doc = Document("t", "t.txt", "t.txt", "0", "txt")
    doc.text = text
    for stage in STAGES:
        stage.run(doc)
    return doc.figures


def find(text: str, raw: str) -> Figure:
    found = {f.raw: f for f in run_text(text)}
    assert raw in found, list(found)
    return found[raw]


def span(f: Figure) -> tuple[str | None, str | None]:
    return (f.period_start and str(f.period_start), f.period_end and str(f.period_end))


# ---------------------------------------------------------------- subject

# (sentence, raw, expected subject)
SUBJECTS = [
    # a sentence that opens with its predicate measures what the sentence before it is about
    (
        "Đáng chú ý, thu ngân sách nhà nước vượt tiến độ. Ước đạt 44.067 tỷ đồng, bằng 97% dự toán.",
        "97%",
        "thu ngân sách nhà nước",
    ),
    ("Kim ngạch xuất khẩu tăng mạnh. Đạt 1,2 tỷ USD.", "1,2 tỷ USD", "Kim ngạch xuất khẩu"),
    # "so với cùng kỳ năm trước" names no indicator; a predicate before the next number ends a counted noun
    ("Đã xuống giống được 60.958 ha, so với cùng kỳ năm trước giảm 10,7%.", "10,7%", "xuống giống"),
    ("Lũy kế từ đầu năm là 132.084 lượt đạt 38,5% kế hoạch năm.", "132.084 lượt", "lượt"),
    # "ước" between the last item of a list of nouns and its predicate; a running total keeps the subject
    (
        "Doanh thu từ dịch vụ lưu trú, du lịch ước đạt 200 tỷ đồng.",
        "200 tỷ đồng",
        "Doanh thu từ dịch vụ lưu trú, du lịch",
    ),
    ("Doanh thu du lịch ước đạt 200 tỷ đồng; lũy kế từ đầu năm 659,7 tỷ đồng.", "659,7 tỷ đồng", "Doanh thu du lịch"),
    # a dash ends what a number names; a bracket after a predicate holds its value
    ("Trong đó, cây lúa xuống giống được 46.489 ha- giảm 10,4%.", "46.489 ha", "cây lúa xuống giống"),
    (
        "Chỉ số sản xuất công nghiệp (IIP) tháng 10 tăng mạnh (+10,9%) so với tháng trước.",
        "10,9%",
        "Chỉ số sản xuất công nghiệp (IIP)",
    ),
    # a place is the agent, not the indicator: the sentence's topic names it, else the agent's verb
    (
        "Về giải ngân vốn đầu tư công, tỉnh đã giải ngân được 4.396 tỷ đồng.",
        "4.396 tỷ đồng",
        "giải ngân vốn đầu tư công",
    ),
    ("Toàn tỉnh đã giải ngân được 4.396 tỷ đồng, đạt 73% kế hoạch.", "73%", "giải ngân"),
    # a sector's name with commas in it is one noun phrase; "đến các" is no time
    (
        "Ngành cung cấp nước, hoạt động quản lý và xử lý rác thải, nước thải tăng 4,4%.",
        "4,4%",
        "Ngành cung cấp nước, hoạt động quản lý và xử lý rác thải, nước thải",
    ),
    ("Khu vực nông, lâm nghiệp và thủy sản tăng 2,3%.", "2,3%", "Khu vực nông, lâm nghiệp và thủy sản"),
    (
        "Du khách đến các điểm du lịch ước đạt 139.300 lượt người.",
        "139.300 lượt người",
        "Du khách đến các điểm du lịch",
    ),
    ("Trường THCS có 80/165 trường, đạt tỷ lệ 48,5%.", "48,5%", "tỷ lệ trường THCS"),
    # a bare "tỷ lệ" after a count (and its total) is the rate of what was counted
    ("Huyện A hiện có 793 hộ nghèo/53.904 hộ, tỷ lệ 1,47%.", "1,47%", "tỷ lệ hộ nghèo"),
    ("Huyện A hiện có 793 hộ nghèo/53.904 hộ, tỷ lệ 1,47%.", "793 hộ nghèo", "hộ nghèo"),
    ("Trường tiểu học có 124/259 (tỷ lệ 47,88%).", "47,88%", "tỷ lệ trường tiểu học"),
    # a level changed "từ A lên B", "giảm từ A xuống còn B": both levels of the sentence's indicator
    (
        "Tỷ lệ lao động qua đào tạo được nâng lên, từ 38,8% năm 2016 lên 42,5% năm 2017.",
        "42,5%",
        "Tỷ lệ lao động qua đào tạo",
    ),
    ("Số hộ nghèo giảm từ 1.200 hộ xuống còn 950 hộ.", "1.200 hộ", "Số hộ nghèo"),
    ("Số hộ nghèo giảm từ 1.200 hộ xuống còn 950 hộ.", "950 hộ", "Số hộ nghèo"),
    # the subject starts after a causative verb; "trong tỉnh" belongs to its noun
    (
        "Kết quả trên góp phần đưa tổng doanh thu du lịch đạt 12.820 tỷ đồng.",
        "12.820 tỷ đồng",
        "tổng doanh thu du lịch",
    ),
    ("Trong đó lao động trong tỉnh 22.745 người.", "22.745 người", "lao động trong tỉnh"),
    # the noun after a copula, right before its number; "thu từ" is a kind of revenue, not "thu" from somewhere
    ("Thu nội địa đạt 980 tỷ đồng; kế đến là thu dầu thô 810 tỷ đồng.", "810 tỷ đồng", "thu dầu thô"),
    ("Thu từ hoạt động xuất nhập khẩu đạt 447 tỷ đồng.", "447 tỷ đồng", "Thu từ hoạt động xuất nhập khẩu"),
    # a label led by its verb is what is done; the population an indicator is counted per belongs to it
    ("Thực hiện việc xin lỗi đối với hồ sơ trễ hạn: 1,6%.", "1,6%", "Thực hiện việc xin lỗi đối với hồ sơ trễ hạn"),
    ("Số giường bệnh tính bình quân 1 vạn dân là 32,5.", "32,5", "Số giường bệnh tính bình quân 1 vạn dân"),
    # "ước" (estimated) opens a clause; "trong nước", "có vốn đầu tư" belong to the noun they follow
    ("Qua tổng hợp, ước kim ngạch nhập khẩu quý III đạt 310 triệu USD.", "310 triệu USD", "kim ngạch nhập khẩu"),
    ("Trong đó, khách trong nước ước đạt 92.000 lượt.", "92.000 lượt", "khách trong nước"),
    ("Doanh nghiệp có vốn đầu tư nước ngoài ước đạt 640 tỷ.", "640 tỷ", "Doanh nghiệp có vốn đầu tư nước ngoài"),
    # the close of an aside before the clause is no part of it
    ("Nếu trừ tiền thuê đất (210 tỷ đồng) thì thu nội địa đạt 3.400 tỷ đồng.", "3.400 tỷ đồng", "thu nội địa"),
    # a physical measure of a named thing is the object of its verb, like a count
    ("Năm 2024, toàn tỉnh đã trồng mới 1.200 ha rừng tập trung.", "1.200 ha", "trồng mới rừng tập trung"),
    ("Vụ đông xuân, các xã đã gieo cấy 8.350 ha lúa.", "8.350 ha", "gieo cấy lúa"),
    # a bracket breaking a count down: each part is counted by the same verb, with its own kind
    (
        "Năm 2024, toàn tỉnh đã công nhận mới 12 trường (5 trường mầm non, 4 trường tiểu học và 3 trường THCS).",
        "4 trường",
        "công nhận mới trường tiểu học",
    ),
    # what a change is of, named after "về"; a word or two are an aspect of the measure before it
    (
        "Kim ngạch xuất khẩu gạo đạt 120 triệu USD, tăng 5% về lượng và tăng 8% về giá trị.",
        "8%",
        "Kim ngạch xuất khẩu gạo - giá trị",
    ),
    ("Thu hút 35 dự án, tăng 12% về tổng vốn đăng ký so với cùng kỳ.", "12%", "tổng vốn đăng ký"),
    # how much a change is, or a date's lead, is no subject: the measure before it is
    ("Số người tham gia BHXH đạt 206.810 người, thấp hơn 0,4% so với chỉ tiêu.", "0,4%", "Số người tham gia BHXH"),
    (
        "Tổng số giải ngân của các huyện đến hết tháng 3/2024 là 2.553 tỷ đồng.",
        "2.553 tỷ đồng",
        "Tổng số giải ngân của các huyện",
    ),
    # a share of a count measures a rate; a capital that only opened the sentence goes
    ("Hộ nghèo có 10.689 hộ, chiếm 3,20% tổng số hộ.", "3,20%", "tỷ lệ hộ nghèo"),
    # no auxiliary left hanging after a counted noun
    ("Có 9 huyện đã có 100% số xã đạt chuẩn.", "9 huyện", "huyện"),
    # a period opening the clause, its count in words too, is no subject
    ("Sáu tháng đầu năm, thành lập mới 420 doanh nghiệp.", "420 doanh nghiệp", "thành lập mới doanh nghiệp"),
    # "mới" of "việc làm mới" is no auxiliary
    ("Từ đầu năm, đã tạo việc làm mới cho 12.400 lao động.", "12.400 lao động", "tạo việc làm mới lao động"),
    # a short head after a comma ends a list of nouns
    ("Tổng mức bán lẻ hàng hóa, dịch vụ đạt 22.190 tỷ đồng.", "22.190 tỷ đồng", "Tổng mức bán lẻ hàng hóa, dịch vụ"),
    # past a closed aside, a predicate takes the subject of the figure before the aside
    (
        "Giá trị sản xuất đạt 27.000 tỷ đồng (trong đó, nông nghiệp chiếm 89,4%, thủy sản chiếm 6%), bằng 99,4% so "
        "với năm 2016.",
        "99,4%",
        "Giá trị sản xuất",
    ),
    # the rest of a rate unit is no subject
    (
        "Định mức tiêu thụ điện sinh hoạt bình quân đạt 750 - 900 kWh/người/năm.",
        "750 - 900 kWh/người",
        "Định mức tiêu thụ điện sinh hoạt bình quân",
    ),
    # a breakdown in brackets right after a figure breaks down that figure
    (
        "Số thủ tục đề nghị đơn giản hóa là 09 thủ tục (cấp tỉnh 05 thủ tục, cấp xã 04 thủ tục).",
        "05 thủ tục",
        "Số thủ tục đề nghị đơn giản hóa cấp tỉnh",
    ),
    # a date is no subject; a change of a count named before in the paragraph measures what that count did
    (
        "Năm 2019, đã bắt giữ 120 vụ. So với năm 2018 tăng 14 vụ (120/106).",
        "14 vụ",
        "bắt giữ vụ",
    ),
    ("Năm 2019, đã bắt giữ 120 vụ. So với năm 2018 tăng 14 vụ (120/106).", "120/106", "bắt giữ vụ"),
    # a list item led by its verb counts what the verb acts on
    (
        "Đã tuyển dụng 77 viên chức; điều chuyển 47 công chức sang khối Đảng.",
        "47 công chức",
        "điều chuyển công chức sang khối Đảng",
    ),
    # a period before the colon names nothing: the count names itself
    ("+ Năm 2019: 1.204 người nghiện, giảm 35 người so với năm 2018.", "1.204 người", "người nghiện"),
    # a label's closing aside is no part of it
    (
        "- Chi đầu tư phát triển (không kể vốn năm trước chuyển sang): Thực hiện giải ngân 3.120 tỷ đồng.",
        "3.120 tỷ đồng",
        "Chi đầu tư phát triển",
    ),
    # a label before a colon names an amount after a bare verb, and the shares after it
    ("- Chi thường xuyên: Thực hiện 26.798 tỷ đồng, bằng 97,04% dự toán.", "26.798 tỷ đồng", "Chi thường xuyên"),
    ("- Chi thường xuyên: Thực hiện 26.798 tỷ đồng, bằng 97,04% dự toán.", "97,04%", "Chi thường xuyên"),
    # a bullet is no part of the subject
    ("- 100% hồ sơ đất đai được số hóa đúng quy định.", "100%", "hồ sơ đất đai được số hóa đúng quy định"),
    # a list of bodies is one noun phrase, commas and all
    ("Kết quả: Điểm trung bình của các sở, ban, ngành đạt 81,25%.", "81,25%", "Điểm trung bình của các sở, ban, ngành"),
    # a count alone in brackets restates the phrase before them
    (
        "Sử dụng không vượt quá số lượng biên chế được giao (1.204/1.250 biên chế).",
        "1.204/1.250 biên chế",
        "biên chế",
    ),
    # bare counts in brackets break down the phrase before them
    (
        "Dự kiến thu hút 12 trường hợp trình độ Tiến sĩ (trong nước 09 người, nước ngoài 03 người).",
        "09 người",
        "trình độ Tiến sĩ trong nước",
    ),
    (
        "Dự kiến thu hút 12 trường hợp trình độ Tiến sĩ (trong nước 09 người, nước ngoài 03 người).",
        "03 người",
        "trình độ Tiến sĩ nước ngoài",
    ),
    ("Có 3/20 đơn vị đạt từ 65% đến dưới 80%, chiếm tỷ lệ 15%.", "15%", "tỷ lệ đơn vị đạt"),
    # a label before a colon, and what the count counts; a share in brackets after it is a share of that
    (
        "Về ngành đào tạo: (1) Y tế: 14 học viên (chiếm 35%); (2) Giáo dục: 9 học viên.",
        "14 học viên",
        "Y tế - học viên",
    ),
    ("Về ngành đào tạo: (1) Y tế: 14 học viên (chiếm 35%); (2) Giáo dục: 9 học viên.", "35%", "Y tế - tỷ lệ học viên"),
    (
        "Về ngành đào tạo: (1) Y tế: 14 học viên (chiếm 35%); (2) Giáo dục: 9 học viên.",
        "9 học viên",
        "Giáo dục - học viên",
    ),
    # a clause naming only a target gives the target of the sentence's indicator; the value after it is that
    # indicator's own
    (
        "Tỷ lệ hồ sơ xử lý đúng hạn của huyện chưa đạt chỉ tiêu đề ra (chỉ tiêu tối thiểu 95%, hiện đạt 91,4%).",
        "tối thiểu 95%",
        "Tỷ lệ hồ sơ xử lý đúng hạn của huyện - chỉ tiêu",
    ),
    (
        "Tỷ lệ hồ sơ xử lý đúng hạn của huyện chưa đạt chỉ tiêu đề ra (chỉ tiêu tối thiểu 95%, hiện đạt 91,4%).",
        "91,4%",
        "Tỷ lệ hồ sơ xử lý đúng hạn của huyện",
    ),
    (
        "Tỷ lệ thanh toán trực tuyến hiện chỉ đạt 41,2% (chỉ tiêu đề ra trong năm 2025 là 60%).",
        "60%",
        "Tỷ lệ thanh toán trực tuyến - chỉ tiêu",
    ),
    (
        "Tổng thu ngân sách nhà nước thực hiện ước đạt 163.201,095 tỷ đồng, đạt 40,21% dự toán.",
        "40,21%",
        "Tổng thu ngân sách nhà nước",
    ),
    (
        "Chỉ số sản xuất công nghiệp (IIP) của Thành phố tăng 1,8% so với cùng kỳ.",
        "1,8%",
        "Chỉ số sản xuất công nghiệp (IIP) của Thành phố",
    ),
    ("Kim ngạch xuất khẩu tháng 6 ước đạt 1,37 tỷ USD.", "1,37 tỷ USD", "Kim ngạch xuất khẩu"),
    (
        "Sân bay đã giám sát 2.704 hành khách tại sân bay quốc tế, trong đó có 3 ca nghi nhiễm.",
        "2.704 hành khách",
        "giám sát hành khách tại sân bay quốc tế",
    ),
    ("Quận 1: 13 vụ, giảm 56,6%; Quận 3: 08 vụ, giảm 30,6%.", "30,6%", "Quận 3"),
    ("2.1 - Chi thường xuyên: 512,300 tỷ đồng.", "512,300 tỷ đồng", "Chi thường xuyên"),
    ("(3) Nông nghiệp: 07 ứng viên (chiếm 20,59%).", "20,59%", "Nông nghiệp - tỷ lệ ứng viên"),
    (
        "Số doanh nghiệp hoạt động trở lại tăng 74% - cao hơn số doanh nghiệp giải thể (tăng 33%).",
        "33%",
        "số doanh nghiệp giải thể",
    ),
    # a predicate opening the clause: the same indicator as the figure before it
    (
        "Thu nội địa đạt 5.210 tỷ đồng, đạt 48,2% dự toán (đạt 51% dự toán tỉnh giao), bằng 96,4% cùng kỳ.",
        "51%",
        "Thu nội địa",
    ),
    (
        "Chi ngân sách địa phương ước đạt 3.900 tỷ đồng, đạt 31,2% dự toán và bằng 104% so với cùng kỳ.",
        "104%",
        "Chi ngân sách địa phương",
    ),
    ("Xảy ra 41 vụ cháy nhà dân (giảm 9 vụ so với cùng kỳ).", "9 vụ", "vụ cháy nhà dân"),
    # a count after a verb is its object: the verb phrase says what was counted
    ("Huyện Đông Anh đã bàn giao mặt bằng 03 trạm bơm.", "03 trạm", "bàn giao mặt bằng trạm bơm"),
    ("Sở Y tế đã trao giấy khen cho 12 tập thể và 30 cá nhân.", "30 cá nhân", "trao giấy khen cá nhân"),
    ("- Tổ chức đấu giá 06 khu đất ở tại phường Tân An.", "06 khu", "Tổ chức đấu giá khu đất ở tại phường Tân An"),
    # the whole noun phrase before "là"; a count restated in brackets after its percentage
    ("Số hộ kinh doanh trong quý I đăng ký mới là 1.450 hộ.", "1.450 hộ", "Số hộ kinh doanh trong quý I đăng ký mới"),
    ("Tỷ lệ giải phóng mặt bằng đạt 64% (320/500 hộ).", "320/500 hộ", "Tỷ lệ giải phóng mặt bằng"),
    # places counted as a set name only themselves; a measure followed by a place keeps its clause's subject
    ("Giao Chủ tịch UBND 12 xã tổ chức thực hiện.", "12 xã", "xã"),
    (
        "Nhà máy xử lý nước thải Yên Xá công suất 270.000 m3/ngày tại Thanh Trì.",
        "270.000 m3/ngày",
        "Nhà máy xử lý nước thải Yên Xá công suất",
    ),
    # what a count is "of", a total named with "tổng số", the phrase after "là"/"với" that carries the predicate
    ("Đoàn đã kiểm tra xe khách, xe buýt liên tỉnh của 45 xe vận tải.", "45 xe", "xe buýt liên tỉnh"),
    (
        "Đã lắp thêm 300 điểm thu, nâng tổng số hộ được cấp nước sạch lên 12.400 hộ.",
        "12.400 hộ",
        "tổng số hộ được cấp nước sạch",
    ),
    ("Nhiều xã giảm mạnh, nổi bật là xã Tân Lập tỷ lệ giảm 42,5%.", "42,5%", "xã Tân Lập tỷ lệ"),
    ("Đội ngũ y tế với tổng số ca khám lũy kế đạt 15.600 ca.", "15.600 ca", "tổng số ca khám lũy kế"),
    (
        "Tỷ lệ thu gom, vận chuyển và xử lý rác thải sinh hoạt đạt 96%.",
        "96%",
        "Tỷ lệ thu gom, vận chuyển và xử lý rác thải sinh hoạt",
    ),
    (
        "Tỷ lệ hồ sơ giải quyết trước hạn năm 2023 là 40%, năm 2024 tỷ lệ này đạt 52%.",
        "52%",
        "Tỷ lệ hồ sơ giải quyết trước hạn",
    ),
    # a share or an amount whose clause names only a verb: the noun after it
    ("Phường đã hoàn thành 100% chỉ tiêu tuyển quân.", "100%", "hoàn thành chỉ tiêu tuyển quân"),
    (
        "Thực hiện chi 25 tỷ đồng hỗ trợ học sinh vùng khó khăn.",
        "25 tỷ đồng",
        "Thực hiện chi hỗ trợ học sinh vùng khó khăn",
    ),
    ("Các đơn vị đã hoàn thành 85% khối lượng của gói thầu.", "85%", "hoàn thành khối lượng của gói thầu"),
    # a breakdown by place keeps the indicator (the places stay in the sentence)
    (
        "Đã chi trả 320 tỷ đồng tiền bồi thường (đạt 64%), trong đó các huyện Ba Vì, Mỹ Đức đạt 100%.",
        "100%",
        "chi trả tiền bồi thường",
    ),
    # a count qualifying the place of what is measured
    ("Nhìn chung, số vụ cháy trên địa bàn 12 xã đều giảm.", "12 xã", "số vụ cháy trên địa bàn xã đều giảm"),
    # a quoted name's commas do not cut the clause
    ("Số xã đạt danh hiệu “Xanh, sạch, đẹp” là 18 xã.", "18 xã", "Số xã đạt danh hiệu “Xanh, sạch, đẹp”"),
    # a stop word inside a longer word does not cut the subject
    ("Phấn đấu đạt chỉ tiêu tăng trưởng kinh tế năm 2024 (trên 8%).", "trên 8%", "chỉ tiêu tăng trưởng kinh tế"),
    # a measure named after "với" / "có" (not a count, nor a bare measure word)
    (
        "Có 12 dự án được chấp thuận đầu tư với tổng mức đầu tư khoảng 4.100 tỷ đồng.",
        "khoảng 4.100 tỷ đồng",
        "tổng mức đầu tư",
    ),
    (
        "a) Đối với giếng khoan có lưu lượng nước dưới 200m3/ngày đêm: miễn phí.",
        "dưới 200m3/ngày đêm",
        "lưu lượng nước",
    ),
    ("Hỗ trợ tiền thuê nhà với số tiền 1.500.000 đồng/người/tháng.", "1.500.000 đồng/người", "Hỗ trợ tiền thuê nhà"),
    # a range's upper bound measures what its lower bound does; a bare measure word takes the item's topic
    (
        "b) Đối với nhà ở tại nông thôn: mức thu từ 0,08% đến 0,25% giá trị công trình.",
        "0,25%",
        "mức thu - nhà ở tại nông thôn",
    ),
    # ... and a long one loses its asides in brackets
    (
        "Tổng số trạm quan trắc môi trường (trạm tự động và bán tự động) đang được vận hành trên toàn tỉnh là 148.",
        "148",
        "Tổng số trạm quan trắc môi trường đang được vận hành trên toàn tỉnh",
    ),
    # "là" after a long noun phrase: the phrase up to its place ("Về" and the aside left out)
    (
        "- Về số lượng trường học thiếu phòng học, nhà vệ sinh tại các xã miền núi (theo rà soát tháng 5) là 37 "
        "trường.",
        "37 trường",
        "số lượng trường học thiếu phòng học, nhà vệ sinh",
    ),
    ("Dân số trong độ tuổi lao động có khoảng 820.000 người.", "khoảng 820.000 người", "Dân số trong độ tuổi lao động"),
    # a predicate after a comma with no figure before it: the clause before names the indicator (never a bare
    # discourse word such as "Như vậy")
    (
        "Như vậy, các ý kiến của cử tri về giao thông đã được giải quyết, chiếm 94%.",
        "94%",
        "tỷ lệ các ý kiến của cử tri về giao thông",
    ),
    ("Sản lượng cà phê có mức tăng khá, đạt 45.000 tấn.", "45.000 tấn", "Sản lượng cà phê"),
    # paired nouns read on past their comma; a breakdown after "trong đó" is its own phrase
    (
        "Còn 05/42 phản ánh, kiến nghị của người dân chưa được trả lời.",
        "05/42 phản ánh",
        "phản ánh, kiến nghị của người dân chưa được trả lời",
    ),
    (
        "Có 5.200 lượt cán bộ, công chức dự tập huấn, trong đó tập huấn kỹ năng chuyển đổi số là 610 người.",
        "610 người",
        "tập huấn kỹ năng chuyển đổi số",
    ),
    # a value compared with is of the indicator just measured; a bracket's end is no list item
    (
        "Có 85 vụ cháy (40 vụ nhà ở, 45 vụ cơ sở), bình quân số vụ cháy mỗi tháng là 14 vụ. So sánh với 6 tháng "
        "đầu năm 2023 là 18 vụ/tháng.",
        "18 vụ/tháng",
        "bình quân số vụ cháy mỗi tháng",
    ),
    # "là" right after a counted noun says what it is; a figure's basis is no list item of the next subject
    (
        "Có 34 học viên, trong đó có 14 học viên là công chức, viên chức.",
        "14 học viên",
        "học viên là công chức, viên chức",
    ),
    (
        "Có 70 học viên tham gia, đạt 70% chỉ tiêu chung của Đề án, số học viên tốt nghiệp là 68 người.",
        "68 người",
        "số học viên tốt nghiệp",
    ),
    # counts joined by "và" or a comma share the modifier written after the last one (a count whose subject is
    # only its noun takes it; one with a verb keeps its own)
    ("Toàn tỉnh có 12 xã, 4 phường và 3 thị trấn đạt chuẩn nông thôn mới.", "12 xã", "xã đạt chuẩn nông thôn mới"),
    (
        "Hội nghị đã tặng Giấy khen cho 12 tập thể và 31 cá nhân đã có thành tích xuất sắc.",
        "12 tập thể",
        "tặng Giấy khen tập thể",
    ),
    # a share "chiếm ..." after a count is the share of what was counted; a bare superlative is of the measure
    # before it
    ("- Có 3/20 xã có điểm đạt dưới 60%, chiếm tỷ lệ 15%.", "15%", "tỷ lệ xã có điểm đạt"),
    (
        "Mức độ hài lòng trung bình đạt 88%; mức độ hài lòng cao nhất là 97% và thấp nhất là 71%.",
        "71%",
        "mức độ hài lòng thấp nhất",
    ),
    # a rule's main clause ("... thì mức thu bằng 50%") measures for the case its condition names
    (
        "Trường hợp cấp lại, điều chỉnh thì thực hiện mức thu bằng 50% mức thu cấp mới.",
        "50%",
        "mức thu - cấp lại, điều chỉnh",
    ),
    # a rule's bound and score are of the indicator measured before the rule
    (
        "Tỷ lệ hồ sơ giải quyết đúng hẹn chỉ đạt 92% (trường hợp dưới 90% thì tiêu chí này đạt 0 điểm).",
        "0 điểm",
        "Tỷ lệ hồ sơ giải quyết đúng hẹn",
    ),
    # a predicate joined by "và" with an auxiliary stays in the counted noun's phrase; a leading period is no
    # part of a label
    (
        "Đến nay, có 23 học viên hoàn thành khóa học và đang công tác tại tỉnh.",
        "23 học viên",
        "học viên hoàn thành khóa học và đang công tác tại tỉnh",
    ),
    (
        "Triển khai từ năm 2019, đến năm 2024 lứa kỹ sư đầu tiên ra trường là: 41 kỹ sư.",
        "41 kỹ sư",
        "lứa kỹ sư đầu tiên ra trường - kỹ sư",
    ),
    # a bare "giải ngân" disburses what the sentence opens with
    (
        "Kế hoạch vốn đầu tư công năm 2024 là 5.200 tỷ đồng, đã giải ngân được 3.100 tỷ đồng.",
        "3.100 tỷ đồng",
        "giải ngân Kế hoạch vốn đầu tư công",
    ),
    # a verb's second object keeps its modifier, up to an auxiliary whose clause both objects share
    (
        "Trong năm, lực lượng công an đã phát hiện, bắt giữ 120 vụ, 235 đối tượng buôn bán hàng cấm qua biên giới.",
        "235 đối tượng",
        "bắt giữ đối tượng buôn bán hàng cấm qua biên giới",
    ),
    (
        "Hội nghị đã tặng Giấy khen cho 12 tập thể và 31 cá nhân đã có thành tích xuất sắc trong phong trào.",
        "31 cá nhân",
        "tặng Giấy khen cá nhân",
    ),
    # ... also when the topic goes on with its own conditions, or has no lead word
    (
        "a) Đối với giếng khai thác nước ngầm cho sinh hoạt với lưu lượng dưới 10m3/ngày đêm: mức phí 200.000 đồng.",
        "200.000 đồng",
        "mức phí - giếng khai thác nước ngầm cho sinh hoạt",
    ),
    (
        "b) Thẩm định hồ sơ cấp phép bổ sung: mức thu bằng 50% mức thu cấp phép lần đầu.",
        "50%",
        "mức thu - Thẩm định hồ sơ cấp phép bổ sung",
    ),
    # a labelled item belongs to the intro line above it ...
    (
        "Mức hỗ trợ học nghề ngắn hạn:\na) Nữ: 2.000.000 đồng;\nb) Nam: 1.500.000 đồng.",
        "1.500.000 đồng",
        "Mức hỗ trợ học nghề ngắn hạn - Nam",
    ),
    # ... to the first label of its line ...
    (
        "Đối với lao động có hợp đồng dài hạn: Nam: 300 người; Nữ: 320 người.",
        "320 người",
        "lao động có hợp đồng dài hạn - Nữ - người",
    ),
    # ... or to the line of another list marker above its siblings
    (
        "+ Chi sự nghiệp giáo dục: 90,5 tỷ đồng.\nTiểu học: 40,1 tỷ đồng.\nTrung học: 50,4 tỷ đồng.",
        "50,4 tỷ đồng",
        "Chi sự nghiệp giáo dục - Trung học",
    ),
    # a period opening the sentence is no part of the subject, with its year ("Quý II năm 2023") or as a day
    (
        "Quý II năm 2023 giá trị sản xuất nông nghiệp đạt 4.512 tỷ đồng.",
        "4.512 tỷ đồng",
        "giá trị sản xuất nông nghiệp",
    ),
    ("Tính đến ngày 20/4/2024 tổng diện tích lúa đã gieo cấy 31.250 ha.", "31.250 ha", "tổng diện tích lúa"),
    # ... nor is the day a balance is estimated at
    ("Tổng dư nợ cho vay ước thực hiện đến 31/3/2024 là 18.300 tỷ đồng.", "18.300 tỷ đồng", "Tổng dư nợ cho vay"),
    # a share the measured thing takes of a whole is its rate; the figures after it measure the thing itself
    (
        "Nợ quá hạn đến 30/6/2024 khoảng 95 tỷ đồng, chiếm 0,8% tổng dư nợ; so với đầu năm giảm 12 tỷ đồng.",
        "0,8%",
        "tỷ lệ nợ quá hạn",
    ),
    (
        "Nợ quá hạn đến 30/6/2024 khoảng 95 tỷ đồng, chiếm 0,8% tổng dư nợ; so với đầu năm giảm 12 tỷ đồng.",
        "12 tỷ đồng",
        "Nợ quá hạn",
    ),
    # an unfinished list ("...") neither ends the clause nor starts the subject
    (
        "Trong đó, ngành khai khoáng giảm 4,2%; ngành sản xuất và phân phối điện, khí đốt... tăng 7,9%.",
        "7,9%",
        "ngành sản xuất và phân phối điện, khí đốt",
    ),
    # a sentence opening with a running total and its predicate counts what the sentence before counted
    (
        "Trong tháng, tổng lượt khách đến tỉnh ước đạt 52.300 lượt. Lũy kế từ đầu năm là 210.450 lượt.",
        "210.450 lượt",
        "tổng lượt khách",
    ),
    # a bare count in brackets after a comparison is the compared period's value of the same indicator
    (
        "Đã giải quyết việc làm cho 18.120 lao động, tăng 3,5% so với cùng kỳ năm 2023 (17.507 lao động).",
        "17.507 lao động",
        "giải quyết việc làm lao động",
    ),
    # "khối lượng thực hiện" names the volume of work done (not a predicate "thực hiện")
    ("Vốn ngân sách tỉnh: khối lượng thực hiện 1.204 tỷ đồng, đạt 48,1% kế hoạch.", "48,1%", "khối lượng thực hiện"),
    # a breakdown's items that name only a product or a kind take the measure of what they break down ...
    (
        "Kim ngạch xuất khẩu ước đạt 412 triệu USD. Trong đó: hàng dệt may 120,5 triệu USD, tăng 8,2%.",
        "8,2%",
        "kim ngạch xuất khẩu hàng dệt may",
    ),
    (
        "Tổng sản lượng thủy sản đạt 5.400 tấn, trong đó nuôi trồng 3.100 tấn.",
        "3.100 tấn",
        "sản lượng thủy sản nuôi trồng",
    ),
    # ... not an item naming its own measure, a count, nor a share of the whole
    ("Tổng thu ngân sách đạt 3.200 tỷ đồng, trong đó thu nội địa 2.900 tỷ đồng.", "2.900 tỷ đồng", "thu nội địa"),
    ("Doanh thu du lịch đạt 800 tỷ đồng, trong đó 15 doanh nghiệp lữ hành.", "15 doanh nghiệp", "doanh nghiệp lữ hành"),
    (
        "Giá trị sản xuất đạt 9.000 tỷ đồng (trong đó, lĩnh vực nông nghiệp chiếm 82,5%).",
        "82,5%",
        "tỷ lệ lĩnh vực nông nghiệp",
    ),
    # a comparison before the predicate, and a value restated after "hay", keep the clause's subject
    (
        "Diện tích lúa đạt 1.250 ha, so cùng kỳ năm trước tăng 12,4% hay tăng 138 ha.",
        "12,4%",
        "Diện tích lúa",
    ),
    ("Diện tích lúa đạt 1.250 ha, so cùng kỳ năm trước tăng 12,4% hay tăng 138 ha.", "138 ha", "Diện tích lúa"),
    # an indicator named before "ở mức"
    ("Nhờ đó, đã góp phần giảm tỷ lệ hộ nghèo ở mức dưới 3%.", "dưới 3%", "tỷ lệ hộ nghèo"),
    # a class of a count keeps its bounds, after the count or before its predicate
    ("Toàn tỉnh có 08 xã đạt từ 15 đến 18 tiêu chí.", "08 xã", "xã đạt từ 15 đến 18 tiêu chí"),
    ("Đến nay, số xã đạt từ 15 tiêu chí trở lên là 42 xã.", "42 xã", "số xã đạt từ 15 tiêu chí trở lên"),
    # a share in brackets at the end of a label leaves the label to the amount after the colon
    (
        "Vốn ngân sách tỉnh phân bổ: 250.000 triệu đồng, trong đó:\n"
        "- Công trình chuyển tiếp (61,2%): 153.000 triệu đồng",
        "153.000 triệu đồng",
        "Công trình chuyển tiếp",
    ),
    ("Tổng đàn bò tính đến thời điểm cuối tháng 9/2024 đạt 41.200 con.", "41.200 con", "Tổng đàn bò"),
    # a share opening its bullet names the nouns it lists, past their commas (not a clause of its own)
    (
        "Chỉ tiêu:\n- 95% hồ sơ, giấy tờ của công dân được số hóa và tái sử dụng.",
        "95%",
        "hồ sơ, giấy tờ của công dân được số hóa",
    ),
    ("Chỉ tiêu:\n- 90% hộ dân được dùng nước sạch, đạt kế hoạch đề ra.", "90%", "hộ dân được dùng nước sạch"),
    # items that name nothing measure what the intro before the colon names ("Sơ bộ" is no subject)
    (
        "Chỉ số sản xuất công nghiệp các tháng như sau: Sơ bộ tháng 1 tăng (4,2%); tháng 2 giảm (-1,3%).",
        "1,3%",
        "Chỉ số sản xuất công nghiệp các tháng",
    ),
    # a parallel item of a word or two stands for the words it replaces in the subject before it ...
    (
        "Trong đó, lao động làm việc trong tỉnh 9.120 người, ngoài tỉnh 3.050 người.",
        "3.050 người",
        "lao động làm việc ngoài tỉnh",
    ),
    # ... not a verb after an amount ("truy thu" shares no word with "tổng số tiền")
    ("Xử phạt với tổng số tiền là 1,2 tỷ đồng, truy thu 45 triệu đồng.", "45 triệu đồng", "truy thu"),
    # an industry named "sản phẩm từ X" or "... có liên quan" is one name
    ("Ngành sản xuất sản phẩm từ gỗ tăng 6,3% so với tháng trước.", "6,3%", "Ngành sản xuất sản phẩm từ gỗ"),
    (
        "Ngành sản xuất da và các sản phẩm có liên quan giảm 2,4%.",
        "2,4%",
        "Ngành sản xuất da và các sản phẩm có liên quan",
    ),
    # a bare flow verb ("lũy kế thu") measures the same flow as the figure before it, never another flow
    (
        "Tổng thu ngân sách trong tháng 5 là 820 tỷ đồng; lũy kế 5 tháng thu 4.130 tỷ đồng, đạt 48% dự toán.",
        "4.130 tỷ đồng",
        "Tổng thu ngân sách",
    ),
    ("Thu từ đất, tháng 5 là 95 tỷ đồng; lũy kế thu 610 tỷ đồng.", "610 tỷ đồng", "Thu từ đất"),
    ("Tổng thu ngân sách đạt 700 tỷ đồng, chi 450 tỷ đồng.", "450 tỷ đồng", "chi"),
    ("Vốn giải ngân tháng 5 đạt 300 tỷ đồng; lũy kế giải ngân 1.450 tỷ đồng.", "1.450 tỷ đồng", "Vốn giải ngân"),
    # one predicate over two bases: the second percentage is of the same subject
    (
        "Tổng thu ngân sách huyện đạt 310 tỷ đồng, đạt 104% dự toán tỉnh giao và 101% dự toán huyện giao.",
        "101%",
        "Tổng thu ngân sách huyện",
    ),
    # "nhưng", "song" join two predicates of one subject as "và" does
    (
        "Chỉ số sản xuất ngành khai khoáng giảm 1,7% so với tháng trước nhưng tăng 6,2% so với cùng kỳ.",
        "6,2%",
        "Chỉ số sản xuất ngành khai khoáng",
    ),
    # a level reached after a dated aside, and a signed count in brackets, are of the figure before them
    (
        "Tỷ trọng khu vực dịch vụ tăng từ 38,2% (năm 2015) lên 41,6% (năm 2020).",
        "41,6%",
        "Tỷ trọng khu vực dịch vụ",
    ),
    ("Tổng đàn bò ước đạt 52.300 con, giảm 2,1% (-1.120 con) so với cùng kỳ.", "1.120 con", "Tổng đàn bò"),
    # "tốc độ tăng", "cho vay", names with commas are one noun phrase; "đối với" ends it; "từ 15 tuổi trở lên" is
    # a bound inside it
    ("Tốc độ tăng tổng sản phẩm trên địa bàn ước tính tăng 6,1%.", "6,1%", "Tốc độ tăng tổng sản phẩm"),
    ("Chỉ số giá tiêu dùng bình quân quý 3 so với cùng kỳ tăng 1,2%.", "1,2%", "Chỉ số giá tiêu dùng bình quân"),
    ("Tổng dư nợ cho vay đối với nền kinh tế đạt 41.300 tỷ đồng.", "41.300 tỷ đồng", "Tổng dư nợ cho vay"),
    ("Thu từ hoạt động xuất, nhập khẩu đạt 512 tỷ đồng.", "512 tỷ đồng", "Thu từ hoạt động xuất, nhập khẩu"),
    (
        "Lực lượng lao động từ 15 tuổi trở lên của tỉnh ước tính 612,4 nghìn người.",
        "612,4 nghìn người",
        "Lực lượng lao động",
    ),
    # a contribution in percentage points is of what grew; a subject cut inside a bracket keeps the name before it
    (
        "Khu vực dịch vụ tăng 5,5%, đóng góp 1,2 điểm phần trăm vào mức tăng chung.",
        "1,2 điểm phần trăm",
        "đóng góp của khu vực dịch vụ",
    ),
    ("GRDP (tổng sản phẩm trên địa bàn) của tỉnh tăng 7,1% trong 9 tháng.", "7,1%", "GRDP"),
    (
        "Doanh thu vận tải và bưu chính, chuyển phát ước đạt 1.786 tỷ đồng.",
        "1.786 tỷ đồng",
        "Doanh thu vận tải và bưu chính, chuyển phát",
    ),
    # the value of a compared period, even when words follow it, is of the indicator just measured
    (
        "Bình quân số vụ vi phạm mỗi ngày là 2,1 vụ. So sánh với năm 2019 là 8,5 vụ/ngày thì số vụ giảm mạnh.",
        "8,5 vụ/ngày",
        "Bình quân số vụ vi phạm mỗi ngày",
    ),
    # a measure named after the predicate is what the number measures
    ("Năm 2023, kinh tế huyện đạt tốc độ tăng trưởng 8,1%.", "8,1%", "tốc độ tăng trưởng kinh tế huyện"),
    # a place that has what is counted is no measure: the counted noun is
    ("Toàn xã có 2.140 hộ với 8.760 nhân khẩu.", "2.140 hộ", "hộ"),
    ("Hiện huyện còn 215 hộ nghèo, chiếm 1,2%.", "215 hộ nghèo", "hộ nghèo"),
    ("Bình Phước hiện có 8.200 doanh nghiệp đang hoạt động.", "8.200 doanh nghiệp", "doanh nghiệp đang hoạt động"),
    # a named place that reaches a rate: the rate is the subject
    ("Hưng Yên đạt tỉ lệ lao động qua đào tạo trên 68%.", "trên 68%", "tỉ lệ lao động qua đào tạo"),
    # an evaluative opening ("nổi bật nhất là") and "cho thấy" lead to the subject after them
    (
        "Nổi bật nhất là thu nhập bình quân đầu người đã đạt 52 triệu đồng.",
        "52 triệu đồng",
        "thu nhập bình quân đầu người",
    ),
    ("Kết quả khảo sát cho thấy tỷ lệ người dân hài lòng đạt 91%.", "91%", "tỷ lệ người dân hài lòng"),
    # a period or a dated aside at the end of a subject is no part of it; an ellipsis is nothing named
    ("Sản lượng lúa cả năm ước đạt 92.000 tấn.", "92.000 tấn", "Sản lượng lúa"),
    ("Tổng đàn trâu (thời điểm 01/4/2024) có 9.100 con.", "9.100 con", "Tổng đàn trâu"),
    ("Tổng sản lượng khai thác ước đạt 12.000 tấn…", "12.000 tấn", "Tổng sản lượng khai thác"),
    ("Diện tích chè cho sản phẩm đạt 1.850 ha.", "1.850 ha", "Diện tích chè cho sản phẩm"),
    # a clause that opens with its period measures the noun phrase before it, not the figure before that
    (
        "Thu từ thuế đạt 142 tỷ đồng; thu từ đất, tháng 8 là 203 tỷ đồng; lũy kế thu 1.020 tỷ đồng.",
        "1.020 tỷ đồng",
        "thu từ đất",
    ),
    ("Tổng thu đạt 500 tỷ đồng, năm 2022 đạt 480 tỷ đồng.", "480 tỷ đồng", "Tổng thu"),
    # a length is of the thing before "dài", not of what the sentence goes on to say
    ("Trong đó: Tỉnh lộ 8 dài 24,5 km đi qua các xã A, B; kênh trục chính dài 16 km.", "24,5 km", "Tỉnh lộ 8"),
    ("Trong đó: Tỉnh lộ 8 dài 24,5 km đi qua các xã A, B; kênh trục chính dài 16 km.", "16 km", "kênh trục chính"),
]


@pytest.mark.parametrize(("text", "raw", "subject"), SUBJECTS)
def test_subject_is_the_indicator(text, raw, subject):
    assert find(text, raw).subject == subject


# ---------------------------------------------------------------- period

TITLE = "Số: 12/BC-UBND\n\nBÁO CÁO\nTình hình kinh tế - xã hội quý III và 9 tháng đầu năm 2024\n\n"

# (text, raw, (period_start, period_end)); TITLE is put before every text
PERIODS = [
    # what a place is made of is static (the contract's "24 quận, huyện"); places counted for what they did are not
    ("Thành phố có 24 quận, huyện.", "24 quận, huyện", (None, None)),
    ("Huyện ven biển gồm 23 xã và 1 thị trấn, với 39.613 hộ.", "1 thị trấn", (None, None)),
    ("Toàn tỉnh có 12 xã và 3 thị trấn đạt chuẩn nông thôn mới.", "3 thị trấn", ("2024-01-01", "2024-09-30")),
    # an installation's capacity and a legal text's structure are static: no period
    ("Đôn đốc tiến độ nhà máy xử lý rác công suất 1.200 tấn/ngày tại xã A.", "1.200 tấn/ngày", (None, None)),
    ("Dự thảo Nghị quyết gồm có 03 điều.", "03 điều", (None, None)),
    # a multiple or share right before a date is of that date's value, not dated by it
    ("Lượng khách du lịch đạt 1,2 triệu lượt, gấp 1,8 lần năm 2023.", "1,8 lần", ("2024-01-01", "2024-09-30")),
    # ... so is a date after "so với" and what is compared
    (
        "Số doanh nghiệp giải thể là 960, gấp 3 lần so với doanh nghiệp thành lập mới trong quý I/2024.",
        "3 lần",
        ("2024-01-01", "2024-09-30"),
    ),
    # an opening with a day and a period: the period (the day says when it was told)
    (
        "Ngày 27/9/2024, trong quý III/2024, tỉnh cấp mới cho 351 doanh nghiệp.",
        "351 doanh nghiệp",
        ("2024-07-01", "2024-09-30"),
    ),
    # a date alone in the clause before restates the period, over the figure before it
    (
        "Kế hoạch vốn năm 2024 đã giao 6.287 tỷ đồng; tính đến ngày 31/8/2024, giải ngân được 2.933 tỷ đồng.",
        "2.933 tỷ đồng",
        (None, "2024-08-31"),
    ),
    ("Tính đến giữa tháng 8/2024, đã gieo trồng 60.958 ha.", "60.958 ha", (None, "2024-08-31")),
    # a school year dates what it counts (a year range, as the dates stage reads it)
    ("Riêng trong năm học 2016-2017, toàn tỉnh công nhận mới 23 trường.", "23 trường", ("2016-01-01", "2017-12-31")),
    # (1) the figure's own clause
    ("Trong 6 tháng đầu năm 2024, lượng khách đạt 1.303.750 lượt.", "1.303.750 lượt", ("2024-01-01", "2024-06-30")),
    ("Kim ngạch xuất khẩu tháng 8 ước đạt 1,2 tỷ USD.", "1,2 tỷ USD", ("2024-08-01", "2024-08-31")),
    ("Giá trị sản xuất quý II/2024 tăng 5,1%.", "5,1%", ("2024-04-01", "2024-06-30")),
    ("Vốn đầu tư giai đoạn 2021-2025 đạt 45.000 tỷ đồng.", "45.000 tỷ đồng", ("2021-01-01", "2025-12-31")),
    # the comparison does not change the figure's period
    ("Thu ngân sách tháng 9 tăng 12% so với cùng kỳ năm 2023.", "12%", ("2024-09-01", "2024-09-30")),
    ("Lượng khách tháng 9 đạt 52.000 lượt, tăng 3% so với tháng 8.", "3%", ("2024-09-01", "2024-09-30")),
    ("Thu nội địa đạt 2.100 tỷ đồng, đạt 61% kế hoạch năm 2024.", "61%", ("2024-01-01", "2024-09-30")),
    ("Diện tích lúa thu đông 9 tháng giảm 310 ha so với vụ thu đông năm 2023.", "310 ha", ("2024-01-01", "2024-09-30")),
    # end-only: as of a date, a target horizon, an undated "đến nay"
    ("Tính đến ngày 30/9/2024, toàn tỉnh có 1.820 hợp tác xã.", "1.820 hợp tác xã", (None, "2024-09-30")),
    # ... from the year's start when it counts "từ đầu năm"
    ("Tính từ đầu năm đến hết tháng 4/2024, đã thu hút 18 dự án.", "18 dự án", ("2024-01-01", "2024-04-30")),
    ("Từ đầu năm đến ngày 15/4/2024, đã thu hút 18 dự án.", "18 dự án", ("2024-01-01", "2024-04-15")),
    ("Tính đến cuối năm 2023, toàn tỉnh có 1.790 hợp tác xã.", "1.790 hợp tác xã", (None, "2023-12-31")),
    ("Phấn đấu đến năm 2030 có 90% xã đạt chuẩn nông thôn mới.", "90%", (None, "2030-12-31")),
    ("Đến nay, đã có 118/120 xã hoàn thành kiểm định.", "118/120 xã", (None, "2024-09-30")),
    # a period and the day its count runs to: the period's start, that day
    ("Năm 2024 (tính đến ngày 15/9/2024), đã xử lý 412 vụ vi phạm.", "412 vụ", ("2024-01-01", "2024-09-15")),
    (
        "Trong 9 tháng năm 2024, tính đến ngày 20/9/2024, có 640 doanh nghiệp thành lập mới.",
        "640 doanh nghiệp",
        ("2024-01-01", "2024-09-20"),
    ),
    # ... but not a day past the period, nor a period of another clause
    (
        "Tỉnh chưa hoàn thành việc kiểm tra trong năm 2023; tính đến ngày 20/9/2024, đã kiểm tra 6 đơn vị.",
        "6 đơn vị",
        (None, "2024-09-20"),
    ),
    # start-only: from a date to the end of the reported period
    ("Kể từ ngày 01/7/2024, đã tiếp nhận 2.300 hồ sơ trực tuyến.", "2.300 hồ sơ", ("2024-07-01", "2024-09-30")),
    ("Từ đầu năm 2024 đến nay, đã tiếp nhận 9.300 hồ sơ trực tuyến.", "9.300 hồ sơ", ("2024-01-01", "2024-09-30")),
    # a value dated inside brackets dates nothing after them
    (
        "Vốn năm 2024 là 900 tỷ đồng (gồm vốn năm 2023 chuyển sang là 100 tỷ đồng), đã giải ngân 600 tỷ đồng.",
        "600 tỷ đồng",
        ("2024-01-01", "2024-12-31"),
    ),
    # a flow in an "as of" sentence belongs to the period reported on
    ("Đến nay, đã tổ chức thêm 45 cuộc đối thoại.", "45 cuộc đối thoại", ("2024-01-01", "2024-09-30")),
    # a value printed for the same period of an earlier year
    ("Chỉ số giá tiêu dùng 9 tháng tăng 3,1% (cùng kỳ tăng 2,4%).", "2,4%", ("2023-01-01", "2023-09-30")),
    ("GRDP 9 tháng ước tăng 6,8%, cùng kỳ năm 2022 (là 5,9%).", "5,9%", ("2022-01-01", "2022-09-30")),
    ("So sánh với 6 tháng đầu năm 2023 là 4,2 vụ/ngày.", "4,2 vụ/ngày", ("2023-01-01", "2023-06-30")),
    # a bracket holding only a value, right after a period, is that period's value (a ratio of two is not)
    ("Chỉ số IIP quý III tăng 7,3%, thấp hơn quý I (8,6%).", "8,6%", ("2024-01-01", "2024-03-31")),
    (
        "Thu ngân sách đạt 1.200 tỷ đồng, cao hơn năm 2023 (1.050 tỷ đồng).",
        "1.050 tỷ đồng",
        ("2023-01-01", "2023-12-31"),
    ),
    ("Năm 2024 có 4.436 người, giảm 447 người so với năm 2023 (4436/4883).", "4436/4883", ("2024-01-01", "2024-12-31")),
    # names are not periods; static counts have none
    ("Kỳ họp HĐND nhiệm kỳ 2021-2026 đã thông qua 14 nghị quyết.", "14 nghị quyết", ("2024-01-01", "2024-09-30")),
    ("Triển khai 05 nguyên tắc phòng, chống thiên tai.", "05 nguyên tắc", (None, None)),
    ("Gửi Chủ tịch UBND 18 xã để thực hiện.", "18 xã", (None, None)),
    # a paragraph or list item opening with a period dates its later sentences; a day does not
    ("+ Năm 2019, đã xử lý 120 vụ. So với năm 2018 tăng 14 vụ (120/106).", "14 vụ", ("2019-01-01", "2019-12-31")),
    ("- Quý II/2024: cấp 310 giấy phép. Trong đó 42 giấy phép xây dựng.", "42 giấy phép", ("2024-04-01", "2024-06-30")),
    (
        "Ngày 15/3/2024, tỉnh tổ chức hội nghị. Toàn tỉnh có 45 đơn vị tham gia.",
        "45 đơn vị",
        ("2024-01-01", "2024-09-30"),
    ),
    # the bounds of a rating's classes are norms: none; the share after them is the count's, for the period
    ("Có 3/20 đơn vị đạt từ 65% đến dưới 80%, chiếm tỷ lệ 15%.", "65%", (None, None)),
    ("Có 3/20 đơn vị đạt từ 65% đến dưới 80%, chiếm tỷ lệ 15%.", "dưới 80%", (None, None)),
    ("Có 7/12 đơn vị đạt từ 80% trở lên, chiếm tỷ lệ 58,33%.", "58,33%", ("2024-01-01", "2024-09-30")),
    ("Tỷ lệ hộ nghèo giảm từ 3,2% xuống 2,6%.", "3,2%", ("2024-01-01", "2024-09-30")),
    # a rule's condition and consequence have none; the value they are stated beside keeps its period
    ("Tỷ lệ giải ngân đạt 64,5% (trường hợp dưới 70% thì tiêu chí này đạt 0 điểm).", "dưới 70%", (None, None)),
    ("Tỷ lệ giải ngân đạt 64,5% (trường hợp dưới 70% thì tiêu chí này đạt 0 điểm).", "0 điểm", (None, None)),
    (
        "Tỷ lệ giải ngân đạt 64,5% (trường hợp dưới 70% thì tiêu chí này đạt 0 điểm).",
        "64,5%",
        ("2024-01-01", "2024-09-30"),
    ),
    (
        "Thu nội địa đạt 2.100 tỷ đồng (nếu tính cả tiền thuê đất thì đạt 2.350 tỷ đồng).",
        "2.350 tỷ đồng",
        ("2024-01-01", "2024-09-30"),
    ),
    # a bracket after the figure holding a figure of its own states that figure's period, not this one's
    (
        "Quý III năm 2024 giá trị sản xuất tăng 6,1% so cùng kỳ (quý III năm 2023 tăng 5,2% so với cùng kỳ).",
        "6,1%",
        ("2024-07-01", "2024-09-30"),
    ),
    (
        "Quý III năm 2024 giá trị sản xuất tăng 6,1% so cùng kỳ (quý III năm 2023 tăng 5,2% so với cùng kỳ).",
        "5,2%",
        ("2023-07-01", "2023-09-30"),
    ),
    ("Tổng thu ngân sách đạt 812 tỷ đồng (6 tháng đầu năm 2024).", "812 tỷ đồng", ("2024-01-01", "2024-06-30")),
    # a stock counted at a point of time, or by the middle of a month, is an end only
    ("Tổng đàn bò tính đến thời điểm cuối tháng 9/2024 đạt 41.200 con.", "41.200 con", (None, "2024-09-30")),
    ("Tính đến trung tuần tháng 9/2024, toàn tỉnh thu hoạch được 8.300 ha lúa.", "8.300 ha", (None, "2024-09-30")),
    # a stock on a day "thời điểm ..." is an end only; a month "thời điểm" names stays that month
    ("Tổng đàn lợn (thời điểm 01/7/2024) có 18.300 con.", "18.300 con", (None, "2024-07-01")),
    ("Thời điểm tháng 8 năm 2024 có 41 trường đạt chuẩn.", "41 trường", ("2024-08-01", "2024-08-31")),
    # "cả năm" with no year: the whole year of the period reported on
    ("Diện tích hiện có đạt 900 ha; diện tích trồng mới cả năm ước đạt 45 ha.", "45 ha", ("2024-01-01", "2024-12-31")),
    # a plan's label opening the sentence dates its targets; a plan after the figure is only its basis
    ("Kế hoạch năm 2025: kim ngạch xuất khẩu tăng 12%.", "12%", ("2025-01-01", "2025-12-31")),
    ("Kim ngạch xuất khẩu đạt 300 triệu USD, bằng 70% kế hoạch năm 2025.", "70%", ("2024-01-01", "2024-09-30")),
    # "trong nhiệm kỳ 2015 – 2020" is a period; "Đại hội ... nhiệm kỳ 2020 – 2025" only names a congress (the title
    # dates what it counts)
    ("Trong nhiệm kỳ 2015 – 2020, huyện thu hút được 35 dự án.", "35 dự án", ("2015-01-01", "2020-12-31")),
    ("Đại hội Đảng bộ huyện nhiệm kỳ 2020 – 2025 có 250 đại biểu dự.", "250 đại biểu", ("2024-01-01", "2024-09-30")),
    # items after ", trong đó" break down the clause before it, and take its period
    (
        "Sản xuất phục hồi nên GRDP quý II/2024 tăng khá so với quý I/2024, trong đó công nghiệp tăng 9,1%.",
        "9,1%",
        ("2024-04-01", "2024-06-30"),
    ),
    # a share of a plan is of the plan's year; the clause before gives the figure's own span ("từ đầu năm đến")
    (
        "Theo báo cáo của Sở, tính từ đầu năm đến ngày 20/8/2024, tỉnh thu hút được 341 triệu USD, đạt 41% kế hoạch"
        " thu hút cả năm 2024.",
        "341 triệu USD",
        ("2024-01-01", "2024-08-20"),
    ),
    # an average per head is measured over the period; a support level per head is a norm
    (
        "GRDP bình quân đầu người ước đạt 97,6 triệu đồng/người/năm.",
        "97,6 triệu đồng/người",
        ("2024-01-01", "2024-09-30"),
    ),
    ("Mức hỗ trợ 3,5 triệu đồng/người/tháng.", "3,5 triệu đồng/người", (None, None)),
    # a crop season with its year(s) dates the season's figures (not a season compared with)
    ("Diện tích gieo trồng vụ Xuân 2024 ước đạt 12.400 ha.", "12.400 ha", ("2024-01-01", "2024-12-31")),
    ("Vụ Đông Xuân 2023 - 2024 toàn tỉnh gieo cấy 8.100 ha lúa.", "8.100 ha", ("2023-01-01", "2024-12-31")),
    ("Diện tích lúa tăng 3% so với vụ Xuân 2023, đạt 5.000 ha.", "5.000 ha", ("2024-01-01", "2024-09-30")),
    # a price base year dates nothing; "hết tháng 3" is where a running total stands (an end only)
    (
        "GRDP 9 tháng năm 2024 theo giá so sánh năm 2010 đạt 24.190 tỷ đồng.",
        "24.190 tỷ đồng",
        ("2024-01-01", "2024-09-30"),
    ),
    ("Thu ngân sách thực hiện hết tháng 8 ước đạt 2.350 tỷ đồng.", "2.350 tỷ đồng", (None, "2024-08-31")),
    # "so với cùng kỳ tăng" is this period's change; "(cùng kỳ tăng 5,1%)" is the earlier year's value
    ("Chỉ số giá tiêu dùng quý 3 so với cùng kỳ tăng 1,2%, cùng kỳ tăng 0,8%.", "1,2%", ("2024-07-01", "2024-09-30")),
    ("Chỉ số giá tiêu dùng quý 3 so với cùng kỳ tăng 1,2%, cùng kỳ tăng 0,8%.", "0,8%", ("2023-07-01", "2023-09-30")),
    # (3) no period in the sentence: the document's title (quý III and 9 tháng -> the nine months)
    ("Tổng thu ngân sách ước đạt 9.870 tỷ đồng.", "9.870 tỷ đồng", ("2024-01-01", "2024-09-30")),
]


@pytest.mark.parametrize(("text", "raw", "period"), PERIODS)
def test_period_follows_the_contract_order(text, raw, period):
    assert span(find(TITLE + text, raw)) == period


def test_period_comes_from_the_enclosing_heading_before_the_title():
    text = TITLE + "I. KẾT QUẢ THÁNG 9 NĂM 2024\n\nThu ngân sách đạt 1.050 tỷ đồng.\n"
    assert span(find(text, "1.050 tỷ đồng")) == ("2024-09-01", "2024-09-30")


def test_a_heading_on_a_programme_gives_its_span_to_the_figures_under_it():
    # in a sentence "Đề án ... giai đoạn 2009-2015" names the programme; a heading reporting on it dates its body
    title = "BÁO CÁO\nTổng kết công tác đào tạo nguồn nhân lực trong thời gian qua\n\n"
    text = title + "A. TỔNG KẾT ĐỀ ÁN ĐÀO TẠO NGUỒN NHÂN LỰC GIAI ĐOẠN 2009 - 2015\n\nĐã cử đi đào tạo 34 ứng viên.\n"
    assert span(find(text, "34 ứng viên")) == ("2009-01-01", "2015-12-31")


def test_a_heading_naming_the_whole_year_does_not_widen_the_report():
    text = TITLE + "II. NHIỆM VỤ NĂM 2024\n\nĐã cấp 310 giấy phép xây dựng.\n"
    assert span(find(text, "310 giấy phép")) == ("2024-01-01", "2024-09-30")


def test_no_title_and_no_date_leaves_the_period_empty():
    assert span(find("Tổng thu ngân sách đạt 9.870 tỷ đồng.", "9.870 tỷ đồng")) == (None, None)


def test_without_a_heading_or_title_period_a_sentence_takes_the_one_its_paragraph_stated():
    text = (
        "Ngành thuế đã vượt khó. Kết thúc năm 2023, tổng thu ngân sách đạt 8.420 tỷ đồng. Trong đó, thu nội địa "
        "đạt 7.150 tỷ đồng, tăng 6,2% so với cùng kỳ.\n\nThu từ xuất nhập khẩu đạt 410 tỷ đồng.\n"
    )
    assert span(find(text, "7.150 tỷ đồng")) == ("2023-01-01", "2023-12-31")
    assert span(find(text, "6,2%")) == ("2023-01-01", "2023-12-31")
    # a new paragraph starts afresh
    assert span(find(text, "410 tỷ đồng")) == (None, None)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # the sentence broken down may end the paragraph above ...
        (
            "Riêng trong quý III năm 2024, chỉ số sản xuất công nghiệp tăng mạnh.\n\nTrong đó, khai khoáng giảm 43,7%.",
            ("2024-07-01", "2024-09-30"),
        ),
        # ... and a day its count runs to ends the breakdown too, over the paragraph's opening period
        (
            "Trong 9 tháng, ngành đạt nhiều kết quả. Tính đến ngày 30/9/2024, đã giải quyết việc làm cho 42.493 người."
            " Trong đó, giải quyết việc làm trong tỉnh 43,7%.",
            (None, "2024-09-30"),
        ),
        # a list item above breaks down nothing; a period of the sentence's own comes first
        (
            "- Báo cáo kế hoạch biên chế năm 2023 chậm.\nTrong đó, có 43,7% đơn vị chưa báo cáo.",
            ("2024-01-01", "2024-09-30"),
        ),
        (
            "Năm 2023, tổng thu đạt 800 tỷ đồng. Trong đó, kế hoạch vốn năm 2024: đã phân bổ 43,7%.",
            ("2024-01-01", "2024-12-31"),
        ),
    ],
)
def test_a_breakdown_takes_the_period_of_the_sentence_before_it(text, period):
    assert span(find(TITLE + text + "\n", "43,7%")) == period


def test_a_heading_or_title_period_comes_before_the_one_an_earlier_sentence_stated():
    text = TITLE + "Ngành thuế vượt khó, tổng thu năm 2023 đạt 8.420 tỷ đồng. Thu nội địa đạt 7.150 tỷ.\n"
    assert span(find(text, "7.150 tỷ")) == ("2024-01-01", "2024-09-30")


@pytest.mark.parametrize("lead", ["Trong đó", "Cụ thể", "Riêng", "Trong số đó"])
def test_a_sentence_that_breaks_down_the_one_before_takes_its_period_before_the_titles(lead):
    text = TITLE + f"Ngành thuế vượt khó, tổng thu năm 2023 đạt 8.420 tỷ đồng. {lead}, thu nội địa đạt 7.150 tỷ.\n"
    assert span(find(text, "7.150 tỷ")) == ("2023-01-01", "2023-12-31")


@pytest.mark.xfail(
    strict=True, reason="a date in a coordinated verb phrase ('và chuẩn bị ... năm 2025') is read as the figure's"
)
def test_a_date_of_another_coordinated_predicate_is_not_the_figures():
    text = TITLE + "Trình Kỳ họp 02 nghị quyết chuyên đề và chuẩn bị nội dung kỳ họp giữa năm 2025."
    assert span(find(text, "02 nghị quyết")) == ("2024-01-01", "2024-09-30")


# ---------------------------------------------------------------- indicator

# (sentence, raw, indicator id or None)
INDICATORS = [
    ("Tổng thu ngân sách nhà nước ước đạt 12.500 tỷ đồng, đạt 52% dự toán.", "52%", "budget_revenue"),
    ("Trong đó thu nội địa đạt 9.800 tỷ đồng.", "9.800 tỷ đồng", "domestic_revenue"),
    ("Tổng sản phẩm trên địa bàn (GRDP) ước tăng 6,2% so với cùng kỳ.", "6,2%", "grdp_growth"),
    ("Giải ngân vốn đầu tư công đạt 3.215 tỷ đồng, bằng 41,5% kế hoạch.", "41,5%", "public_investment_disbursement"),
    ("Thu hút đầu tư nước ngoài đạt 520 triệu USD với 35 dự án mới.", "35 dự án", "fdi"),
    ("Kim ngạch xuất khẩu ước đạt 1,2 tỷ USD, tăng 9% so với cùng kỳ.", "9%", "export_turnover"),
    ("Chỉ số giá tiêu dùng bình quân tăng 3,1%.", "3,1%", "cpi"),
    ("Tỷ lệ hộ nghèo giảm còn 2,1%.", "2,1%", "poor_household_rate"),
    ("Giải quyết việc làm cho 18.500 lao động.", "18.500 lao động", "jobs_created"),
    ("Có thêm 5 xã đạt chuẩn nông thôn mới.", "5 xã", "new_rural_communes"),
    ("Tiếp nhận 45.210 hồ sơ thủ tục hành chính.", "45.210 hồ sơ", "admin_dossiers"),
    # a quantity the indicator is not measured in, or nothing in the vocabulary
    ("Tổng thu ngân sách tăng nhờ 12 dự án mới.", "12 dự án", None),
    ("Đã trồng 3.000 cây xanh trên các tuyến phố.", "3.000 cây", None),
]


@pytest.mark.parametrize(("text", "raw", "ident"), INDICATORS)
def test_indicator_from_the_vocabulary(text, raw, ident):
    assert find(text, raw).indicator == ident


# ---------------------------------------------------------------- direction: changes only


@pytest.mark.parametrize(
    ("text", "raw", "direction"),
    [
        ("Tỷ lệ hộ nghèo giảm còn 4,12%.", "4,12%", None),
        ("Số khu công nghiệp tăng lên 12 khu công nghiệp.", "12 khu công nghiệp", None),
        ("Thu ngân sách giảm 14,39% so với cùng kỳ.", "14,39%", "decrease"),
    ],
)
def test_direction_only_for_changes(text, raw, direction):
    assert find(text, raw).direction == direction


# ---------------------------------------------------------------- rules, speed


def test_rule_files_load_and_validate():
    from pipeline.stages.meaning.rules import SCHEMA, compiled

    assert rules.load("meaning.yaml", SCHEMA)["subject_stops"]
    assert compiled().stop_re.search("đạt")
    voc = indicator.vocabulary()
    assert "budget_revenue" in voc.labels and len(voc.labels) >= 30


def test_every_indicator_example_names_its_own_indicator():
    data = rules.load("indicators.yaml", indicator.SCHEMA)
    ids = [item["id"] for item in data["indicators"]]
    assert len(ids) == len(set(ids))
    for item in data["indicators"]:
        assert indicator.in_subject(item["example"], item["quantities"][0], indicator.vocabulary()) == item["id"], item


def test_bad_indicator_file_names_the_indicator(tmp_path):
    (tmp_path / "indicators.yaml").write_text(
        "indicators:\n  - {id: x, label: X, patterns: [x], quantities: [money, tiền], example: x}\n", encoding="utf-8"
    )
    with pytest.raises(RulesError, match=r"indicator x: unknown quantities \['tiền'\]"):
        indicator.vocabulary(str(tmp_path))


def test_meaning_is_linear_on_a_long_paragraph():
    # one sentence of 1,200 figures: every clause is searched in a window, never from the sentence start
    sentence = "Thu ngân sách quý I/2024 đạt 1.250 tỷ đồng, tăng 5,2% (cùng kỳ tăng 3,1%), đạt 24% dự toán; "
    doc = Document("t", "t.txt", "t.txt", "0", "txt")
    doc.text = sentence * 300
    for stage in (segment, dates, figures):
        stage.run(doc)
    started = time.perf_counter()
    meaning.run(doc)
    assert time.perf_counter() - started < 3
    last = doc.figures[-4:]
    assert [f.subject for f in last] == ["Thu ngân sách"] * 4
    assert [span(f) for f in last] == [("2024-01-01", "2024-03-31")] * 2 + [("2023-01-01", "2023-03-31")] + [
        ("2024-01-01", "2024-03-31")
    ]


def test_a_long_sentence_before_one_figure_stays_fast():
    doc = Document("t", "t.txt", "t.txt", "0", "txt")
    doc.text = "Tỷ lệ hồ sơ, " * 20_000 + "đạt 90%."
    for stage in (segment, dates, figures):
        stage.run(doc)
    started = time.perf_counter()
    meaning.run(doc)
    assert time.perf_counter() - started < 1
    assert [f.raw for f in doc.figures] == ["90%"]


def test_a_title_without_a_period_takes_the_span_the_opening_says_it_reports_on():
    text = (
        "BÁO CÁO\nKết quả thực hiện thí điểm mô hình một cửa liên thông tại cấp xã\n\n"
        "Thực hiện Kế hoạch của tỉnh, thời gian thực hiện thí điểm từ ngày 01/9/2025 đến hết ngày 31/10/2025.\n\n"
        "1. Kết quả\nCác xã đã tiếp nhận 1.240 hồ sơ.\n"
    )
    assert span(find(text, "1.240 hồ sơ")) == ("2025-09-01", "2025-10-31")


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Trong quý, toàn tỉnh phát sinh 1.250 hồ sơ liên thông.", ("2026-01-01", "2026-03-31")),
        ("Trong tháng, toàn tỉnh phát sinh 1.250 hồ sơ liên thông.", ("2026-03-01", "2026-03-31")),
        ("Trong tháng 2, toàn tỉnh phát sinh 1.250 hồ sơ liên thông.", ("2026-02-01", "2026-02-28")),
    ],
)
def test_the_current_quarter_or_month_of_a_monthly_report(sentence, period):
    text = f"BÁO CÁO\nTình hình thực hiện nhiệm vụ tháng 3 năm 2026\n\n1. Kết quả\n{sentence}\n"
    assert span(find(text, "1.250 hồ sơ")) == period


def test_as_many_months_as_the_reports_month_are_the_year_so_far():
    title = "BÁO CÁO\nTình hình du lịch tháng 10 năm 2024\n\n"
    text = title + "Trong tháng 10, khách đến đạt 52.000 lượt. Tính chung 10 tháng, khách đến đạt 410.000 lượt.\n"
    assert span(find(text, "410.000 lượt")) == ("2024-01-01", "2024-10-31")
    text = title + "Bình quân 10 tháng, chỉ số giá tăng 3,2%. Doanh thu vận tải 10 tháng đạt 4.100 tỷ đồng.\n"
    assert span(find(text, "3,2%")) == ("2024-01-01", "2024-10-31")
    assert span(find(text, "4.100 tỷ đồng")) == ("2024-01-01", "2024-10-31")
    assert find(text, "4.100 tỷ đồng").subject == "Doanh thu vận tải"
    # the month of the heading a figure stands under counts as the report's
    text = "BÁO CÁO\nTình hình năm 2024\n\nI. KẾT QUẢ THÁNG 10\n\nTính chung 10 tháng, khách đến đạt 410.000 lượt.\n"
    assert span(find(text, "410.000 lượt")) == ("2024-01-01", "2024-10-31")
    # "từ đầu năm" with no year starts at the report's year; it is no part of the subject
    text = title + "Lũy kế từ đầu năm giải quyết việc làm cho 12.350 lao động.\n"
    assert span(find(text, "12.350 lao động")) == ("2024-01-01", "2024-10-31")
    assert find(text, "12.350 lao động").subject == "giải quyết việc làm lao động"
    # ... any other count of months is a duration
    text = title + "Dự án chậm trong 3 tháng, phải bổ sung 12 tỷ đồng.\n"
    assert span(find(text, "12 tỷ đồng")) == ("2024-10-01", "2024-10-31")


@pytest.mark.parametrize(
    ("opening", "period"),
    [
        (
            "Giai đoạn 2021 - 2025, hạ tầng giao thông của tỉnh tiếp tục được đầu tư đồng bộ và hiện đại.",
            ("2021-01-01", "2025-12-31"),
        ),
        (
            "Năm 2019, kinh tế của tỉnh tiếp tục tăng trưởng khá trong bối cảnh nhiều khó khăn.",
            ("2019-01-01", "2019-12-31"),
        ),
        # a day opens no frame, nor does a paragraph that opens otherwise, nor a legal basis
        ("Ngày 15/3/2019, Ủy ban nhân dân tỉnh đã tổ chức hội nghị tổng kết công tác của ngành.", (None, None)),
        ("Kinh tế của tỉnh năm 2019 tiếp tục tăng trưởng khá trong bối cảnh nhiều khó khăn.", (None, None)),
        ("Căn cứ Luật Ngân sách nhà nước năm 2015 và các văn bản hướng dẫn thi hành có liên quan;", (None, None)),
    ],
)
def test_a_titled_report_without_a_title_period_reports_on_the_period_its_first_paragraph_opens_with(opening, period):
    text = "BÁO CÁO\nHiện trạng phát triển hạ tầng thông tin và truyền thông của tỉnh trong những năm qua\n"
    text += f"{opening}\nHạ tầng\nSố trạm phát sóng di động là 1.250 trạm.\n"
    assert span(find(text, "1.250 trạm")) == period


@pytest.mark.parametrize(
    ("lead", "period"),
    [
        # a headline above the first paragraph
        (
            "SẢN XUẤT CÔNG NGHIỆP QUÝ III NĂM 2021 TĂNG KHÁ\n\nCác doanh nghiệp đã nỗ lực khôi phục sản xuất.",
            ("2021-07-01", "2021-09-30"),
        ),
        # else the first period the first sentence states, wherever it stands in it
        (
            "Xuất khẩu tăng mạnh\n\nTheo Sở Công Thương, kim ngạch xuất khẩu 8 tháng năm 2022 của tỉnh ước đạt 1,5 tỷ"
            " USD.",
            ("2022-01-01", "2022-08-31"),
        ),
        (
            "Ngày 4/5, Ban Quản lý các khu công nghiệp cho biết, tính từ đầu năm đến hết tháng 4/2022, vốn đầu tư"
            " tăng mạnh.",
            ("2022-01-01", "2022-04-30"),
        ),
        # a source before the lead sentence is no sentence of its own
        (
            "(Baotinh.vn): Trong 6 tháng đầu năm 2022, giá trị sản xuất toàn huyện ước đạt 8.200 tỷ đồng.",
            ("2022-01-01", "2022-06-30"),
        ),
        (
            "GD&TĐ - Trong năm học 2022-2023, toàn tỉnh có thêm nhiều trường đạt chuẩn quốc gia.",
            ("2022-01-01", "2023-12-31"),
        ),
        # not a period compared with, nor a single day
        ("Giá trị sản xuất công nghiệp tăng 9,2% so với cùng kỳ năm 2022, theo Cục Thống kê tỉnh.", (None, None)),
        ("Ngày 15/3/2019, Ủy ban nhân dân tỉnh đã tổ chức hội nghị tổng kết công tác của ngành.", (None, None)),
    ],
)
def test_a_write_up_without_a_title_reports_on_the_period_its_headline_or_lead_sentence_states(lead, period):
    text = f"{lead}\n\nNgành công nghiệp\nSố dự án được cấp mới là 125 dự án.\n"
    assert span(find(text, "125 dự án")) == period


def test_a_lead_counting_months_of_a_year_reports_on_the_year_so_far():
    text = (
        "Trong 09 tháng, UBND huyện đã tập trung chỉ đạo thực hiện các nhiệm vụ phát triển kinh tế - xã hội năm"
        " 2023.\n\nTổng thu ngân sách trên địa bàn ước thực hiện 412 tỷ đồng, tăng 6% so với cùng kỳ.\n"
    )
    assert span(find(text, "412 tỷ đồng")) == ("2023-01-01", "2023-09-30")


def test_after_a_lead_dated_by_a_day_a_paragraph_opening_with_a_period_frames_the_write_up():
    text = (
        "Sở Kế hoạch và Đầu tư cho biết tính đến ngày 20/9/2023, toàn tỉnh có 315 dự án còn hiệu lực với tổng vốn"
        " đăng ký 4,2 tỷ USD.\n\nTính chung 9 tháng năm 2023, tổng vốn đăng ký cấp mới và tăng thêm đạt 640 triệu"
        " USD.\n\nNhà đầu tư đã rót vốn vào 12 ngành, trong đó công nghiệp chế biến với tổng vốn là 410 triệu USD.\n"
    )
    assert span(find(text, "315 dự án")) == (None, "2023-09-20")  # the day dates its own sentence
    assert span(find(text, "410 triệu USD")) == ("2023-01-01", "2023-09-30")


@pytest.mark.parametrize(
    ("sentence", "raw", "period"),
    [
        # a cited document's date dates what it sets, not the figures of the sentence's later clauses (the
        # citation is found by the references stage: the whole pipeline runs)
        (
            "Tỉnh đã ban hành Quyết định số 15/QĐ-UBND ngày 03/6/2024 về đơn giản hóa thủ tục; trong đó: số thủ "
            "tục được cắt giảm thời gian là 09 thủ tục.",
            "09 thủ tục",
            ("2024-01-01", "2024-09-30"),
        ),
        (
            "Ban hành Quyết định số 82/QĐ-UBND ngày 09/3/2024 về thành lập 2 Tổ công tác.",
            "2 Tổ công tác",
            ("2024-03-09", "2024-03-09"),
        ),
        # a period the clause states beats a cited document's date
        (
            "Kế hoạch vốn năm 2024 được giao tại Quyết định số 36/QĐ-UBND ngày 10/12/2023 là 5.861 tỷ đồng.",
            "5.861 tỷ đồng",
            ("2024-01-01", "2024-12-31"),
        ),
        # ... nor a figure it is cited after, or cited in brackets as the source of
        (
            "Ngành Giáo dục có 05 thủ tục được sửa đổi theo Quyết định số 315/QĐ-UBND ngày 12/4/2024 của UBND tỉnh.",
            "05 thủ tục",
            ("2024-01-01", "2024-09-30"),
        ),
        (
            "Số hộ chưa có nhà ở an toàn (theo Báo cáo số 412/BC-SXD ngày 05/8/2024 của Sở) là 230 hộ.",
            "230 hộ",
            ("2024-01-01", "2024-09-30"),
        ),
    ],
)
def test_a_cited_documents_date_dates_only_what_it_sets(sentence, raw, period):
    import pipeline

    figures = pipeline.extract(TITLE + sentence + "\n")["figures"]
    row = figures[figures.raw == raw].iloc[0]
    assert (str(row.period_start)[:10], str(row.period_end)[:10]) == period
