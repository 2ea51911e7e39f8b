// One start's catalog load, in a process of its own: plain `node` on MeterDoc compiled by tsc (as
// `npm start` runs it), the modules imported first, then the catalog loaded once. Prints one JSON
// line. Usage: node child.mjs <compiled code dir> compile <out.json> | load <catalog.json>|yaml
const [dir, mode, path] = process.argv.slice(2);
const { loadCatalog } = await import(`${dir}/knowledge/load-catalog.js`);
if (mode === 'compile') {
  const { writeCompiledCatalog } = await import(`${dir}/knowledge/compiled-catalog.js`);
  writeCompiledCatalog(path, loadCatalog(undefined, { compiled: false }));
  process.stdout.write('{}\n');
} else {
  const options = path === 'yaml' ? { compiled: false } : { compiled: path };
  const cpu = process.cpuUsage();
  const start = performance.now();
  const catalog = loadCatalog(undefined, options);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs, entries: catalog.entries.length, fromCompiled: catalog.scanIndex.fromCompiled ?? false })}\n`,
  );
}
