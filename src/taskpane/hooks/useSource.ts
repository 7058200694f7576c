import { useCallback, useRef, useState } from "react";
import type { ColumnField } from "../../core/read/pupilRecord";
import type { AttendanceSettings } from "../../core/rules/settings";
import type { MappingOverride, SourceChoice, SourcePreview, StoredState, WorkbookGateway } from "../../excel/workbookGateway";
import { unexpectedErrorMessage } from "../components/ErrorBar";
import type { ActivityHook } from "./useActivity";
import type { StoredStateHook } from "./useStoredState";

export interface SourceHook {
  source: SourceChoice;
  /** The workbook's tables, once looked for. */
  tables: string[] | null;
  /** The last read-only look at the source (columns found), or null. */
  preview: SourcePreview | null;
  sourceError: string | null;
  /** False while "A table" is chosen but no table is. */
  sourceReady: boolean;
  chooseSourceKind: (kind: string) => void;
  chooseTable: (tableName: string) => void;
  checkColumns: (override?: MappingOverride) => Promise<void>;
  /** The sheet row (1-based) the user said holds the headings, or null: the add-in finds it. */
  headerRowNumber: number | null;
  /** Read again with the headings on this sheet row (null: let the add-in find them). */
  chooseHeaderRow: (rowNumber: number | null) => Promise<void>;
  /** Read again with the headings on the row of the active cell. */
  headerFromSelectedRow: () => Promise<void>;
  /**
   * The column choices shown for the sheet being read: the user's latest choices while their saves are on
   * the way, else what the workbook holds.
   */
  columnChoices: MappingOverride;
  /** The user chose a column for a field (null: not in this sheet): saved for everyone, and read again. */
  chooseColumn: (field: ColumnField, column: number | null) => Promise<void>;
  forgetColumns: () => Promise<void>;
  /**
   * The user's remembered columns and heading row for the sheet a run will read (a read-only preview finds
   * the sheet when the pane has not looked at it yet).
   */
  choicesForRun: (settings: AttendanceSettings) => Promise<RunChoices>;
  /** After the sample sheet is added it is the active sheet: later runs read it. */
  readActiveSheet: () => void;
}

/** What a run passes to the gateway beside the rules: the sheet's column choices and heading row, where chosen. */
export interface RunChoices {
  mappingOverride?: MappingOverride;
  headerRowNumber?: number;
}

