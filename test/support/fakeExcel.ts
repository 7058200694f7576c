/**
 * An in-memory fake of the part of the Excel JavaScript API the adapter (src/excel) uses, with the
 * semantics that matter for its promises:
 * - proxies queue operations; nothing happens until `context.sync()`, and a property is readable only
 *   after `load()` + `sync()` (reading earlier throws PropertyNotLoaded, as Office.js does);
 * - `*OrNullObject` methods give null objects whose `isNullObject` is known after a sync;
 * - a batch runs its operations in order and stops at the first failure, leaving earlier ones applied
 *   (Excel has no transactions: the adapter must validate before it writes);
 * - a request over Excel on the web's 5 MB payload limit is refused whole, and so is a response over 5 MB;
 * - a string written to `values` of a cell not formatted as text ("@") is interpreted as Excel does:
 *   "=…", "+…" and "-…" become formulas, "12" and "93.2%" become numbers, "01/09/2025" a date;
 * - Excel's limits (src/core/report/excelLimits.ts, the table the adapters check against) are enforced:
 *   cell text, header and footer length (codes included), validation prompt/error/list lengths;
 * - custom conditional-format rules keep their formula and format, and `effectiveFill` evaluates the
 *   simple `=$T2="text"` shape so tests can see which rows a rule colours.
 * Sync and operation counts are kept so tests can check the adapter's batching.
 */
import { excelLimits, utf8Bytes } from "../../src/core/report/excelLimits";
import { cellAddress, parseAddress, quoteSheetName, rectAddress, type CellRect } from "../../src/core/common/a1";
// One measure of the settings' size for the adapter and the fake: each key and its value as JSON, in UTF-8.
import { settingsBytes } from "../../src/excel/storedState";
export { settingsBytes };

export type Value = string | number | boolean;
export const payloadLimitBytes = excelLimits.requestBytes;

export interface FakeCell {
  value: Value;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  fontColor: string | null;
  bold: boolean;
  italic: boolean;
  fontSize: number | null;
  wrap: boolean;
  horizontal: string | null;
  vertical: string | null;
  border: boolean;
}

export interface FakeConditionalFormat {
  id: string;
  rect: CellRect;
  type: string;
  formula: string;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export interface FakeValidation {
  rect: CellRect;
  rule: unknown;
  prompt: unknown;
  errorAlert: unknown;
}

export interface FakeChart {
  id: string;
  name: string;
  type: string;
  source: CellRect;
  title: string;
  categoryAxisTitle: string | null;
  valueAxisTitle: string | null;
  position: { start: string; end: string | null } | null;
  /** Number format of the value axis' labels, when set. */
  valueAxisNumberFormat: string | null;
  /** Category-axis tickLabelSpacing (1 = every category labelled), when set. */
  categoryLabelSpacing: number | null;
  /** Per series: whether its data labels are shown (null = never set). */
  seriesDataLabels: (boolean | null)[];
  seriesColours: (string | null)[];
  pointColours: (string | null)[][];
  legendVisible: boolean;
}

export interface FakeSheet {
  id: string;
  name: string;
  cells: Map<number, FakeCell>;
  columnWidths: Map<number, number>;
  /** 0-based columns hidden (Range.columnHidden on whole columns). */
  hiddenColumns: Set<number>;
  /** Row heights in points set by the add-in (rows not here have the standard height). */
  rowHeights: Map<number, number>;
  /** 0-based rows that start a new printed page (manual horizontal page breaks). */
  pageBreaks: number[];
  conditionalFormats: FakeConditionalFormat[];
  validations: FakeValidation[];
  merges: CellRect[];
  freeze: { rows: number; columns: number };
  pageLayout: {
    orientation: string | null;
    zoom: Record<string, unknown> | null;
    printTitleRows: string | null;
    printTitleColumns: string | null;
    printArea: string | null;
    /** Left and right margins in points, when the add-in set them (Excel's default is 0.7 inch, 50.4 pt). */
    leftMargin?: number;
    rightMargin?: number;
    headerFooter: Record<string, string>;
  };
  charts: FakeChart[];
  tabColor: string;
  /** Excel.SheetVisibility: "Visible", "Hidden" or "VeryHidden". */
  visibility?: string;
}

interface FakeName {
  name: string;
  /** Sheet id for worksheet-scoped names, null for workbook scope. */
  scope: string | null;
  sheetId: string;
  rect: CellRect;
  comment?: string;
}

interface FakeTable {
  name: string;
  sheetId: string;
  rect: CellRect;
}

/** Rows in a worksheet (Excel's limit). */
const sheetRows = 1_048_576;

export class FakeExcelError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const key = (row: number, column: number): number => row * 16384 + column;
const rowOf = (k: number): number => Math.floor(k / 16384);
const columnOf = (k: number): number => k % 16384;

function blankCell(): FakeCell {
  return {
    value: "",
    formula: null,
    numberFormat: "General",
    fill: null,
    fontColor: null,
    bold: false,
    italic: false,
    fontSize: null,
    wrap: false,
    horizontal: null,
    vertical: null,
    border: false,
  };
}

function hasFormat(cell: FakeCell): boolean {
  const b = blankCell();
  return (
    cell.numberFormat !== b.numberFormat ||
    cell.fill !== null ||
    cell.fontColor !== null ||
    cell.bold ||
    cell.italic ||
    cell.fontSize !== null ||
    cell.wrap ||
    cell.horizontal !== null ||
    cell.vertical !== null ||
    cell.border
  );
}

/** A rectangle without the sheet name an A1 parse may carry. */
function plain(r: CellRect): CellRect {
  return { firstRow: r.firstRow, firstColumn: r.firstColumn, lastRow: r.lastRow, lastColumn: r.lastColumn };
}

function area(r: CellRect): number {
  return (r.lastRow - r.firstRow + 1) * (r.lastColumn - r.firstColumn + 1);
}

function overlaps(a: CellRect, b: CellRect): boolean {
  return a.firstRow <= b.lastRow && b.firstRow <= a.lastRow && a.firstColumn <= b.lastColumn && b.firstColumn <= a.lastColumn;
}

/**
 * Excel's own interpretation of a string put into a General cell. `typed` is a person typing or pasting in
 * a UK copy of Excel (dates day first); `api` is a string written through `Range.values`, which Excel parses
 * locale-neutrally (en-US: month first, "." decimals), whatever the user's regional settings: so
 * "01/09/2025" written by an add-in becomes 9 January, and "13/09/2025" stays text.
 */
function interpret(text: string, how: "typed" | "api" = "typed"): { value: Value; formula: string | null } {
  if (text === "") return { value: "", formula: null };
  if (/^[=+-]/.test(text) && text.length > 1) {
    const numeric = /^[+-]\d+(\.\d+)?$/.test(text);
    if (!numeric) {
      // A formula: the fake does not evaluate it; Excel would show a result or an error.
      return { value: "#NAME?", formula: text.startsWith("=") ? text : `=${text}` };
    }
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(text.trim())) return { value: Number(text), formula: null };
  const percent = /^([+-]?\d+(\.\d+)?)%$/.exec(text.trim());
  if (percent) return { value: Number(percent[1]) / 100, formula: null };
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (date) {
    const [first, second, year] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const [day, month] = how === "typed" ? [first, second] : [second, first];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      const serial = Date.UTC(year, month - 1, day) / 86400000 + 25569;
      return { value: serial, formula: null };
    }
    return { value: text, formula: null };
  }
  if (/^true$/i.test(text)) return { value: true, formula: null };
  if (/^false$/i.test(text)) return { value: false, formula: null };
  return { value: text, formula: null };
}

function validSheetName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 31 &&
    name.trim().length > 0 &&
    !/[\\/?*[\]:]/.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== "history"
  );
}

function parseProps(props?: string | string[] | { select?: string }): string[] {
  if (props === undefined) return [];
  if (Array.isArray(props)) return props.flatMap((p) => p.split(",")).map((p) => p.trim()).filter(Boolean);
  if (typeof props === "string") return props.split(",").map((p) => p.trim()).filter(Boolean);
  return parseProps(props.select);
}

/** A value's size on the wire: its JSON as UTF-8 (Office.js sends requests as UTF-8 JSON). */
function jsonSize(value: unknown): number {
  return utf8Bytes(JSON.stringify(value ?? null));
}

/**
 * What Office.js sends with every call besides its arguments: the action and the object path it acts on,
 * measured as the UTF-8 of a representative pair (a range from getRangeByIndexes, a property set on it).
 */
export const callOverheadBytes =
  utf8Bytes(JSON.stringify({ Id: 99999, ActionType: 4, Name: "numberFormat", ObjectPathId: 99999, ArgumentInfo: { Arguments: [] } })) +
  utf8Bytes(JSON.stringify({ Id: 99999, ObjectPathType: 3, Name: "getRangeByIndexes", ParentObjectPathId: 99999, ArgumentInfo: { Arguments: [1048575, 16383, 1048576, 16384] } }));

/** One person's Excel on one workbook: their copy of the settings and their event handlers. */
export class FakeSession {
  settings = new Map<string, unknown>();
  readonly handlers = new Set<SettingsChangedHandler>();

  constructor(readonly host: FakeExcel) {}

  /** Co-authoring brings this session's copy up to date with the document. */
  refresh(): void {
    this.settings = new Map([...this.host.settings].map(([k, v]) => [k, JSON.parse(JSON.stringify(v ?? null)) as unknown]));
  }

  readonly run = <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => this.host.runIn(this, batch);
}

// ---------------------------------------------------------------------------------------------
// The host: workbook state, statistics, and the Excel.run / Office shims.

