import re,glob,collections,os
tests=collections.defaultdict(list)
root=os.path.dirname(os.path.abspath(__file__))+'/../../'
for f in sorted(glob.glob(root+'Sts.Tests/**/*.cs',recursive=True)):
    lines=open(f).read().split('\n'); cls=None; pending=[]
    for l in lines:
        m=re.search(r'\bclass (\w+)',l)
        if m: cls=m.group(1)
        pending+= [int(n) for n in re.findall(r'\[Scenario\((\d+)\)\]',l)]
        m=re.search(r'public (?:async )?(?:Task|void) (\w+)\(',l)
        if m and pending:
            for n in pending: tests[n].append((os.path.relpath(f,root+'Sts.Tests'),cls,m.group(1)))
            pending=[]
cat=open(os.environ.get('STS_SCENARIOS', root+'../shared/SCENARIOS.md')).read()
titles={}
for m in re.finditer(r'^(\d+)\. (.+?)(?=\n\d+\. |\n\n|\Z)',cat,re.S|re.M):
    titles[int(m.group(1))]=' '.join(m.group(2).split())
out=['# The regression catalog, scenario by scenario','',
'Every scenario of the catalog (`../shared/SCENARIOS.md` in the project\'s workspace) and the tests that check it, tagged `[Scenario(N)]`.',
'Run one with `tmt/run-suite --filter \'Scenario=N\'`. This file is generated from the tags (`python3 tmt/lib/scenario-index.py`).','']
for n in range(1,57):
    t=titles.get(n,'')
    short=t if len(t)<=160 else t[:157]+'...'
    out.append(f'<a id="scenario-{n}"></a>')  # the link Allure results give each scenario test
    out.append(f'## {n}. {short}')
    for f,c,meth in tests[n]:
        out.append(f'- `{c}.{meth}` ({f})')
    out.append('')
open(root+'Sts.Tests/Scenarios/README.md','w').write('\n'.join(out))
print(len(tests), sum(len(v) for v in tests.values()))
