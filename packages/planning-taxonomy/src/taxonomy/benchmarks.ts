import type { Benchmark } from './schemas.js';

const b = (id: string, name: string, group: string, sub: string, metricIds: string[] = ['final-state-sr']): Benchmark => ({ id, name, scenario: [group, sub], metricIds });

/** Survey §1.4 dataset groups (representative rows; the full paper list is in papers.json, sections 2.1.x). */
export const BENCHMARKS: Benchmark[] = [
  b('webarena', 'WebArena', 'digital', 'web'),
  b('mind2web', 'Mind2Web', 'digital', 'web', ['step-sr']),
  b('webshop', 'WebShop', 'digital', 'web'),
  b('androidworld', 'AndroidWorld', 'digital', 'mobile'),
  b('aitw', 'AITW', 'digital', 'mobile', ['step-sr']),
  b('osworld', 'OSWorld', 'digital', 'desktop'),
  b('workarena', 'WorkArena', 'digital', 'desktop'),
  // ScreenSpot's metric is not stated in the survey table; grouped under desktop GUIs (our choice).
  b('screenspot', 'ScreenSpot', 'digital', 'desktop', ['response-sr-leaf']),
  b('alfworld', 'ALFWorld', 'embodied', 'household'),
  b('scienceworld', 'ScienceWorld', 'embodied', 'household'),
  b('virtualhome', 'VirtualHome', 'embodied', 'household'),
  b('partnr', 'PARTNR', 'embodied', 'household'),
  b('embodiedbench', 'EmbodiedBench', 'embodied', 'manipulation'),
  b('vima', 'VIMA', 'embodied', 'manipulation'),
  b('plancraft', 'Plancraft', 'embodied', 'minecraft'),
  b('mineplanner', 'MinePlanner', 'embodied', 'minecraft'),
  b('mindagent', 'MindAgent', 'embodied', 'minecraft'),
  b('alphadrive', 'AlphaDrive', 'embodied', 'driving'),
  b('pca-bench', 'PCA-Bench', 'embodied', 'driving'),
  b('travelplanner', 'TravelPlanner', 'everyday', 'travel'),
  b('natural-plan', 'NATURAL PLAN', 'everyday', 'travel'),
  b('taskbench', 'TaskBench', 'everyday', 'workflow', ['tool-selection-accuracy']),
  b('flowbench', 'FlowBench', 'everyday', 'workflow'),
  b('worfbench', 'WorFBench', 'everyday', 'workflow'),
  b('toolbench', 'ToolBench', 'everyday', 'tool-calling', ['tool-selection-accuracy', 'parameter-specification-accuracy']),
  b('api-bank', 'API-Bank', 'everyday', 'tool-calling', ['tool-selection-accuracy']),
  b('swe-bench', 'SWE-bench', 'everyday', 'code'),
  b('planbench', 'PlanBench', 'everyday', 'game-playing', ['final-state-sr', 'plan-optimisation']),
  b('textworld', 'TextWorld', 'everyday', 'game-playing'),
  b('babyai', 'BabyAI', 'everyday', 'game-playing'),
  b('vsp', 'VSP', 'everyday', 'game-playing'),
  b('agentbench', 'AgentBench', 'vertical', 'comprehensive'),
  b('visualagentbench', 'VisualAgentBench', 'vertical', 'comprehensive'),
];

/** Scenario groups → sub-groups (4 / 18), survey §1.4. */
export const SCENARIOS: Record<string, string[]> = {
  digital: ['web', 'mobile', 'desktop'],
  embodied: ['household', 'manipulation', 'minecraft', 'driving'],
  everyday: ['travel', 'workflow', 'tool-calling', 'code', 'game-playing'],
  vertical: ['machine-learning', 'ai-research', 'biology', 'finance', 'interior-design', 'comprehensive'],
};
