/**
 * Checks the weapp build (dist/) with WeChat's own compiler, offline, through miniprogram-ci:
 *   1. compiles it as WeChat DevTools would (getCompiledResult) — any compile error fails;
 *   2. runs DevTools' code-quality scan (checkCodeQuality) and prints it;
 *   3. measures the compiled main package and the whole package — the main package must stay under
 *      MAIN_PACKAGE_LIMIT (ours, well inside WeChat's 2 MB).
 * Needs no WeChat account or network: a throwaway key is generated per run and the project attributes
 * are the library's defaults (otherwise miniprogram-ci first asks WeChat's servers for them).
 * Run `npm run build:weapp` first.
 */
import * as ci from 'miniprogram-ci';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAIN_PACKAGE_LIMIT = 600 * 1024;
const ROOT = path.resolve(__dirname, '..');

interface ProjectConfig {
  appid: string;
  miniprogramRoot?: string;
}
interface AppJson {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const normalizeRoot = (root: string) => root.replace(/^\.?\/+/, '').replace(/\/?$/, '/');

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function walk(dir: string, base = dir): { file: string; size: number }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const stat = statSync(full);
    return stat.isDirectory()
      ? walk(full, base)
      : [{ file: path.relative(base, full).split(path.sep).join('/'), size: stat.size }];
  });
}

function sizes(files: { file: string; size: number }[], subRoots: string[]) {
  const inSub = (file: string) => subRoots.some((root) => file.startsWith(root));
  const main = files.filter((f) => !inSub(f.file)).reduce((sum, f) => sum + f.size, 0);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const perSub = subRoots.map((root) => ({
    root,
    size: files.filter((f) => f.file.startsWith(root)).reduce((sum, f) => sum + f.size, 0),
  }));
  return { main, total, perSub };
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${code !== undefined ? `[${String(code)}] ` : ''}${err.message}`;
  }
  return String(err);
}

async function main(): Promise<number> {
  const config = readJson<ProjectConfig>(path.join(ROOT, 'project.config.json'));
  const distDir = path.resolve(ROOT, config.miniprogramRoot ?? 'dist');
  if (!existsSync(path.join(distDir, 'app.json'))) {
    console.error(`✗ ${path.relative(ROOT, distDir)}/app.json not found: run \`npm run build:weapp\` first.`);
    return 1;
  }
  const appJson = readJson<AppJson>(path.join(distDir, 'app.json'));
  const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => normalizeRoot(p.root));

  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'check-weapp-'));
  try {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    const privateKeyPath = path.join(keyDir, 'private.key');
    writeFileSync(privateKeyPath, privateKey, { mode: 0o600 });

    const options: ConstructorParameters<typeof ci.Project>[0] & { attr: () => Promise<unknown> } = {
      appid: config.appid,
      type: 'miniProgram',
      projectPath: ROOT, // where project.config.json lives; it points the compiler at dist/
      privateKeyPath,
      ignores: [
        'node_modules/**/*',
        '.git/**/*',
        'server/**/*',
        'src/**/*',
        'dist-h5/**/*',
        'e2e/**/*',
        '.data/**/*',
      ],
      // Offline: use the library's default project attributes instead of fetching the real ones.
      attr: async () => ci.DefaultProjectAttr,
    };
    const project = new ci.Project(options);

    let failed = false;

    const t0 = Date.now();
    let compiled: Record<string, string | Buffer>;
    try {
      compiled = await ci.getCompiledResult({
        project,
        version: '0.0.0-check',
        desc: 'offline check',
        setting: { useProjectConfig: true },
      });
    } catch (err) {
      console.error(`✗ compile failed: ${errorText(err)}`);
      return 1;
    }
    const compiledFiles = Object.entries(compiled).map(([file, content]) => ({
      file,
      size: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
    }));
    console.log(`✓ compiled ${compiledFiles.length} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const quality = await ci.checkCodeQuality(project);
    for (const item of quality) {
      console.log(`${item.success ? '✓' : '!'} quality ${item.name}${item.success ? '' : `: ${item.text}`}`);
    }
    const qualityFailures = quality.filter((item) => !item.success).length;
    if (qualityFailures > 0)
      console.warn(`! ${qualityFailures} code-quality check(s) did not pass (reported, not fatal)`);

    const built = sizes(walk(distDir), subRoots);
    const out = sizes(compiledFiles, subRoots);
    console.log(`  dist/ as built:  main ${kib(built.main)}, total ${kib(built.total)}`);
    console.log(`  compiled (what WeChat receives): main ${kib(out.main)}, total ${kib(out.total)}`);
    for (const sub of out.perSub) console.log(`    subpackage ${sub.root} ${kib(sub.size)}`);

    const mainSize = Math.max(out.main, built.main);
    if (mainSize >= MAIN_PACKAGE_LIMIT) {
      console.error(`✗ main package ${kib(mainSize)} is at or over the limit of ${kib(MAIN_PACKAGE_LIMIT)}`);
      failed = true;
    } else {
      console.log(`✓ main package ${kib(mainSize)} < limit ${kib(MAIN_PACKAGE_LIMIT)}`);
    }
    return failed ? 1 : 0;
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
}

main()
  .then((code) => process.exit(code)) // miniprogram-ci leaves a file watcher open: exit explicitly
  .catch((err: unknown) => {
    console.error(`✗ ${errorText(err)}`);
    process.exit(1);
  });
