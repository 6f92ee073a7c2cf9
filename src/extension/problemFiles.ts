/**
 * `.mdl.json` problem files in the editor: semantic diagnostics as the
 * student types, and CodeLens above each problem ("Step through", "Run Adam
 * here", "Check answer", …). Reading a file parses its objectives with
 * mathjs, so it happens in the quick worker: the host only maps ranges.
 */
import * as vscode from 'vscode';
import type { ProblemDiagnostic, SourceRange } from '../core/problems';
import type { ProblemFileSummary } from '../core/topics';
import type { ComputeClient } from './compute';

export const PROBLEM_FILE_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.mdl.json' }];

const isProblemFile = (doc: vscode.TextDocument) => doc.uri.path.endsWith('.mdl.json');
const DEBOUNCE_MS = 250;

export function toRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}

export function toDiagnostic(d: ProblemDiagnostic): vscode.Diagnostic {
  const severity =
    d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, severity);
  diagnostic.source = 'MDL';
  diagnostic.code = d.code;
  return diagnostic;
}

/** Summaries per document version, shared by the diagnostics and the CodeLens so each edit is read once. */
export class ProblemFiles implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('mdl');
  private readonly summaries = new Map<string, { version: number; summary: Promise<ProblemFileSummary> }>();
  /** Answer-check results per document, kept until the document changes. */
  private readonly answers = new Map<string, vscode.Diagnostic[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly compute: ComputeClient,
    private readonly log: (m: string) => void,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => void this.refresh(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.answers.delete(d.uri.toString());
        this.summaries.delete(d.uri.toString());
      }),
    ];
    vscode.workspace.textDocuments.forEach((d) => void this.refresh(d));
  }

  summary(doc: vscode.TextDocument): Promise<ProblemFileSummary> {
    const key = doc.uri.toString();
    const cached = this.summaries.get(key);
    if (cached?.version === doc.version) return cached.summary;
    const summary = this.compute.run({ task: 'summarizeProblems', text: doc.getText() });
    this.summaries.set(key, { version: doc.version, summary });
    return summary;
  }

  /** Diagnostics from "Check answer", shown beside the file's own until the next edit. */
  setAnswers(doc: vscode.TextDocument, diagnostics: vscode.Diagnostic[]): void {
    this.answers.set(doc.uri.toString(), diagnostics);
    void this.refresh(doc);
  }

  async refresh(doc: vscode.TextDocument): Promise<void> {
    if (!isProblemFile(doc)) return;
    try {
      const { diagnostics } = await this.summary(doc);
      this.collection.set(doc.uri, [...diagnostics.map(toDiagnostic), ...(this.answers.get(doc.uri.toString()) ?? [])]);
    } catch (e) {
      this.log(`reading ${doc.uri.toString()} failed: ${String(e)}`);
    }
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isProblemFile(doc)) return;
    const key = doc.uri.toString();
    this.answers.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.refresh(doc), DEBOUNCE_MS));
  }

  dispose(): void {
    this.timers.forEach(clearTimeout);
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}

/** One lens per action above each problem; commands are attached in resolveCodeLens so listing stays cheap. */
class ProblemLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly uri: vscode.Uri,
    readonly problemId: string,
    readonly action: LensAction,
  ) {
    super(range);
  }
}

type LensAction = 'step' | 'adam' | 'compare' | 'svd' | 'pca' | 'check';

/** Built on use: vscode.l10n.t needs the extension's bundle, loaded at activation. */
const lensTitles = (): Record<LensAction, string> => ({
  step: `$(debug-step-over) ${vscode.l10n.t('Step through')}`,
  adam: `$(play) ${vscode.l10n.t('Run Adam here')}`,
  compare: `$(graph-line) ${vscode.l10n.t('Compare optimizers')}`,
  svd: `$(symbol-array) ${vscode.l10n.t('Decompose (SVD)')}`,
  pca: `$(symbol-array) ${vscode.l10n.t('Reduce (PCA)')}`,
  check: `$(check) ${vscode.l10n.t('Check answer')}`,
});

function actionsFor(p: ProblemFileSummary['problems'][number]): LensAction[] {
  const actions: LensAction[] = [];
  if (p.kind === 'optimize') actions.push('adam', 'compare');
  if (p.kind === 'svd') actions.push('svd');
  if (p.kind === 'pca') actions.push('pca');
  actions.push('step');
  if (p.hasExpect) actions.push('check');
  return actions;
}

export class ProblemCodeLensProvider implements vscode.CodeLensProvider<ProblemLens> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly files: ProblemFiles) {
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mdlSteps.codeLens.enabled') && this.changed.fire());
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<ProblemLens[]> {
    if (!vscode.workspace.getConfiguration('mdlSteps').get<boolean>('codeLens.enabled', true)) return [];
    const { problems } = await this.files.summary(doc);
    return problems
      .filter((p) => p.id && p.kind)
      .flatMap((p) => {
        const at = toRange(p.range).start;
        return actionsFor(p).map((a) => new ProblemLens(new vscode.Range(at, at), doc.uri, p.id, a));
      });
  }

  resolveCodeLens(lens: ProblemLens): ProblemLens {
    lens.command = {
      title: lensTitles()[lens.action],
      command: 'mdlSteps.runProblem',
      arguments: [{ uri: lens.uri.toString(), id: lens.problemId, action: lens.action }],
      tooltip: lens.action === 'adam' ? vscode.l10n.t("Run Adam with this problem's settings, whatever optimizer it names") : undefined,
    };
    return lens;
  }
}
