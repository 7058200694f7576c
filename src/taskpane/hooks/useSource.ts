import { useCallback, useState } from "react";
import type { ColumnField } from "../../core/read/pupilRecord";
import type { AttendanceSettings } from "../../core/rules/settings";
import type { MappingOverride, SourceChoice, SourcePreview, WorkbookGateway } from "../../excel/workbookGateway";
import { unexpectedErrorMessage } from "../components/ErrorBar";
import type { ActivityHook } from "./useActivity";
import type { StoredStateHook } from "./useStoredState";

export interface SourceHook {
  source: SourceChoice;
  /** The workbook's tables, once looked for. */
  tables: string[] | null;
  /** The last read-only look at the source (columns found), or null. */
  preview: SourcePreview | null;
  /** False while "A table" is chosen but no table is. */
  sourceReady: boolean;
  chooseSourceKind: (kind: string) => void;
  chooseTable: (tableName: string) => void;
  checkColumns: (override?: MappingOverride) => Promise<void>;
  changeColumns: (override: MappingOverride) => Promise<void>;
  forgetColumns: () => Promise<void>;
  /** The user's remembered columns for the sheet a run will read (a read-only preview finds the sheet). */
  overrideForRun: (settings: AttendanceSettings) => Promise<MappingOverride | undefined>;
  /** After the sample sheet is added it is the active sheet: later runs read it. */
  readActiveSheet: () => void;
}

/** Where the pupils are, and which columns hold what ("1. Your data"). */
export function useSource(
  gateway: WorkbookGateway,
  storedState: StoredStateHook,
  runSettings: AttendanceSettings,
  activity: ActivityHook,
): SourceHook {
  const { stored, save, keepUnsaved } = storedState;
  const { run, setStatus, report } = activity;
  const [source, setSource] = useState<SourceChoice>({ kind: "usedRange" });
  const [tables, setTables] = useState<string[] | null>(null);
  const [preview, setPreview] = useState<SourcePreview | null>(null);
  const sourceError = useCallback(
    (text: string) => report("source", { intent: "error", title: "Columns not read", text, focus: true }),
    [report],
  );

  const overrideFor = useCallback(
    (sheetName: string | undefined): MappingOverride | undefined => {
      if (sheetName === undefined) return undefined;
      const override = stored.mappings[sheetName];
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
            sourceError(answer.message);
            return;
          }
          const found = answer.value;
          setTables(found.tables);
          setSource((current) =>
            current.kind === "table" && current.tableName === "" ? { kind: "table", tableName: found.tables[0] ?? "" } : current,
          );
        } catch (error) {
          sourceError(unexpectedErrorMessage("looking for tables", error));
        } finally {
          setStatus("");
        }
      }),
    [gateway, run, runSettings, setStatus, sourceError],
  );

  const chooseSourceKind = useCallback(
    (kind: string) => {
      setPreview(null);
      report("source", null);
      if (kind === "selection") setSource({ kind: "selection" });
      else if (kind === "table") {
        setSource({ kind: "table", tableName: tables?.[0] ?? "" });
        if (tables === null) void learnTables();
      } else setSource({ kind: "usedRange" });
    },
    [learnTables, report, tables],
  );

  const chooseTable = useCallback((tableName: string) => {
    setPreview(null);
    setSource({ kind: "table", tableName });
  }, []);

  /** Reads the source and shows the columns found. Read-only: nothing in the workbook changes. */
  const readColumns = useCallback(
    async (override?: MappingOverride) => {
      setStatus("Reading the columns…");
      try {
        const answer = await gateway.preview(source, runSettings, override);
        if (!answer.ok) {
          setPreview(null);
          sourceError(answer.message);
          setStatus("");
          return;
        }
        let found = answer.value;
        // First look at a sheet: apply the columns the user chose for it before.
        const remembered = override === undefined ? overrideFor(found.sheetName) : undefined;
        if (remembered) {
          const again = await gateway.preview(source, runSettings, remembered);
          if (again.ok) found = again.value;
        }
        setTables(found.tables);
        setPreview(found);
        if (!found.analysis.ok) sourceError(found.analysis.message);
        setStatus(found.analysis.ok ? `Columns read from ${found.sheetName}.` : "");
      } catch (error) {
        setPreview(null);
        sourceError(unexpectedErrorMessage("reading the columns", error));
        setStatus("");
      }
    },
    [gateway, overrideFor, runSettings, setStatus, source, sourceError],
  );

  const checkColumns = useCallback((override?: MappingOverride) => run("preview", () => readColumns(override)), [readColumns, run]);

  /** Saves the sheet's column choices for everyone, then reads the columns again with them. */
  const rememberAndRecheck = useCallback(
    (sheetName: string, override: MappingOverride) =>
      run("columns", async () => {
        const mappings = { ...stored.mappings };
        if (Object.keys(override).length > 0) mappings[sheetName] = override;
        else delete mappings[sheetName];
        let saveProblem: string | null = null;
        try {
          await save({ ...stored, mappings });
        } catch (error) {
          saveProblem = unexpectedErrorMessage("saving it", error);
          keepUnsaved((current) => ({ ...current, mappings }));
        }
        await readColumns(override);
        if (saveProblem) {
          // The choice still applies to this check; say it will not be remembered.
          report("source", {
            intent: "warning",
            title: "Column choice not saved",
            text: `Your column choice applies now but could not be saved in the workbook, so it will be forgotten when the pane closes. ${saveProblem}`,
            focus: true,
          });
        }
      }),
    [keepUnsaved, readColumns, report, run, save, stored],
  );

  const changeColumns = useCallback(
    async (override: MappingOverride) => {
      if (!preview) return;
      await rememberAndRecheck(preview.sheetName, override);
    },
    [preview, rememberAndRecheck],
  );

  const forgetColumns = useCallback(async () => {
    if (!preview) return;
    await rememberAndRecheck(preview.sheetName, {});
  }, [preview, rememberAndRecheck]);

  const overrideForRun = useCallback(
    async (settings: AttendanceSettings): Promise<MappingOverride | undefined> => {
      if (preview) return overrideFor(preview.sheetName);
      if (Object.keys(stored.mappings).length === 0) return undefined;
      const found = await gateway.preview(source, settings);
      return found.ok ? overrideFor(found.value.sheetName) : undefined;
    },
    [gateway, overrideFor, preview, source, stored.mappings],
  );

  const readActiveSheet = useCallback(() => {
    setSource({ kind: "usedRange" });
    setPreview(null);
  }, []);

  return {
    source,
    tables,
    preview,
    sourceReady: source.kind !== "table" || source.tableName !== "",
    chooseSourceKind,
    chooseTable,
    checkColumns,
    changeColumns,
    forgetColumns,
    overrideForRun,
    readActiveSheet,
  };
}

/** One field's choice added to the sheet's remembered choices. */
export function withColumn(override: MappingOverride, field: ColumnField, column: number | null): MappingOverride {
  return { ...override, [field]: column };
}
