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
