"""The static HTML report an auditor opens first: ``baocao report OUT``. See :mod:`.build`."""

from .build import ReportSummary, page_name, write_report

__all__ = ["ReportSummary", "page_name", "write_report"]
