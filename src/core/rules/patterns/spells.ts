import { AUTHORISED, NOT_POSSIBLE, NO_MARK, UNAUTHORISED } from "../registerCodes";

/**
 * docs/rules.md §10 "Spells": a spell is a run of consecutive possible sessions all missed. Sessions that
 * are not possible, sessions with no mark, and school holidays (which have no columns) neither break nor
 * extend a run. The longest run made only of unauthorised marks (G, N, O, U) is the continuous
 * unauthorised absence. Lengths are in sessions; a school day is two sessions.
 */
export interface Run {
  sessions: number;
  /** Index of the run's first and last session column; -1 when there is no run. */
  first: number;
  last: number;
}

export interface Spells {
  /** How many spells (separate runs of missed sessions). */
  count: number;
  /** The longest spell (the earliest, when two are as long). */
  longest: Run;
  /** The longest run of unauthorised absence only. */
  longestUnauthorised: Run;
}

const noRun: Run = { sessions: 0, first: -1, last: -1 };

export function findSpells(categories: Uint8Array): Spells {
  const notPossible = NOT_POSSIBLE;
  const noMark = NO_MARK;
  const authorised = AUTHORISED;
  const unauthorised = UNAUTHORISED;
  let count = 0;
  let run = 0;
  let runFirst = -1;
  let best = 0;
  let bestFirst = -1;
  let bestLast = -1;
  let unauthorisedRun = 0;
  let unauthorisedFirst = -1;
  let bestUnauthorised = 0;
  let bestUnauthorisedFirst = -1;
  let bestUnauthorisedLast = -1;
  for (let i = 0; i < categories.length; i++) {
    const category = categories[i] as number;
    // Neither breaks nor extends a run.
    if (category === notPossible || category === noMark) continue;
    if (category === authorised || category === unauthorised) {
      if (run === 0) {
        count++;
        runFirst = i;
      }
      run++;
      if (run > best) {
        best = run;
        bestFirst = runFirst;
        bestLast = i;
      }
      if (category === unauthorised) {
        if (unauthorisedRun === 0) unauthorisedFirst = i;
        unauthorisedRun++;
        if (unauthorisedRun > bestUnauthorised) {
          bestUnauthorised = unauthorisedRun;
          bestUnauthorisedFirst = unauthorisedFirst;
          bestUnauthorisedLast = i;
        }
      } else {
        unauthorisedRun = 0;
      }
    } else {
      // Present or approved educational activity ends both runs.
      run = 0;
      unauthorisedRun = 0;
    }
  }
  return {
    count,
    longest: best > 0 ? { sessions: best, first: bestFirst, last: bestLast } : noRun,
    longestUnauthorised:
      bestUnauthorised > 0 ? { sessions: bestUnauthorised, first: bestUnauthorisedFirst, last: bestUnauthorisedLast } : noRun,
  };
}

/** docs/rules.md §10: at least `days` school days = at least 2 × days sessions. */
export function runReaches(run: Run, days: number): boolean {
  return run.sessions > 0 && run.sessions >= Math.round(days * 2);
}
