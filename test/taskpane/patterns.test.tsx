/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen } from "@testing-library/react";
import type { CellValue } from "../../src/core/read/grid";
import { createFakeGateway } from "./fakeGateway";
import { renderPane } from "./renderPane";
import { schoolDays, sessionsOn } from "../core/rules/patterns/markGrid";

// Fluent in jsdom on a shared 2-core machine is slow.
jest.setTimeout(60_000);

// Six school weeks of marks: Ann misses every Monday (PA), Bob is absent without permission for 10 days in a
// row (at risk over the period, but the school must tell the local authority).
const days = schoolDays("2025-09-01", 30);
const headings = sessionsOn(days).map((s) => `${s.date} ${s.session}`);
const mondays = new Set(days.flatMap((d, i) => (new Date(`${d}T00:00:00Z`).getUTCDay() === 1 ? [2 * i, 2 * i + 1] : [])));
const grid: CellValue[][] = [
  ["Name", "Year", ...headings],
  ["Ann Monday", "7", ...headings.map((_, i) => (mondays.has(i) ? "N" : "/"))],
  ["Bob Away", "7", ...headings.map((_, i) => (i >= 20 && i < 40 ? "N" : "/"))],
  ["Cal Here", "7", ...headings.map(() => "/")],
];

test("each pupil shows the pattern in their marks, and the pupil the local authority must be told about comes first", async () => {
  const { user } = await renderPane({ gateway: createFakeGateway({ grid }) });
  await user.click(screen.getByRole("button", { name: "Analyse" }));
  await screen.findByRole("heading", { name: /Pupils in each band/ });
  const names = screen.getAllByRole("button", { name: /go to row/ }).map((b) => b.textContent);
  expect(names).toEqual(["Bob Away", "Ann Monday"]);
  const bob = screen.getByRole("button", { name: /^Bob Away, go to row/ }).closest("li")!;
  expect(bob).toHaveTextContent(/Pattern: 10 days of unauthorised absence in a row: tell the local authority/);
  // The reasons are one button away (compact rows).
  await user.click(screen.getByRole("button", { name: "Details for Bob Away" }));
  expect(bob).toHaveTextContent(/Why: Absent without permission for 10 days in a row .*: the school must tell the local authority/);
  const ann = screen.getByRole("button", { name: /^Ann Monday, go to row/ }).closest("li")!;
  expect(ann).toHaveTextContent(/Pattern: Absence concentrated on Mondays/);
});

test("the list can be filtered to pupils with a pattern", async () => {
  const { user } = await renderPane({ gateway: createFakeGateway({ grid }) });
  await user.click(screen.getByRole("button", { name: "Analyse" }));
  await screen.findByRole("heading", { name: /Pupils in each band/ });
  await user.selectOptions(await screen.findByRole("combobox", { name: "Band" }, { timeout: 15_000 }), "All bands");
  await user.selectOptions(screen.getByRole("combobox", { name: "Pattern" }), "Absence concentrated on certain days");
  expect(screen.getAllByRole("button", { name: /go to row/ }).map((b) => b.textContent)).toEqual(["Ann Monday"]);
});
