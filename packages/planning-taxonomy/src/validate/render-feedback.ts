import type { Literal } from '../pddl/ast.js';
import { atomKey } from '../pddl/ast.js';
import type { ValidationReport } from './validate-plan.js';

/** Optional natural-language rendering of atoms and actions (e.g. a PlanBench verbalizer). */
export interface FeedbackVerbalizer {
  /** Verbalises a ground atom. */
  atom(predicate: string, args: string[]): string;
  /** Verbalises a ground action. */
  action(text: string): string;
}

function lit(l: Literal, v?: FeedbackVerbalizer): string {
  const a = v ? v.atom(l.atom.predicate, l.atom.args) : atomKey(l.atom);
  return l.negated ? (v ? `it is not the case that ${a}` : `(not ${a})`) : a;
}

/**
 * Renders a report as feedback text in PlanBench's order: validity, then the failing step, then
 * its unmet preconditions (or else the unmet goals).
 */
export function renderFeedback(report: ValidationReport, verbalizer?: FeedbackVerbalizer): string {
  if (report.valid) return 'The plan is valid.';
  const lines = ['The plan is invalid.'];
  const step = report.failedStep !== undefined ? report.failedStep + 1 : undefined;
  const act = report.failedAction ? (verbalizer ? verbalizer.action(report.failedAction) : report.failedAction) : '';
  switch (report.status) {
    case 'precondition':
      lines.push(`Step ${step} (${act}) cannot be executed.`);
      lines.push(`Unmet preconditions: ${(report.unmetPreconditions ?? []).map((l) => lit(l, verbalizer)).join('; ')}.`);
      break;
    case 'goal':
      lines.push('All steps execute, but the goal is not reached.');
      lines.push(`Unmet goals: ${(report.unmetGoals ?? []).map((l) => lit(l, verbalizer)).join('; ')}.`);
      break;
    default:
      lines.push(report.message);
  }
  return lines.join('\n');
}
