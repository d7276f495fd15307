import sys, json, csv, subprocess, os, re, importlib.util, collections
spec = importlib.util.spec_from_file_location('score', '/work/shared/eval/score.py'); S = importlib.util.module_from_spec(spec); spec.loader.exec_module(S)
gold_path, docs, cmd, outjson = sys.argv[1:5]
gold = list(csv.DictReader(open(gold_path, encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE))
names = sorted({r['file'] for r in gold}); paths = [os.path.join(docs, n) for n in names]
texts = {n: open(p, encoding='utf-8', newline='').read() for n, p in zip(names, paths)}
proc = subprocess.run(cmd.split() + paths, capture_output=True, text=True)
data = json.loads(proc.stdout or '[]')
json.dump(data, open(outjson, 'w'), indent=0)
byf = collections.defaultdict(list)
for d in data:
    k = next(n for n in names if d['filename'].endswith(n)); t = texts[k]; st = S.line_starts(t)
    s = S.to_offset(st, d['location'], len(t)); e = S.to_offset(st, d['end_location'], len(t)); byf[k].append((d, s, max(s, e)))
def ov(s, e, gs, ge):
    if (e - s) > max(3 * (ge - gs), (ge - gs) + 40): return False
    return (s < ge and gs < e) or (s == e and gs <= s <= ge)
res = []
used = set()
for r in gold:
    t = texts[r['file']]; q = r['quote'].replace('\\n', '\n'); gs = t.find(q); ge = gs + len(q)
    hits = [d for d, s, e in byf[r['file']] if ov(s, e, gs, ge)]
    for d in hits: used.add(id(d))
    res.append(dict(r, caught=bool(hits), codes=','.join(sorted({d['code'] for d in hits}))))
json.dump(res, open(outjson + '.rows', 'w'), ensure_ascii=False, indent=0)
unm = [(k, d) for k, l in byf.items() for d, s, e in l if id(d) not in used]
with open(outjson + '.unmatched', 'w') as f:
    for k, d in unm:
        t = texts[k]; st = S.line_starts(t); s = S.to_offset(st, d['location'], len(t)); e = S.to_offset(st, d['end_location'], len(t))
        f.write(f"{k[:3]}\t{d['location']['row']}\t{d['code']}\t{d['message'][:120]}\t{t[s:e][:80]!r}\n")
# per file
man = {l.split('\t')[0]: l.split('\t')[2] for l in open(os.path.join(docs, 'manifest.tsv')) if not l.startswith('file')}
agg = collections.defaultdict(lambda: collections.Counter())
for r in res:
    lang = man.get(r['file'], '?')
    agg[lang][r['tier']] += 1; agg[lang][r['tier'] + '_c'] += r['caught']
for lang in ['es', 'it', 'fr', 'pt', 'de', 'ru', 'tr', 'ja', 'ca', 'zh', 'pl', 'ar']:
    a = agg[lang]
    print(f"{lang}\tmust {a['must_c']}/{a['must']}\tshould {a['should_c']}/{a['should']}")
