/*
 * tests/pdf/mdpdf: renders a Markdown file to PDF with pdf_from_markdown(),
 * for looking at the output and timing it.  Not part of scorecard.
 *
 *   mdpdf [-n runs] [-l lang] [-H header] [-d date] [-f font] [-t title]
 *         [-i image_dir] in.md out.pdf
 *
 * With -n, renders the file that many times and prints the time per
 * document (the first render, which loads the font, is reported apart).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/diag.h"
#include "pdf/pdf.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct pdf_options opt = { .title = NULL, .author = "Sales Ops",
	    .lang = "zh-CN", .date = "2026-10-31" };
	struct buf md = BUF_INIT, out = BUF_INIT;
	char chunk[65536];
	size_t k;
	int ch, runs = 1, i, status = 0;
	double t0, first = 0, rest = 0;
	FILE *f;

	while ((ch = getopt(argc, argv, "n:l:H:d:f:t:i:")) != -1)
		switch (ch) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'l':
			opt.lang = optarg;
			break;
		case 'H':
			opt.header_text = optarg;
			break;
		case 'd':
			opt.date = optarg;
			break;
		case 'f':
			opt.font_path = optarg;
			break;
		case 't':
			opt.title = optarg;
			break;
		case 'i':
			opt.image_dir = optarg;
			break;
		default:
			return 64;
		}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: mdpdf [-n runs] [-l lang] [-H header] "
		    "[-d date] [-f font] in.md out.pdf\n");
		return 64;
	}
	if ((f = fopen(argv[optind], "rb")) == NULL) {
		perror(argv[optind]);
		return 66;
	}
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&md, chunk, k);
	fclose(f);
	for (i = 0; i < runs; i++) {
		buf_reset(&out);
		t0 = now_ms();
		status = pdf_from_markdown(&opt, argv[optind], md.data, md.len,
		    &out);
		if (i == 0)
			first = now_ms() - t0;
		else
			rest += now_ms() - t0;
	}
	if (runs > 1)
		fprintf(stderr, "first %.1f ms, then %.2f ms per document "
		    "(%d runs), %zu bytes\n", first, rest / (runs - 1), runs - 1,
		    out.len);
	if (out.len > 0) {
		if ((f = fopen(argv[optind + 1], "wb")) == NULL ||
		    fwrite(out.data, 1, out.len, f) != out.len ||
		    fclose(f) != 0) {
			perror(argv[optind + 1]);
			return 73;
		}
	}
	buf_free(&md);
	buf_free(&out);
	pdf_release();
	return status == 0 ? 0 : 1;
}
