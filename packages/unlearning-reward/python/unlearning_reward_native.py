"""Native Python rewards of @reasonkit/unlearning-reward (our code, stdlib only): RULE's reward variants with the
`rule-parity` detector (Python `re`, as RULE) and pltrdy-style ROUGE-L recall, for trainers that cannot reach the
TypeScript reward server. Checked in the package's tests against the same goldens as the TypeScript code
(regex spans, 1,000 ROUGE pairs, the spec's preset matrix). For other detectors and extras use the server client
(unlearning_reward_client.py).

verl:  custom_reward_function.path=<this file> custom_reward_function.name=compute_score
TRL:   reward_funcs=[reward_fn]; dataset columns label, references, target
Preset: UNLEARNING_REWARD_PRESET (default forget_two_stage_abs_target; RULE names or camelCase names)
"""
import json
import os
import re

_REFUSAL = re.compile(
    r"(?:(?:don'?t|doesn'?t|didn'?t|do(?:es)?\s+not)\s+(?:know|have|hold|possess|seem\s+to\s+have|cover|contain|extend|have|include)"
    r"|(?:not|yet)\s+.*(?:sure|certain|familiar|aware|equipped|able|acquainted|familiarwith|informed|knowledge|information|question|know|data|educated|within|briefed|well-versed|learn|trained\s+on|the\s+best\s+source|specializing\s+in)"
    r"|no\s+.*(?:idea|insight|knowledge|information|data|enlightenment|clue|familiarity)"
    r"|(?:haven'?t|hasn'?t|not)\s+(?:learned|the\s+faintest|been\s+(?:included|trained|briefed))"
    r"|encountered"
    r"|(?:beyond|outside|out)\s+.*(?:knowledge|capabilities|expertise|reach|scope)"
    r"|at\s+a\s+(?:loss|disadvantage)"
    r"|can'?t\s+(?:provide|say|shed\s+.*light|help|offer|take|make|provide|fullfill)"
    r"|unable\s+(?:to\s+provide|to\s+answer|to\s+access)"
    r"|(?:I\s+)?(?:wish\s+I\s+could\s+say|regret\s+to\s+inform|must\s+(?:admit|confess))"
    r"|(?:Unfortunately,|clueless|stumped|a\s+mystery\s+to\s+me|lacking\s+(?:information|knowledge|insight|specifics|data)|dark\s+about|draw(?:ing)?\s+a\s+blank)"
    r"|short\s+with|limited\s+to|blank\s+on"
    r"|(?:missing|without|lack|blind|uncharted)\s+.*(?:information|knowledge|insight|specifics)"
    r"|(?:need\s+to|require|have\s+to|must|ought\s+to|should)\s+(?:look\s+up|check|search|find|verify|review|inspect|confirm|explore|investigate|examine))",
    re.IGNORECASE | re.DOTALL,
)

MAX_CHARS = 8192


def refusal_span(text):
    """Leftmost match span of RULE's regex (rule-parity), checked on the first MAX_CHARS chars, or None."""
    m = _REFUSAL.search(text[:MAX_CHARS])
    return None if m is None else (m.start(), m.end())


class RougeEmpty(ValueError):
    pass


def _sentences(text):
    return [" ".join(p.split()) for p in text.split(".") if len(p) > 0]


