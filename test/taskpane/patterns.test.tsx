/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen } from "@testing-library/react";
import type { CellValue } from "../../src/core/read/grid";
import { createFakeGateway } from "./fakeGateway";
import { renderPane } from "./renderPane";
import { threePupilMarkGrid } from "../core/rules/patterns/markGrid";

// Fluent in jsdom on a shared 2-core machine is slow.
jest.setTimeout(60_000);

// Ann misses every Monday, Bob is absent without permission for 10 days in a row, Cal is always in.
const grid: CellValue[][] = threePupilMarkGrid();

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
  await user.selectOptions(screen.getByRole("combobox", { name: "Band" }), "All bands");
  await user.selectOptions(screen.getByRole("combobox", { name: "Pattern" }), "Absence concentrated on certain days");
  expect(screen.getAllByRole("button", { name: /go to row/ }).map((b) => b.textContent)).toEqual(["Ann Monday"]);
});