export interface FakeStats {
  syncs: number;
  operations: number;
  /** Request payload of each sync, in bytes: the UTF-8 of each call's arguments plus its action and object path. */
  requestBytes: number[];
  runs: number;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  names: FakeName[] = [];
  tables: FakeTable[] = [];
  /** The settings saved in the document (what every session's copy is refreshed from). */
  settings = new Map<string, unknown>();
  /** The person running the tests' batches; `coauthor()` adds others. */
  readonly primary: FakeSession = new FakeSession(this);
  readonly sessions: FakeSession[] = [this.primary];
  activeSheetId = "";
  selection: { sheetId: string; rect: CellRect } | null = null;
  /**
   * What is selected besides one block of cells: several separate areas (Ctrl+click) or a chart, shape or
   * picture. `getSelectedRange` then fails with InvalidSelection, as Excel does (office-js #2268: by design).
   */
  selectionKind: "range" | "areas" | "object" = "range";
  /** Called before each sync's operations run (for a co-author or a user acting between two syncs). */
  betweenSyncs: ((syncNumber: number) => void | Promise<void>) | null = null;
  stats: FakeStats = { syncs: 0, operations: 0, requestBytes: [], runs: 0 };
  /** Highest supported version of each requirement set. */
  requirementSets: Record<string, string> = { ExcelApi: "1.12" };
  host = "Excel";
  runOptions: unknown[] = [];
  /** When true, the payload limits of Excel on the web are enforced. */
  enforcePayloadLimit = true;
  /** Excel on the web's limits (5 MB each way); tests may lower the response limit to exercise chunked reads. */
  requestLimitBytes = payloadLimitBytes;
  responseLimitBytes = payloadLimitBytes;
  private nextId = 1;

  constructor(options: { sheets?: { name: string; grid?: Value[][]; textFormat?: boolean }[] } = {}) {
    for (const s of options.sheets ?? [{ name: "Sheet1" }]) this.addSheet(s.name, s.grid ?? [], { textFormat: s.textFormat });
  }

  newId(prefix: string): string {
    return `${prefix}{${String(this.nextId++).padStart(8, "0")}}`;
  }

  resetStats(): void {
    this.stats = { syncs: 0, operations: 0, requestBytes: [], runs: 0 };
  }

  // ---- test helpers (direct, not through the API) ----

  /** Adds a sheet holding `grid` at A1 as a user would paste it (strings interpreted unless textFormat). */
  addSheet(name: string, grid: Value[][] = [], options: { textFormat?: boolean; at?: string } = {}): FakeSheet {
    const sheet = this.createSheet(name);
    if (grid.length > 0) this.paste(name, options.at ?? "A1", grid, options);
    if (this.activeSheetId === "") this.activeSheetId = sheet.id;
    return sheet;
  }

  paste(sheetName: string, at: string, grid: Value[][], options: { textFormat?: boolean } = {}): void {
    const sheet = this.sheet(sheetName);
    const origin = parseAddress(at);
    if (!origin) throw new Error(`bad address ${at}`);
    grid.forEach((row, r) =>
      row.forEach((v, c) => {
        const cell = this.cellAt(sheet, origin.firstRow + r, origin.firstColumn + c, true);
        if (options.textFormat) cell.numberFormat = "@";
        writeValue(cell, v);
      }),
    );
  }

  setActive(sheetName: string): void {
    this.activeSheetId = this.sheet(sheetName).id;
  }

  select(sheetName: string, address: string): void {
    const r = parseAddress(address);
    if (!r) throw new Error(`bad address ${address}`);
    this.selection = { sheetId: this.sheet(sheetName).id, rect: plain(r) };
    this.selectionKind = "range";
    this.activeSheetId = this.sheet(sheetName).id;
  }

  /** Several separate areas selected ("A1:B5,D1:D5"); the first is the active one. */
  selectAreas(sheetName: string, addresses: string): void {
    const first = addresses.split(",")[0] ?? "";
    this.select(sheetName, first);
    this.selectionKind = "areas";
  }

  /** A chart, shape or picture selected on the sheet instead of cells. */
  selectObject(sheetName: string): void {
    this.select(sheetName, "A1");
    this.selectionKind = "object";
  }

  /** A person (or a co-author) deletes a sheet. */
  deleteSheet(sheetName: string): void {
    const s = this.sheet(sheetName);
    this.sheets = this.sheets.filter((x) => x !== s);
    this.names = this.names.filter((n) => n.sheetId !== s.id && n.scope !== s.id);
    this.tables = this.tables.filter((t) => t.sheetId !== s.id);
    if (this.activeSheetId === s.id) this.activeSheetId = this.sheets[0]?.id ?? "";
  }

  addTable(name: string, sheetName: string, address: string): void {
    const r = parseAddress(address);
    if (!r) throw new Error(`bad address ${address}`);
    this.tables.push({ name, sheetId: this.sheet(sheetName).id, rect: plain(r) });
  }

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`No sheet ${name}`);
    return s;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** The cell at an A1 address, or undefined when never touched. */
  cell(sheetName: string, address: string): FakeCell | undefined {
    const r = parseAddress(address);
    if (!r) throw new Error(`bad address ${address}`);
    return this.sheet(sheetName).cells.get(key(r.firstRow, r.firstColumn));
  }

  /** Values of a rectangle (or the whole used area from A1), "" for empty cells. */
  grid(sheetName: string, address?: string): Value[][] {
    const sheet = this.sheet(sheetName);
    const r = address ? parseAddress(address) : usedRect(sheet, true, true);
    if (!r) return [];
    const out: Value[][] = [];
    for (let row = r.firstRow; row <= r.lastRow; row++) {
      const line: Value[] = [];
      for (let col = r.firstColumn; col <= r.lastColumn; col++) line.push(sheet.cells.get(key(row, col))?.value ?? "");
      out.push(line);
    }
    return out;
  }

  /** The fill a cell shows: its conditional formats (first matching rule wins), else its own fill. */
  effectiveFill(sheetName: string, address: string): string | null {
    const sheet = this.sheet(sheetName);
    const at = parseAddress(address);
    if (!at) throw new Error(`bad address ${address}`);
    for (const cf of sheet.conditionalFormats) {
      if (!overlaps(cf.rect, at)) continue;
      if (cf.type === "Custom" && evaluateSimpleRule(sheet, cf, at.firstRow, at.firstColumn)) return cf.fill;
    }
    return sheet.cells.get(key(at.firstRow, at.firstColumn))?.fill ?? null;
  }

  createSheet(name: string): FakeSheet {
    if (!validSheetName(name)) throw new FakeExcelError("InvalidArgument", `The sheet name "${name}" is not valid.`);
    if (this.findSheet(name)) throw new FakeExcelError("ItemAlreadyExists", `A sheet called "${name}" already exists.`);
    const sheet: FakeSheet = {
      id: this.newId("sheet"),
      name,
      cells: new Map(),
      columnWidths: new Map(),
      hiddenColumns: new Set(),
      rowHeights: new Map(),
      pageBreaks: [],
      conditionalFormats: [],
      validations: [],
      merges: [],
      freeze: { rows: 0, columns: 0 },
      pageLayout: { orientation: null, zoom: null, printTitleRows: null, printTitleColumns: null, printArea: null, headerFooter: {} },
      charts: [],
      tabColor: "",
    };
    this.sheets.push(sheet);
    return sheet;
  }

  cellAt(sheet: FakeSheet, row: number, column: number, create: true): FakeCell;
  cellAt(sheet: FakeSheet, row: number, column: number, create: false): FakeCell | undefined;
  cellAt(sheet: FakeSheet, row: number, column: number, create: boolean): FakeCell | undefined {
    const k = key(row, column);
    let cell = sheet.cells.get(k);
    if (!cell && create) {
      cell = blankCell();
      sheet.cells.set(k, cell);
    }
    return cell;
  }

  isSetSupported(name: string, version?: string): boolean {
    const have = this.requirementSets[name];
    if (have === undefined) return false;
    return version === undefined || versionAtLeast(have, version);
  }

  async run<T>(optionsOrBatch: unknown, maybeBatch?: (context: FakeContext) => Promise<T>): Promise<T> {
    return this.runIn(this.primary, optionsOrBatch, maybeBatch);
  }

  /**
   * A second person editing the same workbook (Excel on the web co-authoring): sheets are shared, and the
   * settings are seen through the session's own copy, brought up to date when one of its batches starts.
   * Pass `coauthor.run` to createOfficeGateway({ run }) to act as that person.
   */
  coauthor(): FakeSession {
    const session = new FakeSession(this);
    this.sessions.push(session);
    return session;
  }

  /** Called by a sync that changed a setting: the other sessions hear of it (onSettingsChanged), after the sync. */
  settingsChangedBy(from: FakeSession): void {
    for (const session of this.sessions) {
      if (session === from || session.handlers.size === 0) continue;
      for (const handler of [...session.handlers]) {
        void Promise.resolve().then(() => {
          session.refresh();
          return handler({ type: "SettingsChanged", settings: new FakeContext(this, session).workbook.settings });
        });
      }
    }
  }

  async runIn<T>(session: FakeSession, optionsOrBatch: unknown, maybeBatch?: (context: FakeContext) => Promise<T>): Promise<T> {
    const batch = (typeof optionsOrBatch === "function" ? optionsOrBatch : maybeBatch) as (context: FakeContext) => Promise<T>;
    if (typeof optionsOrBatch !== "function") this.runOptions.push(optionsOrBatch);
    this.stats.runs++;
    session.refresh();
    const context = new FakeContext(this, session);
    const result = await batch(context);
    // Excel.run sends whatever is still queued when the batch returns.
    if (context.pending() > 0) await context.sync();
    return result;
  }

  /** Puts `Excel` and `Office` on globalThis; returns a function that removes them. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const previous = { Excel: g.Excel, Office: g.Office };
    g.Excel = {
      run: (a: unknown, b?: (context: FakeContext) => Promise<unknown>) => this.run(a, b),
      ConditionalFormatType: { custom: "Custom" },
      ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
    };
    g.Office = {
      HostType: { Excel: "Excel", Word: "Word" },
      context: {
        host: this.host,
        requirements: { isSetSupported: (name: string, version?: string) => this.isSetSupported(name, version) },
      },
    };
    return () => {
      g.Excel = previous.Excel;
      g.Office = previous.Office;
    };
  }
}

/** "1.12" is at least "1.9": requirement-set versions compare number by number. */
export function versionAtLeast(have: string, want: string): boolean {
  const [hm = 0, hn = 0] = have.split(".").map(Number);
  const [wm = 0, wn = 0] = want.split(".").map(Number);
  return hm > wm || (hm === wm && hn >= wn);
}

