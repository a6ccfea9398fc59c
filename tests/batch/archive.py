"""A small archive written by the tests themselves, and a way to compare output tables."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds

from pipeline.output.write import TABLES

PROVINCES = ["Hà Giang", "Quảng Trị", "Bình Định", "Đắk Nông", "Cà Mau", "Nam Định", "Phú Yên", "Lai Châu"]


def report(i: int) -> str:
    """A short report in the usual administrative style; ``i`` makes every one distinct."""
    province = PROVINCES[i % len(PROVINCES)]
    return (
        f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\n\n"
        f"Số: {100 + i}/BC-UBND\n\n"
        f"{province}, ngày {1 + i % 28} tháng {1 + i % 12} năm 2024\n\n"
        "BÁO CÁO\nTình hình kinh tế - xã hội tháng\n\n"
        "I. KẾT QUẢ ĐẠT ĐƯỢC\n\n"
        f"1. Tổng thu ngân sách trên địa bàn đạt {1200 + 17 * i} tỷ đồng, tăng {3 + i % 9},{i % 10}% "
        "so với cùng kỳ năm trước.\n\n"
        f"2. Thực hiện Kế hoạch số {40 + i}/KH-UBND ngày 15/3/2024, toàn tỉnh đã trồng mới "
        f"{250 + i} ha rừng.\n\n"
        "II. NHIỆM VỤ THỜI GIAN TỚI\n\n"
        f"Tiếp tục đẩy nhanh giải ngân vốn đầu tư công, phấn đấu đạt {85 + i % 10}% kế hoạch năm.\n"
    )


def make_archive(root: Path, n: int, start: int = 0) -> list[Path]:
    """``n`` reports under ``root`` in two sub-folders (discovery is recursive)."""
    paths = []
    for i in range(start, start + n):
        path = root / f"quy_{i % 2 + 1}" / f"bao_cao_{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report(i), encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(out: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without processed_at: equal snapshots mean equal tables."""
    tables = {}
    for name in TABLES:
        table = ds.dataset(out / name, format="parquet").to_table()
        if "processed_at" in table.column_names:
            table = table.drop(["processed_at"])
        tables[name] = sorted(tuple(repr(v) for v in row.values()) for row in table.to_pylist())
    return tables


def rows(out: Path, table: str) -> list[dict]:
    return ds.dataset(out / table, format="parquet").to_table().to_pylist()
