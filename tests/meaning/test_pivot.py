"""The analyst's view: one indicator across documents and periods (a pivot of the figures table).

The expected cells were checked by hand against the sample reports in data/raw (which we wrote).
"""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.runner import process_file
from tests.conftest import RAW

SAMPLES = ["bao_cao_kinh_te_xa_hoi_quy_3.txt", "ke_hoach_chuyen_doi_so_2025.md"]


@pytest.fixture(scope="module")
def pivot() -> pd.DataFrame:
    rows = []
    for name in SAMPLES:
        doc = process_file(RAW / name)
        rows += [
            {
                "document": name,
                "indicator": f.indicator,
                "quantity": f.quantity,
                "start": str(f.period_start or "open"),
                "end": str(f.period_end or "open"),
                "value": f.value,
            }
            for f in doc.figures
            if f.indicator
        ]
    table = pd.DataFrame(rows)
    # the first amount of each (indicator, document, period): what an analyst's pivot shows per cell
    return table.groupby(["indicator", "quantity", "document", "start", "end"])["value"].first()


NINE_MONTHS = ("2024-01-01", "2024-09-30")

# (indicator, quantity, document, (start, end), value) -- hand-checked against the sample reports
CELLS = [
    ("budget_revenue", "money", SAMPLES[0], NINE_MONTHS, 186.45e9),
    ("budget_expenditure", "money", SAMPLES[0], NINE_MONTHS, 412.7e9),
    ("public_investment_disbursement", "money", SAMPLES[0], ("open", "2024-09-30"), 95.3e9),
    ("retail_sales", "money", SAMPLES[0], NINE_MONTHS, 1245e9),
    ("jobs_created", "count", SAMPLES[0], NINE_MONTHS, 1850),
    ("poor_household_rate", "percent", SAMPLES[0], NINE_MONTHS, 4.12),
    ("admin_dossiers", "percent", SAMPLES[1], ("2024-01-01", "2024-12-31"), 48.5),
    ("admin_dossiers", "percent", SAMPLES[1], ("2025-01-01", "2025-12-31"), 60),
]


@pytest.mark.parametrize(("indicator", "quantity", "document", "period", "value"), CELLS)
def test_pivot_cell(pivot, indicator, quantity, document, period, value):
    assert pivot.loc[(indicator, quantity, document, *period)] == pytest.approx(value)
