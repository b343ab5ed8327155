// Search page: the Pagefind API with a small Vietnamese UI. Filters work without a query too,
// so a reader can browse, say, every indicator of one plan.
//
// How a query is understood (the vocabularies come from the build, data/search-hints.json):
// - status words ("quá hạn", "hoan thanh", "chưa có báo cáo") set the status filter instead of being searched;
// - a horizon year ("2030") favours indicators with a target that year;
// - words asking for a figure ("ty le", "bao nhieu") favour indicators and comparisons;
// - adjacent syllables are also looked up as one word ("hoc ba" → the pair token the build indexed for
//   "học bạ"), so a phrase outranks pages where its syllables stand apart;
// - pages matching only some of the words still come, after those matching all of them, and a query
//   nothing matches well offers the closest guides and glossary terms.
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const params = new URLSearchParams(location.search);
// A reader may start typing before the search engine has loaded (slow connection): keep what they
// typed; the search runs once loading is done (last line).
if (!input.value) input.value = params.get("q") || "";
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const details = form.querySelector("details");
const selects = [...form.querySelectorAll("select[data-filter]")];
const LOADING = "Đang tải công cụ tìm kiếm…";
const loading = () => { status.textContent = LOADING; };
if (input.value) loading();
input.addEventListener("input", loading);

// Start both downloads at once (the page preloads them too, see main.html): the engine and the
// build's vocabularies. Pagefind runs in the page (noWorker): one file and one round trip less
// than its worker, and the search itself takes milliseconds on an index this size.
const siteRoot = new URL("../", import.meta.url);
const hintsReady = fetch(new URL("../data/search-hints.json", import.meta.url)).then((r) => r.json()).catch(() => ({}));
const tag = document.querySelector('meta[name="pagefind-tag"]')?.content;
const engineReady = import(new URL("../pagefind/pagefind.js", import.meta.url).href).then(async (pf) => {
  // Rank by where a word stands (title, keywords: data-pagefind-weight) rather than how often or on how
  // short a page: otherwise a one-line task that mentions a word outranks the guide about it.
  await pf.options({ noWorker: true, ...(tag && { metaCacheTag: tag }), ranking: { pageLength: 0.0, termFrequency: 0.0 } });
  pf.init();
  return pf;
});

const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
  .toLowerCase().replace(/\s+/g, " ").trim();
const syllablesOf = (s) => fold(s).split(/[^a-z0-9]+/).filter(Boolean);
// The query's folded words between spaces (" hoc ba so "), and whether it holds one of these phrases.
const spaced = (term) => ` ${syllablesOf(term).join(" ")} `;
const holds = (term, phrases) => phrases.some((p) => spaced(term).includes(` ${p} `));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const PAGE = 6;
let hints = { bets: [], statuses: [], suggest: [], pair_prefix: "zz" };
let pagefind = null;
let current = [];
let shown = 0;
let run = 0;
let shownUrls = new Set();
// the query's folded syllables, for excerpts
let words = [];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

const siteUrl = (url) => { const u = new URL(url, siteRoot); return u.pathname + u.hash; };

// ---- Understanding the query -------------------------------------------------------------

/** Status words set the status filter: returns [the rest of the query, the status value or null]. */
function statusOf(term) {
  const rest = term.split(/\s+/).filter(Boolean);
  // A slip in a word of a status of two words or more ("qua hanj"): a telex key left in it. (Not a letter
  // added at its end: "ket qua hang thang" is no "quá hạn".)
  const statusWords = new Set((hints.statuses || []).flatMap((s) => s.phrases.flatMap((p) => p.split(" "))));
  const folded = rest.map((w) => syllablesOf(w).join(""));
  const mended = folded.map((w) => (statusWords.has(w) ? w : (statusWords.has(telex(w)) ? telex(w) : w)));
  let best = null;
  for (const s of hints.statuses || []) {
    for (const phrase of s.phrases) {
      const n = phrase.split(" ").length;
      for (let i = 0; i + n <= rest.length; i++) {
        const typed = folded.slice(i, i + n).join(" ") === phrase;
        if ((typed || (n > 1 && mended.slice(i, i + n).join(" ") === phrase)) && (!best || phrase.length > best.phrase.length)) best = { value: s.value, phrase, i, n };
      }
    }
  }
  if (!best) return [term, null];
  // Drop the status words from what the reader typed, with or without diacritics.
  rest.splice(best.i, best.n);
  return [rest.join(" "), best.value];
}

/** Question words ("o dau", "la gi") are left out when other words remain (`all`: even when not); so is
 *  the "không" that ends a yes/no question begun with "có" ("cat hai co song 5g khong"). */
const withoutQuestion = (term, all = false) => yesNo(without(term, hints.questions || [], all));
/** Text-message shorthand read as its words ("dc" → "duoc", "ko" → "khong"): words as typed, the others kept. */
const unshortened = (typed) => typed.split(/\s+/).map((w) => hints.shorthand?.[syllablesOf(w).join(" ")] ?? w).join(" ");

function yesNo(term) {
  const words = term.split(/\s+/).filter(Boolean);
  const folded = words.map((w) => syllablesOf(w).join(" "));
  // "… hoàn thành chưa": a last "chưa" asks "yet?", as "không" after "có" asks "or not?".
  return folded.length > 2 && (folded.at(-1) === "chua" || ["khong", "ko"].includes(folded.at(-1)) && folded.slice(0, -1).includes("co"))
    ? words.slice(0, -1).join(" ") : term;
}

/** The term without these (folded) phrases, typed with or without diacritics. */
function without(term, phrases, all) {
  let words = term.split(/\s+/).filter(Boolean);
  for (const phrase of phrases) {
    const n = phrase.split(" ").length;
    for (let i = 0; i + n <= words.length && (all || words.length > n); i++) {
      if (syllablesOf(words.slice(i, i + n).join(" ")).join(" ") === phrase) { words.splice(i, n); i--; }
    }
  }
  return words.join(" ");
}

/** "chuyen doi so la gi": a reader asking what a term means gets the glossary's explanation of it
 *  first, when the rest of the query is a term's abbreviation or full form. */
const asksMeaning = (typed) => holds(typed, hints.meaning || ["la gi", "nghia la"]);
/** The words left once the question and the words asking what it means are gone ("khac"). */
const unmeant = (term) => without(withoutQuestion(term, true), hints.meaning || [], true);
function definitionBet(typed, term) {
  const q = syllablesOf(unmeant(term)).join(" ");
  if (!q || !asksMeaning(typed)) return [];
  const terms = (hints.suggest || []).filter((s) => s.kind === hints.glossary_kind);
  const named = (s) => s.title.split(": ").map((part) => syllablesOf(part).join(" "));
  // By its abbreviation or full name, or the abbreviation with words of the full name ("ioc trung tam
  // dieu hanh la gi").
  const within = (s) => { const [abbr, ...full] = named(s); const own = ` ${full.join(" ")} `;
    return q.startsWith(`${abbr} `) && q.split(" ").slice(1).every((w) => own.includes(` ${w} `)); };
  const explained = [...terms.filter((s) => named(s).includes(q)), ...terms.filter(within)].slice(0, 1);
  if (explained.length) return explained;
  // Else the guide that explains it: every word of it among the guide's own words
  // ("dich vu cong toan trinh la gi").
  const words = q.split(" ");
  return words.length < 2 ? [] : (hints.suggest || []).filter((s) => s.kind !== hints.glossary_kind &&
    words.every((w) => ` ${s.words} `.includes(` ${w} `))).slice(0, 1);
}

/** "khong doc duoc trong ban goc la sao", "dau (*) la gi": where the portal's marks are explained. */
function markBet(typed) {
  const m = hints.marks;
  return m && asksMeaning(typed) && (typed.includes("*") || holds(typed, m.words)) ? [m.page] : [];
}

/** "cac van ban nghi quyet", "danh sach don vi duoc giao viec": the list page. Also on the words as typed:
 *  "co quan nao" is a question word, and the noun, in "nhung co quan nao phai thuc hien ke hoach". */
function listBet(term) {
  const lists = hints.lists;
  if (!lists || !holds(term, lists.words)) return [];
  // The nouns go before the function words: "co" of "co quan" is one. A count ("danh sach 5 ke hoach") is no word to find.
  const rest = without(term, [...lists.words, ...lists.generic], true).split(/\s+/).filter((w) => !/^\d+$/.test(w)).join(" ");
  return lists.pages.filter((l) => holds(rest, l.nouns) &&
    !without(without(rest, l.nouns, true), hints.optional || [], true)).slice(0, 1);
}

/** "so sanh muc tieu giua cac phuong": asking to compare, naming no target: the list of comparisons. */
function compareListBet(term) {
  const c = hints.compare;
  if (!c || !holds(term, c.phrases)) return [];
  // The places compared are no target ("so sanh chi tieu hai an voi cat hai").
  const rest = without(without(withoutPlaces(term), c.phrases, true), [...(c.generic || []), ...(hints.optional || [])], true);
  return rest ? [] : [c.list];
}

/** A horizon year among the words (2025-2050): returns [the rest, the year or null]. The words
 *  that lead to it ("đến năm 2030", "vào 2045") go with it: pages say "năm" rarely beside a target. */
