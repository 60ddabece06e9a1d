"""Documents a citizen uploads, made to measure for the benchmark and the fault scenarios."""

from fpdf import FPDF

LINE = "To khai dang ky - noi dung thu tai " * 3


def pdf_pages(pages):
    pdf = FPDF(format="A4")
    pdf.set_compression(False)
    pdf.set_font("helvetica", size=9)
    for _ in range(pages):
        pdf.add_page()
        for _ in range(60):
            pdf.cell(0, 4, LINE, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_of(size):
    """A valid PDF of at least `size` bytes, as a scanned form of a few pages would be:
    uncompressed pages of text, as many as it takes."""
    one_page = len(pdf_pages(1))
    pages = max(1, -(-size // one_page))
    data = pdf_pages(pages)
    while len(data) < size:
        pages += 1
        data = pdf_pages(pages)
    return data
