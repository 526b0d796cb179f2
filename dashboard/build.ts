// Builds the dashboard (dashboard/src) into dist/dashboard-ui: index.html plus content-hashed assets under
// assets/. One esbuild pass bundles Preact, cronstrue and uPlot (no CDN, nothing fetched at run time) and splits
// code per page, so the Schedules page never downloads the chart library. Every file is written to a temporary
// name and renamed into place, so two builds running at once (two test files) never serve a half-written file.
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const HERE = dirname(fileURLToPath(import.meta.url))
export const DEFAULT_OUT_DIR = join(HERE, '..', 'dist', 'dashboard-ui')

export interface DashboardBuild {
  outDir: string
  /** Every written file, relative to outDir (index.html, assets/…). */
  files: string[]
}

async function writeAtomically (path: string, contents: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temporary, contents)
  await rename(temporary, path)
}

export async function buildDashboard (options: { outDir?: string, minify?: boolean } = {}): Promise<DashboardBuild> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR
  const assetsDir = join(outDir, 'assets')
  const result = await build({
    absWorkingDir: HERE,
    entryPoints: { app: join(HERE, 'src', 'main.tsx') },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    minify: options.minify ?? true,
    sourcemap: false,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(HERE, 'tsconfig.json'),
    metafile: true,
    write: false,
    logLevel: 'silent'
  })

  const files: string[] = []
  let entryScript: string | undefined
  let entryStyle: string | undefined
  let preload: string[] = []
  const outName = (metaPath: string) => relative(outDir, join(HERE, metaPath)).split('\\').join('/')
  for (const file of result.outputFiles) {
    const name = relative(outDir, file.path).split('\\').join('/')
    const output = result.metafile.outputs[relative(HERE, file.path).split('\\').join('/')]
    if (output?.entryPoint === 'src/main.tsx' && name.endsWith('.js')) {
      entryScript = name
      // The chunks the entry imports statically are fetched in parallel with it, not after it.
      preload = output.imports.filter((i) => i.kind === 'import-statement').map((i) => outName(i.path))
    }
    if (name.endsWith('.css') && basename(name).startsWith('app-')) entryStyle = name
    await writeAtomically(file.path, file.contents)
    files.push(name)
  }
  if (entryScript === undefined || entryStyle === undefined) throw new Error('dashboard build produced no entry script or stylesheet')

  const favicon = await readFile(join(HERE, 'favicon.svg'))
  await writeAtomically(join(assetsDir, 'favicon.svg'), favicon)
  files.push('assets/favicon.svg')

  const template = await readFile(join(HERE, 'index.html'), 'utf8')
  const html = template
    .replace('{{style}}', `/dashboard/${entryStyle}`)
    .replace('{{script}}', `/dashboard/${entryScript}`)
    .replace('{{preload}}', preload.map((p) => `<link rel="modulepreload" href="/dashboard/${p}">`).join('\n'))
  await writeAtomically(join(outDir, 'index.html'), html)
  files.push('index.html')

  // Drop assets of earlier builds (their hashes no longer match); a concurrent identical build writes the same names.
  const keep = new Set(files.map((f) => basename(f)))
  for (const entry of await readdir(assetsDir)) {
    if (!keep.has(entry) && !entry.endsWith('.tmp')) await rm(join(assetsDir, entry), { force: true })
  }
  return { outDir, files: files.sort() }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outDir, files } = await buildDashboard()
  console.log(`dashboard: ${files.length} files in ${relative(process.cwd(), outDir)}`)
}
