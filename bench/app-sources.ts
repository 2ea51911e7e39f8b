import { loadSettings } from '../src/app/settings.js';
import { createMeterDocApp } from '../src/app/create-app.js';
import { createLogger } from '../src/app/logger.js';
import { loadCatalog } from '../src/knowledge/load-catalog.js';
import type { MeterDocModules } from './app.js';

/**
 * The bench app built from these TypeScript sources (through tsx), for the benches that run
 * MeterDoc in their own process. Kept apart from app.ts so that a process running a compiled build
 * (bench/anchors/meterdoc-app.ts) never loads the sources as well: a second copy of the module graph
 * would count against the heap, RSS and GC work measured for MeterDoc.
 */
export const SOURCES: MeterDocModules = { loadSettings, createMeterDocApp, createLogger, loadCatalog };
