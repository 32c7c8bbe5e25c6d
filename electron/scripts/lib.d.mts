// Types for the part of lib.mjs that TypeScript tests import (the Electron e2e specs find the binary
// the same way the start script does, without triggering Electron's download).
export declare const root: string;
export declare function electronBinary(): string | null;