function writeValue(cell: FakeCell, v: Value | null, how: "typed" | "api" = "typed"): void {
  if (v === null) return; // Office.js ignores null entries in an update
  if (typeof v === "string") {
    if (v.length > excelLimits.cellText) {
      throw new FakeExcelError("InvalidArgument", `A cell holds at most ${excelLimits.cellText} characters; this text has ${v.length}.`);
    }
    if (cell.numberFormat === "@") {
      cell.value = v;
      cell.formula = null;
      return;
    }
    const interpreted = interpret(v, how);
    cell.value = interpreted.value;
    cell.formula = interpreted.formula;
    return;
  }
  cell.value = v;
  cell.formula = null;
}

function usedRectWithin(sheet: FakeSheet, valuesOnly: boolean, within: CellRect): CellRect | null {
  let r: CellRect | null = null;
  for (const [k, cell] of sheet.cells) {
    const counts = cell.value !== "" || cell.formula !== null || (!valuesOnly && hasFormat(cell));
    if (!counts) continue;
    const row = rowOf(k);
    const col = columnOf(k);
    if (row < within.firstRow || row > within.lastRow || col < within.firstColumn || col > within.lastColumn) continue;
    if (!r) r = { firstRow: row, lastRow: row, firstColumn: col, lastColumn: col };
    else {
      r.firstRow = Math.min(r.firstRow, row);
      r.lastRow = Math.max(r.lastRow, row);
      r.firstColumn = Math.min(r.firstColumn, col);
      r.lastColumn = Math.max(r.lastColumn, col);
    }
  }
  return r;
}

function usedRect(sheet: FakeSheet, valuesOnly: boolean, fromA1 = false): CellRect | null {
  let r: CellRect | null = null;
  for (const [k, cell] of sheet.cells) {
    const counts = cell.value !== "" || cell.formula !== null || (!valuesOnly && hasFormat(cell));
    if (!counts) continue;
    const row = rowOf(k);
    const col = columnOf(k);
    if (!r) r = { firstRow: row, lastRow: row, firstColumn: col, lastColumn: col };
    else {
      r.firstRow = Math.min(r.firstRow, row);
      r.lastRow = Math.max(r.lastRow, row);
      r.firstColumn = Math.min(r.firstColumn, col);
      r.lastColumn = Math.max(r.lastColumn, col);
    }
  }
  if (r && fromA1) return { ...r, firstRow: 0, firstColumn: 0 };
  return r;
}

/** Evaluates `=$T2="text"` (relative to the rule's top-left cell), the only rule shape tests rely on. */
function evaluateSimpleRule(sheet: FakeSheet, cf: FakeConditionalFormat, row: number, column: number): boolean {
  const m = /^=(\$?)([A-Z]{1,3})(\$?)(\d+)="((?:[^"]|"")*)"$/.exec(cf.formula);
  if (!m) return false;
  const ref = parseAddress(`${m[2]}${m[4]}`);
  if (!ref) return false;
  const refRow = m[3] === "$" ? ref.firstRow : ref.firstRow + (row - cf.rect.firstRow);
  const refCol = m[1] === "$" ? ref.firstColumn : ref.firstColumn + (column - cf.rect.firstColumn);
  const v = sheet.cells.get(key(refRow, refCol))?.value ?? "";
  return String(v).toLowerCase() === (m[5] ?? "").replace(/""/g, '"').toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// The request context and proxies.

interface Op {
  bytes: number;
  /** Runs the operation; returns the response size in bytes (loads), or 0. */
  run: () => number;
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  private queue: Op[] = [];

  constructor(
    readonly host: FakeExcel,
    readonly session: FakeSession = host.primary,
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  enqueue(bytes: number, run: () => number | void): void {
    this.host.stats.operations++;
    this.queue.push({ bytes: bytes + callOverheadBytes, run: () => run() ?? 0 });
  }

  pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.host.stats.syncs++;
    if (this.session === this.host.primary && this.host.betweenSyncs) {
      // The other party's own batch runs in its own session, without calling this hook again.
      const hook = this.host.betweenSyncs;
      this.host.betweenSyncs = null;
      try {
        await hook(this.host.stats.syncs);
      } finally {
        if (this.host.betweenSyncs === null) this.host.betweenSyncs = hook;
      }
    }
    const requestBytes = ops.reduce((sum, op) => sum + op.bytes, 0);
    this.host.stats.requestBytes.push(requestBytes);
    if (this.host.enforcePayloadLimit && requestBytes > this.host.requestLimitBytes) {
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    let responseBytes = 0;
    for (const op of ops) {
      responseBytes += op.run();
    }
    if (this.host.enforcePayloadLimit && responseBytes > this.host.responseLimitBytes) {
      throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
    await Promise.resolve();
  }
}

function notLoaded(prop: string): Error {
  return new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function itemNotFound(what: string): FakeExcelError {
  return new FakeExcelError("ItemNotFound", `The requested resource doesn't exist: ${what}.`);
}

abstract class FakeProxy<M> {
  protected loaded = new Map<string, unknown>();
  private cached: M | null | undefined;

  constructor(
    readonly context: FakeContext,
    private readonly resolver: () => M | null,
    private readonly nullable = false,
    private readonly description = "item",
  ) {}

  /** Resolved on first use, then fixed, like an Office.js object reference. */
  protected resolveOrNull(): M | null {
    if (this.cached === undefined) {
      const m = this.resolver();
      if (m === null && !this.nullable) throw itemNotFound(this.description);
      if (m !== null) this.cached = m;
      return m;
    }
    return this.cached;
  }

  protected resolve(): M {
    const m = this.resolveOrNull();
    if (m === null) throw itemNotFound(this.description);
    return m;
  }

  protected get host(): FakeExcel {
    return this.context.host;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }

  get isNullObject(): boolean {
    return this.read<boolean>("isNullObject");
  }

  load(props?: string | string[] | { select?: string }): this {
    const list = parseProps(props);
    this.context.enqueue(40, () => {
      const m = this.resolveOrNull();
      this.loaded.set("isNullObject", m === null);
      if (m === null) return 20;
      const snapshot = this.snapshot(m, list);
      let size = 0;
      for (const [k, v] of Object.entries(snapshot)) {
        this.loaded.set(k, v);
        // Collection items are proxies: count them as a small object each.
        size += k.length + (k === "items" && Array.isArray(v) ? v.length * 60 : jsonSize(v));
      }
      return size;
    });
    return this;
  }

  /** Values of the loaded properties (all scalar ones when none is named). */
  protected abstract snapshot(model: M, props: string[]): Record<string, unknown>;

  protected queue(bytes: number, apply: (model: M) => void): void {
    this.context.enqueue(bytes, () => {
      apply(this.resolve());
    });
  }
}

// ---- Workbook ----

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly settings: FakeSettingCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;

  constructor(readonly context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.settings = new FakeSettingCollection(context);
    this.tables = new FakeTableCollection(context);
    this.names = new FakeNamedItemCollection(context, () => null);
  }

  /** ExcelApi 1.7: the active cell (here the selection's top-left cell, or A1 of the active sheet). */
  getActiveCell(): FakeRange {
    const host = this.context.host;
    return new FakeRange(this.context, () => {
      const sheet = host.sheetById(host.selection?.sheetId ?? host.activeSheetId);
      if (!sheet) return null;
      const at = host.selection?.rect ?? { firstRow: 0, firstColumn: 0 };
      return { sheet, rect: { firstRow: at.firstRow, firstColumn: at.firstColumn, lastRow: at.firstRow, lastColumn: at.firstColumn } };
    });
  }

  getSelectedRange(): FakeRange {
    const host = this.context.host;
    return new FakeRange(this.context, () => {
      if (host.selectionKind !== "range") {
        throw new FakeExcelError("InvalidSelection", "The current selection is invalid for this operation.");
      }
      if (!host.selection) {
        const sheet = host.sheetById(host.activeSheetId);
        return sheet ? { sheet, rect: { firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0 } } : null;
      }
      const sheet = host.sheetById(host.selection.sheetId);
      return sheet ? { sheet, rect: host.selection.rect } : null;
    });
  }
}

// ---- Settings ----

type SettingsChangedHandler = (args: { type: string; settings: FakeSettingCollection }) => unknown;

class FakeSettingCollection extends FakeProxy<FakeSession> {
  constructor(context: FakeContext) {
    super(context, () => context.session);
  }

  get items(): FakeSetting[] {
    return this.read("items");
  }

  protected snapshot(session: FakeSession, props: string[]): Record<string, unknown> {
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = [...session.settings.keys()].map((k) => {
      const proxy = new FakeSetting(this.context, k, false);
      proxy.preload(k, itemProps);
      return proxy;
    });
    return { items };
  }

  add(key: string, value: unknown): FakeSetting {
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    this.context.enqueue(40 + key.length + jsonSize(value), () => {
      const host = this.context.host;
      // The document keeps an add-in's settings within ~2 MB (src/core/report/excelLimits.ts).
      const after = new Map(host.settings);
      after.set(key, copy);
      const bytes = settingsBytes(after);
      if (bytes > excelLimits.settingsBytes) {
        throw new FakeExcelError("GeneralException", `The add-in's settings would take ${bytes} bytes, over the ${excelLimits.settingsBytes} allowed.`);
      }
      host.settings.set(key, copy);
      this.context.session.settings.set(key, JSON.parse(JSON.stringify(copy)) as unknown);
      host.settingsChangedBy(this.context.session);
    });
    return new FakeSetting(this.context, key, false);
  }

  getItem(key: string): FakeSetting {
    return new FakeSetting(this.context, key, false);
  }

  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.context, key, true);
  }