const YEAR_WORDS = new Set(["nam", "vao", "den", "toi", "truoc", "het", "trong"]);
function yearOf(term) {
  const words = term.split(/\s+/).filter(Boolean);
  const i = words.findIndex((w) => /^20[2-5]\d[.,;:!?]*$/.test(w));
  if (i < 0) return [term, null];
  let start = i;
  while (start > 0 && i - start < 3 && YEAR_WORDS.has(syllablesOf(words[start - 1]).join(" "))) start--;
  return [[...words.slice(0, start), ...words.slice(i + 1)].join(" "), words[i].slice(0, 4)];
}

// Curated best bets: the query is a guide keyword, a plan's name, a document symbol or an
// abbreviation (or the start of one). They come first; Pagefind's results follow, without repeats.
/** The glossary's terms among the suggestions (titled "ABBR: full form"). */
let glossaryTerms = null;
const glossary = () => (glossaryTerms ||= (hints.suggest || []).filter((s) => s.kind === hints.glossary_kind).map((s) => {
  const [abbr, ...full] = s.title.split(": ");
  return { s, abbr, full: full.join(": ") };
}));

let allBets = null;
function bestBets(term, exact = false) {
  const q = fold(term);
  if (q.length < 2) return [];
  // The glossary's abbreviations come last, made from its terms among the suggestions (generator/search.py).
  allBets ||= [...(hints.bets || []), ...glossary().map(({ s, abbr }) => ({ ...s, phrases: [fold(abbr)] }))];
  return allBets.filter((h) => h.phrases.some((p) => p === q || (!exact && q.length >= 4 && p.startsWith(q)))).slice(0, 2);
}

/** One place, asked why it merged or has a former plan ("sao co ke hoach hai duong cu"), or where the
 *  former place belongs now: the guide about the place's merger, before the place's own plan. */
function whyMergedBet(term, typed) {
  const places = plansOf(term);
  const why = hints.why_merged;
  // The words as typed: "vì sao" is a question word, left out of the term.
  if (!why || places.length !== 1) return [];
  // Asked why, where it belongs now ("hai duong cu nay thuoc dau") or by its former kind ("quan hai an cu").
  const asked = holds(typed, why.why) || holds(typed, why.now) || why.kinds.some((k) => spaced(term).includes(` ${k} ${places[0].phrase} `));
  if (!asked || !holds(withoutPlaces(term), [...(hints.merger || []), ...why.former])) return [];
  // The guide names the place in any of its names ("tinh hai duong" typed, "hai duong" among its keywords).
  return (hints.bets || []).filter((h) => h.kind === hints.how_to?.kind && places[0].plan.phrases.some((p) => h.phrases.includes(p)));
}

/** A guide named by one of its keywords with a place it is also about ("chinh quyen 2 cap hai duong":
 *  the guide explains Hải Dương's merger). "vneid cat hai" is no such query: the VNeID guide is about no
 *  place, so Cát Hải's own target answers it. */
function placedGuideBet(term) {
  const places = plansOf(term);
  // Two places and words of a merger ("vi sao hai duong thanh hai phong"): the guide about them both.
  if (places.length > 1) {
    const rest = without(withoutPlaces(term), hints.optional || [], true);
    const merger = hints.merger || [];
    return !holds(rest, merger) || without(rest, [...merger, ...FILLER], true) ? []
      : (hints.bets || []).filter((h) => h.kind === hints.how_to?.kind && places.every((p) => h.phrases.includes(p.phrase)));
  }
  if (places.length !== 1) return [];
  const rest = without(withoutPlaces(term), hints.optional || [], true);
  return rest ? bestBets(rest, true).filter((h) => h.kind === hints.how_to?.kind && h.phrases.includes(places[0].phrase)) : [];
}

/** The portal's own pages by their titles ("huong dan cho nguoi dan") and keywords ("trang nay cua ai"). */
// By a keyword only when nearly all of it is typed (`keywords`): "xem tien do" is the updates page's title, not "nhap tien do".
const sectionsNamed = (keywords = false) => (hints.sections || [])
  .map((x) => ({ ...x, names: [syllablesOf(x.title).join(" "), ...(keywords ? x.names || [] : [])] }));

/** A guide named by (nearly) its title ("sao co ke hoach tinh hai duong": "Vì sao có kế hoạch của tỉnh
 *  Hải Dương…"), before the place's plan. */
let guideNames = null;
function titledGuideBet(term) {
  guideNames ||= (hints.bets || []).filter((b) => b.kind === hints.how_to?.kind)
    .map((b) => ({ ...b, names: [syllablesOf(b.title).join(" ")] }));
  // More of the title than of a unit's name, a kind of place counting for nothing: a guide's title holds
  // the words of a place's plan too ("ke hoach tinh hai duong" is the plan's).
  return namedBet(term, guideNames, 0.6, 0);
}

/** A page named by the query: a unit by its name (with its locality), a document by its title
 *  ("khung nang luc so nguoi hoc"). Every word of the query is in the name and the two are nearly
 *  the same set; "và", "các", "cho", "tỉnh", "phường"… do not count. */
let FILLER = new Set(); // hints.filler (generator/search.py), once loaded
const PLACE_KINDS = new Set(["tinh", "phuong", "xa", "dac", "khu"]);
const unitBet = (term) => {
  // Names of places only ("hai an va cat hai"): no unit, though "an" of "Hải An" is in "Công an".
  if (!without(withoutPlaces(term), [...FILLER, ...(hints.optional || [])], true)) return [];
  const named = [...(hints.units || []), ...(hints.titles || []), ...sectionsNamed()];
  // "cong an tinh hai duong nhiem vu": the unit's name with what it does.
  // "cuc thue hai duong han thang 6/2025": the unit's name with a deadline.
  // "cong an dak cam dang trien khai": the unit's name with a status (its page lists its items by status).
  const statusWords = (hints.statuses || []).flatMap((x) => x.phrases);
  const bare = without(term, [...(hints.unit_roles || []), ...statusWords], true).split(/\s+/).filter((w) => !/^\d{1,2}[\/.-]20\d\d$/.test(w)).join(" ");
  if (bare && bare !== term && (namedBet(bare, named).length || namedBet(expanded(bare), named).length)) term = bare;
  // "thong tu khung nang luc so nguoi hoc": a document's title with its kind.
  const kinds = [...new Set((hints.documents || []).map((d) => d.type))];
  const untyped = without(term, kinds, true);
  if (untyped && untyped !== term && namedBet(untyped, hints.titles || []).length) term = untyped;
  const found = namedBet(term, named);
  const full = found.length ? term : expanded(term);
  const one = full !== term ? namedBet(full, named) : found;
  if (one.length || !/ va /.test(spaced(term))) return one;
  // "bao hai duong va dai truyen hinh tinh": two units, each by its name.
  const parts = spaced(term).split(" va ").map((x) => x.trim());
  const each = parts.map((part) => { const f = namedBet(part, named); return f.length ? f : namedBet(expanded(part), named); });
  return each.every((f) => f.length) ? each.flat().slice(0, 2) : [];
};

/** The words with each abbreviation of the glossary spelled out ("so khcn" → "so khoa hoc va cong nghe"),
 *  for names that spell it out. */
let abbreviations = null;
const abbreviationMap = () => (abbreviations ||= new Map(glossary().map(({ abbr, full }) => [syllablesOf(abbr).join(" "), syllablesOf(full).join(" ")])));
function expanded(term) {
  return syllablesOf(term).map((w) => abbreviationMap().get(w) || w).join(" ");
}
const isAbbreviation = (w) => abbreviationMap().has(w);
/** What an abbreviation may stand for, each as its words ("tt": "thong tu", "trung tam", "thu tu"). */
let readingsOf = null;
const readings = (w) => (readingsOf ||= new Map(glossary().map(({ abbr, full }) => [syllablesOf(abbr).join(" "),
  full.replace(/\(.*?\)/g, "").split(";").map((r) => syllablesOf(r))]))).get(w) || [];
// Function words a name never needs ("cong an cua cat hai"); not "do", "thi", "minh" (đô thị, thông minh).
const NAME_OPTIONAL = new Set(["co", "o", "cua", "cho", "va", "voi", "ve", "nhung", "cac", "duoc", "la", "nao", "gi", "trong"]);
// "trên địa bàn" (in the area) says where, as the place does ("Các doanh nghiệp viễn thông trên địa bàn phường").
const IN_THE_AREA = / tren dia ban /g;
function namedBet(term, named, least = 0.5, byKind = 0.2) {
  const typed = spaced(term).replace(IN_THE_AREA, " ").trim().split(" ");
  const q = new Set(typed.filter((w) => w && !FILLER.has(w) && !NAME_OPTIONAL.has(w)));
  if (q.size < 2) return [];
  let best = null;
  for (const u of named) {
    for (const name of u.names) {
      const words = ` ${name} `.replace(IN_THE_AREA, " ").trim().split(" ");
      const own = new Set(words.filter((w) => !FILLER.has(w)));
      // A word of the query with no vowel may be the initials of words of the name ("vh xh" for "van hoa xa hoi").
      const initials = new Map();
      for (let i = 0; i < words.length; i++) {
        for (let k = 2; k <= 4 && i + k <= words.length; k++) initials.set(words.slice(i, i + k).map((w) => w[0]).join(""), k);
      }
      let shared = 0, covered = 0;
      for (const w of q) {
        // Not an abbreviation of the glossary: "dvc" is "dịch vụ công", not "đơn vị có".
        // An abbreviation counts when the name spells out one of its readings ("tt phuc vu hcc": "trung tam … hanh chinh cong").
        const spelt = isAbbreviation(w) && readings(w).find((r) => r.length && r.every((x) => own.has(x)));
        if (own.has(w)) { shared++; covered++; } else if (spelt) { shared++; covered += spelt.length; }
        else if (!/[aeiouy]/.test(w) && initials.has(w) && !isAbbreviation(w)) { shared++; covered += initials.get(w); }
      }
      // Jaccard: "cong an hai an" is Hải An's, not Cát Hải's; a kind of place typed and in the name
      // ("cong an dac khu") tells them apart too.
      const kinds = typed.filter((w) => PLACE_KINDS.has(w) && words.includes(w)).length * byKind;
      const similar = shared / (q.size + own.size - covered) + kinds;
      if (shared === q.size && similar >= least && (!best || similar > best.similar)) best = { u, similar };
      else if (shared === q.size && best && best.u.url !== u.url && similar === best.similar) best.tie = similar;
    }
  }
  // As good a match in two places ("bo phan mot cua": every place has one): the query names neither.
  return best && best.tie !== best.similar ? [best.u] : [];
}

