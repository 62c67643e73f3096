#!/usr/bin/python3
"""Train the reasonkit testbed model (a tiny Llama-architecture decoder) and write it in the
llama2.c legacy checkpoint format (spec core §9.2) so that core's own converter turns it into the
shipped ONNX model directory.

Reproducible: one process, fixed thread count, torch.manual_seed, a seeded numpy stream for the
batch order, and a corpus written by the TypeScript task generator (one source of truth for the
formats). Run with Debian's python3-torch (and libopenblas0-pthread for speed):

    nice -n 10 /usr/bin/python3 tools/train.py --out /tmp/testbed-train --seed 1   # the shipped recipe

The forward pass is exactly llama2.c's run.c: RMSNorm (eps 1e-5), interleaved adjacent-pair RoPE
(theta 10000), grouped-query attention, SwiGLU, classifier shared with the token embedding.
"""
import argparse
import json
import math
import os
import struct
import subprocess
import sys
import time

# One BLAS thread: on a shared 2-core machine, OpenBLAS's spinning worker threads made a step
# 5-10x slower than a single thread (measured); one thread is also the reproducible setting.
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('OMP_NUM_THREADS', '1')

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOS, EOS = 1, 2


# ---------------------------------------------------------------- model (llama2.c run.c semantics)

class RMSNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * self.weight


def rope_tables(head_dim, seq_len):
    freqs = 1.0 / (10000.0 ** (torch.arange(0, head_dim, 2).float() / head_dim))
    ang = torch.outer(torch.arange(seq_len).float(), freqs)  # [seq, head_dim/2]
    return torch.cos(ang), torch.sin(ang)


def apply_rope(x, cos, sin):
    # x: [B, T, H, D]; rotate adjacent pairs (x[2j], x[2j+1]) by angle pos * 10000^(-2j/D).
    a, b = x[..., 0::2], x[..., 1::2]
    c, s = cos[None, :, None, :], sin[None, :, None, :]
    out = torch.stack((a * c - b * s, a * s + b * c), dim=-1)
    return out.flatten(-2)


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d, h, kv, hid = cfg['dim'], cfg['n_heads'], cfg['n_kv_heads'], cfg['hidden_dim']
        self.h, self.kv, self.hd = h, kv, d // h
        self.attention_norm = RMSNorm(d)
        self.wq = nn.Linear(d, h * self.hd, bias=False)
        self.wk = nn.Linear(d, kv * self.hd, bias=False)
        self.wv = nn.Linear(d, kv * self.hd, bias=False)
        self.wo = nn.Linear(h * self.hd, d, bias=False)
        self.ffn_norm = RMSNorm(d)
        self.w1 = nn.Linear(d, hid, bias=False)
        self.w2 = nn.Linear(hid, d, bias=False)
        self.w3 = nn.Linear(d, hid, bias=False)

    def forward(self, x, cos, sin, mask):
        B, T, _ = x.shape
        xb = self.attention_norm(x)
        q = apply_rope(self.wq(xb).view(B, T, self.h, self.hd), cos, sin)
        k = apply_rope(self.wk(xb).view(B, T, self.kv, self.hd), cos, sin)
        v = self.wv(xb).view(B, T, self.kv, self.hd)
        rep = self.h // self.kv
        k = k.repeat_interleave(rep, dim=2)  # query head h uses kv head floor(h / rep)
        v = v.repeat_interleave(rep, dim=2)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(self.hd) + mask
        out = F.softmax(att, dim=-1) @ v
        x = x + self.wo(out.transpose(1, 2).reshape(B, T, -1))
        xb = self.ffn_norm(x)
        return x + self.w2(F.silu(self.w1(xb)) * self.w3(xb))


class Llama(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.tok_embeddings = nn.Embedding(cfg['vocab_size'], cfg['dim'])
        self.layers = nn.ModuleList([Block(cfg) for _ in range(cfg['n_layers'])])
        self.norm = RMSNorm(cfg['dim'])
        cos, sin = rope_tables(cfg['dim'] // cfg['n_heads'], cfg['seq_len'])
        self.register_buffer('cos', cos, persistent=False)
        self.register_buffer('sin', sin, persistent=False)
        self.apply(self._init)
        for name, p in self.named_parameters():
            if name.endswith('wo.weight') or name.endswith('w2.weight'):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * cfg['n_layers']))

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, mean=0.0, std=0.02)

    def forward(self, ids):
        T = ids.shape[1]
        x = self.tok_embeddings(ids)
        mask = torch.full((T, T), float('-inf')).triu(1)
        cos, sin = self.cos[:T], self.sin[:T]
        for layer in self.layers:
            x = layer(x, cos, sin, mask)
        return self.norm(x) @ self.tok_embeddings.weight.t()  # shared classifier