  /** ExcelApi 1.4. Raised in the OTHER sessions when one session's sync changes a setting (co-authoring). */
  get onSettingsChanged(): { add: (handler: SettingsChangedHandler) => { remove: () => void } } {
    const session = this.context.session;
    return {
      add: (handler) => {
        this.context.enqueue(40, () => {
          session.handlers.add(handler);
        });
        return {
          remove: () =>
            this.context.enqueue(40, () => {
              session.handlers.delete(handler);
            }),
        };
      },
    };
  }
}

class FakeSetting extends FakeProxy<{ key: string }> {
  constructor(context: FakeContext, readonly settingKey: string, nullable: boolean) {
    super(context, () => (context.session.settings.has(settingKey) ? { key: settingKey } : null), nullable, `setting ${settingKey}`);
  }

  preload(k: string, props: string[]): void {
    for (const [p, v] of Object.entries(this.snapshot({ key: k }))) if (props.length === 0 || props.includes(p)) this.loaded.set(p, v);
    this.loaded.set("isNullObject", false);
  }

  get value(): unknown {
    return this.read("value");
  }

  get key(): string {
    return this.settingKey;
  }

  protected snapshot(model: { key: string }): Record<string, unknown> {
    return { value: JSON.parse(JSON.stringify(this.context.session.settings.get(model.key) ?? null)) as unknown, key: model.key };
  }

  delete(): void {
    this.queue(40, (m) => {
      this.host.settings.delete(m.key);
      this.context.session.settings.delete(m.key);
      this.host.settingsChangedBy(this.context.session);
    });
  }
}

// ---- Worksheets ----

class FakeWorksheetCollection extends FakeProxy<FakeExcel> {
  constructor(context: FakeContext) {
    super(context, () => context.host);
  }

  get items(): FakeWorksheet[] {
    return this.read<FakeWorksheet[]>("items");
  }

  protected snapshot(host: FakeExcel, props: string[]): Record<string, unknown> {
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = host.sheets.map((s) => {
      const w = new FakeWorksheet(this.context, () => s);
      w.preload(s, itemProps);
      return w;
    });
    return { items };
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.host.sheetById(this.host.activeSheetId) ?? null);
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.host.findSheet(name) ?? this.host.sheetById(name) ?? null, false, `worksheet ${name}`);
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.host.findSheet(name) ?? this.host.sheetById(name) ?? null, true, `worksheet ${name}`);
  }

  add(name?: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.context.enqueue(60 + (name?.length ?? 0), () => {
      let wanted = name;
      if (wanted === undefined) {
        let n = this.host.sheets.length + 1;
        while (this.host.findSheet(`Sheet${n}`)) n++;
        wanted = `Sheet${n}`;
      }
      created = this.host.createSheet(wanted);
    });
    return new FakeWorksheet(this.context, () => created, false, `new worksheet ${name ?? ""}`);
  }
}

export class FakeWorksheet extends FakeProxy<FakeSheet> {
  constructor(context: FakeContext, resolver: () => FakeSheet | null, nullable = false, description = "worksheet") {
    super(context, resolver, nullable, description);
  }

  /** Fills loaded properties directly (for collection items loaded with the collection). */
  preload(sheet: FakeSheet, props: string[]): void {
    const snap = this.snapshot(sheet, props);
    for (const [k, v] of Object.entries(snap)) this.loaded.set(k, v);
    this.loaded.set("isNullObject", false);
  }

  protected snapshot(s: FakeSheet, props: string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      name: s.name,
      id: s.id,
      position: this.host.sheets.indexOf(s),
      tabColor: s.tabColor,
      visibility: s.visibility ?? "Visible",
    };
    if (props.length === 0) return all;
    return Object.fromEntries(props.filter((p) => p in all).map((p) => [p, all[p]]));
  }

  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.queue(40, (s) => {
      if (!validSheetName(value)) throw new FakeExcelError("InvalidArgument", `Bad sheet name ${value}`);
      s.name = value;
    });
  }
  get id(): string {
    return this.read("id");
  }
  get position(): number {
    return this.read("position");
  }
  get tabColor(): string {
    return this.read("tabColor");
  }
  set tabColor(value: string) {
    this.queue(40, (s) => {
      s.tabColor = value;
    });
  }
  get visibility(): string {
    return this.read("visibility");
  }
  /** As Excel: a workbook keeps at least one visible sheet (hiding the last one fails). */
  set visibility(value: string) {
    this.queue(40, (s) => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(value)) throw new FakeExcelError("InvalidArgument", `Bad visibility ${value}`);
      const others = this.host.sheets.filter((other) => other !== s && (other.visibility ?? "Visible") === "Visible");
      if (value !== "Visible" && others.length === 0) throw new FakeExcelError("InvalidOperation", "A workbook must keep at least one visible sheet.");
      s.visibility = value;
    });
  }

  activate(): void {
    this.queue(30, (s) => {
      this.host.activeSheetId = s.id;
    });
  }

  delete(): void {
    this.queue(30, (s) => {
      const host = this.host;
      host.sheets = host.sheets.filter((x) => x !== s);
      host.names = host.names.filter((n) => n.sheetId !== s.id && n.scope !== s.id);
      host.tables = host.tables.filter((t) => t.sheetId !== s.id);
      if (host.activeSheetId === s.id) host.activeSheetId = host.sheets[0]?.id ?? "";
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.resolve();
      if (address === undefined || address === "") {
        return { sheet, rect: { firstRow: 0, firstColumn: 0, lastRow: 1_048_575, lastColumn: 16_383 } };
      }
      const r = parseAddress(address);
      if (!r) throw new FakeExcelError("InvalidArgument", `The address "${address}" is not valid.`);
      return { sheet, rect: plain(r) };
    });
  }

  /** ExcelApi 1.9: several rectangles of this sheet, "A1:B4, D1:D4" (Excel's list separator in addresses is a comma). */
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(() => {
      const rects = address.split(",").map((part) => {
        const r = parseAddress(part.trim());
        if (!r || r.sheetName !== null) throw new FakeExcelError("InvalidArgument", `The address "${address}" is not valid.`);
        return plain(r);
      });
      return { sheet: this.resolve(), rects };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.context, () => {
      if (rowCount < 1 || columnCount < 1) throw new FakeExcelError("InvalidArgument", "Empty range.");
      return {
        sheet: this.resolve(),
        rect: { firstRow: startRow, firstColumn: startColumn, lastRow: startRow + rowCount - 1, lastColumn: startColumn + columnCount - 1 },
      };
    });
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.resolve();
      return { sheet, rect: usedRect(sheet, valuesOnly) ?? { firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.resolve();
        const r = usedRect(sheet, valuesOnly);
        return r ? { sheet, rect: r } : null;
      },
      true,
    );
  }

  get names(): FakeNamedItemCollection {
    return new FakeNamedItemCollection(this.context, () => this.resolve());
  }

  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this);
  }

  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this);
  }

  /** ExcelApi 1.9: manual page breaks, each before the top row of the range given. */
  get horizontalPageBreaks(): { add: (range: FakeRange | string) => void; removePageBreaks: () => void } {
    return {
      add: (range: FakeRange | string) =>
        this.queue(40, (s) => {
          const rect = typeof range === "string" ? parseAddress(range) : range.model().rect;
          if (!rect) throw new FakeExcelError("InvalidArgument", `The address "${String(range)}" is not valid.`);
          if (!s.pageBreaks.includes(rect.firstRow)) s.pageBreaks.push(rect.firstRow);
        }),
      removePageBreaks: () =>
        this.queue(30, (s) => {
          s.pageBreaks = [];
        }),
    };
  }

  get charts(): FakeChartCollection {
    return new FakeChartCollection(this.context, () => this.resolve());
  }

  /** For helpers in this file. */
  sheetModel(): FakeSheet {
    return this.resolve();
  }
}

// ---- Ranges ----

interface RangeModel {
  sheet: FakeSheet;
  rect: CellRect;
}

/** A RangeAreas: rectangles of one sheet, resolved when used (as Excel resolves them at sync). */
export class FakeRangeAreas {
  constructor(readonly resolveAreas: () => { sheet: FakeSheet; rects: CellRect[] }) {}
}

export class FakeRange extends FakeProxy<RangeModel> {
  constructor(context: FakeContext, resolver: () => RangeModel | null, nullable = false) {
    super(context, resolver, nullable, "range");
  }

  model(): RangeModel {
    return this.resolve();
  }

