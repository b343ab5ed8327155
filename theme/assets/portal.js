// "/" opens search from anywhere (unless the reader is typing in a field).
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var tag = (event.target.tagName || "").toLowerCase();
  if (tag === "input" || tag === "textarea" || event.target.isContentEditable) return;
  var field = document.querySelector("#q, #portal-q");
  event.preventDefault();
  if (field && field.offsetParent !== null) { field.focus(); return; }
  var form = document.querySelector(".portal-search");
  if (form) window.location.href = form.getAttribute("action");
});

// Copy buttons (citations, links to a target): copy the text of the element named by data-copy.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy], [data-copy-anchor]");
  if (!button) return;
  var text;
  if (button.hasAttribute("data-copy-anchor")) {
    text = location.origin + location.pathname + "#" + button.getAttribute("data-copy-anchor");
  } else {
    var source = document.querySelector(button.getAttribute("data-copy"));
    text = source ? source.textContent : "";
  }
  var done = function () { var old = button.textContent; button.textContent = "Đã sao chép"; setTimeout(function () { button.textContent = old; }, 2000); };
  if (navigator.clipboard) navigator.clipboard.writeText(text.trim()).then(done, function () {});
});


// resident (issue 12): the "In trang này" button of the printable locality sheet.
Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) { b.addEventListener("click", function () { window.print(); }); });
