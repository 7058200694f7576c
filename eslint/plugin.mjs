// The project's own lint rules (docs/architecture.md "Layering rules"). A local plugin rather than
// eslint-plugin-import or eslint-plugin-boundaries: the rules are small, need no resolver or new
// dependency, and their messages can name the broken rule and point at the document that explains it.
import { builtinModules } from "node:module";
import path from "node:path";
import { docsLink, layers, networkModules } from "./layers.mjs";

const nodeBuiltins = new Set(builtinModules);
const networkModuleSet = new Set(networkModules.flatMap((name) => [name, `node:${name}`]));

/** Repository-relative path with forward slashes. */
function relative(cwd, file) {
  return path.relative(cwd, file).split(path.sep).join("/");
}

function layerOf(file) {
  return layers.find((layer) => layer.files.some((entry) => (entry.endsWith("/") ? file.startsWith(entry) : file === entry)));
}

/** Tests may live beside the code (src/sample/sampleExport.test.ts); they belong to no layer. */
function isTest(file) {
  return /\.test\.tsx?$/.test(file);
}

const withoutExtension = (file) => file.replace(/\.(?:[cm]?[jt]sx?)$/, "");

/** Whether a repository path (extension optional) is one of `entries` (folders end in "/"). */
function listed(target, entries) {
  const bare = withoutExtension(target);
  return entries.some((entry) =>
    entry.endsWith("/") ? bare.startsWith(entry) || `${bare}/` === entry : bare === withoutExtension(entry),
  );
}

/** "react-dom/client" → "react-dom"; "@fluentui/react-components/x" → "@fluentui/react-components"; "fs" → "node:fs". */
function packageName(specifier) {
  if (specifier.startsWith("node:")) {
    const name = specifier.slice(5);
    return `node:${name}`;
  }
  if (nodeBuiltins.has(specifier)) return `node:${specifier}`;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

function packageAllowed(specifier, allowed) {
  const isNode = specifier.startsWith("node:") || nodeBuiltins.has(specifier.split("/")[0] ?? "");
  // A Node module is allowed only by its own name ("node:fs/promises" is not "node:fs").
  if (isNode) return allowed.includes(`node:${specifier.replace(/^node:/, "")}`);
  return allowed.includes(packageName(specifier));
}

/** An expression without TypeScript's casts around it: `(window as Record<string, unknown>)` → `window`. */
function unwrap(node) {
  let inner = node;
  while (inner.type === "TSAsExpression" || inner.type === "TSNonNullExpression" || inner.type === "TSSatisfiesExpression" || inner.type === "TSTypeAssertion") {
    inner = inner.expression;
  }
  return inner;
}

/** The string of a literal or an expression-free template, else null. */
function staticString(node) {
  if (!node) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "Each layer imports only what its allow-list names (docs/architecture.md)." },
    schema: [],
    messages: {
      notAllowed: 'Layer rule "{{layer}}": {{says}}; "{{specifier}}" ({{target}}) is not allowed. See {{docs}}.',
      typeOnly: 'Layer rule "{{layer}}": {{says}}; "{{specifier}}" may be imported for its types only (import type). See {{docs}}.',
      outside: 'Layer rule "{{layer}}": "{{specifier}}" reaches outside src ({{target}}); the product imports only src and its packages. See {{docs}}.',
      network: 'Rule "no network": "{{specifier}}" makes network requests; the add-in never sends pupil data anywhere. See {{docs}}.',
      noLayer: 'Layer rule: {{file}} belongs to no layer; add its folder to eslint/layers.mjs and docs/architecture.md. See {{docs}}.',
    },
  },
  create(context) {
    const cwd = context.cwd;
    const file = relative(cwd, context.filename);
    if (!file.startsWith("src/") || isTest(file)) return {};
    const layer = layerOf(file);

    function check(node, specifier, typeOnly) {
      if (typeof specifier !== "string") return;
      if (networkModuleSet.has(specifier) || networkModuleSet.has(packageName(specifier))) {
        context.report({ node, messageId: "network", data: { specifier, docs: docsLink } });
        return;
      }
      if (!layer) {
        context.report({ node, messageId: "noLayer", data: { file, docs: docsLink } });
        return;
      }
      const data = { layer: layer.name, says: layer.says, specifier, docs: docsLink };
      if (!specifier.startsWith(".")) {
        if (!packageAllowed(specifier, layer.packages)) {
          context.report({ node, messageId: "notAllowed", data: { ...data, target: `package ${packageName(specifier)}` } });
        }
        return;
      }
      const target = relative(cwd, path.resolve(path.dirname(context.filename), specifier));
      if (!target.startsWith("src/")) {
        context.report({ node, messageId: "outside", data: { ...data, target } });
        return;
      }
      if (listed(target, layer.allows)) return;
      if (layer.typeOnly && listed(target, layer.typeOnly)) {
        if (!typeOnly) context.report({ node, messageId: "typeOnly", data: { ...data, target } });
        return;
      }
      context.report({ node, messageId: "notAllowed", data: { ...data, target } });
    }

    const onlyTypes = (node) =>
      node.importKind === "type" ||
      node.exportKind === "type" ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));

    return {
      ImportDeclaration: (node) => check(node, node.source.value, onlyTypes(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, onlyTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === "type"),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === "TSExternalModuleReference" &&
        check(node, staticString(node.moduleReference.expression), node.importKind === "type"),
      ImportExpression: (node) => {
        const specifier = staticString(node.source);
        if (specifier === null) context.report({ node, messageId: "notAllowed", data: { layer: layer?.name ?? "src", says: "imports must name their module", specifier: "(computed)", target: "unknown", docs: docsLink } });
        else check(node, specifier, false);
      },
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments.length > 0) {
          const specifier = staticString(node.arguments[0]);
          if (specifier !== null) check(node, specifier, false);
        }
      },
      TSImportType: (node) => {
        const argument = node.argument?.type === "TSLiteralType" ? node.argument.literal : node.argument;
        const specifier = staticString(argument);
        if (specifier !== null) check(node, specifier, true);
      },
    };
  },
};

