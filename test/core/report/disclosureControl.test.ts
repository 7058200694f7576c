import { chooseWithheld, workedOut, type FigureModel } from "../../../src/core/report/disclosureControl";

describe("disclosure control (docs/rules.md §7)", () => {
  const paAndSa = [{ total: "pa", parts: ["sa", "paOnly"] }];

  it("finds a hidden count the shown ones give away by taking away", () => {
    // PA 17 and PA-but-not-SA 15 shown: SA (2) is worked out.
    expect([...workedOut(paAndSa, new Set(["sa"]))]).toEqual(["sa"]);
    // With PA-but-not-SA hidden too, neither can be worked out.
    expect(workedOut(paAndSa, new Set(["sa", "paOnly"])).size).toBe(0);
  });

  it("finds counts pinned down through a chain of sums", () => {
    const relations = [
      { total: "all", parts: ["a", "b"] },
      { total: "b", parts: ["c", "d"] },
    ];
    // all, a and c shown: b = all − a, then d = b − c.
    expect([...workedOut(relations, new Set(["b", "d"]))].sort()).toEqual(["b", "d"]);
  });

  it("withholds the cheapest shown count that stops a count of 1 or 2 being worked out", () => {
    const model: FigureModel = {
      cells: new Map([
        ["pa", { value: 17, shown: true, cost: 100 }],
        ["sa", { value: 2, shown: true, cost: 60 }],
        ["paOnly", { value: 15, shown: true, cost: 10 }],
      ]),
      relations: paAndSa,
    };
    expect([...chooseWithheld(model)]).toEqual(["paOnly"]);
    // Nothing small: nothing withheld.
    const large: FigureModel = { ...model, cells: new Map([...model.cells].map(([id, cell]) => [id, { ...cell, value: cell.value + 10 }])) };
    expect(chooseWithheld(large).size).toBe(0);
  });
});