  protected snapshot(m: RangeModel, props: string[]): Record<string, unknown> {
    const wanted = props.length > 0 ? props : ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "values", "numberFormat"];
    const out: Record<string, unknown> = {};
    const { sheet, rect } = m;
    for (const p of wanted) {
      switch (p) {
        case "address":
          out.address = `${quoteSheetName(sheet.name)}!${rectAddress(rect)}`;
          break;
        case "rowIndex":
          out.rowIndex = rect.firstRow;
          break;
        case "columnIndex":
          out.columnIndex = rect.firstColumn;
          break;
        case "rowCount":
          out.rowCount = rect.lastRow - rect.firstRow + 1;
          break;
        case "columnCount":
          out.columnCount = rect.lastColumn - rect.firstColumn + 1;
          break;
        case "values":
        case "numberFormat":
        case "formulas": {
          // Documented (Excel JavaScript API performance): a range read is limited to five million cells;
          // above it Range.values (and numberFormat, formulas) can come back null instead of the grid.
          if (area(rect) > excelLimits.readCells) {
            out[p] = null;
            break;
          }
          const grid: unknown[][] = [];
          for (let r = rect.firstRow; r <= rect.lastRow; r++) {
            const line: unknown[] = [];
            for (let c = rect.firstColumn; c <= rect.lastColumn; c++) {
              const cell = sheet.cells.get(key(r, c));
              if (p === "values") line.push(cell?.value ?? "");
              else if (p === "numberFormat") line.push(cell?.numberFormat ?? "General");
              else line.push(cell?.formula ?? cell?.value ?? "");
            }
            grid.push(line);
          }
          out[p] = grid;
          break;
        }
        default:
          throw new FakeExcelError("InvalidArgument", `The fake does not load Range.${p}.`);
      }
    }
    return out;
  }

  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get values(): Value[][] {
    return this.read("values");
  }
  set values(grid: (Value | null)[][]) {
    this.queue(jsonSize(grid) + 40, ({ sheet, rect }) => {
      checkDimensions(rect, grid);
      grid.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null) return;
          writeValue(this.host.cellAt(sheet, rect.firstRow + r, rect.firstColumn + c, true), v, "api");
        }),
      );
    });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(grid: (string | null)[][]) {
    this.queue(jsonSize(grid) + 40, ({ sheet, rect }) => {
      checkDimensions(rect, grid);
      grid.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f === null) return;
          this.host.cellAt(sheet, rect.firstRow + r, rect.firstColumn + c, true).numberFormat = f === "" ? "General" : f;
        }),
      );
    });
  }
  get formulas(): Value[][] {
    return this.read("formulas");
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.resolve().sheet);
  }

  /** ExcelApi 1.4: the used cells within this range, or a null object when none. */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const { sheet, rect } = this.resolve();
        const used = usedRect(sheet, valuesOnly);
        if (!used) return null;
        const r = {
          firstRow: Math.max(rect.firstRow, used.firstRow),
          lastRow: Math.min(rect.lastRow, used.lastRow),
          firstColumn: Math.max(rect.firstColumn, used.firstColumn),
          lastColumn: Math.min(rect.lastColumn, used.lastColumn),
        };
        if (r.firstRow > r.lastRow || r.firstColumn > r.lastColumn) return null;
        // The used range within r: shrink to the cells that count.
        const inside = usedRectWithin(sheet, valuesOnly, r);
        return inside ? { sheet, rect: inside } : null;
      },
      true,
    );
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this);
  }

  /** ExcelApi 1.1: the whole columns this range spans. */
  getEntireColumn(): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, rect } = this.resolve();
      return { sheet, rect: { firstRow: 0, lastRow: sheetRows - 1, firstColumn: rect.firstColumn, lastColumn: rect.lastColumn } };
    });
  }

  /**
   * ExcelApi 1.2. Strict, as VBA's Range.Hidden documents: only whole columns are hidden or shown; a
   * range that is not whole columns is refused.
   */
  set columnHidden(hidden: boolean) {
    this.queue(40, ({ sheet, rect }) => {
      if (rect.firstRow !== 0 || rect.lastRow !== sheetRows - 1) {
        throw new FakeExcelError("InvalidArgument", "columnHidden is set on whole columns (getEntireColumn) in this fake.");
      }
      for (let c = rect.firstColumn; c <= rect.lastColumn; c++) {
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
    });
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, () => this.resolve());
  }

  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this);
  }

  /** Applies `apply` to every cell of the range (creating cells), for formats. */
  eachCell(apply: (cell: FakeCell) => void, bytes = 40): void {
    this.queue(bytes, ({ sheet, rect }) => {
      if (area(rect) > 3_000_000) throw new FakeExcelError("RangeExceedsLimit", "The fake refuses to format more than 3,000,000 cells at once.");
      for (let r = rect.firstRow; r <= rect.lastRow; r++)
        for (let c = rect.firstColumn; c <= rect.lastColumn; c++) apply(this.host.cellAt(sheet, r, c, true));
    });
  }

  /** ExcelApi 1.9: one entry per row of the range, in order (here only the row height is modelled). */
  setRowProperties(rows: { format?: { rowHeight?: number; useStandardHeight?: boolean } }[]): void {
    this.queue(40 + jsonSize(rows), ({ sheet, rect }) => {
      if (rows.length !== rect.lastRow - rect.firstRow + 1) {
        throw new FakeExcelError("InvalidArgument", "setRowProperties needs one entry per row of the range.");
      }
      rows.forEach((row, i) => {
        const height = row.format?.rowHeight;
        if (height !== undefined) {
          if (!(height >= 0 && height <= 409)) throw new FakeExcelError("InvalidArgument", `A row height of ${height} is out of range.`);
          sheet.rowHeights.set(rect.firstRow + i, height);
        } else if (row.format?.useStandardHeight) sheet.rowHeights.delete(rect.firstRow + i);
      });
    });
  }

  clear(applyTo: string = "All"): void {
    this.queue(40, ({ sheet, rect }) => {
      const keys = area(rect) > sheet.cells.size ? [...sheet.cells.keys()] : cellKeys(rect);
      for (const k of keys) {
        const cell = sheet.cells.get(k);
        if (!cell || !overlaps(rect, { firstRow: rowOf(k), lastRow: rowOf(k), firstColumn: columnOf(k), lastColumn: columnOf(k) })) continue;
        if (applyTo === "All" || applyTo === "Contents") {
          cell.value = "";
          cell.formula = null;
        }
        if (applyTo === "All" || applyTo === "Formats") {
          const b = blankCell();
          Object.assign(cell, { ...b, value: cell.value, formula: cell.formula });
        }
        if (cell.value === "" && cell.formula === null && !hasFormat(cell)) sheet.cells.delete(k);
      }
    });
  }

  merge(across = false): void {
    this.queue(40, ({ sheet, rect }) => {
      if (across) {
        for (let r = rect.firstRow; r <= rect.lastRow; r++) sheet.merges.push({ ...rect, firstRow: r, lastRow: r });
      } else sheet.merges.push({ ...rect });
    });
  }

  unmerge(): void {
    this.queue(40, ({ sheet, rect }) => {
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
    });
  }

  select(): void {
    this.queue(30, ({ sheet, rect }) => {
      if (this.host.activeSheetId !== sheet.id) {
        throw new FakeExcelError("InvalidSelection", "The range to select is not on the active sheet.");
      }
      this.host.selection = { sheetId: sheet.id, rect };
    });
  }
}

function cellKeys(rect: CellRect): number[] {
  const keys: number[] = [];
  for (let r = rect.firstRow; r <= rect.lastRow; r++) for (let c = rect.firstColumn; c <= rect.lastColumn; c++) keys.push(key(r, c));
  return keys;
}