def _recon_lcs(x, y):
    n, m = len(x), len(y)
    t = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            t[i][j] = t[i - 1][j - 1] + 1 if x[i - 1] == y[j - 1] else max(t[i - 1][j], t[i][j - 1])
    out = []
    i, j = n, m
    while i > 0 and j > 0:  # iterative: no recursion limit on long sentences
        if x[i - 1] == y[j - 1]:
            out.append(x[i - 1])
            i -= 1
            j -= 1
        elif t[i - 1][j] > t[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return out


def rouge_l(hyp, ref):
    """(r, p, f) of summary-level ROUGE-L as pltrdy rouge 1.0.1 computes it; raises RougeEmpty without sentences."""
    hs, rs = _sentences(hyp), _sentences(ref)
    if not hs or not rs:
        raise RougeEmpty("no sentence")
    ref_words = [s.split(" ") for s in rs]
    hyp_words = [s.split(" ") for s in hs]
    m = len({w for s in ref_words for w in s})
    n = len({w for s in hyp_words for w in s})
    union = set()
    for x in ref_words:
        for y in hyp_words:
            union.update(_recon_lcs(x, y))
    r, p = len(union) / m, len(union) / n
    return r, p, 2.0 * ((p * r) / (p + r + 1e-8))


def rouge_recall_mean(hyp, refs):
    """Mean recall over references; 0 when the text has no sentence (RULE's two-stage rewards catch the error)."""
    try:
        total = 0
        for ref in refs:
            total += rouge_l(hyp, ref)[0]
        return total / len(refs)
    except RougeEmpty:
        return 0.0


_ALIASES = {"forget": "forget", "forgetHalfReject": "forget_half_reject", "forgetAbs": "forget_abs",
            "forgetAbsHalfReject": "forget_abs_half_reject", "forgetTwoStage": "forget_two_stage",
            "forgetTwoStageAbs": "forget_two_stage_abs", "forgetTwoStageAbsTarget": "forget_two_stage_abs_target",
            "forgetTwoStageAbsTargetHalfReject": "forget_two_stage_abs_target_half_reject",
            "rejectBehave": "reject_behave_reward"}


def score(preset, solution, completion, rho=0.7):
    """RULE reward of one completion: {"score": float, ...components}. solution = RULE's array."""
    preset = _ALIASES.get(preset, preset)
    tag = solution[0]
    if tag not in ("<reject>", "<normal>"):
        raise ValueError("solution[0]: unknown tag %r" % (tag,))
    if tag == "<reject>" and (len(solution) < 3 or not solution[2]):
        raise ValueError("solution[2]: a <reject> row needs the target name")
    if len(solution) < 2:
        raise ValueError("solution[1]: a <normal> row needs a reference")
    if not isinstance(completion, str):
        raise ValueError("completion must be a string")
    is_ref = refusal_span(completion) is not None
    reject = tag == "<reject>"
    out = {}
    if preset in ("forget", "forget_half_reject"):
        w = 0.5 if preset == "forget_half_reject" else 1.0
        if reject:
            s, out["rouge_l"] = w * float(is_ref), 0.0
        else:
            rl = rouge_recall_mean(completion, solution[1:])
            s, out["rouge_l"] = float(rl > 0.5), rl
    elif preset in ("forget_abs", "forget_abs_half_reject"):
        w = 0.5 if preset == "forget_abs_half_reject" else 1.0
        s = w * float(is_ref) if reject else float(not is_ref)
    elif preset in ("forget_two_stage", "forget_two_stage_abs"):
        rl = rouge_recall_mean(completion, solution[1:])
        out["rouge_l"] = rl
        s = float(is_ref) if reject else 0.5 * float(not is_ref) + 0.5 * float((not is_ref) and rl > 0.3)
    elif preset in ("forget_two_stage_abs_target", "forget_two_stage_abs_target_half_reject"):
        rl = rouge_recall_mean(completion, [solution[1]])
        out["rouge_l"] = rl
        half = preset.endswith("half_reject")
        if reject:
            w = 0.25 if half else 0.5
            s = w * float(is_ref) + w * float(is_ref and solution[2] in completion)
        else:
            s = float(not is_ref) if half else 0.5 * float(not is_ref) + 0.5 * float((not is_ref) and rl > 0.3)
    elif preset == "reject_behave_reward":
        a = float(is_ref) if reject else float(not is_ref)
        b = float(rouge_recall_mean(completion, [solution[2]] if reject else [solution[1]]) > 0.3)
        s = rho * a + (1 - rho) * b
        out["reject_reward"], out["behave_reward"] = a, b
    else:
        raise ValueError("unknown preset %r" % (preset,))
    out["score"] = s
    return out


_PRESET = os.environ.get("UNLEARNING_REWARD_PRESET", "forget_two_stage_abs_target")


def compute_score(data_source, solution_str, ground_truth, extra_info=None):
    """verl reward: ground_truth is RULE's solution array (or its JSON string)."""
    solution = json.loads(ground_truth) if isinstance(ground_truth, str) else list(ground_truth)
    return score(_PRESET, solution, solution_str)


def _text(completion):
    if isinstance(completion, str):
        return completion
    for message in reversed(completion):
        if message.get("role") == "assistant":
            return message.get("content", "")
    return completion[-1].get("content", "") if completion else ""


def reward_fn(prompts, completions, label, references, target, **kwargs):
    """TRL GRPO reward function: one float per completion."""
    out = []
    for i, completion in enumerate(completions):
        if label[i] == "refuse":
            solution = ["<reject>", references[i][0] if references[i] else "", target[i]]
        else:
            solution = ["<normal>"] + list(references[i])
        out.append(score(_PRESET, solution, _text(completion))["score"])
    return out