// A date as typed: day, month, year ("20/02/2025", "9-10-2025"); a date is no document number.
const DATE = /\b(\d{1,2})[\/.-](\d{1,2})[\/.-](20\d\d)\b/g;
// A month as typed ("han 12/2025").
const MONTH = /\b(\d{1,2})[\/.-](20\d\d)\b/g;

/** The words without those every plan is about ("cat hai chuyen doi so" → "cat hai"): a place, when that is all.
 *  A place with a kind not its own ("xa dak cam": a ward; "quan hai an", as it was) is that place. */
function placeOf(term) {
  const rest = without(term, [...(hints.plan_words || []), ...(hints.optional || [])], true);
  const places = plansOf(rest);
  return places.length === 1 && !without(withoutPlaces(rest), [...FILLER, ...(hints.why_merged?.kinds || [])], true) ? places[0].phrase : rest;
}

/** The bets that name a page by a place or a name, on the words as read again when a slip was mended
 *  ("ban quet ke hoach tinh hai duog" → "hai duong": the scan; "so khoa hoc cong nge" → "nghe": the unit). */
function fixedBets(read, term) {
  if (!read || read === syllablesOf(term).join(" ")) return [];
  const place = placeOf(read);
  return [...scanBet(read), ...printBet(read), ...unitBet(read), ...(place ? bestBets(place, true) : []),
    ...documentAsked(read, documentBet(read), whoAsked)];
}

/** A document named with a place and more ("tuyen truyen nghi quyet 57 dak cam", "ai lo de an 06 o
 *  phuong dak cam") asks what the place does about it: its own items answer, not the document. */