def export_llama2c(model, path):
    """llama2.c legacy format: 7 int32 header, float32 weights (spec core §9.2); positive vocab
    size = classifier shared with the token embedding."""
    cfg = model.cfg
    L = model.layers
    hd = cfg['dim'] // cfg['n_heads']
    cos, sin = rope_tables(hd, cfg['seq_len'])
    tensors = [model.tok_embeddings.weight]
    tensors += [l.attention_norm.weight for l in L]
    tensors += [l.wq.weight for l in L] + [l.wk.weight for l in L] + [l.wv.weight for l in L] + [l.wo.weight for l in L]
    tensors += [l.ffn_norm.weight for l in L]
    tensors += [l.w1.weight for l in L] + [l.w2.weight for l in L] + [l.w3.weight for l in L]
    tensors += [model.norm.weight, cos, sin]
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<7i', cfg['dim'], cfg['hidden_dim'], cfg['n_layers'], cfg['n_heads'],
                            cfg['n_kv_heads'], cfg['vocab_size'], cfg['seq_len']))
        for t in tensors:
            f.write(t.detach().contiguous().to(torch.float32).numpy().astype('<f4').tobytes())
    os.replace(tmp, path)


def import_llama2c(model, path):
    """Inverse of export_llama2c: load a llama2.c legacy checkpoint written by this script (the
    shipped packages/testbed/model-src/model.bin) into `model`, checking the header first."""
    cfg = model.cfg
    data = open(path, 'rb').read()
    header = struct.unpack_from('<7i', data, 0)
    want = (cfg['dim'], cfg['hidden_dim'], cfg['n_layers'], cfg['n_heads'], cfg['n_kv_heads'], cfg['vocab_size'], cfg['seq_len'])
    assert header == want, f'{path}: header {header} does not match the configuration {want}'
    L = model.layers
    params = [model.tok_embeddings.weight]
    params += [l.attention_norm.weight for l in L]
    params += [l.wq.weight for l in L] + [l.wk.weight for l in L] + [l.wv.weight for l in L] + [l.wo.weight for l in L]
    params += [l.ffn_norm.weight for l in L]
    params += [l.w1.weight for l in L] + [l.w2.weight for l in L] + [l.w3.weight for l in L]
    params += [model.norm.weight]
    off = 28
    with torch.no_grad():
        for p in params:
            n = p.numel()
            p.copy_(torch.from_numpy(np.frombuffer(data, dtype='<f4', count=n, offset=off).copy()).view_as(p))
            off += 4 * n


# ---------------------------------------------------------------- data

def read_corpus(path):
    data = open(path, 'rb').read()
    assert data[:4] == b'RKTB', f'{path}: not a testbed corpus'
    (n,) = struct.unpack_from('<I', data, 4)
    off, seqs = 8, []
    for _ in range(n):
        length, loss_start = struct.unpack_from('<HH', data, off)
        ids = np.frombuffer(data, dtype='<u2', count=length, offset=off + 4).astype(np.int64)
        seqs.append((ids, loss_start))
        off += 4 + 2 * length
    half = n // 2
    return seqs[:half], seqs[half:]  # thinking, no-thinking


def make_batch(seqs):
    T = max(len(s) for s, _ in seqs) - 1
    x = np.zeros((len(seqs), T), dtype=np.int64)
    y = np.zeros((len(seqs), T), dtype=np.int64)
    m = np.zeros((len(seqs), T), dtype=np.float32)
    for i, (ids, ls) in enumerate(seqs):
        n = len(ids) - 1
        x[i, :n], y[i, :n] = ids[:-1], ids[1:]
        m[i, ls - 1:n] = 1.0  # predict ids[ls:] (the completion and EOS)
    return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(m)


def masked_ce(logits, y, m):
    ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), reduction='none')
    return (ce * m.reshape(-1)).sum() / m.sum()


@torch.no_grad()
def eval_loss(model, think, nothink, bs=64):
    out = []
    for seqs in (think, nothink):
        tot, cnt = 0.0, 0.0
        for i in range(0, len(seqs), bs):
            x, y, m = make_batch(seqs[i:i + bs])
            ce = F.cross_entropy(model(x).reshape(-1, model.cfg['vocab_size']), y.reshape(-1), reduction='none')
            tot += float((ce * m.reshape(-1)).sum())
            cnt += float(m.sum())
        out.append(tot / cnt)
    return out


