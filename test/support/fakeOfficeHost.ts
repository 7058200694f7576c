/**
 * A stand-in for the `Office` global as real hosts present it, for start-up and ribbon tests, at least as
 * unhelpful as the real thing can be:
 * - requirement sets as the host reports them (an Excel 2016 or 2019 reports ExcelApi below 1.9);
 * - no `Office.actions` where the host has no shared runtime or ribbon commands (Office.actions.associate
 *   is the SharedRuntime way; older hosts only look the function up by name on the global object);
 * - `Office.onReady` that never resolves, as when Office.js is half-loaded behind a school's web filter.
 */
import { versionAtLeast } from "./fakeExcel";

export interface FakeOfficeHostOptions {
  /** "Excel" unless given; "Word" to test the wrong application. */
  host?: string;
  /** Highest version of each supported set; default ExcelApi 1.12 and SharedRuntime 1.1. */
  requirementSets?: Record<string, string>;
  /** Whether `Office.actions` exists (default true). */
  actions?: boolean;
  /** Whether `Office.onReady` ever resolves (default true). */
  ready?: boolean;
}

export interface FakeOfficeHost {
  office: {
    HostType: { Excel: string; Word: string };
    context: { host: string; requirements: { isSetSupported: (name: string, version?: string) => boolean } };
    onReady: (callback?: (info: { host: unknown; platform: unknown }) => unknown) => Promise<{ host: unknown; platform: unknown }>;
    actions?: { associate: (name: string, handler: unknown) => void };
  };
  /** Functions given to Office.actions.associate, by name. */
  associated: Map<string, unknown>;
  /** Puts the stand-in on globalThis.Office; returns a function that puts back what was there. */
  install: () => () => void;
}

export function fakeOfficeHost(options: FakeOfficeHostOptions = {}): FakeOfficeHost {
  const host = options.host ?? "Excel";
  const sets = options.requirementSets ?? { ExcelApi: "1.12", SharedRuntime: "1.1" };
  const associated = new Map<string, unknown>();
  const info = { host, platform: "OfficeOnline" };
  const office: FakeOfficeHost["office"] = {
    HostType: { Excel: "Excel", Word: "Word" },
    context: {
      host,
      requirements: {
        isSetSupported: (name: string, version?: string) => {
          const have = sets[name];
          return have !== undefined && (version === undefined || versionAtLeast(have, version));
        },
      },
    },
    onReady: (callback) => {
      if (options.ready === false) return new Promise(() => undefined);
      callback?.(info);
      return Promise.resolve(info);
    },
    ...(options.actions === false ? {} : { actions: { associate: (name: string, handler: unknown) => void associated.set(name, handler) } }),
  };
  return {
    office,
    associated,
    install: () => {
      const g = globalThis as { Office?: unknown };
      const previous = g.Office;
      g.Office = office;
      return () => {
        g.Office = previous;
      };
    },
  };
}
