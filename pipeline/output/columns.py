"""What every table, column, diagnostic code and check kind means: the one source of ``docs/TABLES.md``.

``write.SCHEMAS`` says which columns exist and their Arrow types; this module says what they mean.
``tests/output/test_tables_doc.py`` fails when a column of ``SCHEMAS`` has no description here (or a
description names a column that is gone), when a diagnostic code raised in the code is not listed in
``DIAGNOSTICS``, or when ``docs/TABLES.md`` is not what ``make docs`` writes from both.
"""

from __future__ import annotations

# Bump the major number when a column is renamed, removed, retyped or changes meaning (readers must
# adapt); the minor number when columns are added (old readers keep working). Written into every
# Parquet file's key-value metadata as ``baocao.schema_version``.
SCHEMA_VERSION = "1.1"

PROVENANCE = {
    "raw": "the text exactly as it stands in `texts.text` (`text[char_start:char_end] == raw`)",
    "char_start": "start of the span in `texts.text` (Python code-point index)",
    "char_end": "end of the span (exclusive)",
    "page": "1-based page where the span starts; null for text sources",
    "x0": "left edge of the span's box on its page, PDF points (pdfplumber's coordinates); null for text sources",
    "top": "top edge of the box, measured from the top of the page",
    "x1": "right edge of the box",
    "bottom": "bottom edge of the box (a span over a line break gets the union box of its characters)",
}
SECTION_ID = "the innermost section holding the row (`sections.section_id`); null before the first section"

TABLES: dict[str, str] = {
    "documents": "one row per input file, failed ones included: status, format, pages, encodings, header metadata",
    "texts": "one row per document that could be read: its normalized text, which every char span indexes",
    "pages": "one row per page of a PDF or image: its char span in the text, size and OCR flag",
    "sections": "one row per section of the section tree",
    "parts": "one row per document a file holds after its first one (a forwarded document, a `Phụ lục`)",
    "figures": "one row per figure: numbers, money, percentages, ratios, ranges, multipliers",
    "dates": "one row per date or period mentioned",
    "references": "one row per citation of a legal or administrative document",
    "entities": "one row per person, body or place mentioned",
    "checks": "one row per arithmetic check an auditor would redo",
    "diagnostics": "one row per thing that went wrong or is worth knowing; never silent",
}

COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "first 16 hex digits of the SHA-256 of the file's bytes: the same file always gets the same id",
        "source_path": "path relative to the input folder it was found in",
        "source_name": "file name",
        "source_sha256": "full SHA-256 hex digest of the file's bytes",
        "source_format": "`pdf`, `txt`, `md`, `docx`, `doc`, `image`",
        "status": "`ok`; `partial` (a stage failed, the rows that could be made are kept); `failed` (unreadable)",
        "n_pages": "pages of a PDF or image; null for text sources",
        "ocr": "true if any page's text came from OCR",
        "encoding": "how a text file's bytes were decoded (`utf-8`, `ascii`, `utf-8-sig`, `utf-16`, `windows-1258`)",
        "encoding_fix": "the legacy font encoding converted (`tcvn3`, `vni`), else null",
        "doc_no": "number part of `Số: 154/BC-UBND` as printed (`154`); null if blank",
        "doc_symbol": "symbol part, spaces removed (`BC-UBND`)",
        "doc_type": "sentence-case Vietnamese type: `Báo cáo`, `Kế hoạch`, `Thông báo`, `Công văn`, `Tờ trình`, ...",
        "issuer": "issuing body as printed in the header, lines joined by one space",
        "place": "place before `, ngày ...` (`Thành phố Hồ Chí Minh`)",
        "issue_date": "date of issue; the first day of the month or year when the day is blank",
        "issue_date_precision": "`day`, `month`, `year`, or null",
        "title": "the subject line (trích yếu) under the type line, joined, markup removed",
        "urgency": "`Khẩn`, `Thượng khẩn`, `Hỏa tốc`, or null",
        "signer_name": "name of the person who signed",
        "signer_title": "title of the signer (`Chủ tịch`, `Phó Chủ tịch`, ...)",
        "recipients": "the items under `Nơi nhận`",
        "n_chars": "length of `texts.text`",
        "pipeline_version": "version of the package that wrote the row",
        "processed_at": "when the row was written",
    },
    "texts": {
        "doc_id": "the document",
        "text": "the normalized text (Unicode NFC), one paragraph per line; a table row is one line with its "
        "cells separated by tabs (Word tables, ruled PDF tables, HTML tables in markdown); every char span of "
        "the other tables indexes it",
    },
    "pages": {
        "doc_id": "the document",
        "page": "1-based page number",
        "char_start": "start of the page's text in `texts.text`",
        "char_end": "end of the page's text (exclusive)",
        "ocr": "true if the page's text came from OCR",
        "ocr_confidence": "mean word confidence of the OCR (0–100), null for a text layer",
        "width": "page width in PDF points",
        "height": "page height in PDF points",
        "image_width": "width in pixels of the page image OCR read; null for a text-layer page",
        "image_height": "height in pixels of that image",
        "image_dpi": "resolution the page image was rendered (or scanned) at",
    },
    "sections": {
        "doc_id": "the document",
        "section_id": "`s0001`, ... in document order",
        "parent_id": "the enclosing section; null at the top level",
        "level": "depth in the tree, 1 = top",
        "marker_kind": "`part` (Phần thứ ..., and Chương, Mục, Điều), `roman` (I.), `arabic` (1.), `decimal` (2.1.), "
        "`letter` (a)), `content` (Nội dung N), `heading` (unnumbered)",
        "marker": "normalized label (`Phần thứ hai`, `II`, `3`, `2.1`, `a`); null for `heading`",
        "number": "ordinal of the marker (Phần thứ hai → 2, II → 2, đ → 5)",
        "heading": "heading text after the marker, markup and a trailing colon removed",
        "path": "markers of the ancestors and itself joined by ` > `",
        "char_start": "start of the marker in `texts.text`",
        "char_end": "start of the next section at the same or a higher level (exclusive)",
        "page_start": "page where the section starts; null for text sources",
        "page_end": "page where the section ends; null for text sources",
        "part_id": "the part (`parts.part_id`) the section belongs to; null in the file's first document",
    },
    "parts": {
        "doc_id": "the document (the file)",
        "part_id": "`p01`, ... in document order",
        "kind": "`attachment` (a forwarded document with its own header) or `appendix` (a `Phụ lục`)",
        "label": "the appendix label as printed (`Phụ lục II`); null for an attachment",
        "doc_type": "the part's own type, sentence case (`Thông báo`, `Quy định`, `Phụ lục`)",
        "title": "the part's title line(s), joined",
        "doc_no": "the part's number where it prints one",
        "doc_symbol": "the part's symbol where it prints one, spaces removed",
        "issue_date": "the part's date where it prints one",
        "char_start": "start of the part in `texts.text`",
        "char_end": "end of the part (the next part or the end of the text; exclusive)",
        "page_start": "page where the part starts; null for text sources",
        "page_end": "page where the part ends; null for text sources",
    },
    "figures": {
        "doc_id": "the document",
        "figure_id": "`f0001`, ... in document order",
        "section_id": SECTION_ID,
        **PROVENANCE,
        "sentence": "the sentence that holds the figure (of a sentence over 1,000 chars, a flattened table row "
        "or hostile input, the 1,000 chars around the figure)",
        "value": "the number after scale words (`163.201,095 tỷ đồng` → 1.63201095e14)",
        "value_max": "upper end of a range (`1,02-1,07%` → value 1.02, value_max 1.07), else null",
        "denominator": "for ratios (`148/178 đơn vị` → value 148, denominator 178), else null",
        "quantity": "`percent`, `money`, `count`, `area`, `mass`, `volume`, `length`, `rate`, `multiplier`, "
        "`duration`, `other`",
        "unit": "`%`, `VND`, `USD`, `ha`, `tấn`, `km`, `lần`, `kWh`, `điểm phần trăm` (a difference of two"
        " percentages, quantity `other`), ...; for counts the counted noun, lower case (`dự án`)",
        "scale": "scale word as printed (`tỷ`, `triệu`, `nghìn tỷ`, `nghìn tỉ`, `triệu tỷ`, `vạn`), else null",
        "approx": "qualifier as printed (`ước`, `khoảng`, `gần`, `hơn`, `trên`, `dưới`, ...), else null",
        "direction": "`increase` (tăng), `decrease` (giảm), or null",
        "basis": "what it is measured against: `same_period`, `plan`, `estimate`, `target`, `previous`, `other`, null",
        "subject": "what the figure measures, as printed: the noun phrase of its clause; in a table row its "
        "row labels and the column headers above it, joined by ` - ` (`Tỉnh A - Chỉ số PCI - Điểm số`); a "
        "target stated beside a value ends in ` - chỉ tiêu` (meaning stage)",
        "period_start": "first day of the period the figure refers to: from its clause (in a table, a column "
        "header or a year row label), else the enclosing heading, else the title of its appendix or of the "
        "document; null for rules, norms and static counts; null for an end-only horizon "
        "(`đến năm 2030`, `tính đến ngày ...`)",
        "period_end": "last day of that period",
        "indicator": "canonical id of the measure from `rules/indicators.yaml` (`budget_revenue`, `grdp_growth`, ...), "
        "linking the same measure across documents; null when none fits",
        "ocr_confidence": "mean OCR confidence (0–100) of the words of `raw`; null unless the text was read by OCR",
    },
    "dates": {
        "doc_id": "the document",
        "date_id": "`d0001`, ... in document order",
        "section_id": SECTION_ID,
        **PROVENANCE,
        "start": "first day covered (`tháng 12 năm 2020` → 2020-12-01)",
        "end": "last day covered (→ 2020-12-31)",
        "granularity": "`day`, `month`, `quarter`, `half_year`, `year`",
        "is_range": "true for `từ ... đến ...`, `6-8/7/2021`, `giai đoạn 2020 - 2025` (one row for the range)",
        "year_inferred": "true when the year was not printed and came from context",
        "ocr_confidence": "mean OCR confidence (0–100) of the words of `raw`; null unless the text was read by OCR",
    },
    "references": {
        "doc_id": "the document",
        "ref_id": "`r0001`, ... in document order",
        "section_id": SECTION_ID,
        **PROVENANCE,
        "ref_type": "sentence case: `Quyết định`, `Nghị quyết`, `Kế hoạch`, `Thông tư`, `Luật`, ...",
        "ref_no": "number as printed (`4819`, `05`)",
        "ref_year": "year inside the code (`54/2017/QH14` → 2017), else null",
        "ref_symbol": "symbol, spaces removed (`KH-UBND`, `QH14`), null if none printed",
        "ref_date": "date printed with the citation, else null",
        "ref_issuer": "issuer printed with it (`của Ban Thường vụ Tỉnh ủy` → `Ban Thường vụ Tỉnh ủy`), else null",
        "ocr_confidence": "mean OCR confidence (0–100) of the words of `raw`; null unless the text was read by OCR",
    },
    "entities": {
        "doc_id": "the document",
        "entity_id": "`e0001`, ... in document order",
        "section_id": SECTION_ID,
        "kind": "`PER` (person), `ORG` (body), `LOC` (place)",
        "text": "the entity's name, normalized (may differ from `raw` in spacing or case)",
        **PROVENANCE,
        "source": "`rule` (header, signature, citations, administrative name patterns) or `model` (NER, `--ner`)",
    },
    "checks": {
        "doc_id": "the document",
        "check_id": "`c0001`, ... per document",
        "kind": "what was checked: see the check kinds below",
        "figure_ids": "the figures the check used (`figures.figure_id`)",
        "expected": "what the printed figures imply (e.g. the ratio as a percentage)",
        "observed": "what is printed (e.g. the percentage)",
        "status": "`pass` or `fail`",
        "message": "one line saying what was compared",
    },
    "diagnostics": {
        "doc_id": "the document (empty when the file could not even be read)",
        "source_path": "path of the file, as in `documents.source_path`",
        "stage": "the stage that wrote it (`ingest`, `normalize`, ..., `batch`)",
        "severity": "`info`, `warning`, `error` (an error makes the document `partial` or `failed`)",
        "code": "what happened: see the diagnostic codes below",
        "message": "one line for a person",
    },
}

