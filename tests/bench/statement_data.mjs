// make bench: people's statement data for the Typst peer, as JSON.
//
//     node statement_data.mjs WORKSPACE PERSONS DUMP... >statements.json
//
// PERSONS: person ids, separated by commas; the output is an array of their
// statements' data in that order.
// DUMP...: the output of `scorecard monthly M --dump model` for the twelve
// months up to the report's, oldest first; the last is the report's month.
// WORKSPACE: the workspace the dumps were computed from (team.csv for the
// manager, reviews.csv for the comments, policy.yaml for the caps, tiers
// and gate).  Prepared once, outside the measured compiles: the numbers
// are scorecard's, the Typst document lays them out and formats them.
import { readFileSync } from 'node:fs';

const [ws, ids, ...files] = process.argv.slice(2);
if (!ws || !ids || files.length === 0) {
	console.error('usage: node statement_data.mjs WORKSPACE PERSONS DUMP...');
	process.exit(2);
}

// A dump's people: id -> the lines of their block, with the dump's period
// and company line.
function dump(file) {
	const lines = readFileSync(file, 'utf8').split('\n');
	const period = lines.find((l) => l.startsWith('period '))?.split(' ')[1];
	const company = lines.find((l) => l.startsWith('company ')) ?? '';
	const people = new Map();
	for (let at = 0; at < lines.length; at++) {
		if (!lines[at].startsWith('person ')) continue;
		let end = at + 1;
		while (end < lines.length && lines[end].startsWith(' ')) end++;
		const id = lines[at].split(' ')[1];
		if (!people.has(id)) people.set(id, { period, company, head: lines[at], body: lines.slice(at + 1, end) });
	}
	return people;
}
const dumps = files.map(dump);

const num = (s) => (s === undefined || s === 'none' ? null : Number(s));
const find = (b, re) => {
	for (const l of b.body) {
		const m = l.match(re);
		if (m) return m;
	}
	return null;
};

// One CSV file as records (quoted fields, no newlines inside).
function csv(file) {
	const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
	const rows = text.split(/\r?\n/).filter((l) => l !== '').map((line) => {
		const out = [];
		let f = '', q = false;
		for (let i = 0; i < line.length; i++) {
			const c = line[i];
			if (q) {
				if (c === '"' && line[i + 1] === '"') { f += '"'; i++; }
				else if (c === '"') q = false;
				else f += c;
			} else if (c === '"') q = true;
			else if (c === ',') { out.push(f); f = ''; }
			else f += c;
		}
		out.push(f);
		return out;
	});
	const [head, ...rest] = rows;
	return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const policy = readFileSync(`${ws}/policy.yaml`, 'utf8');
const kpiPolicy = {};
for (const m of policy.matchAll(/^\s+(\w+):\s*\{[^}]*unit:\s*(\w+)[^}]*cap:\s*([\d.]+)\s*\}/gm))
	kpiPolicy[m[1]] = { unit: m[2], cap: Number(m[3]) };
const tiers = [...policy.matchAll(/\{name:\s*(\w+),\s*min_score:\s*([\d.]+)(?:,\s*max_share:\s*([\d.]+))?,\s*multiplier:\s*([\d.]+)(?:,\s*honor:\s*([^}]+?))?\s*\}/g)]
	.map((m) => ({ name: m[1], min: Number(m[2]), share: num(m[3]), multiplier: Number(m[4]), honor: m[5] ?? null }));
const gate = num(policy.match(/^\s+gate:\s*([\d.]+)/m)?.[1]);
const scale = (policy.match(/scale:\s*\[\s*([\d.]+)\s*,\s*([\d.]+)\s*\]/) ?? [0, 1, 5]).slice(1, 3).map(Number);

const team = new Map(csv(`${ws}/team.csv`).map((r) => [r.rep_id, r]));
const reviews = csv(`${ws}/reviews.csv`);

