// Search page: Pagefind UI in Vietnamese, with the kind and plan of each result shown.
(function () {
  var params = new URLSearchParams(window.location.search);
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: !params.get("q"),
    processResult: function (result) {
      var bits = [result.meta.kind, result.meta.plan].filter(Boolean);
      if (bits.length) result.meta.title = bits.join(" · ") + " — " + result.meta.title;
      return result;
    }
  });
  if (params.get("q")) ui.triggerSearch(params.get("q"));
})();
