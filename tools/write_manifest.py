#!/usr/bin/python3
"""Writes the testbed model manifest from a training run (train-result.json) and the accuracy
table measured through core's ONNX path (eval.json).
Usage: write_manifest.py <train-dir> <out> [<stage-1 train-dir> or ""] [default|graded]"""
import hashlib
import json
import os
import sys

train_dir, out = sys.argv[1], sys.argv[2]
train = json.load(open(os.path.join(train_dir, 'train-result.json')))
ev = json.load(open(os.path.join(train_dir, 'eval.json')))
model_dir = os.path.dirname(out)
variant = sys.argv[4] if len(sys.argv) > 4 else 'default'
src_name = 'model-graded-src' if variant == 'graded' else 'model-src'


def train_flags(t):
    """The train.py flags that determine the weights (everything but --out, --eval-every and --threads
    is recorded in train-result.json; --eval-every only decides when metrics are logged)."""
    c, corpus = t['config'], t['corpus']
    flags = {
        '--seed': t['seed'], '--steps': t['steps'], '--batch': t['batch_per_mode'], '--lr': t['lr'],
        '--warmup': t['warmup'], '--dim': c['dim'], '--hidden': c['hidden_dim'], '--layers': c['n_layers'],
        '--heads': c['n_heads'], '--kv-heads': c['n_kv_heads'], '--seq-len': c['seq_len'],
        '--corpus-count': corpus['count_per_mode'], '--ops': corpus['ops'],
        '--nothink-max-digits': corpus.get('nothink_max_digits', 5),
    }
    if corpus.get('nothink_wide_share'):
        flags['--nothink-wide-share'] = corpus['nothink_wide_share']
    if t.get('init'):
        flags['--init'] = t['init']
    if t.get('order_seed') not in (None, t['seed']):
        flags['--order-seed'] = t['order_seed']
    return [f'{k} {v}' for k, v in flags.items()]


def sha256(path):
    return hashlib.sha256(open(path, 'rb').read()).hexdigest()


manifest = {
    'name': 'reasonkit-testbed-adder-graded' if variant == 'graded' else 'reasonkit-testbed-adder',
    'variant': variant,
    'description': 'Tiny Llama-architecture decoder trained by tools/train.py on the testbed column-addition '
                   'tasks, in the Thinking and NoThinking formats of @reasonkit/testbed.'
                   + (' Graded: a share of NoThinking training sequences is drawn at every width, so NoThinking '
                      'accuracy falls gradually with width and varies within a level.' if variant == 'graded' else ''),
    'architecture': 'llama2.c (RMSNorm eps 1e-5, interleaved RoPE theta 10000, GQA, SwiGLU, shared classifier)',
    'config': train['config'],
    'params': train['params'],
    'weights_bytes': os.path.getsize(os.path.join(model_dir, '..', src_name, 'model.bin')),
    'training': {k: train.get(k) for k in ('seed', 'order_seed', 'init', 'steps', 'batch_per_mode', 'lr', 'warmup', 'schedule',
                                           'optimizer', 'threads', 'torch', 'corpus', 'train_seconds', 'history')},
    'final_loss': {
        'heldout_think': train['final_heldout_loss_think'],
        'heldout_nothink': train['final_heldout_loss_nothink'],
        'heldout_sum': train['final_heldout_loss'],
        'heldout_exact_think': train['heldout_exact_think'],
        'heldout_exact_nothink': train['heldout_exact_nothink'],
    },
    'accuracy': {
        'command': f"npx reasonkit-testbed eval --variant {variant} --problems {ev['problems']} --seed {ev['seed']} --json",
        'problems_per_level': ev['problems'],
        'seed': ev['seed'],
        'decoding': 'greedy, ONNX (onnxruntime-node, 1 thread), stop at EOS',
        'levels': ev['levels'],
    },
    'files': {
        f'{src_name}/model.bin': sha256(os.path.join(model_dir, '..', src_name, 'model.bin')),
        f'{src_name}/tokenizer.bin': sha256(os.path.join(model_dir, '..', src_name, 'tokenizer.bin')),
        'onnx/model.onnx': sha256(os.path.join(model_dir, 'onnx', 'model.onnx')),
    },
    'reproduce': 'nice -n 10 /usr/bin/python3 tools/train.py --out <dir> ' + ' '.join(train_flags(train)) + ' && tools/package-model.sh <dir>' + (' graded' if variant == 'graded' else ''),
}
if len(sys.argv) > 3 and sys.argv[3]:
    s1 = json.load(open(os.path.join(sys.argv[3], 'train-result.json')))
    manifest['training']['stage1'] = {k: s1.get(k) for k in (
        'seed', 'steps', 'batch_per_mode', 'lr', 'warmup', 'schedule', 'corpus', 'train_seconds',
        'final_heldout_loss_think', 'final_heldout_loss_nothink', 'heldout_exact_think', 'history')}
    manifest['reproduce'] = ('nice -n 10 /usr/bin/python3 tools/train.py --out <s1> --seed {s} --steps {n} --eval-every 500 && '
                             'nice -n 10 /usr/bin/python3 tools/train.py --out <s2> --seed {s} --order-seed {o} --init <s1>/ckpt.pt '
                             '--steps {n2} --lr {lr} --warmup {w} --eval-every 100000 && tools/package-model.sh <s2>').format(
        s=s1['seed'], n=s1['steps'], o=train.get('order_seed'), n2=train['steps'], lr=train['lr'], w=train['warmup'])
json.dump(manifest, open(out, 'w'), indent=2)
open(out, 'a').write('\n')
print(f'wrote {out}')
