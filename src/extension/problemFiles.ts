/**
 * `.mdl.json` problem files in the editor: semantic diagnostics as the
 * student types, and CodeLens above each problem ("Step through", "Run Adam
 * here", "Check answer", …). Loading a file is cheap and pure, so it runs in
 * the host; running a problem goes to the worker through the panel.
 */
import * as vscode from 'vscode';
import { loadProblemFile, type LoadedProblem, type ProblemDiagnostic, type SourceRange } from '../core/problems';

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

/** Keeps the "MDL" diagnostics of every open problem file up to date. */
export class ProblemDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('mdl');
  /** Answer-check results per document, kept until the document changes. */
  private readonly answers = new Map<string, vscode.Diagnostic[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.answers.delete(d.uri.toString());
      }),
    ];
    vscode.workspace.textDocuments.forEach((d) => this.refresh(d));
  }

  /** Diagnostics from "Check answer", shown beside the file's own until the next edit. */
  setAnswers(doc: vscode.TextDocument, diagnostics: vscode.Diagnostic[]): void {
    this.answers.set(doc.uri.toString(), diagnostics);
    this.refresh(doc);
  }

  refresh(doc: vscode.TextDocument): void {
    if (!isProblemFile(doc)) return;
    const loaded = loadProblemFile(doc.getText());
    this.collection.set(doc.uri, [...loaded.diagnostics.map(toDiagnostic), ...(this.answers.get(doc.uri.toString()) ?? [])]);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isProblemFile(doc)) return;
    const key = doc.uri.toString();
    this.answers.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.refresh(doc), DEBOUNCE_MS));
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

const LENS_TITLES: Record<LensAction, string> = {
  step: '$(debug-step-over) Step through',
  adam: '$(play) Run Adam here',
  compare: '$(graph-line) Compare optimizers',
  svd: '$(symbol-array) Decompose (SVD)',
  pca: '$(symbol-array) Reduce (PCA)',
  check: '$(check) Check answer',
};

function actionsFor(p: LoadedProblem): LensAction[] {
  const actions: LensAction[] = [];
  if (p.kind === 'optimize') actions.push('adam', 'compare');
  if (p.kind === 'svd') actions.push('svd');
  if (p.kind === 'pca') actions.push('pca');
  actions.push('step');
  if (p.spec.expect !== undefined) actions.push('check');
  return actions;
}

export class ProblemCodeLensProvider implements vscode.CodeLensProvider<ProblemLens> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor() {
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mdlSteps.codeLens.enabled') && this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): ProblemLens[] {
    if (!vscode.workspace.getConfiguration('mdlSteps').get<boolean>('codeLens.enabled', true)) return [];
    const { problems } = loadProblemFile(doc.getText());
    return problems
      .filter((p) => p.id && p.kind)
      .flatMap((p) => {
        const at = toRange(p.range);
        const line = new vscode.Range(at.start, at.start);
        return actionsFor(p).map((a) => new ProblemLens(line, doc.uri, p.id, a));
      });
  }

  resolveCodeLens(lens: ProblemLens): ProblemLens {
    lens.command = {
      title: LENS_TITLES[lens.action],
      command: 'mdlSteps.runProblem',
      arguments: [{ uri: lens.uri.toString(), id: lens.problemId, action: lens.action }],
      tooltip: lens.action === 'adam' ? "Run Adam with this problem's settings, whatever optimizer it names" : undefined,
    };
    return lens;
  }
}