CHECK_KINDS: dict[str, str] = {
    "ratio_percent": "a ratio `a/b` against the percentage printed as its share (`148/178 xã, đạt 83,1%`); "
    "never a threshold (`tối thiểu 10%`)",
    "parts_sum": "a total against the sum of the parts listed for it "
    "(`Tổng số 1.250 hồ sơ, trong đó: 800 ..., 450 ...`; `gồm`, `bao gồm`, parts in brackets)",
    "change_percent": "a printed change against the value and the earlier value it is measured from "
    "(`đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ (1.000 tỷ đồng)`); `giảm`; point changes of rates",
    "plan_share": "a printed share of the plan, estimate or target against the value and that plan's value "
    "(`đạt 350 tỷ đồng, bằng 70% dự toán năm (500 tỷ đồng)`)",
}

# Every code a diagnostic row can carry; a test finds the codes in the package source and fails on a new one.
DIAGNOSTICS: dict[str, str] = {
    # ingest: the file cannot be read (the document is failed)
    "unreadable_file": "the file cannot be opened (permissions, vanished)",
    "not_a_regular_file": "a FIFO, device or socket named as input: never read (it could block the run)",
    "memory_limit": "the document needed more memory than the worker's limit (`--max-memory`), or a PDF stream "
    "inflates past the share of it a stream may take (a decompression bomb)",
    "empty_file": "the file is empty",
    "binary_file": "a text file holding binary data",
    "unsupported_format": "no reader for the file's format",
    "reader_crashed": "a reader library raised; the message names the exception",
    "corrupt": "the PDF is damaged or not a PDF",
    "truncated": "the PDF is cut short (no end-of-file marker); a warning when pages could still be read",
    "no_pages": "the PDF has no pages",
    "encrypted": "the PDF is password protected",
    "no_text_layer": "a PDF without a text layer where OCR is not available",
    "empty_document": "the Word file holds no text",
    "not_docx": "a zip file that is not a Word document",
    "corrupt_docx": "the .docx is corrupt or truncated",
    "doc_conversion_failed": "LibreOffice could not convert a legacy .doc",
    "doc_conversion_timeout": "LibreOffice took too long converting a legacy .doc",
    "libreoffice_missing": "a legacy .doc and no LibreOffice installed to convert it",
    "doc_named_docx": "a legacy .doc saved under a .docx name (rename it to .doc)",
    # ingest: worth knowing
    "page_unreadable": "some pages of a PDF could not be read (the others are)",
    "encoding_detected": "how a text file was decoded",
    "undecodable_bytes": "bytes that no encoding explains, replaced by U+FFFD",
    "legacy_encoding": "text in a legacy font encoding (TCVN3, VNI) converted to Unicode",
    "doc_converted": "a legacy .doc converted to .docx with LibreOffice",
    "text_truncated": "a text longer than the limit: only its first part is processed (the document is `partial`)",
    "ocr_text_layer": "the PDF's text layer looks like an invisible OCR layer over a scan",
    "ocr_no_text_layer": "page(s) read by OCR: no text layer over the page image",
    "ocr_stamp_only": "page(s) read by OCR: the text layer holds only a stamp or a signature widget",
    "ocr_garbage_layer": "page(s) read by OCR: the text layer is garbage (few valid Vietnamese syllables)",
    "ocr_cid_glyphs": "page(s) read by OCR: the text layer's glyphs have no Unicode (`(cid:N)`)",
    "ocr_image": "an image file read by OCR",
    "ocr_repair": "OCR text repaired by the rules of `rules/ocr.yaml` (digit look-alikes, split digit groups, "
    "lost diacritics of unit words): each repair counted",
    "ocr_doubtful_figures": "figures read by OCR with low confidence or a suspicious shape (3+ digits after a "
    "decimal comma): check them on the page image",
    "ocr_out_of_time": "the document's time (`--timeout`) ran out during OCR: the pages read are kept "
    "(the document is `partial`)",
    "ocr_unavailable": "OCR needed but Tesseract or its Vietnamese data (`tesseract-ocr-vie`) is missing",
    "header_low_confidence": "a header number or day read by OCR with low confidence (handwriting): left null",
    "corrupt_image": "the image file is damaged or not an image",
    "empty_image": "an image (or TIFF page) of zero width or height",
    "image_too_large": "an image too large to decode safely (a decompression bomb?)",
    # stages
    "word_segmented": "word-segmented input (`_` joins, spaced punctuation) undone",
    "stage_failed": "a stage raised; the document is `partial` (or `failed` if normalize failed)",
    "slow_stage": "a stage took more than 30 s",
    "no_text": "no text left after normalization",
    "doc_no_unreadable": "the header's `Số:` line holds no readable number (OCR of handwriting, a stamp): `doc_no` "
    "is left null, the symbol is kept",
    "issue_date_unreadable": "the header's date line reads as no calendar date (a stamp printed over it: "
    "`tháng 54`): `issue_date` is left null",
    # batch
    "timeout": "the document took longer than `--timeout`",
    "worker_crashed": "the document killed its worker process (a crash in a native library)",
    "duplicate_file": "the same bytes are also at other paths (listed); the first path found is processed",
}
