// Real Chromium (the Debian package) driven by playwright-core; no browser download.
import { chromium, Browser } from 'playwright-core';
import { chromiumPath } from './paths';

export const chromiumArgs = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  // Without these Chromium tries to reach the internet, and those connections fail.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: process.env.MDL_HEADED ? false : true,
    args: chromiumArgs,
  });
}
