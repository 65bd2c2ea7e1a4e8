// The review page in a real browser: an analyst with a reviewer token opens an article,
// accepts one event, corrects another's state and rejects a third, all from the keyboard,
// and the map counts the accepted and corrected events at once.
//
// Run as dashboard.test.mjs (`npm test --prefix tests/browser` after `cargo build -p atalaya`).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const targetDir = process.env.CARGO_TARGET_DIR || join(repo, "target");
const bin = process.env.ATALAYA_BIN || join(targetDir, "debug", "atalaya");
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = process.env.SCREENSHOT_DIR || join(here, "screenshots");
const underCI = process.env.CI === "true";

const absent = [["chromium", chromium], ["the atalaya binary (cargo build -p atalaya)", bin]]
  .filter(([, p]) => !existsSync(p)).map(([what, p]) => `${what} (${p})`);
if (absent.length && underCI) throw new Error(`the review browser test needs: ${absent.join(", ")}`);
const skip = absent.length ? `skipped: missing ${absent.join(", ")}` : false;

// One report, three incidents in three states (Sinaloa, Jalisco, Michoacán).
const REPORT = [
  "Gunmen killed four police officers in Culiacán, Sinaloa, on Monday, state authorities said.",
  "In Guadalajara, Jalisco, members of the CJNG set fire to 12 vehicles to block roads on Tuesday.",
  "Soldiers arrested five suspected members of the Familia Michoacana in Apatzingán, Michoacán, on Wednesday.",
].join(" ");
const ANA = "ana-review-token-0123456789";

let dir, server, url, browser, page;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), "atalaya-review-"));
  const db = join(dir, "review.db");
  execFileSync(bin, ["--db", db, "code", "--store", "--published", "2024-09-12", "--doc", "wire-report"],
    { input: REPORT, stdio: ["pipe", "ignore", "inherit"] });
  const reviewers = join(dir, "reviewers.toml");
  writeFileSync(reviewers, `[[reviewer]]\nname = "Ana"\ntoken = "${ANA}"\n[[reviewer]]\nname = "Bo"\ntoken = "bo-review-token-0123456789"\n`);
  server = spawn(bin, ["--db", db, "serve", "--addr", "127.0.0.1:0", "--reviewers", reviewers],
    { stdio: ["ignore", "pipe", "inherit"] });
  url = await new Promise((ok, fail) => {
    const lines = createInterface({ input: server.stdout });
    lines.on("line", (l) => { const m = l.match(/^Atalaya dashboard: (\S+)/); if (m) ok(m[1]); });
    server.on("exit", (code) => fail(new Error(`atalaya serve exited with ${code}`)));
  });
  const { chromium: launcher } = await import("playwright-core");
  browser = await launcher.launch({ executablePath: chromium, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on("pageerror", (e) => { throw e; });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The map's count for a state, from its hover title ("Sinaloa: 1").
async function mapCount(code) {
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]");
  const title = await page.$eval(`#map .state[data-state="${code}"] title`, (t) => t.textContent);
  const m = title.match(/([\d,.]+)\s*$/) || title.match(/:\s*([\d,.]+)/);
  return m ? Number(m[1].replace(/,/g, "")) : 0;
}

async function waitDecisions(n) {
  try {
    await page.waitForFunction((k) => Number(document.body.dataset.decisions || 0) >= k, n, { timeout: 15000 });
  } catch (e) {
    throw new Error(`decision ${n} not made; the page says: ${await page.textContent("#status")}`);
  }
}

test("an analyst reviews an article from the keyboard and the map follows", { skip }, async () => {
  assert.equal(await mapCount("25"), 0, "a pending event is not on the map");
  assert.equal(await mapCount("16"), 0);

  await page.goto(`${url}review`);
  await page.waitForSelector("body[data-ready=true]");
  await page.fill("#token", ANA);
  await page.press("#token", "Enter");
  // Open the article from the keyboard.
  await page.focus("#articles button");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#article-view:not([hidden]) #events .event");
  const ids = await page.$$eval("#events .event", (els) => els.map((e) => e.dataset.id));
  assert.equal(ids.length, 3, `three events coded: ${ids}`);
  const marks = await page.$$eval("#article-text mark", (els) => els.map((e) => e.textContent));
  assert.equal(marks.length, 3, "each event's quote is highlighted");
  assert.match(marks[0], /Culiacán/);

  // First event (Sinaloa): accept.
  await page.keyboard.press("a");
  await waitDecisions(1);
  assert.match(await page.textContent("#status"), /accept .*pending → accepted/);
  // Second event (Jalisco): edit its state to Michoacán (16) and save with Enter.
  await page.keyboard.press("j");
  await page.keyboard.press("e");
  await page.focus(`#events .event[data-index="1"] select[name=state]`);
  await page.selectOption(`#events .event[data-index="1"] select[name=state]`, "16");
  await page.press(`#events .event[data-index="1"] select[name=state]`, "Enter");
  await waitDecisions(2);
  assert.match(await page.textContent("#status"), /edit .*accepted/);
  // Third event (Michoacán arrest): reject with the default reason.
  await page.keyboard.press("j");
  await page.keyboard.press("r");
  await page.keyboard.press("Enter");
  await waitDecisions(3);
  assert.match(await page.textContent("#status"), /reject .*rejected/);
  // Undo from the keyboard, then reject again.
  await page.keyboard.press("u");
  await waitDecisions(4);
  assert.match(await page.textContent("#status"), /undo .*rejected → pending/);
  await page.keyboard.press("r");
  await page.keyboard.press("Enter");
  await waitDecisions(5);
  const badges = await page.$$eval("#events .badge", (els) => els.map((e) => e.textContent));
  assert.deepEqual(badges, ["accepted", "accepted", "rejected"]);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, "review-decided.png") });

  // The decisions are logged under Ana's name.
  const log = await (await fetch(`${url}api/v1/review/log`)).json();
  assert.deepEqual(log.decisions.map((d) => [d.decision, d.by]),
    [["accept", "Ana"], ["edit", "Ana"], ["reject", "Ana"], ["undo", "Ana"], ["reject", "Ana"]]);
  assert.equal(log.decisions[1].after.state, "16");

  // The map counts them at once: Sinaloa's accepted event, the edited one in Michoacán.
  assert.equal(await mapCount("25"), 1);
  assert.equal(await mapCount("16"), 1);
  assert.equal(await mapCount("14"), 0, "the edited event left Jalisco");
});
