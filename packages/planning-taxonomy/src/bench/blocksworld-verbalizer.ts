import type { DomainVerbalizer } from './verbalizer.js';

const COLOURS = ['red', 'blue', 'orange', 'yellow', 'white', 'magenta', 'black', 'cyan', 'green', 'violet', 'silver', 'gold'];

/**
 * Blocksworld config: PlanBench's action/predicate templates and colour names (so published
 * responses re-extract), with the intro prose re-authored in our words.
 */
export const BLOCKSWORLD_VERBALIZER: DomainVerbalizer = {
  intro: `You are arranging toy blocks into stacks on a table. Four kinds of action are available:

Pick up a block
Unstack a block from on top of another block
Put down a block
Stack a block on top of another block

The rules are:
Only one block can be held at a time, and picking up or unstacking needs an empty hand.
A block can be picked up only when it sits on the table and is clear; a block is clear when nothing is on it and it is not being held.
A block can be unstacked only from the block it is actually sitting on, and only when it is clear.
Picking up or unstacking a block means you are now holding it.
Only a block you are holding can be put down or stacked.
Stacking onto a block requires that block to be clear; afterwards it is no longer clear.
Putting down or stacking a block leaves your hand empty.`,
  actions: {
    'pick-up': 'pick up the {}',
    'put-down': 'put down the {}',
    stack: 'stack the {} on top of the {}',
    unstack: 'unstack the {} from on top of the {}',
  },
  predicates: {
    clear: 'the {} is clear',
    ontable: 'the {} is on the table',
    handempty: 'the hand is empty',
    holding: 'I am holding the {}',
    on: 'the {} is on top of the {}',
  },
  objectNames: Object.fromEntries(COLOURS.map((c, i) => ['abcdefghijkl'[i]!, `${c} block`])),
};
