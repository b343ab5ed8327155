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

// Share button (plan, task and indicator pages): on phones the Web Share API opens the phone's own share
// sheet (Zalo, Facebook, Messenger); where there is none (most desktops) the button copies the link.
(function () {
  var boxes = document.querySelectorAll(".share-box");
  if (!boxes.length) return;
  var canonical = document.querySelector('link[rel="canonical"]');
  var url = canonical ? canonical.href : location.href.split("#")[0];
  var canShare = typeof navigator.share === "function";
  boxes.forEach(function (box) {
    box.querySelector(".share-button").textContent = canShare ? "Chia sẻ (Zalo, Facebook…)" : "Sao chép liên kết để chia sẻ";
    box.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".share-button");
    if (!button) return;
    var status = button.parentNode.querySelector(".share-status");
    if (canShare) {
      // Closing the share sheet rejects the promise: nothing to tell the reader then.
      navigator.share({ title: button.getAttribute("data-share-title") || document.title, url: url }).catch(function () {});
      return;
    }
    var show = function (text) { status.textContent = text; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(url).then(function () { show("Đã sao chép liên kết: " + url); },
                                              function () { show("Liên kết: " + url); });
    } else {
      show("Liên kết: " + url);
    }
  });
})();
