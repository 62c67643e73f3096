"""Python reward shims for @reasonkit/unlearning-reward (our code, stdlib only).

They call the TypeScript reward server (`npx unlearning-reward serve --port 8765`), so Python trainers get
exactly the TypeScript rewards (RULE presets bit-for-bit, our detectors and extras).

Environment:
  UNLEARNING_REWARD_URL     server URL (default http://127.0.0.1:8765)
  UNLEARNING_REWARD_PRESET  preset name, e.g. forgetTwoStageAbsTarget (default: the server's)
  UNLEARNING_REWARD_TIMEOUT seconds per request (default 30); 4 attempts with exponential backoff.

verl:  custom_reward_function.path=<this file> custom_reward_function.name=compute_score
TRL:   GRPOTrainer(reward_funcs=[reward_fn], ...) with dataset columns label, references, target
"""
import json
import os
import time
import urllib.error
import urllib.request

_URL = os.environ.get("UNLEARNING_REWARD_URL", "http://127.0.0.1:8765").rstrip("/")
_PRESET = os.environ.get("UNLEARNING_REWARD_PRESET") or None
_TIMEOUT = float(os.environ.get("UNLEARNING_REWARD_TIMEOUT", "30"))
_ATTEMPTS = 4


def _post(path, body):
    data = json.dumps(body).encode("utf-8")
    last = None
    for attempt in range(_ATTEMPTS):
        req = urllib.request.Request(_URL + path, data=data, headers={"content-type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=_TIMEOUT) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            payload = e.read().decode("utf-8", "replace")
            if e.code < 500:
                raise ValueError("unlearning-reward server rejected the request (%d): %s" % (e.code, payload))
            last = e
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            last = e
        time.sleep(min(8.0, 0.25 * (2 ** attempt)))
    raise RuntimeError("unlearning-reward server at %s unreachable after %d attempts: %s" % (_URL, _ATTEMPTS, last))


def compute_score(data_source, solution_str, ground_truth, extra_info=None):
    """verl reward: ground_truth is RULE's solution array (or its JSON string)."""
    body = {"data_source": data_source, "solution_str": solution_str,
            "ground_truth": ground_truth if isinstance(ground_truth, str) else list(ground_truth)}
    if _PRESET:
        body["preset"] = _PRESET
    return _post("/v1/verl", body)


def _text(completion):
    if isinstance(completion, str):
        return completion
    # conversational: a list of messages; take the assistant content
    for message in reversed(completion):
        if message.get("role") == "assistant":
            return message.get("content", "")
    return completion[-1].get("content", "") if completion else ""


def _prompt_text(prompt):
    if isinstance(prompt, str):
        return prompt
    users = [m.get("content", "") for m in prompt if m.get("role") == "user"]
    return users[-1] if users else ""


def reward_fn(prompts, completions, label, references, target, **kwargs):
    """TRL GRPO reward function: one float per completion."""
    items = []
    for i, completion in enumerate(completions):
        if label[i] == "refuse":
            row = {"label": "refuse", "id": str(i), "prompt": _prompt_text(prompts[i]), "target": target[i]}
            if references[i]:
                row["refusalExample"] = references[i][0]
        else:
            row = {"label": "answer", "id": str(i), "prompt": _prompt_text(prompts[i]), "references": list(references[i])}
        items.append({"row": row, "completion": _text(completion)})
    body = {"items": items}
    if _PRESET:
        body["preset"] = _PRESET
    return [r["overall"] for r in _post("/v1/score", body)["results"]]
