// The environment of a child process a test runs under tsx (the service's src/main.ts, a fixture script).
//
// tap records the coverage of every process a test starts, children included, and merges it all into one report.
// Tests themselves run under tap's TypeScript loader (ts-node) and the children under tsx: the two compile a file of
// src/ to different JavaScript, and a merge of the two coverages of one file is garbage. The report then lost most
// of src/ (branches 66 % instead of the 92 % measured without the children's files, below the floor in .taprc), or
// not, depending on the order the process files happened to merge in. Children record none: what they run is
// covered by the tests in-process too.
// (_TAPJS_PROCESSINFO_COVERAGE_=0 is @tapjs/processinfo's documented switch.)

export function childEnv (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, _TAPJS_PROCESSINFO_COVERAGE_: '0' }
}
