// make bench: the Typst peer of scorecard's person PDF.  Compiles
// statement.typ N times in this one process with one compiler
// (@myriaddreamin/typst-ts-node-compiler), as a Node program that writes a
// month's statements would, and writes each PDF into OUTDIR.
//
//     node statement_typst.mjs STATEMENT.typ DATA.json N OUTDIR FONTDIR...
//     node statement_typst.mjs STATEMENT.typ DATA.json 0 OUTDIR FONTDIR...
//
// DATA.json: an array of people's statements (statement_data.mjs); the
// i-th document is the data of the (i mod length)-th, passed to the
// document as sys.inputs.data.  The same person N times measures the
// compiler's caches more than its work: Typst keeps what it laid out
// before, and a month's statements are of different people.
// FONTDIR...: where the fonts are (WenQuanYi Zen Hei).  With N = 0: the
// compiler's start only (made, fonts loaded, nothing compiled).
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve, dirname } from 'node:path';

const [main, json, count, outdir, ...fonts] = process.argv.slice(2);
if (!main || !json || count === undefined || !outdir) {
	console.error('usage: node statement_typst.mjs STATEMENT.typ DATA.json N OUTDIR FONTDIR...');
	process.exit(2);
}
const path = resolve(main);
const compiler = NodeCompiler.create({
	workspace: dirname(path),
	fontArgs: [{ fontPaths: fonts.map((f) => resolve(f)) }],
});
const data = JSON.parse(readFileSync(json, 'utf8'));
mkdirSync(outdir, { recursive: true });

for (let i = 0; i < Number(count); i++) {
	const inputs = { data: JSON.stringify(data[i % data.length]) };
	const result = compiler.compile({ mainFilePath: path, inputs });
	const doc = result.result;
	if (!doc) {
		const err = result.takeDiagnostics();
		console.error('statement_typst: the document does not compile:', err?.shortDiagnostics ?? err);
		process.exit(1);
	}
	writeFileSync(`${outdir}/statement-${String(i).padStart(4, '0')}.pdf`, compiler.pdf(doc));
}
