/**
 * Real derivations for the activation, loss and optimiser previews, from the
 * core (what the host sends), and a stand-in host that answers the Activation
 * Explorer's `explorerChange` the way the extension does.
 */
import type { Derivation } from '../../src/core/derivation';
import { deriveGd } from '../../src/core/optim/derive-gd';
import { deriveGdCompare } from '../../src/core/optim/derive-gd-compare';
import { deriveOptimize } from '../../src/core/optim/derive-optimize';
import { deriveTopic, type ActivationInput, type TopicInput } from '../../src/core/topics';
import type { HostMessage, PanelInput, WebviewMessage } from '../../src/protocol';

export function showTopic(input: TopicInput, step = 0, mode: 'step' | 'all' = 'step'): HostMessage {
  return { type: 'show', input, derivation: deriveTopic(input).derivation, view: { step, mode }, precision: 4 };
}

/**
 * The extension has no panel input for the optimiser topics yet (TopicInput
 * stops at 'derivative'), and `show` requires one that passes the guard. The
 * webview reads the input only for PCA and for setState, so a stand-in does.
 */
const standIn = (source: string): PanelInput => ({ kind: 'svd', text: '', source });

const showOptim = (derivation: Derivation, source: string, step = 0): HostMessage => ({ type: 'show', input: standIn(source), derivation, view: { step, mode: 'step' }, precision: 4 });

export const rosenbrock = () =>
  deriveOptimize({ objective: 'rosenbrock', optimizer: 'adam', compare: ['sgd', 'momentum', 'rmsprop', 'adagrad'] }).derivation as Derivation;

/** SGD with lr 0.003 leaves the Rosenbrock window within four steps (towards 1e3): the plot must cut it at the grid. */
export const rosenbrockDiverging = () =>
  deriveOptimize({ objective: 'rosenbrock', optimizer: 'adam', compare: [{ optimizer: 'sgd', settings: { lr: 0.003 } }] }).derivation as Derivation;

/** Assignment Q4: five points, η = 0.001. */
export const assignmentGd = () =>
  deriveGd({ data: { x: [1, 2, 3, 4, 5], y: [2.1, 3.9, 6.2, 8.1, 9.8] }, eta: 0.001 }).derivation as Derivation;

/** Generated data (the default: n = 200, y = 1 + 2x + noise, seed 1). */
export const gdCompare = () => deriveGdCompare({}).derivation as Derivation;

export const showRosenbrock = (step = 0) => showOptim(rosenbrock(), 'deriveOptimize: Rosenbrock, Adam vs SGD, momentum, RMSprop, AdaGrad', step);
export const showAssignmentGd = (step = 0) => showOptim(assignmentGd(), 'deriveGd: x = [1…5], y = [2.1…9.8], η = 0.001', step);
export const showDiverging = (step = 0) => showOptim(rosenbrockDiverging(), 'deriveOptimize: Rosenbrock, Adam vs SGD with lr 0.003', step);
export const showGdCompare = (step = 0) => showOptim(gdCompare(), 'deriveGdCompare: generated data', step);

/** Index of the step with `id` (the derivations decide how many steps come first). */
export function stepIndex(derivation: Derivation, id: string): number {
  const i = derivation.steps.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`no step "${id}" in ${derivation.title}`);
  return i;
}

/**
 * The extension's side of explorerChange: recompute with deriveTopic and
 * answer with `update`, or with `error` when the parameters are refused.
 * As in the real host, a newer change supersedes an answer still pending.
 */
export function activationHost(latency = 0) {
  let generation = 0;
  return (m: WebviewMessage, send: (msg: HostMessage) => Promise<void>) => {
    if (m.type !== 'explorerChange') return;
    const mine = ++generation;
    const input: ActivationInput = { kind: 'activation', name: m.name, params: m.params as ActivationInput['params'], ...(m.compare ? { compare: m.compare } : {}) };
    let reply: HostMessage;
    try {
      reply = { type: 'update', input, derivation: deriveTopic(input).derivation };
    } catch (e) {
      reply = { type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    setTimeout(() => mine === generation && void send(reply), latency);
  };
}
