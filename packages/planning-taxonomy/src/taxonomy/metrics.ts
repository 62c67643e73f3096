import type { Metric, MetricLink } from './schemas.js';

const m = (id: string, name: string, level: 1 | 2 | 3, parentId: string | null, definition: string, unit: Metric['unit'] = '%', higherIsBetter = true): Metric => ({ id, name, level, parentId, definition, higherIsBetter, unit });

/** Survey §1.5 metric tree (5 / 9 / 13) plus the harness metrics of spec §5.7 (level 3 under the tree). */
export const METRICS: Metric[] = [
  m('correctness', 'Correctness & accuracy', 1, null, 'Whether the plan achieves the task.'),
  m('response-sr', 'Response-based success rate', 2, 'correctness', 'Success judged from the final response.'),
  m('response-sr-leaf', 'Response SR', 3, 'response-sr', 'Fraction of tasks whose final response is correct.'),
  m('action-sr', 'Action-based success rate', 2, 'correctness', 'Success judged from the actions taken.'),
  m('step-sr', 'Step SR', 3, 'action-sr', 'Fraction of steps whose action is correct (e.g. Mind2Web step SR).'),
  m('trajectory-sr', 'Trajectory SR', 3, 'action-sr', 'Fraction of tasks whose whole action sequence is correct.'),
  m('state-sr', 'State-based success rate', 2, 'correctness', 'Success judged from the environment state.'),
  m('final-state-sr', 'Final-state SR', 3, 'state-sr', 'Fraction of tasks whose final state satisfies the goal (e.g. WebArena task SR, PlanBench validity).'),
  m('intermediate-state-sr', 'Intermediate-state SR', 3, 'state-sr', 'Fraction of required intermediate states reached.'),
  m('efficiency', 'Efficiency & optimisation', 1, null, 'Cost of planning and of the plan.'),
  m('execution-efficiency', 'Execution efficiency', 2, 'efficiency', 'Time, steps or money spent to produce and execute the plan.', 's', false),
  m('plan-optimisation', 'Plan optimisation', 2, 'efficiency', 'How close the plan is to the cheapest one (e.g. PlanBench t2 optimality).'),
  m('consistency', 'Consistency & rationality', 1, null, 'Whether the plan respects constraints and makes sense.'),
  m('constraint-satisfaction', 'Constraint satisfaction', 2, 'consistency', 'Respect of hard constraints.'),
  m('environmental-constraint-adherence', 'Environmental-constraint adherence', 3, 'constraint-satisfaction', 'Fraction of plans that respect the environment\'s constraints.'),
  m('action-executability', 'Action executability', 3, 'constraint-satisfaction', 'Fraction of actions that are executable when taken (cf. executable-prefix ratio).'),
  m('cognitive-coherence', 'Cognitive coherence', 2, 'consistency', 'Whether the reasoning behind the plan is sound.'),
  m('commonsense-alignment', 'Commonsense alignment', 3, 'cognitive-coherence', 'Agreement with commonsense knowledge.'),
  m('logical-coherence', 'Logical coherence', 3, 'cognitive-coherence', 'Internal logical consistency of the plan.'),
  m('tool-usage', 'Tool usage', 1, null, 'Quality of tool calls.'),
  m('tool-invocation-precision', 'Tool invocation precision', 2, 'tool-usage', 'Correctness of tool calls.'),
  m('tool-selection-accuracy', 'Tool-selection accuracy', 3, 'tool-invocation-precision', 'Fraction of calls that pick the right tool.'),
  m('parameter-specification-accuracy', 'Parameter-specification accuracy', 3, 'tool-invocation-precision', 'Fraction of calls with correct arguments.'),
  m('hci', 'Human–computer interaction', 1, null, 'Experience of the human working with the planner.'),
  m('user-centred-evaluation', 'User-centred evaluation', 2, 'hci', 'Human judgements of the interaction.'),
  m('cognitive-load', 'Cognitive load', 3, 'user-centred-evaluation', 'Mental effort required from the user.', '%', false),
  m('task-coordination', 'Task coordination', 3, 'user-centred-evaluation', 'How well the planner coordinates with the user.'),
];

/** Metric ids of the 13 survey leaves (the tree above). */
export const SURVEY_METRIC_LEAVES = METRICS.filter((x) => x.level === 3).map((x) => x.id);

/** Figure links metric → dataset; only partly legible, so all approximate (spec §1.5). */
export const METRIC_LINKS: MetricLink[] = [
  { benchmarkId: 'mind2web', metricId: 'step-sr', confidence: 'approximate' },
  { benchmarkId: 'taskbench', metricId: 'tool-selection-accuracy', confidence: 'approximate' },
  { benchmarkId: 'webarena', metricId: 'final-state-sr', confidence: 'approximate' },
  { benchmarkId: 'planbench', metricId: 'final-state-sr', confidence: 'approximate' },
];
