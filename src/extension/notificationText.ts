/**
 * Text for VS Code notifications (showErrorMessage and friends). Their
 * message is not plain text: `[label](command:…)`, `(https:…)` and `(file:…)`
 * become links, and a command link runs with allowCommands. Our messages quote
 * what the student selected or named (a matrix cell, a file name), so a
 * hostile file could plant a link that runs a command when clicked. A zero-width
 * space between `]` and `(` breaks the link syntax and shows the same text.
 */
export function notificationText(message: string): string {
  return message.replace(/\]\s*\(/g, (m) => `]\u200b${m.slice(1)}`);
}
