// The progress form (/nhap-tien-do/): builds one progress/ file from plain fields, checked in the
// browser with the rules the build exports (data/quy-tac-tien-do.json, written from generator/rules.py,
// the same rules `make check` applies). Nothing is sent anywhere; no third-party script.
//
// Hand-written rather than a form library: it is one small page, and the rules come as data.

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- pure helpers (exported for tests)

/** What the loader does to every text: NFC, trimmed, runs of whitespace made one space. */
export function normalise(text) {
  return String(text ?? "").normalize("NFC").split(/\s+/u).filter(Boolean).join(" ");
}

/** No lone half of a surrogate pair: such text cannot be written as UTF-8 (make check refuses the file). */
export function wellFormed(text) {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** A YAML double-quoted scalar. JSON's string escapes are a subset of YAML's double-quoted ones. */
export function quote(text) {
  return JSON.stringify(text);
}

function realDate(text, pattern) {
  if (!new RegExp(pattern).test(text)) return false;
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The number of a value in Vietnamese print: decimal comma ("0,8"), thousands dot ("1.000"). */
export function numberOf(value) {
  const digits = value.replace(/[^0-9.,]/g, "");
  if (digits.includes(",")) return Number(digits.replace(/\./g, "").replace(",", "."));
  if (/^[0-9]{1,3}(\.[0-9]{3})+$/.test(digits)) return Number(digits.replace(/\./g, ""));
  return Number(digits || 0);
}

/** Today in the reader's calendar, as YYYY-MM-DD (the build refuses reports dated after its own day). */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Check one report. `entry` holds the raw field values; returns {problems: [{field, message}], file}
 * with file = {path, yaml} (absent when no plan or item is chosen).
 */
export function check(entry, rules, items, now = today()) {
  const problems = [];
  const add = (field, message) => problems.push({ field, message });
  const plan = items.plans.find((p) => p.id === entry.plan);
  if (!plan) {
    add("plan", "Chọn kế hoạch.");
    return { problems };
  }
  const task = plan.tasks.find(([id]) => id === entry.item);
  const indicator = plan.indicators.find(([id]) => id === entry.item);
  if (!task && !indicator) {
    add("item", "Chọn nhiệm vụ hoặc chỉ tiêu của kế hoạch này.");
    return { problems };
  }
  if (!new RegExp(rules.id_pattern).test(entry.item)) add("item", "Mã mục không hợp lệ.");
  const limits = rules.limits;
  const markup = rules.markup_pattern ? new RegExp(rules.markup_pattern) : null;
  const invisible = rules.invisible_pattern ? new RegExp(rules.invisible_pattern) : null;
  const text = (field, value, label, max, required = true) => {
    const v = normalise(value);
    const Label = `${label[0].toUpperCase()}${label.slice(1)}`;
    const length = [...v].length; // characters as make check counts them (an emoji is one, not two)
    const hidden = invisible && v.match(invisible);
    if (!v && required) add(field, `Điền ${label}.`);
    else if (length > max) add(field, `${Label} dài ${length} ký tự; tối đa ${max} ký tự.`);
    else if (markup && markup.test(v)) add(field, `${Label} không được chứa mã HTML (như <b>, <script>) hay 'javascript:'; hãy viết chữ thường.`);
    else if (hidden || !wellFormed(v)) {
      const code = hidden ? `U+${hidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, ` : "";
      add(field, `${Label} có một ký tự ẩn (${code}không nhìn thấy được); hãy gõ lại đoạn vừa dán (ký tự này thường lẫn vào khi sao chép).`);
    }
    return v;
  };
  const date = normalise(task ? entry.date : entry.actual_date);
  const dateField = task ? "date" : "actual_date";
  if (!date) add(dateField, "Điền ngày.");
  else if (!realDate(date, rules.date_pattern)) add(dateField, `Ngày '${date}' không hợp lệ; viết dạng năm-tháng-ngày, ví dụ 2025-10-09.`);
  else if (rules.future_dates === "refused" && date > now) {
    add(dateField, `Ngày ${date} còn ở tương lai (hôm nay là ${now}). Chỉ báo cáo việc đã làm, số liệu đã đo.`);
  }
  let body;
  if (task) {
    const status = normalise(entry.status);
    if (!status) add("status", "Chọn trạng thái.");
    else if (!(status in rules.statuses)) add("status", `Trạng thái '${status}' không hợp lệ.`);
    const note = text("note", entry.note, "ghi chú", limits.note_chars);
    const documentText = text("evidence_document", entry.evidence_document, "văn bản chứng minh", limits.text_chars, false);
    const url = normalise(entry.evidence_url);
    if (url && !new RegExp(rules.url_pattern).test(url)) {
      add("evidence_url", `'${url}' không phải địa chỉ web; viết đầy đủ, bắt đầu bằng https:// (hoặc http://), không có dấu cách.`);
    }
    if (rules.evidence_required_for.includes(status) && !documentText && !url) {
      add("evidence_document", `Trạng thái '${status}' phải kèm bằng chứng: số, ngày văn bản hoặc đường dẫn công khai.`);
    }
    body = ["progress:", `  - task: ${entry.item}`, `    date: ${date}`, `    status: ${quote(status)}`, `    note: ${quote(note)}`];
    if (documentText || url) {
      body.push("    evidence:");
      if (documentText) body.push(`      document: ${quote(documentText)}`);
      if (url) body.push(`      url: ${quote(url)}`);
    }
  } else {
    const value = text("value", entry.value, "giá trị đo được", limits.value_chars);
    const form = rules.value_forms[rules.indicators[`${plan.id}/${entry.item}`]];
    if (value && form && !(new RegExp(form.pattern).test(value) && (form.max == null || numberOf(value) <= form.max))) {
      add("value", `Giá trị '${value}' không đúng dạng của chỉ tiêu này: ${form.label}, ví dụ "${form.example}".`);
    }
    const source = text("source", entry.source, "nguồn số liệu", limits.text_chars);
    body = ["actuals:", `  - indicator: ${entry.item}`, `    date: ${date}`, `    value: ${quote(value)}`, `    source: ${quote(source)}`];
  }
  // The file is written even when there are problems (tests compare it with `make check`); the page
  // shows it only when there are none.
  const name = `${date}-${entry.item}.yaml`;
  if (date && !problems.some((p) => p.field === dateField) && !new RegExp(rules.file_pattern).test(name)) {
    add("item", `Tên tệp '${name}' không đúng mẫu.`);
  }
  const yaml = body.join("\n") + "\n";
  if (new TextEncoder().encode(yaml).length > limits.file_bytes) add("note", "Tệp quá lớn; hãy viết ngắn lại.");
  return { problems, file: { path: `plans/${plan.id}/progress/${name}`, yaml } };
}

/** GitHub's "create a new file" page with the file's path and content filled in. */
export function githubNewFileUrl(repository, branch, file) {
  const query = new URLSearchParams({ filename: file.path, value: file.yaml });
  return `https://github.com/${repository}/new/${encodeURIComponent(branch)}?${query}`;
}

// ---------------------------------------------------------------- the page

const FIELD_INPUTS = {
  plan: "pf-plan", item: "pf-item", status: "pf-status", date: "pf-date", note: "pf-note",
  evidence_document: "pf-document", evidence_url: "pf-url", value: "pf-value", actual_date: "pf-actual-date",
  source: "pf-source",
};

function option(value, label) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

async function loadJson(name) {
  const response = await fetch(new URL(`../data/${name}`, location.href));
  if (!response.ok) throw new Error(`${name}: ${response.status}`);
  return response.json();
}

async function start() {
  const form = $("progress-form");
  if (!form) return;
  let rules, items;
  try {
    [rules, items] = await Promise.all([loadJson("quy-tac-tien-do.json"), loadJson("nhap-tien-do.json")]);
  } catch (error) {
    showProblems([{ field: null, message: "Không tải được danh sách nhiệm vụ và quy tắc kiểm tra. Hãy tải lại trang." }]);
    return;
  }
  const repository = document.querySelector('meta[name="portal-repository"]')?.content || "";
  const branch = document.querySelector('meta[name="portal-repository-branch"]')?.content || "main";
  const plan = $("pf-plan"), item = $("pf-item"), status = $("pf-status");
  for (const p of items.plans) plan.append(option(p.id, p.title));
  for (const [s, meaning] of Object.entries(rules.statuses)) status.append(option(s, s));
  for (const id of ["pf-date", "pf-actual-date"]) {
    $(id).max = today();
    if (!$(id).value) $(id).value = today();
  }

  const fillItems = () => {
    const p = items.plans.find((x) => x.id === plan.value);
    item.replaceChildren(option("", p ? "— Chọn nhiệm vụ hoặc chỉ tiêu —" : "— Chọn kế hoạch trước —"));
    item.disabled = !p;
    if (!p) return;
    const group = (label, rows) => {
      const g = document.createElement("optgroup");
      g.label = label;
      for (const [id, text] of rows) g.append(option(id, text));
      if (rows.length) item.append(g);
    };
    group("Nhiệm vụ", p.tasks);
    group("Chỉ tiêu", p.indicators);
  };
  const showKind = () => {
    const p = items.plans.find((x) => x.id === plan.value);
    const isTask = !!p?.tasks.some(([id]) => id === item.value);
    const ind = p?.indicators.find(([id]) => id === item.value);
    $("pf-task").hidden = !isTask;
    $("pf-indicator").hidden = !ind;
    $("pf-item-hint").textContent = item.value ? `Mã: ${item.value}` : "";
    if (ind) {
      const form = rules.value_forms[rules.indicators[`${p.id}/${ind[0]}`]];
      $("pf-value-hint").textContent = [ind[2] && `Đơn vị tính: ${ind[2]}.`,
        form && `Dạng: ${form.label}, ví dụ “${form.example}”.`].filter(Boolean).join(" ");
    }
  };
  status.addEventListener("change", () => {
    $("pf-status-hint").textContent = rules.statuses[status.value] || "";
  });
  plan.addEventListener("change", () => { fillItems(); showKind(); clearResult(); });
  item.addEventListener("change", () => { showKind(); clearResult(); });
  form.addEventListener("input", clearResult);

  const params = new URLSearchParams(location.search);
  if (params.get("plan") && items.plans.some((p) => p.id === params.get("plan"))) {
    plan.value = params.get("plan");
    fillItems();
    if (params.get("item")) item.value = params.get("item");
  }
  showKind();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const entry = Object.fromEntries(Object.entries(FIELD_INPUTS).map(([f, id]) => [f, $(id).value]));
    const { problems, file } = check(entry, rules, items);
    if (problems.length || !file) {
      clearResult();
      showProblems(problems);
      return;
    }
    showProblems([]);
    showResult(file, repository, branch);
  });
}