function statement(id) {
	const me = team.get(id);
	const manager = team.get(me?.manager_id)?.name ?? null;

	const b = dumps[dumps.length - 1].get(id);
	if (!b || !me) {
		console.error(`statement_data: no ${id} in the dump or team.csv`);
		process.exit(1);
	}
	const [, name, teamId, role] = b.head.match(/^person \S+ (\S+) team (\S+) role (\S+)/);

	const totals = find(b, /^\s+revenue ([-\d.]+) orders (\d+) active_customers (\d+) new_customers (\d+) avg_order_value ([-\d.]+|none)/);
	const kpis = [];
	for (const l of b.body) {
		const m = l.match(/^\s+kpi (\w+) weight ([\d.]+) actual ([-\d.]+|none) target ([-\d.]+|none)(?: \([^)]*\))? attainment ([-\d.]+|none)(?: counted ([-\d.]+)(?: \(cap\))? points ([-\d.]+))?/);
		if (m)
			kpis.push({
				key: m[1], unit: kpiPolicy[m[1]]?.unit ?? 'count', cap: kpiPolicy[m[1]]?.cap ?? null,
				weight: num(m[2]), actual: num(m[3]), target: num(m[4]), attainment: num(m[5]), points: num(m[7]),
			});
	}

	const rev = find(b, /^\s+review (\S+): (.*)$/);
	const relations = rev
		? rev[2].split(';').map((s) => s.trim()).filter(Boolean).map((s) => {
			let m = s.match(/^(\w+) (\d+) raters? mean ([\d.]+) weight ([\d.]+)/);
			if (m) return { relation: m[1], raters: Number(m[2]), mean: Number(m[3]), weight: Number(m[4]) };
			m = s.match(/^(\w+) withheld \((\d+)/);
			return m ? { relation: m[1], raters: Number(m[2]), withheld: true } : null;
		}).filter(Boolean)
		: [];
	const raw = find(b, /^\s+raw ([\d.]+) score ([\d.]+)/);
	const profile = {};
	for (const m of (find(b, /^\s+profile: (.*)$/)?.[1] ?? '').matchAll(/(\w+) ([\d.]+)/g)) profile[m[1]] = Number(m[2]);
	const shown = new Set(relations.filter((r) => !r.withheld && r.relation !== 'self').map((r) => r.relation));
	const comments = rev
		? [...new Set(reviews
			.filter((r) => r.reviewee_id === id && r.period === rev[1] && r.comment && shown.has(r.relation))
			.map((r) => r.comment))]
		: [];

	const comp = find(b, /^\s+composite \(([\d.]+) x ([-\d.]+)(?: \+ ([\d.]+) x ([-\d.]+))?\) over present parts = ([-\d.]+)/);
	const tier = find(b, /^\s+tier (\S+) rank company (\d+) team (\d+)(?: \(reached (\S+), which was full: (\d+) places?\))?/);
	const commission = {
		attainment: num(find(b, /^\s+commission: revenue [-\d.]+ \/ target [-\d.]+ = ([-\d.]+)/)?.[1]),
		slices: [],
		before: null, multiplier: null, amount: 0, next: null,
	};
	for (const l of b.body) {
		let m = l.match(/^\s+slice ([\d.]+)-([\d.]+|up): ([-\d.]+) x ([\d.]+) = ([-\d.]+)/);
		if (m) commission.slices.push({ from: num(m[1]), to: m[2] === 'up' ? null : num(m[2]), base: num(m[3]), rate: num(m[4]), amount: num(m[5]) });
		if ((m = l.match(/^\s+before multiplier ([-\d.]+) x ([\d.]+) = ([-\d.]+)/)))
			[commission.before, commission.multiplier] = [num(m[1]), num(m[2])];
		if ((m = l.match(/^\s+amount ([-\d.]+)/))) commission.amount = num(m[1]);
		if ((m = l.match(/^\s+next edge ([\d.]+) at revenue ([-\d.]+) \(([-\d.]+) more\) pays ([-\d.]+)/)))
			commission.next = { edge: num(m[1]), revenue: num(m[2]), more: num(m[3]), pays: num(m[4]) };
	}
	const ytd = num(find(b, /year to date ([-\d.]+)/)?.[1]);
	const g = find(b, /^\s+growth prev (\S+) year (\S+) ytd ([-\d.]+) over \d+ months?, run-rate ([-\d.]+) vs year target ([-\d.]+|none)/);
	const actions = find(b, /^\s+actions open (\d+) overdue (\d+) closed (\d+)(.*)$/);

	const months = dumps.map((people, i) => {
		const d = people.get(id);
		const r = d && find(d, /^\s+revenue ([-\d.]+) orders/);
		const t = d && find(d, /^\s+revenue target ([-\d.]+)/);
		return { month: Number((d?.period ?? files[i].match(/(\d{4}-\d{2})/)?.[1] ?? '0-0').split('-')[1]), revenue: r ? num(r[1]) : 0, target: t ? num(t[1]) : null };
	});

	const reached = tier?.[4] ? tiers.find((t) => t.name === tier[4]) : null;
	const current = tiers.find((t) => t.name === tier?.[1]);
	return {
		period: b.period,
		person: { id, name, team: teamId, role, manager },
		totals: { revenue: num(totals[1]), orders: num(totals[2]), active_customers: num(totals[3]), new_customers: num(totals[4]), avg_order_value: num(totals[5]) },
		revenue_target: num(find(b, /^\s+revenue target ([-\d.]+)/)?.[1]),
		kpis,
		kpi_score: num(find(b, /^\s+kpi_score ([-\d.]+)/)?.[1]),
		growth: g && { prev: num(g[1]), year: num(g[2]), ytd: num(g[3]), runrate: num(g[4]), year_target: num(g[5]) },
		months,
		review: rev && { period: rev[1], relations, raw: num(raw?.[1]), score: num(raw?.[2]), scale, profile, comments },
		composite: comp && { kpi_weight: num(comp[1]), kpi: num(comp[2]), review_weight: num(comp[3]), review: num(comp[4]), score: num(comp[5]) },
		tier: tier && {
			name: tier[1], honor: current?.honor ?? null, company: num(tier[2]), team: num(tier[3]),
			reached: tier[4] ?? null, places: num(tier[5]), share: reached?.share ?? null,
			members: num(b.company.match(/members (\d+)/)?.[1]),
		},
		gate,
		commission,
		ytd,
		actions: actions && { open: num(actions[1]), overdue: num(actions[2]), closed: num(actions[3]), needs_plan: /needs-action/.test(actions[4]) },
	};
}

process.stdout.write(JSON.stringify(ids.split(',').map(statement)) + '\n');
