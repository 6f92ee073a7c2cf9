/** Messages between the extension host and its compute worker thread. */
import type { CellPosition, TextPosition } from '../core/errors';
import type { SvdOutcome } from '../core/svd/derive';
import type { TopicOptions } from '../core/topics';

export type WorkerRequest =
  | { id: number; task: 'svd'; text: string; options: TopicOptions }
  | { id: number; task: 'truncate'; text: string; k: number; options: TopicOptions };

export type WorkerResponse =
  | { id: number; ok: true; task: 'svd'; value: SvdOutcome }
  | { id: number; ok: true; task: 'truncate'; value: number[][] }
  | { id: number; ok: false; error: TaskFailure };

/** A failure as it crosses the thread boundary: expected ones are the user's input errors. */
export interface TaskFailure {
  message: string;
  expected: boolean;
  position?: TextPosition;
  cell?: CellPosition;
}
