// Builds the task pane (which is also the ribbon's function file: one shared runtime) and the ribbon's small
// dialog into dist/. Office.js is not bundled: the pane loads it from Microsoft's CDN (the only external script;
// see the Content-Security-Policy in src/taskpane/taskpane.html); the dialog needs no Office.js.
//
//   npm run build         production: minified, no source maps, no certificates needed
//   npm run dev-server    https://localhost:3000 with the Office dev certificates (office-addin-dev-certs)
//
// ADDIN_BASE_URL=https://attendance.example.sch.uk/ npm run build   rewrites the manifest copied to dist/ so a
// school can host dist/ on its own HTTPS server (README.md, "Deploying for a school"). The manifest.xml in the repo is unchanged.
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const devUrl = "https://localhost:3000/";
const devPort = 3000;

/** Where the built add-in will be hosted; checked so a typo cannot produce a manifest Office would reject. */
function baseUrl() {
  const wanted = process.env.ADDIN_BASE_URL;
  if (!wanted) return devUrl;
  const url = wanted.endsWith("/") ? wanted : `${wanted}/`;
  if (!/^https:\/\/[^/\s]+\/(?:[^\s]*\/)?$/.test(url)) {
    throw new Error(`ADDIN_BASE_URL must be an https:// address such as https://attendance.example.sch.uk/ (got "${wanted}").`);
  }
  return url;
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const hostedAt = baseUrl();

  /** @type {import('webpack').Configuration} */
  const config = {
    mode: production ? "production" : "development",
    // Production ships no source maps; development uses separate .map files (no eval, which the CSP forbids).
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.tsx",
      // The small window the ribbon's button opens where Excel has no shared runtime (src/commands/ribbonMessages.ts).
      dialog: "./src/commands/dialog.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
      // Always write, so dist/ is newer than its sources after a build (the browser test relies on the dates).
      compareBeforeEmit: false,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type-checking is `npm run typecheck`; the build only transpiles.
            options: { transpileOnly: true, configFile: path.resolve(__dirname, "tsconfig.json"), compilerOptions: { noEmit: false } },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "dialog.html",
        template: "./src/commands/dialog.html",
        chunks: ["dialog"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "assets/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              hostedAt === devUrl ? content : content.toString().split(devUrl).join(hostedAt),
          },
        ],
      }),
    ],
    performance: {
      // The bundle size is tracked by the bench (test/bench/bundleSize.ts), not by warnings on every build.
      hints: false,
    },
  };

  if (serving) {
    // Only the dev server needs certificates, so a production build works on a machine without them.
    const devCerts = require("office-addin-dev-certs");
    config.devServer = {
      port: devPort,
      server: { type: "https", options: await devCerts.getHttpsServerOptions() },
      static: false,
    };
  }

  return config;
};
