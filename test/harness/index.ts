export * from './paths';
export * from './codeServer';
export * from './browser';
export * from './workbench';
export * from './extensionTests';
export * from './uiSuite';
export * from './failureReport';
export * from './steps';
