// Only the vscode-elements components the panel uses, imported one by one so
// the bundle does not carry the whole library.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
