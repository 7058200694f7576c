import { memo, useDeferredValue, useId, useMemo, useRef, useState } from "react";
import { Button, Field, Input, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { levelText, reasonsText, stageText, yearGroupText } from "../../core/report/pupilText";
import { pupilPriorityOrder } from "../../core/report/pupilOrder";
import { bandLabelsFor } from "../../core/rules/bandLabels";
import type { Analysis, PupilAnalysis } from "../../core/rules/pupilAnalysis";
import { patternText } from "../../core/rules/patterns/patternText";
import { attendancePercentText } from "../../core/rules/reasons";
import { progressText, type ProgressResult } from "../../core/progress/pupilProgress";
import {
  anyValue,
  filterPupils,
  filtersFor,
  initialFilterValues,
  progressFilter,
  pupilFilters,
  searchIndexFor,
  type FilterValues,
  type PupilFilter,
} from "../pupilFilters";
import { Swatch } from "./Swatch";
import { useAfterPaint } from "../hooks/useAfterPaint";

/** Rows per page: a page is short enough to scan and to render at once, whatever the size of the school. */
export const pageSize = 50;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  controls: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(120px, 1fr))",
    gap: tokens.spacingVerticalS,
    // A grid cell would otherwise grow to its longest option and scroll the pane sideways at 320 px.
    "& > *": { minWidth: 0 },
  },
  selectElement: { width: "100%", textOverflow: "ellipsis" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXS} 0`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  line: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  name: {
    appearance: "none",
    border: "none",
    background: "none",
    padding: `2px ${tokens.spacingHorizontalXXS}`,
    margin: 0,
    minHeight: "24px",
    textAlign: "start",
    cursor: "pointer",
    color: tokens.colorBrandForegroundLink,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: "underline",
    borderRadius: tokens.borderRadiusSmall,
    overflowWrap: "anywhere",
    // An outline on the button itself (not a pseudo-element positioned against some ancestor).
    ":focus-visible": {
      outlineWidth: "2px",
      outlineStyle: "solid",
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: "1px",
    },
  },
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalXS },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  pager: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** The suggestion for the chosen ladder, in the words the sheet uses. */
function ladderText(pupil: PupilAnalysis, analysis: Analysis): string {
  const settings = analysis.settings;
  const stage = stageText(pupil.stage, settings) ?? "No stage";
  const level = levelText(pupil.level, settings);
  if (settings.framework === "stages") return stage;
  if (settings.framework === "levels") return level;
  return `${stage} · ${level}`;
}

export interface PupilListProps {
  analysis: Analysis;
  sheetName: string;
  onChoose: (pupil: PupilAnalysis) => void;
  /** The filters offered (all of pupilFilters unless a test narrows them). */
  filters?: readonly PupilFilter[];
  /** Each pupil's change since the last analysis (one per analysis.pupils), or null on the first. */
  progress?: ProgressResult | null;
}

/**
 * Pupils with search, filters and pages: one compact row each (name, year, attendance, band, ladder), the
 * next step and reasons on demand. Choosing a name selects the pupil's row in the sheet.
 */
export const PupilList = memo(function PupilList({ analysis, sheetName, onChoose, filters: givenFilters, progress = null }: PupilListProps) {
  // With a history, the changes since the last analysis are one more filter.
  const filters = useMemo(
    () => givenFilters ?? (progress ? [...pupilFilters, progressFilter(analysis, progress)] : pupilFilters),
    [analysis, givenFilters, progress],
  );
  const styles = useStyles();
  const baseId = useId();
  const listHeadingRef = useRef<HTMLParagraphElement>(null);
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const [values, setValues] = useState<FilterValues>(() => initialFilterValues(analysis, filters));
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());

  // The dropdowns' choices take a pass over every pupil each: they follow the rows' first drawing (issue 12 §10).
  const analysisForFilters = useAfterPaint(analysis);
  const offered = useMemo(
    () => (analysisForFilters === analysis ? filtersFor(analysis, filters) : []),
    [analysis, analysisForFilters, filters],
  );
  // Built on the first search, not before the list is first drawn (20,000 pupils: issue 12 §10).
  const searching = deferredSearch.trim() !== "";
  const searchIndex = useMemo(() => (searching ? searchIndexFor(analysis) : null), [analysis, searching]);
  const labels = useMemo(() => bandLabelsFor(analysis.settings.bands), [analysis]);
  // Filtered in sheet order first, then only the pupils kept are put in the core's priority order: the first
  // view (pupils to discuss) sorts a few hundred or thousand pupils, not the whole school (issue 12 §10).
  const everyone = useMemo(() => analysis.pupils.map((_, index) => index), [analysis]);
  const kept = useMemo(
    () => filterPupils(analysis, everyone, values, deferredSearch, searchIndex, filters),
    [analysis, everyone, values, deferredSearch, searchIndex, filters],
  );
  const shown = useMemo(() => pupilPriorityOrder(analysis.pupils, kept), [analysis, kept]);
  const pages = Math.max(1, Math.ceil(shown.length / pageSize));
  const current = Math.min(page, pages - 1);
  const first = current * pageSize;
  const rows = shown.slice(first, first + pageSize);
  const filtered = deferredSearch.trim() !== "" || offered.some(({ filter }) => (values[filter.id] ?? anyValue) !== anyValue);

  const changePage = (next: number) => {
    setPage(next);
    // Keyboard users land on the new page's first line, not at the bottom of the list.
    requestAnimationFrame(() => listHeadingRef.current?.focus());
  };

  const count = (n: number) => n.toLocaleString("en-GB");
  const summary =
    shown.length === 0
      ? "No pupils match."
      : shown.length <= pageSize
        ? `${count(shown.length)} ${shown.length === 1 ? "pupil" : "pupils"}`
        : `Pupils ${count(first + 1)}–${count(first + rows.length)} of ${count(shown.length)}`;

  return (
    <div className={styles.root}>
      <div className={styles.controls} role="search" aria-label="Find pupils">
        <Field label="Search">
          <Input
            value={search}
            type="search"
            placeholder="Name, UPN, admission no. or group"
            onChange={(_, data) => {
              setSearch(data.value);
              setPage(0);
            }}
          />
        </Field>
        {offered.map(({ filter, options }) => (
          <Field key={filter.id} label={filter.label}>
            <Select
              select={{ className: styles.selectElement }}
              value={values[filter.id] ?? anyValue}
              onChange={(_, data) => {
                setValues((currentValues) => ({ ...currentValues, [filter.id]: data.value }));
                setPage(0);
              }}
            >
              <option value={anyValue}>{filter.anyLabel ?? "All"}</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
      <div className={styles.pager}>
        <Text ref={listHeadingRef} tabIndex={-1} aria-live="polite" id={`${baseId}-summary`}>
          {summary}
        </Text>
        {filtered ? (
          <Button
            appearance="subtle"
            size="small"
            onClick={() => {
              setSearch("");
              setValues(Object.fromEntries(offered.map(({ filter }) => [filter.id, anyValue])));
              setPage(0);
            }}
          >
            Show every pupil
          </Button>
        ) : null}
      </div>
      <ul className={styles.list} aria-labelledby={`${baseId}-summary`}>
        {rows.map((index) => {
          const pupil = analysis.pupils[index] as PupilAnalysis;
          const name = pupil.record.name || `Row ${pupil.record.sourceRow}`;
          const detailsId = `${baseId}-details-${index}`;
          const isOpen = open.has(index);
          return (
            <li key={index} className={styles.item} data-testid="pupil-row">
              <span className={styles.line}>
                <button
                  type="button"
                  className={styles.name}
                  // Starts with the visible name (WCAG 2.5.3), then says what choosing it does.
                  aria-label={`${name}, go to row ${pupil.record.sourceRow} on ${sheetName}`}
                  onClick={() => onChoose(pupil)}
                >
                  {name}
                </button>
              </span>
              <span className={styles.line}>
                <Swatch band={pupil.band} />
                <Text size={200}>
                  {`${yearGroupText(pupil.record.yearGroup) ?? "Year not given"} · ${pupil.attendancePercent === null ? "attendance not known" : `attendance ${attendancePercentText(pupil.attendancePercent)}`} · ${labels[pupil.band].long} · ${ladderText(pupil, analysis)}`}
                </Text>
              </span>
              {pupil.patterns ? (
                <PatternLine text={patternText(pupil.patterns, analysis.settings.patterns)} />
              ) : null}
              {progress?.pupils[index] ? <ProgressLine text={progressText(progress.pupils[index])} /> : null}
              <span className={styles.line}>
                <Button
                  appearance="transparent"
                  size="small"
                  aria-expanded={isOpen}
                  aria-controls={isOpen ? detailsId : undefined}
                  onClick={() =>
                    setOpen((before) => {
                      const next = new Set(before);
                      if (next.has(index)) next.delete(index);
                      else next.add(index);
                      return next;
                    })
                  }
                >
                  {/* Visible "Details"; the name says whose (unique, and starts with what is seen: WCAG 2.5.3). */}
                  Details<span className={styles.hidden}>{` for ${name}`}</span>
                </Button>
              </span>
              {isOpen ? (
                <div id={detailsId} className={styles.details}>
                  <Text size={200}>
                    <strong>Next step: </strong>
                    {pupil.suggestedAction}
                  </Text>
                  <Text size={200}>
                    <strong>Why: </strong>
                    {reasonsText(pupil.reasons)}
                  </Text>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {pages > 1 ? (
        <div className={styles.pager}>
          <Button appearance="secondary" disabled={current === 0} onClick={() => changePage(current - 1)}>
            Previous page
          </Button>
          <Text>{`Page ${count(current + 1)} of ${count(pages)}`}</Text>
          <Button appearance="secondary" disabled={current >= pages - 1} onClick={() => changePage(current + 1)}>
            Next page
          </Button>
        </div>
      ) : null}
    </div>
  );
});

/** The pattern in a pupil's marks, in words (docs/rules.md §10), on the row itself: it can carry a legal duty. */
function ProgressLine({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <Text size={200}>
      <strong>Progress: </strong>
      {text}
    </Text>
  );
}

function PatternLine({ text }: { text: string | null }) {
  if (text === null || text.trim() === "") return null;
  return (
    <Text size={200}>
      <strong>Pattern: </strong>
      {text}
    </Text>
  );
}