function checkDimensions(rect: CellRect, grid: readonly (readonly unknown[])[]): void {
  const rows = rect.lastRow - rect.firstRow + 1;
  const cols = rect.lastColumn - rect.firstColumn + 1;
  if (grid.length !== rows || grid.some((row) => row.length !== cols)) {
    throw new FakeExcelError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
}

/** Excel's standard column width (8.43 characters of Calibri 11) in points, for a column never sized. */
export const standardColumnWidth = 48;

class FakeRangeFormat {
  private loadedWidth: { width: number; standard: boolean } | undefined;
  constructor(private readonly range: FakeRange) {}

  /**
   * Only `columnWidth` (ExcelApi 1.1) and `useStandardWidth` (1.2) are modelled, of one column: a hidden
   * column's width reads 0, one never sized reads the standard width.
   */
  load(props: string): this {
    const list = props.split(",").map((p) => p.trim());
    for (const p of list) if (p !== "columnWidth" && p !== "useStandardWidth") throw new FakeExcelError("InvalidArgument", `The fake does not load RangeFormat.${p}.`);
    this.range.context.enqueue(40, () => {
      const { sheet, rect } = this.range.model();
      const set = sheet.columnWidths.get(rect.firstColumn);
      this.loadedWidth = { width: sheet.hiddenColumns.has(rect.firstColumn) ? 0 : (set ?? standardColumnWidth), standard: set === undefined };
      return 30;
    });
    return this;
  }

  get columnWidth(): number {
    if (this.loadedWidth === undefined) throw notLoaded("columnWidth");
    return this.loadedWidth.width;
  }

  get useStandardWidth(): boolean {
    if (this.loadedWidth === undefined) throw notLoaded("useStandardWidth");
    return this.loadedWidth.standard;
  }

  /** ExcelApi 1.2: true gives the columns the sheet's standard width again. */
  set useStandardWidth(value: boolean) {
    const range = this.range;
    range.context.enqueue(40, () => {
      const { sheet, rect } = range.model();
      if (!value) return;
      for (let c = rect.firstColumn; c <= rect.lastColumn; c++) sheet.columnWidths.delete(c);
    });
  }

  get fill(): { color: string; clear: () => void } {
    const range = this.range;
    return {
      set color(value: string) {
        range.eachCell((c) => {
          c.fill = value;
        });
      },
      get color(): string {
        throw notLoaded("color");
      },
      clear: () =>
        range.eachCell((c) => {
          c.fill = null;
        }),
    };
  }

  get font(): { color: string; bold: boolean; italic: boolean; size: number; name: string } {
    const range = this.range;
    return {
      set color(value: string) {
        range.eachCell((c) => {
          c.fontColor = value;
        });
      },
      set bold(value: boolean) {
        range.eachCell((c) => {
          c.bold = value;
        });
      },
      set italic(value: boolean) {
        range.eachCell((c) => {
          c.italic = value;
        });
      },
      set size(value: number) {
        range.eachCell((c) => {
          c.fontSize = value;
        });
      },
      set name(_value: string) {
        range.eachCell(() => undefined);
      },
      get color(): string {
        throw notLoaded("color");
      },
      get bold(): boolean {
        throw notLoaded("bold");
      },
      get italic(): boolean {
        throw notLoaded("italic");
      },
      get size(): number {
        throw notLoaded("size");
      },
      get name(): string {
        throw notLoaded("name");
      },
    };
  }

  set wrapText(value: boolean) {
    this.range.eachCell((c) => {
      c.wrap = value;
    });
  }

  set horizontalAlignment(value: string) {
    this.range.eachCell((c) => {
      c.horizontal = value;
    });
  }

  set verticalAlignment(value: string) {
    this.range.eachCell((c) => {
      c.vertical = value;
    });
  }

  set rowHeight(points: number) {
    const range = this.range;
    range.context.enqueue(40, () => {
      const { sheet, rect } = range.model();
      if (!(points >= 0 && points <= 409)) throw new FakeExcelError("InvalidArgument", `A row height of ${points} is out of range.`);
      for (let r = rect.firstRow; r <= rect.lastRow; r++) sheet.rowHeights.set(r, points);
    });
  }

  set useStandardHeight(value: boolean) {
    const range = this.range;
    range.context.enqueue(40, () => {
      const { sheet, rect } = range.model();
      if (!value) return;
      for (const r of [...sheet.rowHeights.keys()]) if (r >= rect.firstRow && r <= rect.lastRow) sheet.rowHeights.delete(r);
    });
  }

  set columnWidth(points: number) {
    const range = this.range;
    range.context.enqueue(40, () => {
      const { sheet, rect } = range.model();
      for (let c = rect.firstColumn; c <= rect.lastColumn; c++) sheet.columnWidths.set(c, points);
    });
  }

  get borders(): { getItem: (edge: string) => { style: string; color: string } } {
    const range = this.range;
    return {
      getItem: () => ({
        set style(value: string) {
          range.eachCell((c) => {
            c.border = value !== "None";
          });
        },
        set color(_value: string) {
          range.eachCell(() => undefined);
        },
        get style(): string {
          throw notLoaded("style");
        },
        get color(): string {
          throw notLoaded("color");
        },
      }),
    };
  }

  autofitColumns(): void {
    this.range.eachCell(() => undefined);
  }
}

// ---- Conditional formats ----

class FakeConditionalFormatCollection extends FakeProxy<RangeModel> {
  constructor(context: FakeContext, resolver: () => RangeModel | null) {
    super(context, resolver, false, "range");
  }

  get items(): FakeConditionalFormatProxy[] {
    return this.read("items");
  }

  protected snapshot(m: RangeModel, props: string[]): Record<string, unknown> {
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = m.sheet.conditionalFormats
      .filter((cf) => overlaps(cf.rect, m.rect))
      .map((cf) => {
        const proxy = new FakeConditionalFormatProxy(this.context, () => (m.sheet.conditionalFormats.includes(cf) ? { sheet: m.sheet, cf } : null));
        proxy.preload({ sheet: m.sheet, cf }, itemProps);
        return proxy;
      });
    return { items, count: items.length };
  }

  add(type: string): FakeConditionalFormatProxy {
    let created: { sheet: FakeSheet; cf: FakeConditionalFormat } | null = null;
    this.context.enqueue(50, () => {
      const { sheet, rect } = this.resolve();
      if (type !== "Custom") throw new FakeExcelError("InvalidArgument", `The fake supports custom rules only, not ${type}.`);
      const cf: FakeConditionalFormat = { id: this.host.newId("cf"), rect: { ...rect }, type, formula: "", fill: null, fontColor: null, bold: null };
      sheet.conditionalFormats.push(cf);
      created = { sheet, cf };
    });
    return new FakeConditionalFormatProxy(this.context, () => created);
  }

  clearAll(): void {
    this.queue(40, (m) => {
      m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((cf) => !overlaps(cf.rect, m.rect));
    });
  }
}

interface CfModel {
  sheet: FakeSheet;
  cf: FakeConditionalFormat;
}

class FakeConditionalFormatProxy extends FakeProxy<CfModel> {
  constructor(context: FakeContext, resolver: () => CfModel | null) {
    super(context, resolver, false, "conditional format");
  }

  preload(m: CfModel, props: string[]): void {
    for (const [k, v] of Object.entries(this.snapshot(m, props))) this.loaded.set(k, v);
    this.loaded.set("isNullObject", false);
  }

  protected snapshot(m: CfModel, props: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of props.length ? props : ["type", "id"]) {
      if (p === "type") out.type = m.cf.type;
      else if (p === "id") out.id = m.cf.id;
      else if (p === "priority") out.priority = m.sheet.conditionalFormats.indexOf(m.cf);
      else throw new FakeExcelError("InvalidArgument", `The fake does not load ConditionalFormat.${p}; load custom/rule separately.`);
    }
    return out;
  }

  get type(): string {
    return this.read("type");
  }
  get id(): string {
    return this.read("id");
  }

  get custom(): FakeCustomConditionalFormat {
    return new FakeCustomConditionalFormat(this);
  }

  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const m = this.resolve();
      return { sheet: m.sheet, rect: m.cf.rect };
    });
  }

  delete(): void {
    this.queue(40, (m) => {
      m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((cf) => cf !== m.cf);
    });
  }

  /** For the nested proxies below. */
  modelOf(): CfModel {
    const m = this.resolve();
    if (m.cf.type !== "Custom") throw new FakeExcelError("InvalidOperation", "This conditional format is not a custom rule.");
    return m;
  }
}

class FakeCustomConditionalFormat {
  readonly rule: FakeCfRule;
  constructor(private readonly parent: FakeConditionalFormatProxy) {
    this.rule = new FakeCfRule(parent);
  }

  get format(): { fill: { color: string }; font: { color: string; bold: boolean } } {
    const parent = this.parent;
    const set = (apply: (cf: FakeConditionalFormat) => void) =>
      parent.context.enqueue(40, () => {
        apply(parent.modelOf().cf);
      });
    return {
      fill: {
        set color(value: string) {
          set((cf) => {
            cf.fill = value;
          });
        },
        get color(): string {
          throw notLoaded("color");
        },
      },
      font: {
        set color(value: string) {
          set((cf) => {
            cf.fontColor = value;
          });
        },
        set bold(value: boolean) {
          set((cf) => {
            cf.bold = value;
          });
        },
        get color(): string {
          throw notLoaded("color");
        },
        get bold(): boolean {
          throw notLoaded("bold");
        },
      },
    };
  }
}

class FakeCfRule extends FakeProxy<CfModel> {
  constructor(private readonly parent: FakeConditionalFormatProxy) {
    super(parent.context, () => parent.modelOf());
  }

  protected snapshot(m: CfModel): Record<string, unknown> {
    return { formula: m.cf.formula };
  }

  get formula(): string {
    return this.read("formula");
  }
  set formula(value: string) {
    this.context.enqueue(40 + value.length, () => {
      this.parent.modelOf().cf.formula = value;
    });
  }
}

// ---- Data validation ----

class FakeDataValidation {
  constructor(private readonly range: FakeRange) {}

  private upsert(apply: (v: FakeValidation) => void): void {
    const range = this.range;
    range.context.enqueue(80, () => {
      const { sheet, rect } = range.model();
      let v = sheet.validations.find((x) => x.rect.firstRow === rect.firstRow && x.rect.lastRow === rect.lastRow && x.rect.firstColumn === rect.firstColumn && x.rect.lastColumn === rect.lastColumn);
      if (!v) {
        sheet.validations = sheet.validations.filter((x) => !overlaps(x.rect, rect));
        v = { rect, rule: null, prompt: null, errorAlert: null };
        sheet.validations.push(v);
      }
      apply(v);
    });
  }

  // Checked when the batch runs (at sync), as Excel does: earlier operations of the batch stay applied.
  set rule(value: unknown) {
    this.upsert((v) => {
      const list = (value as { list?: { source?: unknown } }).list;
      if (list && typeof list.source === "string" && list.source.length > excelLimits.validationListSource) {
        throw new FakeExcelError("InvalidArgument", "The list of choices is longer than Excel allows.");
      }
      v.rule = value;
    });
  }
  set prompt(value: unknown) {
    this.upsert((v) => {
      const p = value as { title?: string; message?: string };
      if ((p.title ?? "").length > excelLimits.validationPromptTitle || (p.message ?? "").length > excelLimits.validationPromptMessage) {
        throw new FakeExcelError("InvalidArgument", "The input message is longer than Excel allows.");
      }
      v.prompt = value;
    });
  }
  set errorAlert(value: unknown) {
    this.upsert((v) => {
      const e = value as { title?: string; message?: string };
      if ((e.title ?? "").length > excelLimits.validationErrorTitle || (e.message ?? "").length > excelLimits.validationErrorMessage) {
        throw new FakeExcelError("InvalidArgument", "The error alert is longer than Excel allows.");
      }
      v.errorAlert = value;
    });
  }

  clear(): void {
    const range = this.range;
    range.context.enqueue(40, () => {
      const { sheet, rect } = range.model();
      sheet.validations = sheet.validations.filter((x) => !overlaps(x.rect, rect));
    });
  }
}

// ---- Names ----

interface NameModel {
  item: FakeName;
}

class FakeNamedItemCollection extends FakeProxy<FakeSheet | "workbook"> {
  constructor(context: FakeContext, private readonly scopeSheet: () => FakeSheet | null) {
    super(context, () => scopeSheet() ?? "workbook");
  }

  private scopeId(): string | null {
    const s = this.resolve();
    return s === "workbook" ? null : s.id;
  }

  get items(): FakeNamedItem[] {
    return this.read("items");
  }

  protected snapshot(_m: FakeSheet | "workbook", props: string[]): Record<string, unknown> {
    const scope = this.scopeId();
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = this.host.names
      .filter((n) => n.scope === scope)
      .map((n) => {
        const proxy = new FakeNamedItem(this.context, () => (this.host.names.includes(n) ? { item: n } : null));
        proxy.preload({ item: n }, itemProps);
        return proxy;
      });
    return { items };
  }

  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    let created: NameModel | null = null;
    this.context.enqueue(60 + name.length, () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || name.length > 255) {
        throw new FakeExcelError("InvalidArgument", `"${name}" is not a valid name.`);
      }
      const scope = this.scopeId();
      if (this.host.names.some((n) => n.scope === scope && n.name.toLowerCase() === name.toLowerCase())) {
        throw new FakeExcelError("ItemAlreadyExists", `The name "${name}" already exists.`);
      }
      let target: RangeModel;
      if (typeof reference === "string") {
        const parsed = parseAddress(reference);
        const sheet = parsed?.sheetName ? this.host.findSheet(parsed.sheetName) : scope ? this.host.sheetById(scope) : undefined;
        if (!parsed || !sheet) throw new FakeExcelError("InvalidArgument", `Bad reference ${reference}`);
        target = { sheet, rect: plain(parsed) };
      } else target = reference.model();
      const item: FakeName = { name, scope, sheetId: target.sheet.id, rect: { ...target.rect }, comment: comment ?? "" };
      this.host.names.push(item);
      created = { item };
    });
    return new FakeNamedItem(this.context, () => created);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name), false);
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name), true);
  }

  private find(name: string): NameModel | null {
    const scope = this.scopeId();
    const item = this.host.names.find((n) => n.scope === scope && n.name.toLowerCase() === name.toLowerCase());
    return item ? { item } : null;
  }
}