@torch.no_grad()
def greedy_exact(model, seqs, bs=64):
    """Share of sequences whose greedy completion equals the reference token for token (up to EOS).
    Prompts within a mode all have the same length (fixed layout)."""
    ok = 0
    for i in range(0, len(seqs), bs):
        chunk = seqs[i:i + bs]
        ls = chunk[0][1]
        assert all(c[1] == ls for c in chunk)
        ref_len = max(len(c[0]) for c in chunk)
        cur = torch.from_numpy(np.stack([c[0][:ls] for c in chunk]))
        done = torch.zeros(len(chunk), dtype=torch.bool)
        while cur.shape[1] < ref_len and not bool(done.all()):
            nxt = model(cur)[:, -1].argmax(-1)
            nxt = torch.where(done, torch.full_like(nxt, EOS), nxt)
            done |= nxt == EOS
            cur = torch.cat([cur, nxt[:, None]], dim=1)
        for j, (ids, _) in enumerate(chunk):
            gen = cur[j].tolist()
            ok += int(gen[:len(ids)] == ids.tolist())
    return ok / len(seqs)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True, help='work directory (corpus, log, checkpoints, model.bin)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--steps', type=int, default=8000)
    ap.add_argument('--batch', type=int, default=48, help='sequences per mode per step')
    ap.add_argument('--lr', type=float, default=4e-3)
    ap.add_argument('--warmup', type=int, default=60)
    ap.add_argument('--dim', type=int, default=64)
    ap.add_argument('--hidden', type=int, default=256)
    ap.add_argument('--layers', type=int, default=4)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--kv-heads', type=int, default=2)
    ap.add_argument('--seq-len', type=int, default=256)
    ap.add_argument('--corpus-count', type=int, default=150000, help='sequences per mode in the corpus')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--eval-every', type=int, default=500)
    ap.add_argument('--ops', default='add', help='operations in the corpus (add,sub,mul)')
    ap.add_argument('--nothink-max-digits', type=int, default=2,
                    help='widest operand of the NoThinking sequences (the shipped model: 2)')
    ap.add_argument('--nothink-wide-share', type=float, default=0.0,
                    help='share of NoThinking sequences drawn without the cap (the graded model uses a small share)')
    ap.add_argument('--init', default=None, help='start from the weights of a previous run (ckpt.pt, or a llama2.c model.bin written by this script): a second stage')
    ap.add_argument('--order-seed', type=int, default=None, help='seed of the batch order (default: --seed)')
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, 'train.log'), 'a')

    def say(msg):
        print(msg, flush=True)
        log.write(msg + '\n')
        log.flush()

    tok_path = os.path.join(args.out, 'tokenizer.bin')
    corpus_path = os.path.join(args.out, f'corpus-seed{args.seed}-n{args.corpus_count}-{args.ops.replace(",", "")}-nt{args.nothink_max_digits}' + (f'-w{args.nothink_wide_share:g}' if args.nothink_wide_share else '') + '.bin')
    cli = ['npx', 'tsx', '--conditions=@reasonkit/source', 'packages/testbed/src/cli/cli.ts']
    subprocess.run(cli + ['tokenizer', '--out', tok_path], cwd=REPO, check=True)
    if not os.path.exists(corpus_path):
        subprocess.run(cli + ['corpus', '--seed', str(args.seed), '--count', str(args.corpus_count), '--ops', args.ops,
                              '--nothink-max-digits', str(args.nothink_max_digits),
                              '--nothink-wide-share', repr(args.nothink_wide_share), '--out', corpus_path],
                       cwd=REPO, check=True)
    think, nothink = read_corpus(corpus_path)
    # The last 256 sequences of each mode are held out for the loss and exact-match metrics.
    hold_t, hold_n = think[-256:], nothink[-256:]
    think, nothink = think[:-256], nothink[:-256]
    vocab_size = count_pieces(tok_path)

    cfg = dict(dim=args.dim, hidden_dim=args.hidden, n_layers=args.layers, n_heads=args.heads,
               n_kv_heads=args.kv_heads, vocab_size=vocab_size, seq_len=args.seq_len)
    model = Llama(cfg)
    if args.init:
        if args.init.endswith('.bin'):
            import_llama2c(model, args.init)
        else:
            model.load_state_dict(torch.load(args.init))
        say(f'initialised from {args.init}')
    n_params = sum(p.numel() for p in model.parameters())
    say(f'config {json.dumps(cfg)} params {n_params} train seqs {len(think)}+{len(nothink)}')

    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.1}, {'params': no_decay, 'weight_decay': 0.0}],
                            lr=args.lr, betas=(0.9, 0.95), eps=1e-8)
    rng = np.random.default_rng(args.seed if args.order_seed is None else args.order_seed)

    def lr_at(step):
        if step < args.warmup:
            return args.lr * (step + 1) / args.warmup
        p = (step - args.warmup) / max(1, args.steps - args.warmup)
        return args.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * p)))

    t0 = time.time()
    history = []
    for step in range(args.steps):
        for g in opt.param_groups:
            g['lr'] = lr_at(step)
        bt = [think[i] for i in rng.integers(0, len(think), args.batch)]
        bn = [nothink[i] for i in rng.integers(0, len(nothink), args.batch)]
        # Thinking sequences vary in length (1-5 digit columns): run them as two length-sorted
        # halves so each half pads only to its own longest sequence.
        bt.sort(key=lambda s: len(s[0]))
        h = len(bt) // 2
        parts = [make_batch(bt[:h]), make_batch(bt[h:])]
        tok_t = sum(float(m.sum()) for _, _, m in parts)
        lt = sum(masked_ce(model(x), y, m) * (float(m.sum()) / tok_t) for x, y, m in parts)
        xn, yn, mn = make_batch(bn)
        ln = masked_ce(model(xn), yn, mn)
        loss = lt + ln
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 25 == 0 or step == args.steps - 1:
            say(f'step {step} loss_think {lt.item():.4f} loss_nothink {ln.item():.4f} lr {lr_at(step):.2e} elapsed {time.time() - t0:.0f}s')
        if (step + 1) % args.eval_every == 0 and step + 1 < args.steps:
            model.eval()
            el = eval_loss(model, hold_t, hold_n)
            ex_t = greedy_exact(model, hold_t[:64])
            ex_n = greedy_exact(model, hold_n[:64])
            say(f'eval step {step + 1} heldout_loss_think {el[0]:.4f} heldout_loss_nothink {el[1]:.4f} exact_think {ex_t:.3f} exact_nothink {ex_n:.3f}')
            history.append(dict(step=step + 1, heldout_loss_think=el[0], heldout_loss_nothink=el[1], exact_think=ex_t, exact_nothink=ex_n))
            model.train()
            export_llama2c(model, os.path.join(args.out, 'model.bin'))
            torch.save(model.state_dict(), os.path.join(args.out, 'ckpt.pt'))

    train_seconds = time.time() - t0
    model.eval()
    el = eval_loss(model, hold_t, hold_n)
    ex_t = greedy_exact(model, hold_t)
    ex_n = greedy_exact(model, hold_n)
    export_llama2c(model, os.path.join(args.out, 'model.bin'))
    torch.save(model.state_dict(), os.path.join(args.out, 'ckpt.pt'))
    result = dict(
        seed=args.seed, steps=args.steps, batch_per_mode=args.batch, lr=args.lr, warmup=args.warmup,
        schedule='linear warmup, cosine decay to 10%', optimizer='AdamW(0.9, 0.95), wd 0.1 on matrices, clip 1.0',
        threads=args.threads, torch=torch.__version__, config=cfg, params=n_params,
        init=args.init, order_seed=args.seed if args.order_seed is None else args.order_seed,
        corpus=dict(seed=args.seed, count_per_mode=args.corpus_count, heldout_per_mode=256, ops=args.ops,
                    nothink_max_digits=args.nothink_max_digits, nothink_wide_share=args.nothink_wide_share,
                    generator='reasonkit-testbed corpus (sampleTrainingProblem)'),
        args=vars(args),
        final_heldout_loss_think=el[0], final_heldout_loss_nothink=el[1], final_heldout_loss=el[0] + el[1],
        heldout_exact_think=ex_t, heldout_exact_nothink=ex_n, train_seconds=round(train_seconds), history=history,
    )
    json.dump(result, open(os.path.join(args.out, 'train-result.json'), 'w'), indent=2)
    say(f'done: {json.dumps({k: v for k, v in result.items() if k != "history"})}')


def count_pieces(path):
    data = open(path, 'rb').read()
    off, n = 4, 0
    while off < len(data):
        (length,) = struct.unpack_from('<i', data, off + 4)
        off += 8 + length
        n += 1
    return n


if __name__ == '__main__':
    sys.exit(main())
