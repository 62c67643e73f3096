import type { Category } from './schemas.js';

/** Survey §1.3 method taxonomy: 3 families, 7 leaves. Descriptions are ours (the survey body text is not available). */
export const CATEGORIES: Category[] = [
  { id: 'external-module', name: 'External Module Augmented', parentId: null, level: 1, surveySection: '1.1', description: 'The LLM plans together with an external component (a symbolic planner, a validator or a memory) that supplies exactness or recall the model lacks.', descriptionSource: 'ours' },
  { id: 'planner-enhanced', name: 'Planner-enhanced', parentId: 'external-module', level: 2, surveySection: '1.1.1', description: 'The LLM translates natural language into a formal language such as PDDL; a symbolic planner searches for the plan; a validator can feed errors back to the LLM.', descriptionSource: 'ours' },
  { id: 'memory-enhanced', name: 'Memory-enhanced', parentId: 'external-module', level: 2, surveySection: '1.1.2', description: 'The LLM retrieves past experience (solved tasks, reflections, trajectories) from a memory and updates it after acting.', descriptionSource: 'ours' },
  { id: 'finetuning', name: 'Finetuning-based', parentId: null, level: 1, surveySection: '1.2', description: 'The model\'s weights are updated for planning, from demonstrations or from feedback.', descriptionSource: 'ours' },
  { id: 'imitation-learning', name: 'Imitation-learning', parentId: 'finetuning', level: 2, surveySection: '1.2.1', description: 'Supervised finetuning on expert or search-generated trajectories.', descriptionSource: 'ours' },
  { id: 'feedback-based', name: 'Feedback-based', parentId: 'finetuning', level: 2, surveySection: '1.2.2', description: 'Updates driven by environment rewards, a reward model or an LLM judge (RL, preference optimisation, self-training).', descriptionSource: 'ours' },
  { id: 'searching', name: 'Searching-based', parentId: null, level: 1, surveySection: '1.3', description: 'The plan is found by structuring the model\'s generation as a search: decomposing, exploring alternatives, or guiding decoding.', descriptionSource: 'ours' },
  { id: 'decomposition', name: 'Decomposition', parentId: 'searching', level: 2, surveySection: '1.3.1', description: 'The task is split into sub-tasks, either all up front (global) or step by step with feedback (iterative).', descriptionSource: 'ours', subtypes: ['global', 'iterative'] },
  { id: 'exploration', name: 'Exploration', parentId: 'searching', level: 2, surveySection: '1.3.2', description: 'Tree or graph search over partial plans with LLM proposals and evaluations (ToT, A*, MCTS, reward-guided, world-model simulation). World models sit here: the search simulates in a reversible model instead of the real world.', descriptionSource: 'ours', subtypes: ['tot', 'astar', 'mcts', 'reward', 'world-model'] },
  { id: 'decoding', name: 'Decoding', parentId: 'searching', level: 2, surveySection: '1.3.3', description: 'Search at the token or step level inside decoding: beam search with self-evaluation, grounded or constrained decoding.', descriptionSource: 'ours' },
];

/** Survey section number → category id (method leaves). */
export const SECTION_TO_CATEGORY: Record<string, string> = {
  '1.1.1': 'planner-enhanced',
  '1.1.2': 'memory-enhanced',
  '1.2.1': 'imitation-learning',
  '1.2.2': 'feedback-based',
  '1.3.1': 'decomposition',
  '1.3.2': 'exploration',
  '1.3.3': 'decoding',
};