/** Names that would send data over the network, however they are reached. */
const networkNames = new Set(["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "sendBeacon", "WebTransport", "RTCPeerConnection"]);

const noNetworkRule = {
  meta: {
    type: "problem",
    docs: { description: "No network API anywhere in src, however reached (docs/architecture.md)." },
    schema: [],
    messages: {
      network:
        'Rule "no network": {{name}} makes a network request; the add-in never sends pupil data anywhere (no calls of its own, no telemetry). See {{docs}}.',
      dynamicGlobal:
        'Rule "no network": a computed property of {{object}} hides what is reached (it could be fetch); name the property. See {{docs}}.',
    },
  },
  create(context) {
    const globalObjects = new Set(["globalThis", "window", "self", "frames", "parent", "top", "navigator", "global"]);
    const report = (node, name) => context.report({ node, messageId: "network", data: { name, docs: docsLink } });
    return {
      Identifier(node) {
        if (!networkNames.has(node.name)) return;
        const parent = node.parent;
        // `x.fetch` is reported once, by MemberExpression; keys of object literals and types are not reached code.
        if (parent?.type === "MemberExpression" && parent.property === node && !parent.computed) return;
        if (parent?.type === "Property" && parent.key === node && parent.parent?.type === "ObjectExpression") return;
        if (parent?.type === "TSPropertySignature" || parent?.type === "TSMethodSignature") return;
        report(node, node.name);
      },
      MemberExpression(node) {
        const name = node.computed ? staticString(node.property) : node.property.type === "Identifier" ? node.property.name : null;
        if (name !== null && networkNames.has(name)) {
          report(node, name);
          return;
        }
        const object = unwrap(node.object);
        // Writing a property (the ribbon registers its handler by name) reaches nothing; reading one might.
        const written = node.parent?.type === "AssignmentExpression" && node.parent.left === node;
        if (node.computed && name === null && !written && object.type === "Identifier" && globalObjects.has(object.name)) {
          context.report({ node, messageId: "dynamicGlobal", data: { object: object.name, docs: docsLink } });
        }
      },
      Literal(node) {
        // "fetch" as a whole string: Reflect.get(window, "fetch"), const key = "fetch"; window[key] …
        if (typeof node.value === "string" && networkNames.has(node.value) && node.parent?.type !== "MemberExpression") {
          report(node, node.value);
        }
      },
      TemplateLiteral(node) {
        const value = staticString(node);
        if (value !== null && networkNames.has(value) && node.parent?.type !== "MemberExpression") report(node, value);
      },
    };
  },
};

const officeNames = new Set(["Excel", "Office", "OfficeExtension", "OfficeRuntime"]);

const officeGlobalsRule = {
  meta: {
    type: "problem",
    docs: { description: "Excel and Office globals only in src/excel and the entry files (docs/architecture.md)." },
    schema: [],
    messages: {
      office:
        'Rule "Office globals": {{name}} is used only in src/excel and the entry files (src/taskpane/taskpane.tsx, src/commands/commands.ts); reach the workbook through the gateway. See {{docs}}.',
    },
  },
  create(context) {
    const report = (node, name) => context.report({ node, messageId: "office", data: { name, docs: docsLink } });
    return {
      "Program:exit"(program) {
        const scope = context.sourceCode.getScope(program);
        const seen = new Set();
        const visit = (reference) => {
          const name = reference.identifier.name;
          if (officeNames.has(name) && !seen.has(reference.identifier)) {
            seen.add(reference.identifier);
            report(reference.identifier, name);
          }
        };
        for (const reference of scope.through) visit(reference);
        // Globals the configuration declares are resolved to variables of the global scope instead.
        for (const name of officeNames) for (const reference of scope.set.get(name)?.references ?? []) visit(reference);
      },
      MemberExpression(node) {
        const name = node.computed ? staticString(node.property) : node.property.type === "Identifier" ? node.property.name : null;
        if (name !== null && officeNames.has(name) && node.object.type !== "ThisExpression") {
          // Only a global object's property (globalThis.Office, window["Excel"]) or a cast of one.
          const object = unwrap(node.object);
          if (object.type === "Identifier" && ["globalThis", "window", "self", "global"].includes(object.name)) report(node, name);
        }
      },
    };
  },
};

const noClockRule = {
  meta: {
    type: "problem",
    docs: { description: "src/core never reads the clock (docs/architecture.md)." },
    schema: [],
    messages: {
      clock:
        'Rule "no clock in core": {{what}} reads the clock; core is given "today" by its caller (pane, ribbon or command line) as a date. See {{docs}}.',
    },
  },
  create(context) {
    const report = (node, what) => context.report({ node, messageId: "clock", data: { what, docs: docsLink } });
    const isDate = (node) => node.type === "Identifier" && node.name === "Date";
    return {
      NewExpression(node) {
        if (isDate(node.callee) && node.arguments.length === 0) report(node, "new Date()");
      },
      CallExpression(node) {
        if (isDate(node.callee)) report(node, "Date()");
        const callee = node.callee;
        if (callee.type === "MemberExpression" && isDate(callee.object)) {
          const name = callee.computed ? staticString(callee.property) : callee.property.name;
          if (name === "now") report(node, "Date.now()");
        }
        if (
          callee.type === "MemberExpression" &&
          callee.object.type === "Identifier" &&
          callee.object.name === "performance" &&
          !callee.computed &&
          callee.property.name === "now"
        ) {
          report(node, "performance.now()");
        }
      },
    };
  },
};

export default {
  meta: { name: "attendance-insight-local" },
  rules: {
    layers: layersRule,
    "no-network": noNetworkRule,
    "office-globals": officeGlobalsRule,
    "no-clock-in-core": noClockRule,
  },
};