function showProblems(problems) {
  const box = $("progress-problems");
  for (const input of document.querySelectorAll("#progress-form [aria-invalid]")) input.removeAttribute("aria-invalid");
  box.hidden = !problems.length;
  box.replaceChildren();
  if (!problems.length) return;
  const title = document.createElement("p");
  title.textContent = `Chưa tạo được tệp: cần sửa ${problems.length} chỗ.`;
  const list = document.createElement("ul");
  for (const { field, message } of problems) {
    const li = document.createElement("li");
    const input = field && $(FIELD_INPUTS[field]);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      const label = document.querySelector(`label[for="${input.id}"]`);
      const link = document.createElement("a");
      link.href = `#${input.id}`;
      link.textContent = label ? label.textContent : field;
      li.append(link, `: ${message}`);
    } else {
      li.textContent = message;
    }
    list.append(li);
  }
  box.append(title, list);
  box.focus?.();
}

function clearResult() {
  $("progress-result").hidden = true;
}

function showResult(file, repository, branch) {
  $("progress-path").textContent = file.path;
  $("progress-yaml").textContent = file.yaml;
  $("progress-copied").textContent = "";
  const github = $("progress-github");
  github.hidden = !repository;
  if (repository) github.href = githubNewFileUrl(repository, branch, file);
  $("progress-copy").onclick = async () => {
    try {
      await navigator.clipboard.writeText(file.yaml);
      $("progress-copied").textContent = "Đã chép nội dung tệp. Dán vào ô soạn thảo trên GitHub.";
    } catch {
      const range = document.createRange();
      range.selectNodeContents($("progress-yaml"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      $("progress-copied").textContent = "Trình duyệt không cho chép tự động: nội dung đã được chọn, hãy bấm giữ và chọn “Sao chép”.";
    }
  };
  $("progress-download").onclick = () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([file.yaml], { type: "application/x-yaml;charset=utf-8" }));
    link.download = file.path.split("/").pop();
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
  $("progress-result").hidden = false;
  $("progress-result").scrollIntoView({ block: "start" });
}

if (typeof document !== "undefined") start();
