"""Write the Word, PDF and scanned sample reports in data/raw (our own text, nothing from any corpus).

    .venv/bin/python data/make_samples.py      # needs LibreOffice (soffice) for the PDFs

The scan is a second document printed the same way, then rendered to a grayscale page image at
150 dpi, turned by half a degree and given scanner noise: a JPEG as an office's scanner makes it.

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

SCAN_STEM = "thong_bao_tiep_cong_dan_quy_3_2026_scan"
SCAN_HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "HUYỆN SÔNG XANH", "Số: 14/TB-UBND"]
SCAN_HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Sông Xanh, ngày 05 tháng 10 năm 2026",
]
SCAN_BODY = [
    ("bold", "THÔNG BÁO"),
    ("bold", "Kết quả công tác tiếp công dân quý III năm 2026"),
    (
        "plain",
        "Thực hiện Kế hoạch số 35/KH-UBND ngày 10 tháng 01 năm 2026 của Ủy ban nhân dân huyện, "
        "Ủy ban nhân dân huyện thông báo kết quả như sau:",
    ),
    ("bold", "1. Kết quả tiếp công dân"),
    (
        "plain",
        "Trong quý III năm 2026, toàn huyện đã tiếp 194 lượt công dân (định kỳ: 114 lượt; thường xuyên: "
        "80 lượt), tăng 12 lượt so với cùng kỳ năm 2025. Tổng số 56 đơn đã tiếp nhận, trong đó: 41 đơn "
        "kiến nghị, phản ánh; 15 đơn khiếu nại, tố cáo. Đã giải quyết 49/56 đơn, đạt tỷ lệ 87,5%.",
    ),
    ("bold", "2. Nhiệm vụ quý IV năm 2026"),
    (
        "plain",
        "Duy trì tiếp công dân định kỳ vào ngày 15 hằng tháng; phấn đấu giải quyết trên 90% số đơn "
        "trong hạn; kinh phí dự kiến 120 triệu đồng.",
    ),
]
SCAN_SIGN_LEFT = ["Nơi nhận:", "- Thường trực Huyện ủy;", "- Lưu: VT."]
SCAN_SIGN_RIGHT = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Lê Thị Minh Hạnh"]


def cell_lines(cell, lines: list[str], bold: bool = False) -> None:
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = bold and i < 2


def build_docx(
    path: Path,
    header_left: list[str] = HEADER_LEFT,
    header_right: list[str] = HEADER_RIGHT,
    body: list[tuple[str, str]] = BODY,
    sign_left: list[str] = SIGN_LEFT,
    sign_right: list[str] = SIGN_RIGHT,
) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "DejaVu Serif", Pt(12)
    header = doc.add_table(rows=1, cols=2)
    cell_lines(header.cell(0, 0), header_left, bold=True)
    cell_lines(header.cell(0, 1), header_right, bold=True)
    for kind, text in body:
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = kind == "bold"
        if kind == "bold" and not text[:1].isdigit() and not text.startswith(("I.", "II.")):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    sign = doc.add_table(rows=1, cols=2)
    cell_lines(sign.cell(0, 0), sign_left)
    cell_lines(sign.cell(0, 1), sign_right, bold=True)
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


def build_scan(jpg: Path) -> None:
    """Print the scan's document to PDF, then make the page image a scanner would: gray, turned, noisy."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{SCAN_STEM}.docx"
        build_docx(docx, SCAN_HEADER_LEFT, SCAN_HEADER_RIGHT, SCAN_BODY, SCAN_SIGN_LEFT, SCAN_SIGN_RIGHT)
        build_pdf(docx, Path(tmp) / "scan.pdf")
        pdf = pdfium.PdfDocument(str(Path(tmp) / "scan.pdf"))
        image = pdf[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
        pdf.close()
    image = image.rotate(0.5, resample=Image.BICUBIC, expand=False, fillcolor=255)
    noise = np.random.default_rng(2026).normal(0, 12, (image.height, image.width))  # seeded: same bytes each time
    pixels = np.clip(np.asarray(image, dtype=np.float64) + noise, 0, 255).astype(np.uint8)
    Image.fromarray(pixels).save(jpg, "JPEG", quality=75, dpi=(150, 150))


if __name__ == "__main__":
    docx_path = RAW / f"{STEM}.docx"
    build_docx(docx_path)
    build_pdf(docx_path, RAW / f"{STEM}.pdf")
    build_scan(RAW / f"{SCAN_STEM}.jpg")
    print(f"wrote {docx_path}, {docx_path.with_suffix('.pdf')} and {RAW / SCAN_STEM}.jpg")
