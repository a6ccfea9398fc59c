"""Write the Word and PDF sample reports in data/raw (our own text, nothing from any corpus).

    .venv/bin/python data/make_samples.py      # needs LibreOffice (soffice) for the PDF

The .docx is laid out like a real administrative document: the two-column header table
(issuer and number | national motto and place/date), the type line, the subject, numbered
body, and the signature table (Nơi nhận | signer). LibreOffice prints it to PDF, as the
offices that publish these reports do.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

RAW = Path(__file__).resolve().parent / "raw"
STEM = "to_trinh_ho_tro_dao_tao_2026"

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH AN", "Số: 57/TTr-UBND"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hòa Bình An, ngày 18 tháng 3 năm 2026",
]
BODY = [
    ("bold", "TỜ TRÌNH"),
    ("bold", "Về việc ban hành chính sách hỗ trợ đào tạo nguồn nhân lực giai đoạn 2026 - 2030"),
    ("plain", "Kính gửi: Hội đồng nhân dân tỉnh."),
    (
        "plain",
        "Căn cứ Nghị quyết số 29/2025/NQ-HĐND ngày 12 tháng 12 năm 2025 của Hội đồng nhân dân tỉnh; "
        "Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh như sau:",
    ),
    ("bold", "I. SỰ CẦN THIẾT BAN HÀNH CHÍNH SÁCH"),
    (
        "plain",
        "Giai đoạn 2021 - 2025, toàn tỉnh đã đào tạo 2.846 lượt cán bộ, công chức, đạt 94,9% kế hoạch; "
        "tổng kinh phí thực hiện 18,75 tỷ đồng, tăng 12,3% so với giai đoạn trước. Có 212/240 học viên "
        "hoàn thành chương trình sau đại học, đạt tỷ lệ 88,3%.",
    ),
    ("bold", "II. NỘI DUNG CHÍNH SÁCH"),
    ("plain", "1. Hỗ trợ 100% học phí cho người học trình độ thạc sĩ, tối đa 60 triệu đồng/người/khóa học."),
    ("plain", "2. Hỗ trợ sinh hoạt phí 3,5 triệu đồng/người/tháng trong thời gian đào tạo tập trung."),
    (
        "plain",
        "3. Dự kiến kinh phí giai đoạn 2026 - 2030 khoảng 42,6 tỷ đồng, bình quân 8,52 tỷ đồng mỗi năm, "
        "từ ngày 01 tháng 7 năm 2026 đến ngày 31 tháng 12 năm 2030.",
    ),
    ("plain", "Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, quyết định./."),
]
SIGN_LEFT = ["Nơi nhận:", "- Như trên;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, NC."]
SIGN_RIGHT = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Đặng Văn Khoa"]


def cell_lines(cell, lines: list[str], bold: bool = False) -> None:
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = bold and i < 2


def build_docx(path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "DejaVu Serif", Pt(12)
    header = doc.add_table(rows=1, cols=2)
    cell_lines(header.cell(0, 0), HEADER_LEFT, bold=True)
    cell_lines(header.cell(0, 1), HEADER_RIGHT, bold=True)
    for kind, text in BODY:
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = kind == "bold"
        if kind == "bold" and not text.startswith(("I.", "II.")):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    sign = doc.add_table(rows=1, cols=2)
    cell_lines(sign.cell(0, 0), SIGN_LEFT)
    cell_lines(sign.cell(0, 1), SIGN_RIGHT, bold=True)
    doc.save(str(path))


def build_pdf(docx: Path, pdf: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) is needed to print the PDF sample")
    with tempfile.TemporaryDirectory() as tmp:
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        command = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", tmp, str(docx)]
        subprocess.run(command, check=True, capture_output=True)
        shutil.move(Path(tmp) / f"{docx.stem}.pdf", pdf)


if __name__ == "__main__":
    docx_path = RAW / f"{STEM}.docx"
    build_docx(docx_path)
    build_pdf(docx_path, RAW / f"{STEM}.pdf")
    print(f"wrote {docx_path} and {docx_path.with_suffix('.pdf')}")
