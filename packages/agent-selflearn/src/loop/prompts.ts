/**
 * Role prompts: our own wording with the purposes and tags of the reference (spec §3). Versioned:
 * a change of wording bumps `PROMPT_PACK_VERSION` (stored with each run's config).
 */
export const PROMPT_PACK_VERSION = '1';

const TOOL_BLOCK = `You have one tool, retrieve(query: string | string[]), which searches a text corpus.
To call it, write a JSON object inside <tool_call></tool_call>, e.g.
<tool_call>{"name": "retrieve", "arguments": {"query": "first president of Kenya"}}</tool_call>
Results come back inside <tool_response></tool_response>. Think inside <think></think> and call the tool as often as you need.`;

/** Policy system prompt (also the GRM's: spec §3). */
export const POLICY_SYSTEM = `You are a careful research assistant who answers factual questions.
${TOOL_BLOCK}
When you are sure, give exactly one short final answer inside <answer></answer>, with no explanation, e.g. <answer>Jomo Kenyatta</answer>.`;

/** Prompt-generator system prompt. */
export const GENERATOR_SYSTEM = `You write question-answer pairs for training a research assistant.
${TOOL_BLOCK}
Use the tool to find facts. Then write one factual question that can be answered by exactly one concrete entity, inside <question></question>, followed by its short answer inside <answer></answer>.`;

/** Round-1 meta-prompt from a topic seed (spec §3.1 kind 1). */
export function topicMetaPrompt(topic: string): string {
  return `Write a factual question about ${topic}. It must have a single concrete entity as its answer, be solvable, and actually require searching with the tool.`;
}

/** Inputs of `adaptiveMetaPrompt`. */
export interface AdaptiveMetaPromptInput {
  style: 'width' | 'depth';
  direction: 'harder' | 'easier';
  question: string;
  answer: string;
  mostCorrect: boolean;
}

/** Width / depth meta-prompts written during the Policy phase (spec §2.4, §3.1 kinds 2–3). */
export function adaptiveMetaPrompt(o: AdaptiveMetaPromptInput): string {
  const head = `Current question: ${o.question}\nIts true answer: ${o.answer}\nMost students answered it ${o.mostCorrect ? 'correctly' : 'incorrectly'}.`;
  const ask =
    o.style === 'width'
      ? `Write a similar question that needs different knowledge and is ${o.direction} (for example "What is the capital of China?" and "What is the capital of Zimbabwe?").`
      : o.direction === 'harder'
        ? 'Search first, then write a harder question by adding one reasoning hop (for example "What is the capital of China?" becomes "What is the most famous university in the capital of China?").'
        : 'Search first, then write an easier question by removing one reasoning hop.';
  return `${head}\n${ask}\nThe question must have exactly one concrete entity as its answer and must need the search tool.`;
}

/** GRM user turn: a teacher checks a student's answer (binary mode, no reference: spec §3.2). */
export function grmUserPrompt(question: string, studentAnswer: string): string {
  return `You are a teacher checking a student's answer. Use the tool to verify the facts.
Question: ${question}
Student's answer: ${studentAnswer}
End with <answer>conclusion: correct</answer> or <answer>conclusion: wrong</answer>.`;
}

/** Sentinel passed to the GRM when an attempt has no answer (reference). */
export const NO_ANSWER = 'No answer found.';
