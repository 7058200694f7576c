import type { Random } from "./random";

/**
 * Register marks for the fictitious sample pupils (docs/rules.md §3, §10): one mark per session of the
 * autumn term 2025, made so that each pupil's marks give exactly the counts of their summary row, with the
 * patterns an attendance officer meets: absence around the weekend, afternoons, spells of illness, a term-time
 * holiday, a decline in the last weeks, lateness, and a few long continuous absences.
 * Pure and seeded, like the rest of the sample.
 */

/** The counts a pupil's marks must reproduce. */
export interface MarkCounts {
  band: "severe" | "persistent" | "at-risk" | "expected" | "no-data";
  possible: number;
  present: number;
  aea: number;
  authorised: number;
  unauthorised: number;
}

const halfTerm = ["2025-10-27", "2025-10-28", "2025-10-29", "2025-10-30", "2025-10-31"];
const weekdayShort = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The autumn term's school days: Wed 03/09/2025 to Fri 19/12/2025 without half term (73 days). */
export function autumnTermDays(): string[] {
  const days: string[] = [];
  for (let time = Date.UTC(2025, 8, 3); time <= Date.UTC(2025, 11, 19); time += 86_400_000) {
    const date = new Date(time);
    const weekday = date.getUTCDay();
    const iso = date.toISOString().slice(0, 10);
    if (weekday !== 0 && weekday !== 6 && !halfTerm.includes(iso)) days.push(iso);
  }
  return days;
}

/** "Wed 03/09/2025 AM", as a SIMS register export heads its columns. */
export function sessionHeadings(days: readonly string[]): string[] {
  return days.flatMap((iso) => {
    const [year, month, day] = iso.split("-");
    const weekday = weekdayShort[new Date(`${iso}T00:00:00Z`).getUTCDay()];
    return [`${weekday} ${day}/${month}/${year} AM`, `${weekday} ${day}/${month}/${year} PM`];
  });
}

type Style = "scattered" | "weekend" | "afternoons" | "spells" | "declining" | "holiday" | "continuousUnauthorised" | "continuousIllness";

function styleFor(random: Random, pupil: MarkCounts): Style {
  if (pupil.band === "severe") return random.weighted([["spells", 3], ["scattered", 1], ["declining", 1]] as const);
  if (pupil.band === "persistent") {
    return random.weighted([["weekend", 3], ["afternoons", 2], ["spells", 3], ["declining", 2], ["holiday", 2], ["scattered", 3]] as const);
  }
  return random.weighted([["scattered", 6], ["spells", 2], ["weekend", 1], ["holiday", 1]] as const);
}

/** Session indices in the order absence is placed for a style: the pattern's sessions first. */
function absenceOrder(random: Random, style: Style, first: number, days: readonly string[]): number[] {
  const sessions: number[] = [];
  for (let i = first; i < days.length * 2; i++) sessions.push(i);
  const weekday = (i: number) => new Date(`${days[Math.floor(i / 2)]}T00:00:00Z`).getUTCDay();
  const shuffled = random.shuffle([...sessions]);
  const firstWhere = (test: (i: number) => boolean) => [...shuffled.filter(test), ...shuffled.filter((i) => !test(i))];
  switch (style) {
    case "weekend":
      return firstWhere((i) => weekday(i) === 1 || weekday(i) === 5);
    case "afternoons":
      return firstWhere((i) => i % 2 === 1);
    case "declining":
      // The last four school weeks (40 sessions) first.
      return firstWhere((i) => i >= days.length * 2 - 40);
    case "spells": {
      // Whole days in runs of 1–5 days from random starts.
      const order: number[] = [];
      const taken = new Set<number>();
      for (let attempt = 0; attempt < 200; attempt++) {
        const startDay = random.int(Math.ceil(first / 2), days.length - 1);
        const length = random.int(1, 5);
        for (let d = startDay; d < Math.min(days.length, startDay + length); d++) {
          for (const i of [2 * d, 2 * d + 1]) {
            if (i >= first && !taken.has(i)) {
              taken.add(i);
              order.push(i);
            }
          }
        }
      }
      return [...order, ...shuffled.filter((i) => !taken.has(i))];
    }
    case "holiday":
    case "continuousUnauthorised":
    case "continuousIllness": {
      // One block of consecutive sessions first (a week's holiday, or a long absence), then the rest.
      const length = style === "holiday" ? 10 : 40;
      const start = Math.max(first, random.int(first, Math.max(first, days.length * 2 - length - 20)));
      const block = sessions.filter((i) => i >= start && i < start + length);
      return [...block, ...shuffled.filter((i) => i < start || i >= start + length)];
    }
    default:
      return shuffled;
  }
}

function presentMark(random: Random, session: number): string {
  if (random.chance(0.02)) return "L";
  return session % 2 === 0 ? "/" : "\\";
}

/**
 * Marks for each pupil, in session order. Before a pupil joined, the sessions are "Z" (not yet on roll,
 * not a possible session). A few PA and SA pupils are given one long run: unauthorised absence of more
 * than 10 school days in a row, or illness of more than 15, so the sample shows what the school must do.
 */
export function sampleMarks(random: Random, pupils: readonly MarkCounts[], days: readonly string[]): string[][] {
  const total = days.length * 2;
  const longUnauthorised = pupils.findIndex((p) => p.band === "severe" && p.unauthorised >= 24);
  const longIllness = pupils.findIndex((p, i) => i !== longUnauthorised && p.band === "severe" && p.authorised >= 34);
  return pupils.map((pupil, index) => {
    const first = Math.max(0, total - pupil.possible);
    const marks = new Array<string>(total).fill("");
    for (let i = 0; i < first; i++) marks[i] = "Z";
    const missed = pupil.authorised + pupil.unauthorised;
    const style: Style =
      index === longUnauthorised ? "continuousUnauthorised" : index === longIllness ? "continuousIllness" : styleFor(random, pupil);
    const chosen = absenceOrder(random, style, first, days).slice(0, missed);
    // The block comes first: unauthorised marks fill it for a long unauthorised absence and for a holiday,
    // authorised ones for a long illness; elsewhere the two are mixed.
    const unauthorisedFirst = style === "continuousUnauthorised" || style === "holiday";
    const ordered = style === "continuousIllness" || unauthorisedFirst ? chosen : random.shuffle([...chosen]);
    ordered.forEach((session, k) => {
      const unauthorised = unauthorisedFirst ? k < pupil.unauthorised : k >= pupil.authorised;
      if (unauthorised) {
        marks[session] =
          style === "holiday" && k < 10 ? "G" : random.weighted([["N", 7], ["O", 2], ["U", 1]] as const);
      } else {
        marks[session] = style === "continuousIllness" ? "I" : random.weighted([["I", 8], ["M", 2], ["C", 1], ["E", 1]] as const);
      }
    });
    const rest: number[] = [];
    for (let i = first; i < total; i++) if (marks[i] === "") rest.push(i);
    random.shuffle(rest);
    rest.forEach((session, k) => {
      marks[session] = k < pupil.aea ? random.pick(["K", "V", "P", "B"]) : presentMark(random, session);
    });
    return marks;
  });
}
