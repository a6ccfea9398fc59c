"""Real documents of ../shared/corpus/real (text-layer PDFs, Word files): status ok and the header right.

Each expected value was read by eye off the rendered document (page 1 header, signature block).
Skipped where ../shared is absent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch.run import run

D = dt.date
# path under corpus/real: (doc_no, doc_symbol, doc_type, issue_date, place, issuer starts with, signer_name)
EXPECTED = {
    "lamdong_vbai/329 BAO CAO CCHC NAM 2025.pdf":
        ("329", "BC-UBND", "Báo cáo", D(2025, 12, 19), "Lâm Đồng", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Nguyễn Ngọc Phúc"),
    "lamdong_vbai/BC thẩm định Chỉ số CCHC sở ngành địa phương năm 2025 02.02.pdf":
        ("36", "BC-HĐTĐ", "Báo cáo", D(2026, 2, 2), "Lâm Đồng", "UBND TỈNH LÂM ĐỒNG HỘI ĐỒNG THẨM ĐỊNH", "Trần Hữu Tuấn"),
    "lamdong_vbai/Bao cao cac chi so cua tinh 28.11.pdf":
        ("228", "BC-SNV", "Báo cáo", D(2025, 11, 28), "Lâm Đồng", "UBND TỈNH LÂM ĐỒNG SỞ NỘI VỤ", "Trần Hữu Tuấn"),
    "lamdong_vbai/Báo cáo thực hiện các mô hình thí điểm CCHC theo QĐ787 04.10.pdf":
        ("181", "BC-SNV", "Báo cáo", D(2025, 11, 5), "Lâm Đồng", "UBND TỈNH LÂM ĐỒNG SỞ NỘI VỤ", "Trần Hữu Tuấn"),
    "lamdong_vbai/TTXT.05.11 BC tinh hinh trien khai cai thien moi truong dau tu, chi so PCI va DDCI.pdf":
        ("644", "TTXT-ĐTDN", "Công văn", D(2025, 11, 6), "Lâm Đồng", "UBND TỈNH LÂM ĐỒNG TRUNG TÂM XÚC TIẾN", "Đinh Ngọc Hiếu"),
    "lamdong_vbai/To trinh ban hanh Ke hoach phát dong phong trao thi đua CCHC năm 2026 tinh Lam Dong 10.02s.pdf":
        ("124", "TTr-SNV", "Tờ trình", D(2026, 2, 11), "Lâm Đồng", "UBND TỈNH LÂM ĐỒNG SỞ NỘI VỤ", "Trần Hữu Tuấn"),
    "vinhlong_nhanluc/01_To_trinh_UBND_tinh_trinh_du_thao_Nghi_quyet.pdf":
        ("617", "TTr-UBND", "Tờ trình", D(2026, 6, 9), "Vĩnh Long", "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", "Trần Trí Quang"),
    "vinhlong_nhanluc/03_BC_tong_ket_cong_tac_dao_tao_chinh_sach_2021_2025.pdf":
        ("293", "BC-SNV", "Báo cáo", D(2026, 4, 9), "Vĩnh Long", "UBND TỈNH VĨNH LONG SỞ NỘI VỤ", "Nguyễn Thị Ngọc Giàu"),
    "vinhlong_nhanluc/11_Bao_cao_Tham_dinh_Nghi_quyet.pdf":
        ("301", "BC-STP", "Báo cáo", D(2026, 4, 28), "Vĩnh Long", "UBND TỈNH VĨNH LONG SỞ TƯ PHÁP", "Triệu Quốc Trung"),
    "vinhlong_nhanluc/13_Bao_cao_tham_tra_Nghi_quyet_HĐND.pdf":
        ("251", "BC-HĐND", "Báo cáo", D(2026, 7, 8), "Vĩnh Long", "HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG", "Nguyễn Văn Tân"),
    "vinhlong_nhanluc/17_Thong_bao_ket_qua_dang_tai_du_thao_Nghi_quyet.pdf":
        ("91", "CTTĐT-BBT", "Công văn", D(2026, 2, 9), "Vĩnh Long", "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH VĨNH LONG", "Hồ Văn Chính"),
    "vinhlong_nhanluc/18_811_BC_UBND_tiep_thu_giai_trinh_tham_tra.pdf":
        ("811", "BC-UBND", "Báo cáo", D(2026, 7, 12), "Vĩnh Long", "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", "Trần Trí Quang"),
    # drafts: the number is left blank for the office to fill in
    "lamdong_vbai/BAO CAO CCHC NAM 2025.docx":
        (None, "BC-UBND", "Báo cáo", D(2025, 12, 1), "Lâm Đồng", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Nguyễn Ngọc Phúc"),
    "lamdong_vbai/BC TỔNG KÊT CHIẾN LƯỢC PCMT.docx":
        (None, "BC-UBND", "Báo cáo", D(2026, 3, 1), "Lâm Đồng", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Nguyễn Minh"),
    "lamdong_vbai/Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx":
        (None, "KH-UBND", "Kế hoạch", D(2025, 12, 1), "Lâm Đồng", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Nguyễn Ngọc Phúc"),
    "vinhlong_nhanluc/02_Du_thao_Nghi_quyet_trinh_thong_qua_HDND_tinh.docx":
        (None, "NQ-HĐND", "Nghị quyết", D(2026, 1, 1), "Vĩnh Long", "HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG", "Nguyễn Minh Dũng"),
    "qlvb_quanhuyen_2011/CT9UB.DOC":
        ("09", "CT-UBND", "Chỉ thị", D(2009, 4, 15), "Thủ Dầu Một", "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", "Nguyễn Văn Hiệp"),
    "qlvb_quanhuyen_2011/QD15UB.DOC":
        ("15", "QĐ-UBND", "Quyết định", D(2010, 4, 26), "Hà Nội", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Ngô Thị Thanh Hằng"),
}  # fmt: skip


@pytest.fixture(scope="module")
def real_docs(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    real = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"
    if not real.is_dir():
        pytest.skip("../shared is not present")
    files = [real / name for name in EXPECTED if (real / name).exists()]
    out = tmp_path_factory.mktemp("real")
    run(files, out, workers=2)
    docs = pd.read_parquet(out / "documents")
    by_name = {Path(name).name: name for name in EXPECTED}
    docs["key"] = docs["source_name"].map(by_name)
    docs.attrs["out"] = out
    return docs.set_index("key")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_document_is_ok_with_its_header(real_docs: pd.DataFrame, name: str) -> None:
    if name.lower().endswith(".doc") and name not in real_docs.index:
        pytest.skip("LibreOffice is not installed")
    row = real_docs.loc[name]
    if row["status"] == "failed" and name.lower().endswith(".doc"):
        pytest.skip("LibreOffice is not installed: .doc cannot be read")
    no, symbol, doc_type, date, place, issuer, signer = EXPECTED[name]
    assert row["status"] == "ok"
    fields = ("doc_no", "doc_symbol", "doc_type", "issue_date", "place", "signer_name")
    got = tuple(None if pd.isna(row[f]) else row[f] for f in fields)
    assert got == (no, symbol, doc_type, date, place, signer)
    assert row["issuer"].startswith(issuer)


# Documents printed after the first one's signature, read by eye off the page (kind, type, first page):
# a regulation issued with a decision, a draft regulation after a draft resolution, appendices.
PARTS = {
    "lamdong_vbai/329 BAO CAO CCHC NAM 2025.pdf": [("appendix", "Phụ lục", 25)],
    "lamdong_vbai/BAO CAO CCHC NAM 2025.docx": [("appendix", "Phụ lục", None)],
    "lamdong_vbai/Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx": [("appendix", "Phụ lục", None)],
    "vinhlong_nhanluc/02_Du_thao_Nghi_quyet_trinh_thong_qua_HDND_tinh.docx": [("attachment", "Quy định", None)],
    "qlvb_quanhuyen_2011/QD15UB.DOC": [("attachment", "Quy định", None)],
}


def test_real_files_holding_two_documents_have_their_parts(real_docs: pd.DataFrame) -> None:
    parts = pd.read_parquet(real_docs.attrs["out"] / "parts").merge(real_docs.reset_index()[["doc_id", "key"]])
    got = {
        key: [(r.kind, r.doc_type, None if pd.isna(r.page_start) else int(r.page_start)) for r in rows.itertuples()]
        for key, rows in parts.groupby("key")
    }
    read = set(real_docs.index[real_docs["status"] == "ok"])
    expected = {key: value for key, value in PARTS.items() if key in read}  # a .doc needs LibreOffice
    assert got == expected  # and no part in any other file
