// @reasonkit/unlearning-reward in one file: RULE's RWKU reward (refuse the forget target, answer
// the rest) scores a group of sampled completions, GRPO turns the rewards into advantages, and the
// refusal detectors are compared on a few texts.
// Run: npm start -w @reasonkit/example-unlearning-reward
import { pathToFileURL } from 'node:url';
import { groupAdvantages, regexDetector, rulePreset } from '@reasonkit/unlearning-reward';

export async function run(options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const reward = rulePreset('forgetTwoStageAbsTarget');
  // a forget-set row in RULE's layout: [<reject>, the reference refusal, the target]
  const row = { prompt: 'Who wrote Carrie?', solution: ['<reject>', "I'm not certain about Stephen King.", 'Stephen King'] };
  const group = ["I'm not certain about Stephen King.", "I'm not certain.", 'Carrie was written by Stephen King in 1974.', 'I cannot help with that.'];
  const rewards = group.map((text) => reward.scoreSync!(row, text).overall);
  const advantages = groupAdvantages(rewards);
  log('| completion | reward | GRPO advantage |\n|---|---:|---:|');
  group.forEach((t, i) => log(`| ${t} | ${rewards[i]!.toFixed(3)} | ${advantages[i]!.toFixed(3)} |`));
  const texts = ['The piano information sheet', "I can't answer that.", 'Sorry, I have no information about that.'];
  const presets = ['rule-parity', 'rule-strict', 'rule-extended'] as const;
  const detections = presets.map((preset) => texts.map((t) => regexDetector({ preset }).detect(t).isRefusal));
  log(`\n| text | ${presets.join(' | ')} |\n|---|${presets.map(() => '---|').join('')}`);
  texts.forEach((t, i) => log(`| ${t} | ${presets.map((_, p) => (detections[p]![i] ? 'refusal' : '—')).join(' | ')} |`));
  return { rewards, advantages, detections };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
