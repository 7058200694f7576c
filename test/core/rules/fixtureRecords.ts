/**
 * Pupil records built by hand from the sample exports in test/fixtures, so the rules can be
 * checked without the reader, and the comparison with expected.json.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { PupilRecord, SessionColumn } from "../../../src/core/read/pupilRecord";
import type { PupilAnalysis } from "../../../src/core/rules/pupilAnalysis";
import { fixturesDir } from "../../support/paths";
import { makeMapping, makeRecord } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require("csv-parse/sync") as { parse: (text: string) => string[][] };

type ExpectedPupil = Partial<Record<string, unknown>> & { sourceRow: number };
export const expected = JSON.parse(readFileSync(join(fixturesDir, "expected.json"), "utf8")) as Record<
  string,
  ExpectedPupil[]
>;

function rows(file: string): string[][] {
  return parse(readFileSync(join(fixturesDir, file), "utf8"));
}

function numberOrNull(text: string | undefined): number | null {
  return text === undefined || text.trim() === "" ? null : Number(text);
}

export function bromcomRecords(): PupilRecord[] {
  const [header, ...body] = rows("bromcom-export.csv");
  const at = (name: string) => (header as string[]).indexOf(name);
  return body.map((row, index) => {
    const percentText = row[at("Att %")] ?? "";
    const sen = row[at("SEN")];
    const ethnicity = row[at("Ethnicity")] ?? null;
    return makeRecord({
      sourceRow: index + 2,
      upn: row[at("UPN")] ?? null,
      name: `${row[at("Legal Forename")]} ${row[at("Legal Surname")]}`,
      yearGroup: (row[at("Year")] ?? "").replace("Year ", ""),
      regGroup: row[at("Tutor Group")] ?? null,
      possibleSessions: numberOrNull(row[at("Poss")]),
      presentSessions: numberOrNull(row[at("Pres")]),
      aeaSessions: numberOrNull(row[at("AEA")]),
      authorisedSessions: numberOrNull(row[at("Auth")]),
      unauthorisedSessions: numberOrNull(row[at("Unauth")]),
      attendancePercent:
        percentText === "" ? null : { percent: Number(percentText.replace("%", "")), decimals: 1 },
      recordedLevel: numberOrNull(row[at("Current PIAS level")]),
      characteristics: {
        fsm: null,
        pupilPremium: row[at("PP")] === "Y",
        senSupport: sen === "K",
        ehcp: sen === "E",
        eal: row[at("EAL")] === "Y",
        childInCare: null,
        socialWorker: null,
        grt: ethnicity !== null && ["WROM", "WIRT", "WROG", "WROR", "WROO"].includes(ethnicity),
        ethnicity,
        gender: null,
      },
    });
  });
}

export const bromcomMapping = makeMapping([
  "surname",
  "forename",
  "yearGroup",
  "regGroup",
  "upn",
  "possibleSessions",
  "presentSessions",
  "aeaSessions",
  "authorisedSessions",
  "unauthorisedSessions",
  "attendancePercent",
  "pupilPremium",
  "sen",
  "eal",
  "ethnicity",
  "recordedLevel",
]);

export function registerFixture(): { records: PupilRecord[]; sessions: SessionColumn[] } {
  const [header, ...body] = rows("register-marks.csv");
  const sessions: SessionColumn[] = [];
  (header as string[]).forEach((heading, column) => {
    const match = /^\w{3} (\d{2})\/(\d{2})\/(\d{4}) (AM|PM)$/.exec(heading);
    if (match) sessions.push({ column, date: `${match[3]}-${match[2]}-${match[1]}`, session: match[4] as "AM" | "PM", heading });
  });
  const records = body.map((row, index) =>
    makeRecord({
      sourceRow: index + 2,
      upn: row[0] ?? null,
      name: `${row[2]} ${row[1]}`,
      yearGroup: row[3] ?? null,
      marks: sessions.map((s) => (row[s.column] ?? "").trim()),
    }),
  );
  return { records, sessions };
}

const checkedFields = [
  "possibleSessions",
  "missedSessions",
  "authorisedSessions",
  "unauthorisedSessions",
  "band",
  "stage",
  "level",
  "penaltyNoticeThresholdMet",
] as const;

export function compareWithExpected(pupils: readonly PupilAnalysis[], wanted: readonly ExpectedPupil[]): string[] {
  const bySourceRow = new Map(pupils.map((p) => [p.record.sourceRow, p]));
  const differences: string[] = [];
  for (const expectedPupil of wanted) {
    const pupil = bySourceRow.get(expectedPupil.sourceRow);
    if (!pupil) {
      differences.push(`row ${expectedPupil.sourceRow}: missing`);
      continue;
    }
    for (const field of checkedFields) {
      if (!(field in expectedPupil)) continue;
      if (pupil[field] !== expectedPupil[field]) {
        differences.push(
          `row ${expectedPupil.sourceRow} ${field}: expected ${String(expectedPupil[field])}, got ${String(pupil[field])}`,
        );
      }
    }
  }
  return differences;
}

