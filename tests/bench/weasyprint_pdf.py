"""make bench: WeasyPrint's Python API rendering HTML pages to PDF, in one process.

    /usr/bin/python3 weasyprint_pdf.py OUTDIR [PAGE.html ...]

Each PAGE.html becomes OUTDIR/PAGE.html.pdf.  Without pages it only starts
Python and imports WeasyPrint: the baseline that bench.sh subtracts.
"""
import os
import sys

from weasyprint import HTML


def main():
    outdir = sys.argv[1]
    for page in sys.argv[2:]:
        HTML(filename=page).write_pdf(os.path.join(outdir, os.path.basename(page) + ".pdf"))


if __name__ == "__main__":
    main()
