/** Messages between the extension host and its compute worker thread. */
import type { ActivationHoverInfo, HoverTheme } from '../core/activations/hoverInfo';
import type { ActivationParams, CanonicalName } from '../core/activations/types';
import type { CellPosition, TextPosition } from '../core/errors';
import type { ImagePanelData, ImageRequest } from '../core/image/panel';
import type { ProblemDiagnostic } from '../core/problems';
import type { ProblemFileSummary, TopicInput, TopicOptions, TopicOutcome } from '../core/topics';

export type WorkerRequest =
  | { id: number; task: 'derive'; input: TopicInput; options: TopicOptions }
  | { id: number; task: 'truncate'; text: string; k: number; options: TopicOptions }
  | { id: number; task: 'hover'; name: CanonicalName; params?: ActivationParams; theme: HoverTheme }
  | { id: number; task: 'checkProblem'; text: string; problemId: string; options: TopicOptions }
  | { id: number; task: 'summarizeProblems'; text: string }
  | { id: number; task: 'findMatrix'; text: string; offset: number }
  | { id: number; task: 'image'; request: ImageRequest }
  | { id: number; task: 'imagePng'; fileName: string; mode: 'gray' | 'rgb'; kMax: number; k: number };

export type WorkerResponse =
  | { id: number; ok: true; task: 'derive'; value: TopicOutcome }
  | { id: number; ok: true; task: 'truncate'; value: number[][] }
  | { id: number; ok: true; task: 'hover'; value: ActivationHoverInfo }
  | { id: number; ok: true; task: 'checkProblem'; value: ProblemDiagnostic[] }
  | { id: number; ok: true; task: 'summarizeProblems'; value: ProblemFileSummary }
  | { id: number; ok: true; task: 'findMatrix'; value: { start: number; end: number } | null }
  | { id: number; ok: true; task: 'image'; value: ImagePanelData }
  | { id: number; ok: true; task: 'imagePng'; value: Uint8Array }
  | { id: number; ok: false; error: TaskFailure };

/** Sent while a long task runs (optimizer steps); not a response: the task goes on. */
export interface WorkerProgress {
  id: number;
  progress: { step: number; loss: number };
}

/** A failure as it crosses the thread boundary: expected ones are the user's input errors. */
export interface TaskFailure {
  message: string;
  expected: boolean;
  position?: TextPosition;
  cell?: CellPosition;
}
