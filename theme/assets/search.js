// Search page: the Pagefind API with a small Vietnamese UI. Filters work without a query too,
// so a reader can browse, say, every indicator of one plan.
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const params = new URLSearchParams(location.search);
// A reader may start typing before the search engine has loaded (slow connection): keep what they
// typed; the search runs once loading is done (last line).
if (!input.value) input.value = params.get("q") || "";
const status = document.getElementById("search-status");
const LOADING = "Đang tải công cụ tìm kiếm…";
const loading = () => { status.textContent = LOADING; };
if (input.value) loading();
input.addEventListener("input", loading);

const pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href).catch((error) => {
  input.removeEventListener("input", loading);
  status.textContent = "Không tải được công cụ tìm kiếm. Hãy kiểm tra kết nối mạng rồi tải lại trang.";
  throw error;
});
// Rank by where a word stands (title, keywords: data-pagefind-weight) rather than how often or on how
// short a page: otherwise a one-line task that mentions a word outranks the guide about it.
await pagefind.options({ excerptLength: 22, ranking: { pageLength: 0.0, termFrequency: 0.0 } });
pagefind.init();

const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const selects = [...form.querySelectorAll("select[data-filter]")];
const PAGE = 6;
const ACCENTED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
let current = [];
let shown = 0;
let run = 0;
let shownUrls = new Set();
let browsing = false; // filters only, no words: excerpts would be the page's first words, often hidden keywords

const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
  .toLowerCase().replace(/\s+/g, " ").trim();
const hintsUrl = new URL("../data/search-hints.json", import.meta.url);
const siteRoot = new URL("../", import.meta.url);
const hints = await fetch(hintsUrl).then((r) => r.json()).catch(() => []);

// Curated best bets: the query is a guide keyword, a plan's name, a document symbol or an
// abbreviation (or the start of one). They come first; Pagefind's results follow, without repeats.
function bestBets(term) {
  const q = fold(term);
  if (q.length < 2) return [];
  return hints.filter((h) => h.phrases.some((p) => p === q || (q.length >= 4 && p.startsWith(q)))).slice(0, 2);
}

const available = await pagefind.filters();
for (const select of selects) {
  const values = Object.keys(available[select.dataset.filter] || {}).sort((a, b) => a.localeCompare(b, "vi"));
  for (const value of values) select.add(new Option(value, value));
  select.value = params.get(select.name) || "";
}
if (selects.some((s) => s.value)) form.querySelector("details").open = true;

function chosenFilters() {
  const filters = {};
  for (const s of selects) if (s.value) filters[s.dataset.filter] = s.value;
  return filters;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

function renderBet(h) {
  list.append(el("li", { class: "result result-bet" },
    el("span", { class: "result-kind" }, "Gợi ý · " + h.kind),
    el("a", { href: new URL(h.url, siteRoot).pathname + new URL(h.url, siteRoot).hash, class: "result-link" }, h.title)));
}

async function render(results) {
  const batch = await Promise.all(results.map((r) => r.data()));
  for (const data of batch) {
    if (shownUrls.has(data.url)) continue;
    const meta = data.meta || {};
    const tags = [meta.kind, meta.plan, meta.target ? "Mục tiêu " + meta.target : ""].filter(Boolean).join(" · ");
    const excerpt = el("p", { class: "result-excerpt" });
    // An excerpt taken from the hidden keyword block (mostly unaccented spellings) reads badly:
    // show the page description instead. Vietnamese prose has tone marks on most words.
    const words = data.excerpt.replace(/<[^>]+>/g, "").split(/\s+/).filter(Boolean);
    const accented = words.filter((w) => ACCENTED.test(w)).length;
    if (!meta.description || (!browsing && accented >= words.length * 0.35)) excerpt.innerHTML = data.excerpt;
    else excerpt.textContent = meta.description;
    list.append(el("li", { class: "result" },
      el("span", { class: "result-kind" }, tags),
      // Titles come from the h1, whose permalink adds a trailing "#".
      el("a", { href: data.url, class: "result-link" }, (meta.title || data.url).replace(/\s*#$/, "")),
      excerpt));
  }
}

async function search(event) {
  if (event) event.preventDefault();
  const term = input.value.trim();
  const filters = chosenFilters();
  const url = new URL(location.href);
  url.search = new URLSearchParams({ ...(term && { q: term }), ...Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.name, s.value])) });
  history.replaceState(null, "", url);
  const mine = ++run;
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren(); more.hidden = true; status.textContent = "";
    return;
  }
  status.textContent = "Đang tìm…";
  const result = await pagefind.search(term || null, { filters });
  if (mine !== run) return;
  current = result.results;
  browsing = !term;
  shown = 0;
  list.replaceChildren();
  shownUrls = new Set();
  if (term && !Object.keys(filters).length) {
    for (const h of bestBets(term)) { renderBet(h); shownUrls.add(new URL(h.url, siteRoot).pathname); }
  }
  await showMore();
  if (mine !== run) return;
  status.textContent = current.length
    ? `Tìm thấy ${current.length} kết quả${term ? ` cho “${term}”` : ""}.`
    : `Không tìm thấy kết quả${term ? ` cho “${term}”` : ""}. Hãy thử từ khác, bỏ bớt bộ lọc hoặc gõ không dấu.`;
}

async function showMore() {
  const next = current.slice(shown, shown + PAGE);
  shown += next.length;
  await render(next);
  more.hidden = shown >= current.length;
}

input.removeEventListener("input", loading);
if (status.textContent === LOADING) status.textContent = "";
let timer;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 250); });
selects.forEach((s) => s.addEventListener("change", () => search()));
form.addEventListener("submit", search);
more.addEventListener("click", showMore);
if (input.value || Object.keys(chosenFilters()).length) search(); else input.focus();