class FakeNamedItem extends FakeProxy<NameModel> {
  constructor(context: FakeContext, resolver: () => NameModel | null, nullable = false) {
    super(context, resolver, nullable, "named item");
  }

  preload(m: NameModel, props: string[]): void {
    for (const [k, v] of Object.entries(this.snapshot(m, props))) this.loaded.set(k, v);
    this.loaded.set("isNullObject", false);
  }

  private addressOf(m: NameModel): string {
    const sheet = this.host.sheetById(m.item.sheetId);
    const r = m.item.rect;
    const abs = (row: number, col: number) => cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
    return `${quoteSheetName(sheet?.name ?? "#REF")}!${abs(r.firstRow, r.firstColumn)}:${abs(r.lastRow, r.lastColumn)}`;
  }

  protected snapshot(m: NameModel, props: string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      name: m.item.name,
      type: "Range",
      value: this.addressOf(m),
      formula: `=${this.addressOf(m)}`,
      visible: true,
      comment: m.item.comment ?? "",
    };
    if (props.length === 0) return all;
    return Object.fromEntries(props.filter((p) => p in all).map((p) => [p, all[p]]));
  }

  get name(): string {
    return this.read("name");
  }
  get value(): string {
    return this.read("value");
  }
  get comment(): string {
    return this.read("comment");
  }
  get formula(): string {
    return this.read("formula");
  }

  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const m = this.resolve();
      const sheet = this.host.sheetById(m.item.sheetId);
      return sheet ? { sheet, rect: m.item.rect } : null;
    });
  }

  delete(): void {
    this.queue(40, (m) => {
      this.host.names = this.host.names.filter((n) => n !== m.item);
    });
  }
}

// ---- Tables ----

class FakeTableCollection extends FakeProxy<FakeExcel> {
  constructor(context: FakeContext) {
    super(context, () => context.host);
  }

  get items(): FakeTable_[] {
    return this.read("items");
  }

  protected snapshot(host: FakeExcel, props: string[]): Record<string, unknown> {
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = host.tables.map((t) => {
      const proxy = new FakeTable_(this.context, () => t);
      proxy.preload(t, itemProps);
      return proxy;
    });
    return { items };
  }

  getItem(name: string): FakeTable_ {
    return new FakeTable_(this.context, () => this.host.tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null, false, `table ${name}`);
  }

  getItemOrNullObject(name: string): FakeTable_ {
    return new FakeTable_(this.context, () => this.host.tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null, true, `table ${name}`);
  }
}

class FakeTable_ extends FakeProxy<FakeTable> {
  constructor(context: FakeContext, resolver: () => FakeTable | null, nullable = false, description = "table") {
    super(context, resolver, nullable, description);
  }

  preload(t: FakeTable, props: string[]): void {
    for (const [k, v] of Object.entries(this.snapshot(t, props))) this.loaded.set(k, v);
    this.loaded.set("isNullObject", false);
  }

  protected snapshot(t: FakeTable, props: string[]): Record<string, unknown> {
    const all: Record<string, unknown> = { name: t.name, id: t.name };
    if (props.length === 0) return all;
    return Object.fromEntries(props.filter((p) => p in all).map((p) => [p, all[p]]));
  }

  get name(): string {
    return this.read("name");
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.host.sheetById(this.resolve().sheetId) ?? null);
  }

  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolve();
      const sheet = this.host.sheetById(t.sheetId);
      return sheet ? { sheet, rect: t.rect } : null;
    });
  }

  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolve();
      const sheet = this.host.sheetById(t.sheetId);
      return sheet ? { sheet, rect: { ...t.rect, firstRow: t.rect.firstRow + 1 } } : null;
    });
  }
}

// ---- Freeze panes, page layout ----

class FakeFreezePanes {
  constructor(private readonly sheet: FakeWorksheet) {}

  private set(apply: (s: FakeSheet) => void): void {
    this.sheet.context.enqueue(40, () => apply(this.sheet.sheetModel()));
  }

  freezeRows(count = 1): void {
    this.set((s) => {
      s.freeze = { rows: count, columns: 0 };
    });
  }

  freezeColumns(count = 1): void {
    this.set((s) => {
      s.freeze = { rows: 0, columns: count };
    });
  }

  freezeAt(frozen: FakeRange | string): void {
    this.set((s) => {
      const r = typeof frozen === "string" ? parseAddress(frozen) : frozen.model().rect;
      if (!r) throw new FakeExcelError("InvalidArgument", "Bad freeze range.");
      s.freeze = { rows: r.lastRow - r.firstRow + 1, columns: r.lastColumn - r.firstColumn + 1 };
    });
  }

  unfreeze(): void {
    this.set((s) => {
      s.freeze = { rows: 0, columns: 0 };
    });
  }
}

/** What a page-layout getter answers: an address, or a null object (ExcelApi 1.9 `get…OrNullObject`). */
class FakeLayoutRange {
  private value: string | null | undefined;
  constructor(
    private readonly sheet: FakeWorksheet,
    private readonly pick: (s: FakeSheet) => string | null,
  ) {}
  load(_props?: string): this {
    this.sheet.context.enqueue(40, () => {
      this.value = this.pick(this.sheet.sheetModel());
      return 40;
    });
    return this;
  }
  get isNullObject(): boolean {
    if (this.value === undefined) throw notLoaded("isNullObject");
    return this.value === null;
  }
  get address(): string {
    if (this.value === undefined || this.value === null) throw notLoaded("address");
    // Excel gives the sheet's name with each area.
    return this.value
      .split(", ")
      .map((a) => `${quoteSheetName(this.sheet.sheetModel().name)}!${a}`)
      .join(",");
  }
}

class FakePageLayout {
  private loaded: { orientation: string | null; zoom: Record<string, unknown> | null; leftMargin?: number; rightMargin?: number } | undefined;
  constructor(private readonly sheet: FakeWorksheet) {}

  /** ExcelApi 1.9: orientation and zoom (an unset orientation is Excel's Portrait; zoom 100%). */
  load(_props?: string): this {
    this.sheet.context.enqueue(40, () => {
      const layout = this.sheet.sheetModel().pageLayout;
      this.loaded = { orientation: layout.orientation, zoom: layout.zoom, leftMargin: layout.leftMargin, rightMargin: layout.rightMargin };
      return 60;
    });
    return this;
  }
  get orientation(): string {
    if (!this.loaded) throw notLoaded("orientation");
    return this.loaded.orientation ?? "Portrait";
  }
  get zoom(): Record<string, unknown> {
    if (!this.loaded) throw notLoaded("zoom");
    return this.loaded.zoom ?? { scale: 100 };
  }
  /** In points; Excel's "Normal" 0.7 inch until someone sets them. */
  get leftMargin(): number {
    if (!this.loaded) throw notLoaded("leftMargin");
    return this.loaded.leftMargin ?? 50.4;
  }
  get rightMargin(): number {
    if (!this.loaded) throw notLoaded("rightMargin");
    return this.loaded.rightMargin ?? 50.4;
  }
  getPrintAreaOrNullObject(): FakeLayoutRange {
    return new FakeLayoutRange(this.sheet, (s) => s.pageLayout.printArea);
  }
  getPrintTitleRowsOrNullObject(): FakeLayoutRange {
    return new FakeLayoutRange(this.sheet, (s) => s.pageLayout.printTitleRows);
  }
  getPrintTitleColumnsOrNullObject(): FakeLayoutRange {
    return new FakeLayoutRange(this.sheet, (s) => s.pageLayout.printTitleColumns);
  }

  private set(apply: (s: FakeSheet) => void): void {
    this.sheet.context.enqueue(60, () => apply(this.sheet.sheetModel()));
  }

  set orientation(value: string) {
    this.set((s) => {
      s.pageLayout.orientation = value;
    });
  }

  set zoom(value: Record<string, unknown>) {
    this.set((s) => {
      s.pageLayout.zoom = { ...value };
    });
  }

  /** ExcelApi 1.9: margins in points; Excel refuses a negative one, or one that leaves no page between them. */
  set leftMargin(points: number) {
    this.setMargin("leftMargin", points);
  }
  set rightMargin(points: number) {
    this.setMargin("rightMargin", points);
  }
  private setMargin(side: "leftMargin" | "rightMargin", points: number): void {
    // Half of A4's short side (595 pt): two such margins leave nothing to print on.
    if (!Number.isFinite(points) || points < 0 || points >= 297) throw new FakeExcelError("InvalidArgument", `The ${side} ${points} is not a valid margin.`);
    this.set((s) => {
      s.pageLayout[side] = points;
    });
  }

  setPrintTitleRows(rows: FakeRange | string): void {
    this.set((s) => {
      s.pageLayout.printTitleRows = typeof rows === "string" ? rows : rectAddress(rows.model().rect);
    });
  }

  /** ExcelApi 1.9; Excel takes "$A:$C" (whole columns) as the add-in passes it. */
  setPrintTitleColumns(columns: FakeRange | string): void {
    this.set((s) => {
      s.pageLayout.printTitleColumns = typeof columns === "string" ? columns : rectAddress(columns.model().rect);
    });
  }

