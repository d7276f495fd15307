import json, re, subprocess, sys, glob, collections
cmd = sys.argv[1].split()
files = sorted(glob.glob('eval/heldout/clean/*'))
out = subprocess.run(cmd + files, capture_output=True, text=True)
data = json.loads(out.stdout or '[]')
words = sum(len(re.findall(r'\w+', open(f, encoding='utf-8').read())) for f in files)
print(f'files {len(files)} words {words} findings {len(data)} per1k {1000*len(data)/words:.2f}')
c = collections.Counter(d['code'] for d in data)
print('codes:', ' '.join(f'{k}:{v}' for k, v in c.most_common()))
texts = {f: open(f, encoding='utf-8').read().split('\n') for f in files}
for d in data:
    f = d['filename']; key = [k for k in texts if f.endswith(k.split('/')[-1])][0]
    r, c0 = d['location']['row'], d['location']['column']
    er, ec = d['end_location']['row'], d['end_location']['column']
    line = texts[key][r-1]
    span = line[c0-1:(ec-1 if er == r else None)]
    print(f"{key.split('/')[-1][:3]}\t{r}\t{d['code']}\t{d['message'][:110]}\t{span[:80]!r}")