/** Where the pupils are, and which columns hold what ("1. Your data"). */
export function useSource(
  gateway: WorkbookGateway,
  storedState: StoredStateHook,
  runSettings: AttendanceSettings,
  activity: ActivityHook,
): SourceHook {
  const { stored, save, keepUnsaved } = storedState;
  const { run, setStatus } = activity;
  const [source, setSource] = useState<SourceChoice>({ kind: "usedRange" });
  const [tables, setTables] = useState<string[] | null>(null);
  const [preview, setPreview] = useState<SourcePreview | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [headerRowNumber, setHeaderRowNumber] = useState<number | null>(null);
  // Column choices made here whose saves have not all finished, by sheet (a ref for the saves, state to show
  // them). They win over what the workbook answers meanwhile, so a save or a re-read that started before a
  // newer choice never puts the older one back.
  const [choosing, setChoosing] = useState<Record<string, MappingOverride>>({});
  const choosingNow = useRef<Record<string, MappingOverride>>({});
  const savesInFlight = useRef(new Map<string, number>());
  // Only the latest look at the source is shown: an earlier one that answers late is dropped.
  const lookTicket = useRef(0);

  const overrideFor = useCallback(
    (sheetName: string | undefined): MappingOverride | undefined => {
      if (sheetName === undefined) return undefined;
      const override = choosingNow.current[sheetName] ?? stored.mappings[sheetName];
      return override && Object.keys(override).length > 0 ? override : undefined;
    },
    [stored.mappings],
  );

  /** The table list comes with a preview; a read-only preview of the used range fetches it. */
  const learnTables = useCallback(
    () =>
      run("preview", async () => {
        setStatus("Looking for tables in this workbook…");
        try {
          const answer = await gateway.preview({ kind: "usedRange" }, runSettings);
          if (!answer.ok) {
            setSourceError(answer.message);
            return;
          }
          const found = answer.value;
          setTables(found.tables);
          setSource((current) =>
            current.kind === "table" && current.tableName === "" ? { kind: "table", tableName: found.tables[0] ?? "" } : current,
          );
        } catch (error) {
          setSourceError(unexpectedErrorMessage("looking for tables", error));
        } finally {
          setStatus("");
        }
      }),
    [gateway, run, runSettings, setStatus],
  );

  const chooseSourceKind = useCallback(
    (kind: string) => {
      setPreview(null);
      setSourceError(null);
      setHeaderRowNumber(null);
      if (kind === "selection") setSource({ kind: "selection" });
      else if (kind === "table") {
        setSource({ kind: "table", tableName: tables?.[0] ?? "" });
        if (tables === null) void learnTables();
      } else setSource({ kind: "usedRange" });
    },
    [learnTables, tables],
  );

  const chooseTable = useCallback((tableName: string) => {
    setPreview(null);
    setHeaderRowNumber(null);
    setSource({ kind: "table", tableName });
  }, []);

  const headerRowFor = useCallback((sheetName: string): number | null => stored.headerRows?.[sheetName] ?? null, [stored.headerRows]);

  /** Keeps the heading row chosen for a sheet in the workbook (null: "Find the row for me" clears it). */
  const rememberHeaderRow = useCallback(
    async (sheetName: string, rowNumber: number | null) => {
      const withRow = (headerRows: StoredState["headerRows"]): Record<string, number> => {
        const next = { ...(headerRows ?? {}) };
        if (rowNumber === null) delete next[sheetName];
        else next[sheetName] = rowNumber;
        return next;
      };
      if ((stored.headerRows?.[sheetName] ?? null) === rowNumber) return;
      try {
        await save((current) => ({ ...current, headerRows: withRow(current.headerRows) }));
      } catch (error) {
        setSourceError(
          `The heading row applies now but could not be saved in the workbook, so it will be forgotten when the pane closes. ${unexpectedErrorMessage("saving it", error)}`,
        );
        keepUnsaved((current) => ({ ...current, headerRows: withRow(current.headerRows) }));
      }
    },
    [keepUnsaved, save, stored.headerRows],
  );

  /**
   * Reads the source and shows the columns found. Read-only, except that a heading row the user has just
   * chosen (`rememberRow`) is saved for the sheet read. A first look at a sheet (`firstLook`) applies the
   * column choices and heading row saved for it.
   */
  const checkColumnsFrom = useCallback(
    (override: MappingOverride | undefined, headerRow: number | null, { firstLook = false, rememberRow = false } = {}) =>
      run("preview", async () => {
        const ticket = ++lookTicket.current;
        const latest = () => ticket === lookTicket.current;
        setSourceError(null);
        setStatus("Reading the columns…");
        // The heading row goes to the gateway only when the user chose one.
        const look = (columns: MappingOverride | undefined, row: number | null = headerRow) =>
          row === null ? gateway.preview(source, runSettings, columns) : gateway.preview(source, runSettings, columns, row);
        try {
          const answer = await look(override);
          if (!latest()) return;
          if (!answer.ok) {
            setPreview(null);
            setSourceError(answer.message);
            setStatus("");
            return;
          }
          let found = answer.value;
          // First look at a sheet: apply the columns and heading row the user chose for it before.
          const remembered = firstLook && override === undefined ? overrideFor(found.sheetName) : undefined;
          const rememberedRow = firstLook && headerRow === null ? headerRowFor(found.sheetName) : null;
          if (remembered || rememberedRow !== null) {
            const again = await look(remembered, rememberedRow ?? headerRow);
            if (!latest()) return;
            if (again.ok) found = again.value;
            if (rememberedRow !== null) setHeaderRowNumber(rememberedRow);
          }
          if (rememberRow) void rememberHeaderRow(found.sheetName, headerRow);
          setTables(found.tables);
          setPreview(found);
          if (!found.analysis.ok) setSourceError(found.analysis.message);
          setStatus(found.analysis.ok ? `Columns read from ${found.address}.` : "");
        } catch (error) {
          if (!latest()) return;
          setPreview(null);
          setSourceError(unexpectedErrorMessage("reading the columns", error));
          setStatus("");
        }
      }),
    [gateway, headerRowFor, overrideFor, rememberHeaderRow, run, runSettings, setStatus, source],
  );

  const checkColumns = useCallback(
    (override?: MappingOverride) => checkColumnsFrom(override, headerRowNumber, { firstLook: override === undefined && headerRowNumber === null }),
    [checkColumnsFrom, headerRowNumber],
  );

  const chooseHeaderRow = useCallback(
    async (rowNumber: number | null) => {
      setHeaderRowNumber(rowNumber);
      await checkColumnsFrom(preview ? overrideFor(preview.sheetName) : undefined, rowNumber, { rememberRow: true });
    },
    [checkColumnsFrom, overrideFor, preview],
  );

  const headerFromSelectedRow = useCallback(async () => {
    const answer = await gateway.selectedRow();
    if (!answer.ok) {
      setSourceError(answer.message);
      return;
    }
    // The selected row counts only on the sheet being read: elsewhere it says nothing about this data.
    if (preview && answer.value.sheetName !== preview.sheetName) {
      setSourceError(
        `The selected cell is on sheet “${answer.value.sheetName}”, but the pupils are read from “${preview.sheetName}”. Select a cell in the row of column headings on “${preview.sheetName}”, then choose “Use the selected row” again.`,
      );
      return;
    }
    await chooseHeaderRow(answer.value.rowNumber);
  }, [chooseHeaderRow, gateway, preview]);

  /**
   * Shows the sheet's new choices at once, reads the sheet again with them, and saves them for everyone.
   * Saves go one after another (useStoredState), each writing the latest choices for the sheet, so quick
   * successive choices all survive.
   */
  const rememberAndRecheck = useCallback(
    async (sheetName: string, override: MappingOverride) => {
      choosingNow.current = { ...choosingNow.current, [sheetName]: override };
      setChoosing(choosingNow.current);
      savesInFlight.current.set(sheetName, (savesInFlight.current.get(sheetName) ?? 0) + 1);
      const withChoices = (mappings: StoredState["mappings"]): StoredState["mappings"] => {
        const next = { ...mappings };
        const latestChoice = choosingNow.current[sheetName] ?? override;
        if (Object.keys(latestChoice).length > 0) next[sheetName] = latestChoice;
        else delete next[sheetName];
        return next;
      };
      const saved = save((current) => ({ ...current, mappings: withChoices(current.mappings) })).catch((error: unknown) => {
        // The choice still applies to this check; say it will not be remembered.
        setSourceError(
          `Your column choice applies now but could not be saved in the workbook, so it will be forgotten when the pane closes. ${unexpectedErrorMessage("saving it", error)}`,
        );
        keepUnsaved((current) => ({ ...current, mappings: withChoices(current.mappings) }));
      });
      const reread = checkColumns(override);
      await saved;
      const left = (savesInFlight.current.get(sheetName) ?? 1) - 1;
      if (left > 0) savesInFlight.current.set(sheetName, left);
      else {
        // Every choice is in the workbook (or kept unsaved): the stored state shows them from now on.
        savesInFlight.current.delete(sheetName);
        const { [sheetName]: _done, ...rest } = choosingNow.current;
        choosingNow.current = rest;
        setChoosing(rest);
      }
      await reread;
    },
    [checkColumns, keepUnsaved, save],
  );

  const chooseColumn = useCallback(
    async (field: ColumnField, column: number | null) => {
      if (!preview) return;
      const sheetName = preview.sheetName;
      const current = choosingNow.current[sheetName] ?? stored.mappings[sheetName] ?? {};
      await rememberAndRecheck(sheetName, withColumn(current, field, column));
    },
    [preview, rememberAndRecheck, stored.mappings],
  );

  const forgetColumns = useCallback(async () => {
    if (!preview) return;
    await rememberAndRecheck(preview.sheetName, {});
  }, [preview, rememberAndRecheck]);

  const choicesForRun = useCallback(
    async (settings: AttendanceSettings): Promise<RunChoices> => {
      const choices = (mappingOverride: MappingOverride | undefined, row: number | null): RunChoices => ({
        ...(mappingOverride ? { mappingOverride } : {}),
        ...(row !== null ? { headerRowNumber: row } : {}),
      });
      if (preview) return choices(overrideFor(preview.sheetName), headerRowNumber);
      const nothingSaved =
        Object.keys(stored.mappings).length === 0 && Object.keys(choosingNow.current).length === 0 && Object.keys(stored.headerRows ?? {}).length === 0;
      if (nothingSaved) return choices(undefined, headerRowNumber);
      const found = await gateway.preview(source, settings);
      if (!found.ok) return choices(undefined, headerRowNumber);
      return choices(overrideFor(found.value.sheetName), headerRowNumber ?? headerRowFor(found.value.sheetName));
    },
    [gateway, headerRowFor, headerRowNumber, overrideFor, preview, source, stored.headerRows, stored.mappings],
  );

  const readActiveSheet = useCallback(() => {
    setSource({ kind: "usedRange" });
    setPreview(null);
    setHeaderRowNumber(null);
  }, []);

  return {
    source,
    tables,
    preview,
    sourceError,
    sourceReady: source.kind !== "table" || source.tableName !== "",
    chooseSourceKind,
    chooseTable,
    checkColumns,
    headerRowNumber,
    chooseHeaderRow,
    headerFromSelectedRow,
    columnChoices: preview ? (choosing[preview.sheetName] ?? stored.mappings[preview.sheetName] ?? {}) : {},
    chooseColumn,
    forgetColumns,
    choicesForRun,
    readActiveSheet,
  };
}

/** One field's choice added to the sheet's remembered choices. */
export function withColumn(override: MappingOverride, field: ColumnField, column: number | null): MappingOverride {
  return { ...override, [field]: column };
}