  /**
   * ExcelApi 1.9: a string address, a range or a RangeAreas of this sheet; a new print area replaces the
   * old one. Stored as Excel shows it: the areas' addresses separated by ", ".
   */
  setPrintArea(area: FakeRange | FakeRangeAreas | string): void {
    if (typeof area === "string" && !parseAddress(area)) throw new FakeExcelError("InvalidArgument", `The print area "${area}" is not a valid address.`);
    this.set((s) => {
      if (area instanceof FakeRangeAreas) {
        const { sheet, rects } = area.resolveAreas();
        if (sheet !== s) throw new FakeExcelError("InvalidArgument", "A print area must be on the sheet it is set for.");
        s.pageLayout.printArea = rects.map(rectAddress).join(", ");
      } else {
        s.pageLayout.printArea = typeof area === "string" ? area : rectAddress(area.model().rect);
      }
    });
  }

  get headersFooters(): { defaultForAllPages: Record<string, string> } {
    const set = (k: string, v: string) =>
      this.set((s) => {
        s.pageLayout.headerFooter[k] = v;
        // Excel stores the three sections of a header (and of a footer) as one string with their codes.
        const part = k.endsWith("Header") ? "Header" : "Footer";
        const codes: Record<string, string> = { left: "&L", center: "&C", right: "&R" };
        const stored = ["left", "center", "right"]
          .map((side) => {
            const text = s.pageLayout.headerFooter[`${side}${part}`] ?? "";
            return text ? `${codes[side]}${text}` : "";
          })
          .join("");
        if (stored.length > excelLimits.headerFooter) {
          throw new FakeExcelError("InvalidArgument", `A ${part.toLowerCase()} holds at most ${excelLimits.headerFooter} characters; this one has ${stored.length}.`);
        }
      });
    const target: Record<string, string> & { load?: (props?: string) => void } = {};
    let loaded: Record<string, string> | null = null;
    for (const k of ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"]) {
      Object.defineProperty(target, k, {
        set: (v: string) => set(k, v),
        get: () => {
          if (!loaded) throw notLoaded(k);
          return loaded[k] ?? "";
        },
      });
    }
    // ExcelApi 1.9: loads the six sections as they are now.
    Object.defineProperty(target, "load", {
      value: () => {
        this.sheet.context.enqueue(40, () => {
          loaded = { ...this.sheet.sheetModel().pageLayout.headerFooter };
          return 100;
        });
        return target;
      },
    });
    return { defaultForAllPages: target };
  }
}

// ---- Charts ----

interface ChartModel {
  sheet: FakeSheet;
  chart: FakeChart;
}

class FakeChartCollection extends FakeProxy<FakeSheet> {
  constructor(context: FakeContext, resolver: () => FakeSheet | null) {
    super(context, resolver);
  }

  get items(): FakeChartProxy[] {
    return this.read("items");
  }

  protected snapshot(sheet: FakeSheet, props: string[]): Record<string, unknown> {
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = sheet.charts.map((chart) => {
      const proxy = new FakeChartProxy(this.context, () => (sheet.charts.includes(chart) ? { sheet, chart } : null));
      proxy.preload({ sheet, chart }, itemProps);
      return proxy;
    });
    return { items, count: items.length };
  }

  add(type: string, source: FakeRange, seriesBy = "Auto"): FakeChartProxy {
    let created: ChartModel | null = null;
    this.context.enqueue(80, () => {
      const sheet = this.resolve();
      const src = source.model();
      if (src.sheet !== sheet) throw new FakeExcelError("InvalidArgument", "The fake wants chart data on the chart's sheet.");
      const rows = src.rect.lastRow - src.rect.firstRow + 1;
      const cols = src.rect.lastColumn - src.rect.firstColumn + 1;
      const byRows = seriesBy === "Rows";
      // Excel's label heuristic: below the heading row, a column whose cells hold only text (or nothing) is
      // taken for category labels, not a series; a chart whose data has no number at all has no series.
      // Blank cells do not make a column text: a column of blanks is a series with no values.
      const valueAt = (r: number, c: number) => sheet.cells.get(key(r, c))?.value ?? "";
      let seriesCount = 0;
      let numbers = 0;
      if (byRows) seriesCount = rows - 1;
      else {
        for (let c = src.rect.firstColumn + 1; c <= src.rect.lastColumn; c++) {
          let text = 0;
          for (let r = src.rect.firstRow + 1; r <= src.rect.lastRow; r++) {
            const v = valueAt(r, c);
            if (typeof v === "number") numbers++;
            else if (v !== "") text++;
          }
          if (text === 0) seriesCount++;
        }
      }
      if (!byRows && numbers === 0) seriesCount = 0;
      const pointCount = byRows ? cols - 1 : rows - 1;
      if (seriesCount < 1 || pointCount < 1) throw new FakeExcelError("EmptyChartSeries", "A chart needs at least one series of numbers and one point.");
      const chart: FakeChart = {
        id: this.host.newId("chart"),
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        source: { ...src.rect },
        title: "",
        categoryAxisTitle: null,
        valueAxisTitle: null,
        position: null,
        valueAxisNumberFormat: null,
        categoryLabelSpacing: null,
        seriesDataLabels: Array.from({ length: seriesCount }, () => null),
        seriesColours: Array.from({ length: seriesCount }, () => null),
        pointColours: Array.from({ length: seriesCount }, () => Array.from({ length: pointCount }, () => null)),
        legendVisible: true,
      };
      sheet.charts.push(chart);
      created = { sheet, chart };
    });
    return new FakeChartProxy(this.context, () => created);
  }
}

class FakeChartProxy extends FakeProxy<ChartModel> {
  constructor(context: FakeContext, resolver: () => ChartModel | null) {
    super(context, resolver, false, "chart");
  }

  preload(m: ChartModel, _props: string[]): void {
    for (const [k, v] of Object.entries(this.snapshot(m))) this.loaded.set(k, v);
    this.loaded.set("isNullObject", false);
  }

  protected snapshot(m: ChartModel): Record<string, unknown> {
    return { name: m.chart.name, id: m.chart.id };
  }

  private set(apply: (c: FakeChart) => void): void {
    this.queue(50, (m) => apply(m.chart));
  }

  get title(): { text: string } {
    const set = (v: string) =>
      this.set((c) => {
        c.title = v;
      });
    return {
      set text(v: string) {
        set(v);
      },
      get text(): string {
        throw notLoaded("text");
      },
    };
  }

  get legend(): { visible: boolean } {
    const set = (v: boolean) =>
      this.set((c) => {
        c.legendVisible = v;
      });
    return {
      set visible(v: boolean) {
        set(v);
      },
      get visible(): boolean {
        throw notLoaded("visible");
      },
    };
  }

  get axes(): { categoryAxis: FakeAxis; valueAxis: FakeAxis } {
    const axis = (which: "categoryAxisTitle" | "valueAxisTitle"): FakeAxis => {
      const set = (v: string) =>
        this.set((c) => {
          c[which] = v;
        });
      const setFormat = (v: string) =>
        this.set((c) => {
          c.valueAxisNumberFormat = v;
        });
      const setSpacing = (v: number) =>
        this.set((c) => {
          if (which !== "categoryAxisTitle") throw new FakeExcelError("InvalidArgument", "Only a category axis has tickLabelSpacing here.");
          c.categoryLabelSpacing = v;
        });
      return {
        title: {
          set text(v: string) {
            set(v);
          },
          get text(): string {
            throw notLoaded("text");
          },
        },
        set numberFormat(v: string) {
          if (which !== "valueAxisTitle") throw new FakeExcelError("InvalidArgument", "The fake models the value axis' number format only.");
          setFormat(v);
        },
        get numberFormat(): string {
          throw notLoaded("numberFormat");
        },
        set tickLabelSpacing(v: number) {
          setSpacing(v);
        },
        get tickLabelSpacing(): number {
          throw notLoaded("tickLabelSpacing");
        },
      };
    };
    return { categoryAxis: axis("categoryAxisTitle"), valueAxis: axis("valueAxisTitle") };
  }

  get series(): { getItemAt: (i: number) => FakeSeries } {
    return { getItemAt: (i: number) => new FakeSeries(this, i) };
  }

  setPosition(start: FakeRange | string, end?: FakeRange | string): void {
    const text = (r: FakeRange | string) => (typeof r === "string" ? r : rectAddress(r.model().rect));
    this.set((c) => {
      c.position = { start: text(start), end: end === undefined ? null : text(end) };
    });
  }

  delete(): void {
    this.queue(40, (m) => {
      m.sheet.charts = m.sheet.charts.filter((c) => c !== m.chart);
    });
  }

  /** For series and points. */
  chartModel(): FakeChart {
    return this.resolve().chart;
  }
}

interface FakeAxis {
  title: { text: string };
  numberFormat: string;
  tickLabelSpacing: number;
}

class FakeSeries {
  constructor(
    private readonly chart: FakeChartProxy,
    private readonly index: number,
  ) {}

  private colour(point: number | null, colour: string): void {
    this.chart.context.enqueue(50, () => {
      const c = this.chart.chartModel();
      if (this.index >= c.seriesColours.length) throw new FakeExcelError("ItemNotFound", `No series ${this.index}.`);
      if (point === null) c.seriesColours[this.index] = colour;
      else {
        const points = c.pointColours[this.index] ?? [];
        if (point >= points.length) throw new FakeExcelError("ItemNotFound", `No point ${point}.`);
        points[point] = colour;
      }
    });
  }

  get format(): { fill: { setSolidColor: (c: string) => void } } {
    return { fill: { setSolidColor: (c: string) => this.colour(null, c) } };
  }

  set hasDataLabels(value: boolean) {
    this.chart.context.enqueue(40, () => {
      const c = this.chart.chartModel();
      if (this.index >= c.seriesDataLabels.length) throw new FakeExcelError("ItemNotFound", `No series ${this.index}.`);
      c.seriesDataLabels[this.index] = value;
    });
  }

  get hasDataLabels(): boolean {
    throw notLoaded("hasDataLabels");
  }

  get points(): { getItemAt: (j: number) => { format: { fill: { setSolidColor: (c: string) => void } } } } {
    return { getItemAt: (j: number) => ({ format: { fill: { setSolidColor: (c: string) => this.colour(j, c) } } }) };
  }
}
