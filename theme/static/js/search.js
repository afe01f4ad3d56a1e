// The search page (/tim-kiem/?q=…): asks the Pagefind index written at build
// time (plugins/search_index) and lists the matching articles, ten at a time.
// Pagefind downloads only the parts of the index a query needs. Without
// JavaScript the page says so (<noscript>) and points to the archive.
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  // The index stores "đ" as "d" + combining stroke so that it folds to "d" like
  // any accent (see plugins/search_index/folding.py): queries are written the
  // same way, and index text is turned back before readers see it.
  var STROKE = "\u0335";

  function indexForm(text) {
    return text.replace(/đ/g, "d" + STROKE).replace(/Đ/g, "D" + STROKE);
  }

  function readerForm(text) {
    return text.replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
  }

  var box = document.querySelector(".search-results");
  var input = document.getElementById("tu-khoa");
  if (!box || !input) {
    return;
  }
  var status = box.querySelector(".search-results__status");
  var list = box.querySelector(".search-results__list");
  var more = box.querySelector(".search-results__more");
  var root = new URL(box.getAttribute("data-root"), window.location.href);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function resultItem(data) {
    var item = element("li", "search-result");
    var heading = element("h2", "search-result__title");
    var link = element("a", "", readerForm(data.meta.title || data.url));
    link.href = new URL(data.url.replace(/^\//, ""), root).href;
    heading.appendChild(link);
    item.appendChild(heading);

    var meta = element("p", "search-result__meta");
    if (data.meta.section) {
      meta.appendChild(element("span", "search-result__section", readerForm(data.meta.section)));
    }
    if (data.meta.date) {
      meta.appendChild(element("span", "search-result__date", data.meta.date));
    }
    item.appendChild(meta);

    // Pagefind's excerpt is escaped text with <mark> around the matched words.
    var excerpt = element("p", "search-result__excerpt");
    excerpt.innerHTML = readerForm(data.excerpt);
    item.appendChild(excerpt);
    return item;
  }

  function showFailure() {
    status.textContent = "";
    status.appendChild(
      document.createTextNode("Không tải được công cụ tìm kiếm. Vui lòng thử lại sau, hoặc xem ")
    );
    var archive = element("a", "", "Lưu trữ tin bài");
    archive.href = new URL("luu-tru/", root).href;
    status.appendChild(archive);
    status.appendChild(document.createTextNode("."));
  }

  function showResults(query, results) {
    var shown = 0;
    var quoted = "“" + query + "”";
    if (!results.length) {
      status.textContent =
        "Không tìm thấy bài viết nào với từ khóa " + quoted + ". Hãy thử bớt từ hoặc dùng từ khác.";
      return Promise.resolve();
    }

    function showMore() {
      var batch = results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = true;
      return Promise.all(
        batch.map(function (result) {
          return result.data();
        })
      ).then(function (pages) {
        pages.forEach(function (data) {
          list.appendChild(resultItem(data));
        });
        more.hidden = shown >= results.length;
      });
    }

    more.addEventListener("click", function () {
      var next = list.children.length;
      showMore().then(function () {
        // Keyboard and screen-reader users continue from the first new result.
        var link = list.children[next] && list.children[next].querySelector("a");
        if (link) {
          link.focus();
        }
      });
    });
    // Said once the first results are on the page, for screen readers and tests alike.
    return showMore().then(function () {
      status.textContent = "Tìm thấy " + results.length + " bài viết với từ khóa " + quoted + ".";
    });
  }

  var query = (new URLSearchParams(window.location.search).get("q") || "").normalize("NFC").trim();
  box.hidden = false;
  input.value = query;
  if (!query) {
    status.textContent = "Nhập từ khóa rồi bấm Tìm.";
    return;
  }
  document.title = query + " — " + document.title;
  status.textContent = "Đang tìm…";

  import(box.getAttribute("data-bundle"))
    .then(function (pagefind) {
      // One search per page load: Pagefind's web worker (40 KB more) would not pay off.
      return pagefind.options({ noWorker: true }).then(function () {
        return pagefind.search(indexForm(query));
      });
    })
    .then(function (search) {
      return showResults(query, search.results);
    })
    .catch(showFailure);
})();