function documentAsked(term, docs, who) {
  // A place, or a plan by its own name ("tuyen truyen nq57 so noi vu").
  const places = plansOf(term).length ? plansOf(term) : plansByOwnName(term);
  if (!docs.length || places.length !== 1) return docs;
  // Phrases first ("khoa hoc cong nghe" is a plan's word, "cong" alone is not), then single words.
  const rest = without(term.replace(/\//g, " "), [places[0].phrase, ...(hints.plan_words || []), ...docs.map((d) => d.type), ...docs.map((d) => shortKind(d.type))], true);
  // Words of issuers ("thanh uy" of "nghi quyet 08 thanh uy hai phong"), not of units ("cong an dak cam de an 06").
  const known = new Set([...(hints.optional || []), ...FILLER, ...(hints.issuer_words || []),
    ...docs.flatMap((d) => [...d.letters, ...d.words.split(" "), d.number])]);
  const more = syllablesOf(rest).filter((w) => !known.has(w) && !/^\d+$/.test(w));
  return who || more.length ? [] : docs;
}

/** A kind of document by its first two words too ("chuong trinh 113": a "chương trình hành động"). */
const shortKind = (t) => t.split(" ").slice(0, 2).join(" ");

/** A document or plan named by its number and a word of its kind, issuer or symbol
 *  ("ke hoach 359 quang ngai", "nq 03 cp"). */
function documentBet(term) {
  // "2% GRDP", "3,5%": a figure, not a document's number.
  // "nq57", "kh359": letters run into the number.
  const q = syllablesOf(term.replace(/\d+(?:[.,]\d+)?\s*%/g, " ").replace(DATE, " ")).flatMap((w) => w.match(/^([a-z]+)(\d+)$/)?.slice(1) || [w]);
  // "muc do 4", "cap 2": a level, not a document's number.
  const numbers = q.filter((w, i) => /^\d+$/.test(w) && !["muc", "do", "cap"].includes(q[i - 1])).map((w) => String(Number(w)));
  if (!numbers.length || q.length < 2) return [];
  // Named by its kind ("nghi quyet 57"; a kind the query names must be its own: "thong tu 08" is not
  // "08-NQ/TU") or by a letter group of its symbol ("nq 03 cp", even beside another kind's words:
  // "03/nq-cp chuong trinh hanh dong"); its issuer's words choose among those. Every document as good
  // as the best: a plan and the document it is ("ke hoach so 08").
  const text = ` ${q.join(" ")} `;
  const types = new Set((hints.documents || []).map((d) => d.type));
  const typed = [...types].filter((t) => t !== "van ban" && (text.includes(` ${t} `) || text.includes(` ${shortKind(t)} `)));
  // Letters outside the kind's own words: "tu" of "thong tu" is not "NQ/TU".
  const untyped = ` ${without(without(q.join(" "), typed, true), typed.map(shortKind), true)} `;
  const lettered = (d) => d.letters.some((l) => l.length > 1 && untyped.includes(` ${l} `));
  const scored = (hints.documents || []).filter((d) => numbers.includes(d.number)).map((d) => {
    const named = (typed.length ? typed.includes(d.type) : text.includes(" van ban ")) || lettered(d);
    const own = d.words.split(" ");
    return { d, hits: named ? 1 + q.filter((w) => own.includes(w)).length : 0 };
  });
  const most = Math.max(0, ...scored.map((x) => x.hits));
  return most ? scored.filter((x) => x.hits === most).slice(0, 2).map((x) => x.d) : [];
}

/** A place named twice over ("phuong dak cam quang ngai": its name and its former province): when
 *  nothing else is left, that place's plan and page. */
function placeBet(term) {
  const places = (hints.bets || []).filter((b) => b.kind === hints.plan_kind || b.kind === hints.place_kind);
  const named = places.filter((b) => holds(term, b.phrases));
  const urls = new Set(named.map((b) => b.url));
  if (named.length < 2 || urls.size > 2) return [];
  const rest = without(term, named.flatMap((b) => b.phrases).sort((a, b) => b.length - a.length), true);
  return rest ? [] : named.slice(0, 2);
}

/** The dates typed ("20/02/2025", "9-10-2025", "ngay 9 thang 10 nam 2025") as yyyy-mm-dd. */
function datesOf(term) {
  const pad = (x) => String(Number(x)).padStart(2, "0");
  const found = [...fold(term).matchAll(DATE)].map((m) => `${m[3]}-${pad(m[2])}-${pad(m[1])}`);
  const said = fold(term).match(/\bngay (\d{1,2}) thang (\d{1,2}) nam (20\d\d)\b/);
  return said ? [...found, `${said[3]}-${pad(said[2])}-${pad(said[1])}`] : found;
}

/** "ke hoach ngay 09/10/2025": the plan (or else the document) issued that day. */
function dateBet(term) {
  const dates = datesOf(term);
  if (!dates.length) return [];
  // Plans come first in the list (generator/search.py), then documents.
  return (hints.dated || []).filter((d) => dates.includes(d.date)).slice(0, 2);
}

/** A plan of hints.plans as a best bet. */
const planBet = (p) => ({ url: p.url, title: p.value, kind: hints.plan_kind });

/** "ke hoach do Phan Viet Dien ky": the plan its signer signed. */
function signerBet(term) {
  const q = spaced(term);
  const plan = (hints.plans || []).find((p) => p.signer && q.includes(` ${p.signer} `));
  return plan ? [planBet(plan)] : [];
}

/** "tai excel chi tieu", "csv nhiem vu cat hai": the plan's page (its tables as CSV and Excel) of the
 *  place named, or the open data page. */
function downloadBet(term) {
  const d = hints.downloads;
  if (!d || !holds(term, d.words)) return [];
  const named = plansOf(term);
  return named.length === 1 ? [planBet(named[0].plan)] : [d.page];
}

const ROMAN = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };
const figure = (x) => String(ROMAN[x] || Number(x));

/** A target cited by its printed number ("hai an phu luc 2 chi tieu 22", "chi tieu 7.4 hai duong"):
 *  the targets of that number in the place named (or in any plan), narrowed by the appendix ("phu luc
 *  II", "pl2") or group ("muc III") typed; up to three, or none when the number is that common. */
let targetsByPlan = null;
async function numberedBet(term) {
  const text = spaced(term);
  const cited = text.match(/ (?:chi tieu|muc tieu|stt) (?:so |thu )?(\d{1,2}(?: \d{1,2})?) /);
  if (!cited || !hints.targets) return [];
  // Fetched the first time a query cites a number: most readers never need it.
  targetsByPlan ||= await fetch(new URL(hints.targets, siteRoot)).then((r) => r.json()).catch(() => ({}));
  const number = cited[1].split(" ").map(figure).join(" ");
  const appendix = text.match(/ (?:phu luc|pl) (\d{1,2}|[ivx]{1,4}) /) || text.match(/ pl(\d{1,2}) /);
  const group = text.match(/ (?:muc|nhom|phan) (\d{1,2}|[ivx]{1,4}) /);
  const named = plansOf(term).map((x) => x.plan.value);
  const found = (named.length ? named : Object.keys(targetsByPlan)).flatMap((plan) => (targetsByPlan[plan] || [])
    .filter(([a, g, n]) => n === number && (!appendix || a === figure(appendix[1])) && (!group || g === figure(group[1])))
    .map(([, , , url, title]) => ({ url, title: `${title} — ${plan}`, kind: hints.target_kind })));
  return found.length <= 3 ? found : [];
}

/** An item cited by its printed number ("nhiem vu 3.2 hai an", "pc 48 hai duong"): the items of that name
 *  in the place named (or in any plan), up to three, or none when the number is that common. */
let tasksByPlan = null;
const ITEM_NAMES = { nv: "nhiem vu", pc: "phan cong" };
async function numberedTaskBet(term) {
  const cited = spaced(term).match(/ (nhiem vu|nv|phan cong|pc|to chuc thuc hien) (?:so |thu )?(\d{1,2}(?: \d{1,2}){0,2}) /);
  if (!cited || !hints.numbered_tasks) return [];
  // Fetched the first time a query cites a number: most readers never need it.
  tasksByPlan ||= await fetch(new URL(hints.numbered_tasks, siteRoot)).then((r) => r.json()).catch(() => ({}));
  const name = `${ITEM_NAMES[cited[1]] || cited[1]} ${cited[2]}`;
  const named = plansOf(term).map((x) => x.plan.value);
  const found = (named.length ? named : Object.keys(tasksByPlan)).flatMap((plan) => (tasksByPlan[plan] || [])
    .filter(([n]) => n === name)
    .map(([, url, title, kind]) => ({ url, title: `${title} — ${plan}`, kind })));
  return found.length <= 3 ? found : [];
}

/** The follow-up item of the plan whose place is all that is left of a question asking who is in
 *  charge ("ai chiu trach nhiem chuyen doi so o phuong hai an"). */
function followUpBet(place) {
  // By its place or by its own name ("ai theo doi kh so noi vu").
  const named = plansOf(place);
  const value = named.length > 1 ? null : planOf(place);
  const plan = (hints.plans || []).find((p) => p.value === value);
  if (!plan || !plan.follow_up) return [];
  const own = [...plan.phrases, ...(plan.names || [])].sort((a, b) => b.length - a.length);
  const rest = without(without(place, own, true), [...(hints.who.follow_up || []), ...FILLER], true);
  return rest ? [] : [plan.follow_up];
}

/** The words without the places they name ("tuyen truyen nghi quyet 57 dak cam" → "tuyen truyen nghi quyet 57"). */
const withoutPlaces = (term) => without(term, plansOf(term).map((p) => p.phrase), true);

/** The plans whose places the query names, longest name first ("hai an so voi cat hai": both). */
function plansOf(term) {
  let q = spaced(term);
  const found = [];
  for (const p of [...(hints.plans || [])].sort((a, b) => Math.max(...b.phrases.map((x) => x.length)) - Math.max(...a.phrases.map((x) => x.length)))) {
    const phrase = [...p.phrases].sort((a, b) => b.length - a.length).find((x) => x && q.includes(` ${x} `));
    if (phrase) { found.push({ plan: p, phrase }); q = q.replace(` ${phrase} `, " "); }
  }
  return found;
}

/** "in ma qr dan bang tin cat hai": the place's printable page. */
function printBet(term) {
  const prints = hints.prints;
  if (!prints || !holds(term, prints.words)) return [];
  return prints.pages.filter((p) => holds(term, p.phrases)).slice(0, 1);
}

/** "ban quet ke hoach cat hai": the scan page of the plan of the place named. */
function scanBet(term) {
  if (!holds(term, hints.scan || [])) return [];
  let named = plansOf(term).map((x) => x.plan);
  // Or by the plan's own name ("ban quet ke hoach so noi vu"), or its number ("ban quet ke hoach 726").
  if (!named.length) named = (hints.plans || []).filter((p) => holds(term, p.names || []));
  if (!named.length) {
    const numbered = new Set(documentBet(term).map((d) => d.url));
    named = (hints.plans || []).filter((p) => numbered.has(p.url));
  }
  return named.length === 1 ? [{ url: named[0].scan, title: `Bản quét: ${named[0].value}`, kind: "Bản quét" }] : [];
}

/** The plan whose place the query names ("vneid cat hai"): its pages are favoured. */
function planOf(term) {
  const q = spaced(term);
  let best = null;
  for (const p of hints.plans || []) {
    for (const phrase of p.phrases) if (phrase && q.includes(` ${phrase} `) && (!best || phrase.length > best.phrase.length)) best = { value: p.value, phrase };
  }
  if (best) return best.value;
  // No place: a plan named by its own name ("so noi vu hoi thao chuyen doi so").
  const named = plansByOwnName(term);
  return named.length === 1 ? named[0].plan.value : null;
}

/** The plans a query names by their own name ("so noi vu"), with the name as typed. */
function plansByOwnName(term) {
  const q = spaced(term);
  return (hints.plans || []).flatMap((p) => (p.names || []).filter((x) => x.includes(" ") && q.includes(` ${x} `))
    .slice(0, 1).map((phrase) => ({ plan: p, phrase })));
}

/** The guides and glossary terms closest to the words, for a query that matches nothing well. */
function closest(syllables) {
  // Function words and a place's name say nothing of the subject ("bo" of "pho bo" is not "bộ phận").
  const inPlace = placed(syllables, plansOf(syllables.join(" ")).map((p) => p.phrase));
  const optional = new Set(hints.optional || []);
  // Nor do words asking for a figure ("phan tram" is no "trạm" of the VNeID guide).
  const q = syllables.join(" ");
  const figureWords = new Set((hints.figures?.phrases || []).filter((f) => holds(q, [f])).flatMap((f) => f.split(" ")));
  const subject = syllables.filter((w, i) => !optional.has(w) && !FILLER.has(w) && !inPlace[i] && !figureWords.has(w));
  if (!subject.length) return [];
  const scored = (hints.suggest || []).map((s) => {
    const own = s.words.split(" ");
    const hits = subject.filter((w) => own.some((o) => o === w || (w.length >= 3 && o.startsWith(w)))).length;
    // share: of all the words, to weigh against how much of them the best page holds.
    const guide = s.kind === "Hướng dẫn" ? 0.01 : 0;
    return { s, score: hits / subject.length + guide, share: hits / syllables.length + guide };
  });
  return scored.filter((x) => x.score >= 0.3).sort((a, b) => b.score - a.score).slice(0, 3).map((x) => ({ ...x.s, score: x.score, share: x.share }));
}

// ---- Ranking ---------------------------------------------------------------------------------

/** Which of the syllables belong to one of the phrases (a place's name) where it stands in them. */
function placed(syllables, phrases) {
  const marked = syllables.map(() => false);
  for (const phrase of phrases) {
    const words = phrase.split(" ");
    for (let i = 0; i + words.length <= syllables.length; i++) {
      if (words.every((w, k) => syllables[i + k] === w)) words.forEach((_, k) => { marked[i + k] = true; });
    }
  }
  return marked;
}

/** Pagefind's results for every syllable and every adjacent pair of the query, combined: a page
 *  comes first when it holds more of the query's syllables and pairs, then by Pagefind's scores
 *  (pairs count double). One Pagefind search per word: the index chunks are those of the whole query,
 *  so this costs no extra download. */
async function rank(term, filters, year, plan, asked = term) {
  // Symbols ("R&D", "57-NQ/TW") are left to Pagefind as typed. A date ("han 26/02/2025") is no words:
  // of the pages holding the others, those printing it come first (below).
  const undated = term.replace(DATE, " ").replace(MONTH, " ");
  let syllables = /[&\/]/.test(undated) ? [] : syllablesOf(undated);
  // Words asking for a figure are not beside a symbol on the page ("chi r&d phan tram grdp": it prints "%").
  if (!syllables.length) term = without(term, hints.figures?.phrases || [], false);
  let unread;
  ({ words: syllables, unread } = await spelled(syllables, filters));
  // A word on no page ("camera") is left out when others remain: Pagefind would match it to any
  // word that starts it ("cam" of Đăk Cấm). That the site lacks it is said in the status.
  const lacking = syllables.some((w) => unread.has(w));
  // what bets look at: every word, as mended
  const read = syllables.length ? syllables.join(" ") : term;
  // A place named with a slip ("phu song 5g cat hia"): its pages are favoured as if typed right.
  if (!plan && !filters.plan && plansOf(read).length === 1) plan = planOf(read);
  if (lacking && syllables.some((w) => !unread.has(w))) syllables = syllables.filter((w) => !unread.has(w));
  if (syllables.length) term = syllables.join(" ");
  const n = syllables.length;
  // Not a pair half in the place's name: "tai hai" of "nhan tai hai duong" is "tại Hải Dương" on every page of it.
  const named = plansOf(syllables.join(" "));
  const inName = placed(syllables, named.length === 1 ? [named[0].phrase] : []);
  const twoWords = syllables.slice(1).map((w, i) => [syllables[i], w, i]).filter(([a, b, i]) => !/\d/.test(a + b) && inName[i] === inName[i + 1]);
  const pairs = twoWords.map(([a, b]) => hints.pair_prefix + a + b);
  // Function words ("co", "o") need not be on a page, unless they make a known word with a neighbour
  // ("co quan"). The lookups are the ones spelled() made: no extra download.
  const optional = new Set(hints.optional || []);
  const paired = await Promise.all(syllables.slice(1).map((w, i) => !/\d/.test(syllables[i] + w) && known(hints.pair_prefix + syllables[i] + w, filters)));
  const isCore = syllables.map((w, i) => !optional.has(w) || paired[i - 1] || paired[i]);
  const core = syllables.filter((w, i) => isCore[i]);
  let required = core.length && core.length < n ? core.join(" ") : term;
  // The pages that hold nearly every word, plans and the glossary: below the pages about the words,
  // unless the reader asks for them ("ke hoach hai an", "tu viet tat").
  const summaries = n > 1 ? [
    ...(hints.plan_kind && !` ${syllables.join(" ")} `.includes(` ${fold(hints.plan_kind)} `) ? [hints.plan_kind] : []),
    ...(hints.glossary_kind && !holds(term, ["viet tat"]) ? [hints.glossary_kind] : [])] : [];
  // Words asking for a figure ("ty le", "bao nhieu nguoi") favour the pages of targets; they are
  // looked for in the query as typed, as "bao nhieu" is a question word left out of `term`.
  const figure = hints.figures && !filters.kind && holds(asked, hints.figures.phrases);
  // Words asking how to do something, no place named: the guides holding (nearly) all the other words first.
  const howTo = hints.how_to && !plan && !filters.kind && !plansOf(term).length && holds(asked, hints.how_to.words);
  // Words asking when it is due: the items with a deadline that hold (nearly) all the other words first.
  const due = hints.due?.years.length && !filters.kind && holds(asked, hints.due.words) && !holds(asked, hints.due.since);
  // Words asking to compare places: the comparison pages holding the other words come first.
  // Two places named ("chu ky so hai an va cat hai") ask to compare them, as the words do.
  const places = plansOf(required);
  let compareTerm = hints.compare && !filters.kind && (places.length > 1 || holds(term, hints.compare.phrases))
    ? without(without(required, hints.compare.phrases, true), places.map((p) => p.phrase), true) : "";
  // Nothing to compare but targets in general: the list of comparisons (a bet), no tier.
  if (compareTerm && !without(compareTerm, hints.compare.generic || [], true)) compareTerm = "";
  // The other words to find: without the general ones ("dat muc tieu"), which comparison pages need not hold.
  if (compareTerm) compareTerm = without(compareTerm, hints.compare.generic || [], true);
  // "so sanh …" asks for a kind of page: the words to find are the others (pages say "so sánh" rarely).
  if (compareTerm) required = without(required, hints.compare.phrases, true) || required;
  const searches = [
    pagefind.search(required || null, { filters }),
    ...(n > 1 ? syllables.map((w) => pagefind.search(w, { filters })) : []),
    // Quoted: that very word. Unquoted, Pagefind answers an unknown word with the longest indexed
    // word that starts it, so a pair no page has would match every page with a lone "z".
    ...pairs.map((p) => pagefind.search(`"${p}"`, { filters })),
    ...(compareTerm ? [pagefind.search(compareTerm, { filters: { ...filters, kind: hints.compare.kind } })] : []),
  ];
  // The pages of the year, the place, the plan or the targets that hold any of the words: each word
  // searched again within the filter, from the index chunks already loaded (a filter alone would load
  // every chunk of the index, 600 KB). Which of them hold enough of the words is counted below, so one
  // word a page lacks does not drop it.
  const lookups = syllables.length ? syllables : [term];
  const among = (more) => Promise.all(lookups.map((w) => pagefind.search(w, { filters: { ...filters, ...more } })))
    .then((found) => new Set(found.flatMap((a) => a.results.map((r) => r.id))));
  // A date typed ("han 10/3/2025"): the pages printing it (before those merely due), as it may be
  // printed, with or without zeros (Pagefind indexes "10/3/2025" as the one word "1032025").
  const printed = [...datesOf(asked).flatMap((d) => {
    const [y, m, day] = d.split("-");
    return [...new Set([`${Number(day)}${Number(m)}${y}`, `${day}${m}${y}`, `${Number(day)}${m}${y}`, `${day}${Number(m)}${y}`])];
  }), ...[...fold(asked).replace(DATE, " ").matchAll(MONTH)].flatMap((m) => [...new Set([`${Number(m[1])}${m[2]}`, `${m[1].padStart(2, "0")}${m[2]}`])])];
  const datedPages = printed.length ? Promise.all(printed.map((d) => pagefind.search(`"${d}"`, { filters })))
    .then((found) => new Set(found.flatMap((a) => a.results.map((r) => r.id)))) : new Set();
  const [answers, withYear, withPlan, summaryPages, targetPages, comparisons, guidePages, duePages, dated] = await Promise.all([
    Promise.all(searches),
    year ? among({ year }) : null,
    plan && !filters.plan ? among({ plan }) : null,
    // A plan's page (and the glossary) holds nearly every word of its tasks: with more words than the
    // place's name, the task or indicator that holds them is the better answer.
    summaries.length ? among({ kind: { any: summaries } }) : new Set(),
    figure ? among({ kind: { any: hints.figures.kinds } }) : new Set(),
    // One place named, no wish to compare: that place's own target before the comparison that holds it.
    // No place named: the comparison, which gives every place's target, before any one place's.
    // (Not for one word: its lookup would load the kind filter, 1 KB, before the first result.)
    !compareTerm && !filters.kind && hints.compare && (plan || n > 1) ? among({ kind: hints.compare.kind }) : new Set(),
    howTo ? among({ kind: hints.how_to.kind }) : new Set(),
    due ? among({ due: { any: hints.due.years } }) : new Set(),
    datedPages,
  ]);
  const perSyllable = n > 1 ? answers.slice(1, 1 + n) : [];
  const perPair = answers.slice(1 + perSyllable.length, 1 + perSyllable.length + pairs.length);
  const compared = compareTerm ? answers[1 + perSyllable.length + pairs.length].results : [];
  const total = pageCount();
  // How telling a word is: rare words and pairs say more about a page than common ones.
  const idf = (answer) => Math.log(1 + total / Math.max(1, answer.results.length));
  const pages = new Map();
  const page = (r) => {
    if (!pages.has(r.id)) pages.set(r.id, { result: r, all: 0, some: 0, syllables: n > 1 ? 0 : 1, own: n > 1 ? 0 : 1, numbers: 0, pairs: 0, ownPairs: 0, held: 0, compared: 0 });
    return pages.get(r.id);
  };
  // The words besides the place's name, which every page of its plan holds.
  // And the plan's own name ("so noi vu"), which its pages need not print either.
  const planNamed = plan ? (hints.plans || []).find((p) => p.value === plan) : null;
  const ownName = planNamed ? (planNamed.names || []).filter((x) => spaced(term).includes(` ${x} `)).sort((a, b) => b.length - a.length)[0] : "";
  // Where they stand: "an" of "an ninh" is no part of "Hải An" in "an ninh phuong hai an".
  const inPlace = placed(syllables, [...(places.length === 1 ? [places[0].phrase] : []), ...(ownName ? [ownName] : [])]);
  // (Function words need not be there either.)
  const ownN = syllables.filter((w, i) => !inPlace[i] && isCore[i]).length;
  for (const r of answers[0].results) page(r).all = r.score;
  for (const [j, answer] of perSyllable.entries()) {
    const weight = idf(answer);
    const own = !inPlace[j] && isCore[j];
    // A number typed ("60%", "top 15") is exact: of the pages holding (nearly) all the words, those
    // that print it come first.
    const number = /^\d{2,}$/.test(syllables[j]) ? 1 : 0;
    for (const r of answer.results) { const p = page(r); p.syllables += 1; p.own += own; p.numbers += number; p.some += r.score; p.held += weight; }
  }
  // A pair of the words besides the place's name ("tro ly" of "tro ly ao hai an"): the phrase asked for.
  const ownPair = twoWords.map(([, , i]) => !inPlace[i] && !inPlace[i + 1]);
  for (const [j, answer] of perPair.entries()) {
    const weight = 1.5 * idf(answer);
    for (const r of answer.results) { const p = page(r); p.pairs += r.score; p.held += weight; p.ownPairs += ownPair[j]; }
  }
  for (const r of compared) page(r).compared = 1;
  // Holds the query, or (three words or more) all of it but one word: "năm", a typo, a word said
  // otherwise on the page. Of a place named, the other words.
  // 2 for every word, 1 for all but one.
  // Words asking for a figure ("phan tram") are seldom on the page of one ("%"): they may be missing too.
  const slack = 1 + (figure ? hints.figures.phrases.filter((f) => spaced(term).includes(` ${f} `)).reduce((k, f) => k + f.split(" ").length, 0) : 0);
  const most = (p) => (p.all > 0 ? 2 : n >= 3 && p.syllables >= n - slack ? 1 : 0);
  // Of a place named, its pages need not print its name ("phuong"): every other word is all.
  const mostOwn = (p) => (p.all > 0 || (n > 1 && p.own >= ownN) ? 2 : ownN >= 3 && p.own >= ownN - slack ? 1 : 0);
  // Pages holding all the words but one (or but the words asking for a figure), or, of the place named,
  // enough of the other words.
  // Of the place named, its pages holding half the other words, when none of them holds nearly all and no
  // other page all: before other places' pages holding a phrase ("mang internet nhanh hon dak cam").
  const half = (p) => ownN >= 2 && p.own * 2 >= ownN;
  const placeHeld = withPlan && [...pages.values()].some((p) => mostOwn(p) > (withPlan.has(p.result.id) ? 0 : 1));
  let ranked = [...pages.values()].filter((p) => p.all || p.pairs || p.compared || p.syllables >= Math.max(1, n - slack) ||
    (withPlan && withPlan.has(p.result.id) && (mostOwn(p) > 0 || (!placeHeld && half(p)))));
  // A long query no page holds all but one word of ("song 5g bang nua so tram 4g"): the pages holding
  // the most of them, when that is at least half, rather than nothing.
  const mostHeld = Math.max(0, ...[...pages.values()].map((p) => p.syllables));
  if (!ranked.length && n >= 4 && mostHeld >= n / 2) ranked = [...pages.values()].filter((p) => p.syllables >= mostHeld - 1);
  // First (for words asking to compare places) the comparisons, then the pages of the place named, then
  // (for words asking for a figure) the pages of targets, then those printing a number typed, then how
  // much of the query a page holds (each syllable and pair present, weighted by how rare it is: a phrase
  // beats its syllables standing apart; the year), then Pagefind's scores.
  // Some page holds the words as a phrase: a page holding them only apart gets no bonus for holding
  // them all (a long guide holds every word of "gui xe con son tra bang chuyen khoan" somewhere).
  const phrasedSomewhere = perPair.some((answer, j) => ownPair[j] && answer.results.length);
  // A comparison holds the words of every place's target: it weighs more only holding as much of the query's
  // phrases as any page ("quy ho tro doi moi sang tao" is one task's phrase, scattered over a comparison).
  const mostPairs = Math.max(0, ...ranked.map((p) => p.ownPairs));
  // Not with a number typed ("top 10", "muc 2", "phi 0 dong"): one page's own figure. Nor with words asking
  // for a figure, which put targets and comparisons first alike, or how to do something (a guide's).
  const compareAll = !plan && !places.length && !figure && !howTo && !syllables.some((w) => /^\d+$/.test(w));
  for (const p of ranked) {
    p.score = (p.all || p.some) + 2 * p.pairs;
    // Every word held (of a place named, every other word) weighs a quarter more than all but one:
    // more, and scattered words would beat a phrase with one word said otherwise.
    const whole = n > 1 && (withPlan ? p.own >= ownN : p.syllables >= n) && (p.ownPairs > 0 || !phrasedSomewhere) ? 1.25 : 1;
    p.key = Math.round(10 * (p.held + (withYear && withYear.has(p.result.id) && (withPlan ? mostOwn(p) : most(p)) ? YEAR_WEIGHT : 0)) * whole *
      (summaryPages.has(p.result.id) || (plan && comparisons.has(p.result.id)) ? 0.6 : 1) *
      (compareAll && comparisons.has(p.result.id) && most(p) === 2 && p.ownPairs >= mostPairs ? COMPARISON_WEIGHT : 1));
    // The plan's own page holds nearly every word: only with all of them.
    p.planned = withPlan && withPlan.has(p.result.id) ? (summaryPages.has(p.result.id) ? Number(mostOwn(p) === 2)
      : mostOwn(p) > 0 ? 1 : !placeHeld && half(p) ? 0.5 : 0) : 0;
    p.target = targetPages.has(p.result.id) ? most(p) : 0;
    p.due = duePages.has(p.result.id) ? (withPlan ? mostOwn(p) : most(p)) : 0;
    p.dated = dated.has(p.result.id) ? 1 : 0;
    // A year typed ("so hoa ho so cat hai 2025"): the targets of that year holding the words first.
    p.ofYear = withYear && withYear.has(p.result.id) ? (withPlan ? mostOwn(p) : most(p)) : 0;
    if (guidePages.has(p.result.id) && most(p)) p.key = Math.round(p.key * HOW_TO_WEIGHT);
  }
  ranked.sort((a, b) => b.compared - a.compared || b.planned - a.planned || b.ofYear - a.ofYear || b.target - a.target || b.dated - a.dated || b.due - a.due || (most(b) && b.numbers) - (most(a) && a.numbers) || b.key - a.key || b.score - a.score);
  // A good match holds every word, and, when the words make pairs, at least one pair as a phrase.
  const phrased = !pairs.length || perPair.some((answer) => answer.results.length);
  // How much of the query the best page holds (0–1): offers that hold more come before it.
  // Words asking for a figure ("phan tram") are seldom on a page: they do not count against it.
  const coverage = n > 1 ? Math.min(1, Math.max(0, ...ranked.map((p) => p.syllables)) / Math.max(1, n - (slack - 1))) : Number(ranked.length > 0);
  // The site may not be about it at all: a word of the subject is on no page (Pagefind matched only
  // words that start with it: "vang" in "vàng" of no page, "xo" of "xổ số"), or its words make
  // phrases that no page holds ("lich cat dien": "lịch", "cắt", "điện" each somewhere, never together).
  const subject = syllables.filter((w, i) => isCore[i] && !inPlace[i] && !/\d/.test(w));
  const unknown = lacking || (await Promise.all(subject.map((w) => known(w, filters)))).some((k) => !k);
  const offSubject = unknown || (subject.length >= 2 && ownPair.some(Boolean) && !phrasedSomewhere);
  return { results: ranked.map((p) => p.result), complete: answers[0].results.length, phrased, read, coverage, offSubject, unknown };
}

// What a target of the year typed adds to how much of the query a page holds.
const YEAR_WEIGHT = 6;

// How much a comparison holding every word weighs more when the query names no place.
const COMPARISON_WEIGHT = 1.3;

// How much a guide holding the words weighs more when the words ask how to do something.
const HOW_TO_WEIGHT = 1.5;

// The number of indexed pages, written into the page by the build (generator/search.py).
const pageCount = () => Number(document.querySelector('meta[name="pagefind-pages"]')?.content) || 1000;

/** Typed words Pagefind finds nothing for are read again: telex leftovers ("khoarn" → "khoan",
 *  "soo" → "so"), i for y ("ki" → "ky") and, failing those, the nearest known word one letter
 *  away ("vnied" → "vneid"; of several, the one that makes a word with a neighbour: "truc tuyn" →
 *  "tuyen"). A known word is also read as its i/y or telex twin when only the
 *  twin makes a word with its neighbour ("chu ki so" → "chu ky so"). Returns the words as read, and
 *  those found in no page and read as no other word (unread). */
async function spelled(syllables, filters) {
  const out = [];
  const unread = new Set();
  for (const [i, w] of syllables.entries()) {
    if (/^\d+$/.test(w) || (await known(w, filters))) { out.push(w); continue; }
    const candidates = [];
    for (const c of [...twins(w), ...nearWords(w)]) if (await known(c, filters)) candidates.push(c);
    // Of the words it may be, the one that makes a word with a neighbour ("truc tuyn" → "tuyen", not "tuy").
    const [before, after] = [out[i - 1], syllables[i + 1]];
    const pairs = async (c) => (before && (await known(hints.pair_prefix + before + c, filters))) ||
      (after && (await known(hints.pair_prefix + c + after, filters)));
    // A short word with a slip ("ngi quyet", "bang rog", "so snah"), no word of the portal's vocabulary:
    // too many words are one letter from it, so only one that makes a known word with a neighbour, a
    // letter left out first.
    if (!candidates.length && /^[a-z]{3,5}$/.test(w) && (before || after)) {
      const c = await firstOf(slipsOf(w), pairs);
      if (c) candidates.push(c);
    }
    // Failing that, a longer word ("snah"): the word one slip away that most pages hold, if many do ("sanh").
    if (!candidates.length && /^[a-z]{4,5}$/.test(w)) {
      const counted = await Promise.all(oneSlipFrom(w).map(async (c) => [c, await pagesHolding(c, filters)]));
      const [c, pages] = counted.reduce((best, x) => (x[1] > best[1] ? x : best), ["", 0]);
      if (pages >= COMMON_PAIR) candidates.push(c);
    }
    let found = candidates[0] || w;
    for (const c of candidates.length > 1 ? candidates : []) if (await pairs(c)) { found = c; break; }
    if (!candidates.length) unread.add(w);
    out.push(found);
  }
  // A short word found only in a few pages' garbled scan text ("ngi" of "ngi quyet"), making a word with
  // neither neighbour: the slip, when one letter away is a word that makes a common word with the
  // neighbour ("nghi quyet", on many pages); a rare word of its own ("hứa") stays.
  const alone = async (j) => /^[a-z]{3,4}$/.test(out[j]) && (await pagesHolding(out[j], filters)) <= 3 &&
    !(j > 0 && (await known(hints.pair_prefix + out[j - 1] + out[j], filters))) &&
    !(j + 1 < out.length && (await known(hints.pair_prefix + out[j] + out[j + 1], filters)));
  const common = async (pair) => (await pagesHolding(hints.pair_prefix + pair, filters)) >= COMMON_PAIR;
  for (let i = 0; i + 1 < out.length; i++) {
    const [a, b] = [out[i], out[i + 1]];
    // no pairs with digits (generator/search.py)
    if (/\d/.test(a + b) || (await known(hints.pair_prefix + a + b, filters))) continue;
    if ((await alone(i)) || doubled(a)) {
      const c = await firstOf(slipsOf(a), (x) => common(x + b));
      if (c) { out[i] = c; continue; }
    }
    if ((await alone(i + 1)) || doubled(b)) {
      const c = await firstOf(slipsOf(b), (x) => common(a + x));
      if (c) { out[i + 1] = c; continue; }
    }
    const options = [...twins(a).map((x) => [x, b]), ...twins(b).map((y) => [a, y])];
    for (const [x, y] of options) {
      if (await known(hints.pair_prefix + x + y, filters)) { out[i] = x; out[i + 1] = y; break; }
    }
  }
  return { words: out, unread };
}

/** Other spellings of a syllable: i/y at its end, telex keys left in it. */
const twins = (w) => [...new Set([w.replace(/i$/, "y"), w.replace(/y$/, "i"), telex(w)])].filter((c) => c && c !== w);

/** Whether the index holds this very word: a quoted search, as Pagefind otherwise answers an
 *  unknown word with the longest indexed word that starts it ("khoarn" → "khoa"). */
const pagesHolding = async (w, filters) => (await pagefind.search(`"${w}"`, { filters })).results.length;
const known = async (w, filters) => (await pagesHolding(w, filters)) > 0;

/** Telex typing left in a word: doubled vowels and dd (ô, â, ê, đ), w (ư, ơ, ă), and tone keys
 *  (s f r x j) after a vowel or at the end ("hanj"), where Vietnamese spelling never has them. */
function telex(w) {
  return w.replace(/dd/g, "d").replace(/([aeo])\1/g, "$1").replace(/([aou])w/g, "$1")
    .replace(/([aeiouy])[sfrxj]/g, "$1").replace(/([cghmnpt])[sfrxj]$/, "$1");
}

/** Words of the portal's vocabulary (guide keywords, glossary) one edit away (len ≥ 4). */
function nearWords(w) {
  if (w.length < 4) return [];
  const vocabulary = (hints.vocabulary ||= [...new Set((hints.suggest || []).flatMap((s) => s.words.split(" ")))]);
  return vocabulary.filter((v) => Math.abs(v.length - w.length) <= 1 && edits(v, w) <= 1);
}

// How many pages hold a word made with a neighbour for a slip of a short word to be read as it.
const COMMON_PAIR = 10;

/** The first of the items the async test passes, or undefined. */
async function firstOf(items, test) {
  for (const x of items) if (await test(x)) return x;
  return undefined;
}

/** The words one slip from a short word, most likely first: a letter left out ("ngi" → "nghi"), one
 *  wrong, two swapped, one too many. Letters of Vietnamese words typed without tones (no f j w z). */
function oneSlipFrom(w) {
  const letters = "abcdeghiklmnopqrstuvxy";
  const out = [];
  for (let i = 0; i <= w.length; i++) for (const l of letters) out.push(w.slice(0, i) + l + w.slice(i));
  for (let i = 0; i < w.length; i++) for (const l of letters) if (l !== w[i]) out.push(w.slice(0, i) + l + w.slice(i + 1));
  for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return [...new Set(out)].filter((c) => c !== w);
}

/** A last letter typed twice ("dien tuu", "hai ann"): a word of its own may end so ("lưu"), so it is
 *  read as a slip only where the word without it makes a common word with its neighbour. */
const doubled = (w) => /([a-z])\1$/.test(w);
/** The slips a word may be, the doubled last letter undone first. */
const slipsOf = (w) => [...(doubled(w) ? [w.slice(0, -1)] : []), ...oneSlipFrom(w)];

/** Damerau-Levenshtein distance, stopping early above 1 (only "one slip" matters here). */
function edits(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

// ---- Rendering ---------------------------------------------------------------------------------

/** A sentence of the page's own text holding the query's words, with them marked; the hidden
 *  keyword block at the start of the indexed text (meta "skip" words long) is never shown. */
function excerpt(data) {
  const meta = data.meta || {};
  const text = data.content.split(/\s+/).slice(Number(meta.skip || 0)).join(" ");
  const sentences = text.split(/(?<=[.;!?])\s+/).filter((s) => s.length > 1);
  if (!words.length) return null;
  // The whole word, except the last one typed, which may still be growing ("dich vu con").
  const matchers = words.map((w, i) => new RegExp(`^${escapeRe(w)}${i < words.length - 1 ? "$" : ""}`));
  let best = null;
  for (const s of sentences) {
    const tokens = s.split(/\s+/);
    const hits = tokens.map((t) => matchers.some((m) => m.test(syllablesOf(t)[0] || ""))).reduce((n, h) => n + h, 0);
    if (hits && (!best || hits > best.hits)) best = { s, hits };
  }
  if (!best) return null;
  let tokens = best.s.split(/\s+/);
  const first = tokens.findIndex((t) => matchers.some((m) => m.test(syllablesOf(t)[0] || "")));
  const start = Math.max(0, Math.min(first - 8, tokens.length - 30));
  const cut = tokens.slice(start, start + 30);
  const p = el("p", { class: "result-excerpt" });
  if (start > 0) p.append("… ");
  cut.forEach((t, i) => {
    if (i) p.append(" ");
    p.append(matchers.some((m) => m.test(syllablesOf(t)[0] || "")) ? el("mark", {}, t) : t);
  });
  if (start + 30 < tokens.length) p.append(" …");
  return p;
}

function renderBet(h, label = "Gợi ý", kind = "result-bet") {
  const url = siteUrl(h.url);
  if (shownUrls.has(url.split("#")[0]) || shownUrls.has(url)) return;
  shownUrls.add(url);
  list.append(el("li", { class: `result ${kind}` },
    el("span", { class: "result-kind" }, `${label} · ${h.kind}`),
    el("a", { href: url, class: "result-link" }, h.title)));
}

/** The comparison an indicator page is in (every place's target side by side), for a query naming
 *  no place: shown just before the indicator. */
let comparedBy = null;
function comparisonOf(url) {
  comparedBy ||= new Map(Object.entries(hints.compared_by || {}).map(([u, i]) => [siteUrl(u), i]));
  const i = comparedBy.get(url);
  const page = i === undefined ? null : hints.comparisons.pages[i];
  return page && { url: page[0], title: `${page[1]}: so sánh giữa các địa phương`, kind: hints.comparisons.kind };
}

// a place named, or a filter chosen: the reader wants those pages
let withoutComparisons = false;
// "ai phu trach …": the unit leading the first task found comes right after it
let whoAsked = false;
let unitsByUrl = null;
function leadOf(data) {
  unitsByUrl ||= new Map((hints.units || []).map((u) => [siteUrl(u.url), u]));
  return (data.meta?.lead && unitsByUrl.get(siteUrl(data.meta.lead))) || null;
}
async function render(results) {
  const batch = await Promise.all(results.map((r) => r.data()));
  for (const data of batch) {
    if (shownUrls.has(data.url)) continue;
    // Only after the first page found (the best answer to "who"), not after every task.
    const lead = whoAsked && !list.querySelector("li.result:not(.result-bet):not(.result-offer)") ? leadOf(data) : null;
    const comparison = withoutComparisons ? null : comparisonOf(data.url);
    if (comparison) renderBet(comparison);
    shownUrls.add(data.url);
    const meta = data.meta || {};
    const tags = [meta.kind, meta.plan, meta.target ? "Mục tiêu " + meta.target : ""].filter(Boolean).join(" · ");
    const shown = excerpt(data) || (meta.description ? el("p", { class: "result-excerpt" }, meta.description) : "");
    list.append(el("li", { class: "result" },
      el("span", { class: "result-kind" }, tags),
      // Titles come from the h1, whose permalink adds a trailing "#".
      el("a", { href: data.url, class: "result-link" }, (meta.title || data.url).replace(/\s*#$/, "")),
      shown));
    if (lead) renderBet(lead, "Đơn vị chủ trì", "result-bet result-lead");
  }
}

// ---- Filters -----------------------------------------------------------------------------------

// The lists of plans, units, topics and statuses are loaded when the reader opens the filter box
// (five index files most searches never need). A value from the address is usable before that.
let filtersLoaded = null;
function ensureOption(select, value) {
  if (value && ![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
}
for (const s of selects) { ensureOption(s, params.get(s.name)); s.value = params.get(s.name) || ""; }
if (selects.some((s) => s.value)) details.open = true;
async function loadFilters() {
  if (!filtersLoaded) {
    filtersLoaded = (await engineReady).filters().then((available) => {
      for (const select of selects) {
        const chosen = select.value;
        const values = Object.keys(available[select.dataset.filter] || {}).sort((a, b) => a.localeCompare(b, "vi"));
        for (const value of values) ensureOption(select, value);
        select.value = chosen;
      }
      form.dataset.filters = "ready";
    });
  }
  return filtersLoaded;
}
details.addEventListener("toggle", () => { if (details.open) loadFilters(); });

function chosenFilters() {
  const filters = {};
  for (const s of selects) if (s.value) filters[s.dataset.filter] = s.value;
  return filters;
}

// ---- Searching ---------------------------------------------------------------------------------

async function search(event) {
  if (event) event.preventDefault();
  const raw = input.value.trim();
  // what the words are read as; the status repeats them as typed
  const typed = unshortened(raw);
  const url = new URL(location.href);
  url.search = new URLSearchParams({ ...(raw && { q: raw }), ...Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.name, s.value])) });
  history.replaceState(null, "", url);
  const mine = ++run;
  const statusSelect = selects.find((s) => s.dataset.filter === "status");
  let [term, statusValue] = statusOf(typed);
  // "nhiem vu bi cham": with a status named, "nhiệm vụ" says what is listed, not a word to find.
  // A bare number beside status words is a count read on a page ("134 viec qua han hai duong").
  if (statusValue) term = without(term, hints.task_words || [], true).split(/\s+/).filter((w) => !/^\d+$/.test(w)).join(" ");
  let year;
  [term, year] = yearOf(term);
  // "" when the words besides a status are all a question ("la sao", "khac")
  const unasked = unmeant(term);
  // "ai phu trach viec trien khai tro ly ao": who does it; "viec trien khai" is not the thing done.
  whoAsked = Boolean(hints.who && holds(term, hints.who.words));
  term = withoutQuestion(term);
  if (whoAsked) term = without(term, hints.who.doing, false);
  const filters = chosenFilters();
  if (statusValue && statusSelect && !statusSelect.value) filters.status = statusValue;
  if (!term && !year && !Object.keys(filters).length) {
    list.replaceChildren(); more.hidden = true; status.textContent = "";
    return;
  }
  status.textContent = "Đang tìm…";
  words = syllablesOf(term);
  // Two places named: a comparison, not one plan's pages.
  const plan = plansOf(term).length > 1 ? null : planOf(term);
  withoutComparisons = Boolean(plan || Object.keys(filters).length);
  // A status the reader's words name (not one chosen in the filter box).
  const asked = filters.status && !chosenFilters().status ? filters.status : null;
  // "qua han nghia la gi": the other words are the question, not words to search for.
  // Two statuses named and nothing else ("trang thai tam dung khong tiep tuc"): what they mean.
  const [afterSecond, second] = asked ? statusOf(unasked) : ["", null];
  const meaning = asked && ((asksMeaning(typed) && !unasked) || (second && !without(unmeant(afterSecond), hints.optional || [], true)));
  if (meaning) term = "";
  const find = async () => term || year ? rank(term, filters, year, plan, typed)
    : { results: (await pagefind.search(null, { filters })).results, complete: 0, phrased: true };
  // A target cited by its number: its list loads while the words are searched.
  const numbered = term ? Promise.all([numberedBet(typed), numberedTaskBet(typed)]).then((b) => b.flat()) : Promise.resolve([]);
  let { results, complete, phrased, read, coverage, offSubject, unknown } = await find();
  // A place named with a slip, read right by rank(): its own pages, as when typed right.
  if (read && plansOf(read).length === 1) withoutComparisons = true;
  // No task has that status (nothing reported overdue yet): the nearest status that has tasks, said
  // so ("đã qua hạn, chưa có báo cáo" for "quá hạn").
  const nearest = asked && !results.length && (hints.statuses || []).find((s) => s.value === asked)?.nearest;
  if (nearest) {
    filters.status = nearest;
    ({ results, complete, phrased, read, coverage, offSubject, unknown } = await find());
    if (!results.length) filters.status = asked;
  }
  // Nothing has that status, and the other words name only a place or a plan ("dak cam viec nao qua han"):
  // the answer is that nothing has it (and the place's plan below), not pages holding the words.
  const placeOnly = !without(withoutPlaces(term),
    [...(hints.plan_words || []), ...(hints.task_words || []), ...(hints.optional || []), ...FILLER], true);
  if (!results.length && term && asked && !placeOnly) {
    // "hoàn thành …" may be the words of a task rather than a status: search them as words.
    delete filters.status;
    term = withoutQuestion(yearOf(typed)[0]);
    words = syllablesOf(term);
    ({ results, complete, phrased, read, coverage, offSubject, unknown } = await rank(term, filters, year, plan, typed));
  }
  const numberedBets = await numbered;
  if (mine !== run) return;
  current = results;
  shown = 0;
  list.replaceChildren();
  shownUrls = new Set();
  const understood = [];
  if (asked && filters.status && filters.status !== asked) understood.push(`chưa có nhiệm vụ nào “${asked}”; đây là các nhiệm vụ “${filters.status}”`);
  else if (asked && filters.status) understood.push(`tình trạng “${filters.status}”`);
  if (year) understood.push(`ưu tiên mục tiêu năm ${year}`);
  // "qua han nghia la gi": what the status means comes before the list of such tasks.
  // Also when no task has that status ("nhiem vu da hoan thanh" before any report).
  // With a place and nothing else, its plan (which counts its tasks by status) comes first.
  const helpLater = !meaning && placeOnly && plan;
  if ((meaning || (asked && !results.length)) && hints.status_help && !helpLater) renderBet(hints.status_help);
  // "nhiem vu qua han" naming no place: first how many each plan has, then the tasks.
  if (filters.status && asked && !term && !meaning && !plan && hints.status_by_plan) renderBet(hints.status_by_plan);
  // Best bets answer a query that names a page ("qua han hai duong": the plan, whose page counts its
  // tasks past their deadline); with a filter chosen in the box the reader wants a list.
  if (term && !Object.keys(chosenFilters()).length) {
    // Also as the words were read again ("dich vu cong truc tuyn" names the guide once read "tuyen").
    const reread = read && read !== syllablesOf(term).join(" ") ? bestBets(read) : [];
    // A place with only the words every plan is about ("cat hai chuyen doi so") names the place; the
    // rest must be that very name (function words go too, so "do" of "do thi" may: no prefixes). Not an
    // abbreviation left beside a number ("nq" of "nq 57": the document's bet says more), nor one asked
    // for as a figure ("chi tieu hdi": the target, not what HDI means).
    const place = placeOf(term);
    // "ai phu trach ke hoach hai an": who follows the plan of the place up, before the plan.
    if (whoAsked || holds(typed, hints.who?.follow_up || [])) for (const h of followUpBet(place)) renderBet(h);
    for (const h of [...whyMergedBet(term, typed), ...titledGuideBet(term), ...bestBets(typed), ...(term !== typed ? bestBets(term) : []), ...reread, ...(place && place !== term ? bestBets(place, true).filter((h) => h.kind !== hints.glossary_kind || !(/\d/.test(term) || holds(typed, hints.figures?.phrases || []))) : []),
      ...placeBet(place), ...placedGuideBet(term), ...numberedBets,
      ...dateBet(typed), ...signerBet(term), ...downloadBet(term),
      ...scanBet(term), ...printBet(term), ...fixedBets(read, term), ...listBet(typed), ...listBet(read || term), ...definitionBet(typed, term), ...markBet(typed), ...compareListBet(read || term),
      // A page of the portal by its keyword as typed, question and all ("du lieu lay tu dau": the about page).
      ...namedBet(typed, sectionsNamed(true), 0.8), ...unitBet(term),
      // Shorthand may be a unit's initials ("so gd dt hai duong": "đt" is "đào tạo" there, not "điện thoại").
      ...(typed !== raw ? unitBet(raw) : []), ...documentAsked(term, documentBet(term), whoAsked)]) renderBet(h);
  }
  if (helpLater && asked && !results.length && hints.status_help) renderBet(hints.status_help);
  // Nothing holds every word (or the words only stand apart): the closest guides and terms, before
  // the partial matches when they hold more of the words than the best of those, else after them.
  // A query off the site's subjects with no guide or term close to it: all the guides, rather than nothing.
  let suggestions = term && (!complete || !phrased || offSubject) ? closest(words) : [];
  if (term && offSubject && !suggestions.length && hints.all_guides) suggestions = [hints.all_guides];
  const first = complete ? [] : suggestions.filter((s) => s.share > (coverage || 0));
  for (const s of first) renderBet(s, "Có thể bạn cần", "result-offer");
  await showMore();
  for (const s of suggestions) if (!first.includes(s)) renderBet(s, "Có thể bạn cần", "result-offer");
  if (mine !== run) return;
  const found = list.children.length;
  const note = understood.length ? ` (${understood.join(", ")})` : "";
  status.textContent = asked && !current.length
    ? `Chưa có nhiệm vụ nào “${asked}”${raw ? ` (tìm “${raw}”)` : ""}: chưa có báo cáo tiến độ nào cho biết điều đó.`
    : found
    ? `Tìm thấy ${current.length} kết quả${raw ? ` cho “${raw}”` : ""}${note}.` +
      (term && !complete ? " Không trang nào có đủ mọi từ bạn gõ; đây là những trang gần nhất." :
        term && unknown ? " Có từ bạn gõ không trang nào có: có thể cổng chưa có điều bạn tìm." : "")
    : `Không tìm thấy kết quả${raw ? ` cho “${raw}”` : ""}${note}. Hãy thử từ khác, bỏ bớt bộ lọc hoặc gõ không dấu.`;
}

async function showMore() {
  const next = current.slice(shown, shown + PAGE);
  shown += next.length;
  await render(next);
  more.hidden = shown >= current.length;
}

// The curated answer can show before the engine has loaded: on a slow phone it is the first result.
hints = { ...hints, ...(await hintsReady) };
FILLER = new Set(hints.filler || []);
// A suggestion's words besides its title's (generator/search.py): the title's, folded here.
for (const s of hints.suggest || []) s.words = `${syllablesOf(s.title).join(" ")} ${s.words}`.trim();
if (input.value && !selects.some((s) => s.value)) for (const h of [...bestBets(input.value.trim()), ...unitBet(input.value)]) renderBet(h);

try {
  pagefind = await engineReady;
} catch (error) {
  input.removeEventListener("input", loading);
  status.textContent = "Không tải được công cụ tìm kiếm. Hãy kiểm tra kết nối mạng rồi tải lại trang.";
  throw error;
}
input.removeEventListener("input", loading);
if (status.textContent === LOADING) status.textContent = "";
form.dataset.ready = "true";
let timer;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 250); });
selects.forEach((s) => s.addEventListener("change", () => search()));
form.addEventListener("submit", search);
more.addEventListener("click", showMore);
if (selects.some((s) => s.value)) loadFilters();
if (input.value || Object.keys(chosenFilters()).length) search(); else input.focus();
