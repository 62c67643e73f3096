# Test harness (ours): scores a JSON list of samples with a user-supplied pycocoevalcap checkout.
# Usage: python3 pycocoevalcap-oracle.py <pycocoevalcap dir> <samples.json> [none]
import sys, json, types, re
d = sys.argv[1]
m = types.ModuleType('pycocoevalcap'); m.__path__ = [d]; sys.modules['pycocoevalcap'] = m
from pycocoevalcap.bleu.bleu import Bleu
from pycocoevalcap.rouge.rouge import Rouge
from pycocoevalcap.cider.cider import Cider
samples = json.load(open(sys.argv[2]))
pre = (lambda s: s) if len(sys.argv) > 3 and sys.argv[3] == 'none' else (lambda s: re.sub(' +', ' ', s.replace('.', ' .')))
gts = {s['id']: [pre(r) for r in s['references']] for s in samples}
res = {s['id']: [pre(s['candidate'])] for s in samples}
out = {}
b, bs = Bleu(4).compute_score(gts, res, verbose=0)
for k in range(4): out['BLEU_%d' % (k+1)] = b[k]
r, rs = Rouge().compute_score(gts, res); out['ROUGE_L'] = r; out['ROUGE_L_per'] = [float(x) for x in rs]
try:
  c, cs = Cider().compute_score(gts, res); out['CIDEr'] = c; out['CIDEr_per'] = [float(x) for x in cs]
except Exception as e: out['CIDEr_error'] = type(e).__name__
print(json.dumps(out))
