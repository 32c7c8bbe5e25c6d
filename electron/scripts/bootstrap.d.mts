// Types for bootstrap.mjs (plain Node, no build step) so the TypeScript tests can import it.
export interface DebianNeed {
  pkg: string;
  cmd?: string;
  unless?: () => boolean;
}
export declare const DEBIAN_NEEDS: { app: DebianNeed[]; test: DebianNeed[] };
export declare function missingDebianPackages(needs: DebianNeed[]): string[];
export declare function debianInstallPlan(
  missing: string[],
  who: { isRoot: boolean; canSudo: boolean },
): { run: string[][] } | { tell: string };
export declare function nodeModulesMatchLock(dir?: string): boolean;
export declare function bootstrap(purpose: 'app' | 'test'): void;
