// The search page (/tim-kiem/?q=…): asks the Pagefind indexes written at build
// time (plugins/search_index), newest period first, and lists the matching
// articles ten at a time. Pagefind downloads only the parts of an index a query
// needs. Without JavaScript the page says so (<noscript>) and points to the archive.
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 30;
  // The most bytes the page downloads by itself for a query, or for a click on
  // "Tìm tiếp", before it stops and asks the reader: with the page itself (about
  // 30 KB), a first query stays under 300 KB however many periods have nothing.
  // It goes on to the next period only while what it has downloaded, plus what
  // the costliest period so far took, stays within this: periods cost about the
  // same, as their bundles' script and WebAssembly (80 KB gzipped, 115 KB not)
  // are most of it and their index parts are for at most SEARCH_BUNDLE_ARTICLES
  // articles. Knowing beforehand which periods can match would take an index of
  // the periods, which grows with the archive.
  var WALK_BYTES = 250000;
  var WORD_IN_PUNCTUATION = /^(.*?)([\p{L}\p{N}].*[\p{L}\p{N}]|[\p{L}\p{N}])(.*)$/u;
  // Each word of a phrase but its last is indexed joined to the next one, as one
  // word, a pair (first, MARK, second), and the last one with two marks after
  // it (folding.with_pairs). A query of several words asks for its pairs, whose
  // lists of pages are short, rather than for its syllables, each of which is in
  // nearly every article; a query of one word finds the words it starts, as
  // Pagefind matches the start of words.
  var MARK = "ǂ";
  // A mark and the letters after it (more marks, the next word).
  var NOT_SHOWN = new RegExp(MARK + "[\\p{L}\\p{N}]*", "gu");

  // The index stores "đ" as "ḏ", which folds to "d" like any accented letter
  // (see plugins/search_index/folding.py): queries are written the same way.
  function indexForm(text) {
    return text.replace(/đ/g, "ḏ").replace(/Đ/g, "Ḏ");
  }

  // Index text as readers write it: "đ" again, each word as itself.
  function readerForm(text) {
    return text.replace(NOT_SHOWN, "").replace(/ḏ/g, "đ").replace(/Ḏ/g, "Đ");
  }

  // A word as Pagefind compares it: without accents ("ḏ" is a "d" with one), in lower case.
  function folded(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // What Pagefind is asked for: within each phrase (punctuation ends one, as
  // in the index), the pairs of its neighbouring words, or its word if alone.
  function indexTerms(query) {
    var terms = [];
    indexForm(query)
      .split(/[^\p{L}\p{N}\s]+/u)
      .forEach(function (phrase) {
        var words = phrase.split(/\s+/).filter(Boolean);
        if (words.length === 1) {
          terms.push(words[0]);
        }
        for (var i = 1; i < words.length; i++) {
          terms.push(words[i - 1] + MARK + words[i]);
        }
      });
    return terms;
  }

  // The words of an excerpt: EXCERPT_WORDS words of the article around most of
  // its matched words, each with whether it matched. A pair the query asked for
  // (`pairs`, folded) marks both its words; a word the query's word starts
  // marks that word alone.
  function excerptWords(content, locations, pairs) {
    var words = content.split(/\s+/);
    var matched = {};
    locations.forEach(function (at) {
      var word = folded(words[at] || "");
      matched[at] = true;
      if (
        pairs.some(function (pair) {
          return word.indexOf(pair) === 0;
        })
      ) {
        matched[at + 1] = true;
      }
    });
    var shown = [];
    words.forEach(function (word, at) {
      if (word) {
        shown.push({ text: readerForm(word), matched: matched[at] === true });
      }
    });
    var start = densestWindow(shown, EXCERPT_WORDS);
    return shown.slice(start, start + EXCERPT_WORDS);
  }

  // The start of the window of `size` words with the most matched words: the
  // middle one of equally good neighbouring windows, as Pagefind does.
  function densestWindow(words, size) {
    var count = 0;
    for (var i = 0; i < Math.min(size, words.length); i++) {
      count += words[i].matched ? 1 : 0;
    }
    var best = count;
    var starts = [0];
    for (var start = 1; start + size <= words.length; start++) {
      count += (words[start + size - 1].matched ? 1 : 0) - (words[start - 1].matched ? 1 : 0);
      if (count > best) {
        best = count;
        starts = [start];
      } else if (count === best && starts[starts.length - 1] === start - 1) {
        starts.push(start);
      }
    }
    return starts[Math.floor(starts.length / 2)];
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
      meta.appendChild(element("span", "search-result__date", readerForm(data.meta.date)));
    }
    item.appendChild(meta);

    var excerpt = element("p", "search-result__excerpt");
    excerptWords(data.content, data.locations, pairs).forEach(function (word, index) {
      var text = (index ? " " : "") + word.text;
      // A matched word is marked without the punctuation around it.
      var parts = word.matched && WORD_IN_PUNCTUATION.exec(text);
      if (!parts) {
        excerpt.appendChild(document.createTextNode(text));
        return;
      }
      excerpt.appendChild(document.createTextNode(parts[1]));
      excerpt.appendChild(element("mark", "", parts[2]));
      excerpt.appendChild(document.createTextNode(parts[3]));
    });
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

  var query = (new URLSearchParams(window.location.search).get("q") || "").normalize("NFC").trim();
  box.hidden = false;
  input.value = query;
  if (!query) {
    status.textContent = "Nhập từ khóa rồi bấm Tìm.";
    return;
  }
  document.title = query + " — " + document.title;
  status.textContent = "Đang tìm…";

  // One Pagefind bundle per period (a year, or months of it), newest first: the
  // newest is searched first, older ones when it has nothing or when the reader
  // asks for more.
  var bundles = JSON.parse(box.getAttribute("data-bundles") || "[]");
  var results = [];
  var shown = 0;
  var searched = 0;
  var quoted = "“" + query + "”";
  var terms = indexTerms(query);
  var pairs = terms
    .filter(function (term) {
      return term.indexOf(MARK) > 0;
    })
    .map(folded);

  function searchBundle(index) {
    return import(new URL(bundles[index].url, root).href)
      .then(function (pagefind) {
        // One search per bundle and page load: Pagefind's web worker (40 KB more) would not pay off.
        return pagefind.options({ noWorker: true }).then(function () {
          return pagefind.search(terms.join(" "));
        });
      })
      .then(function (search) {
        searched = index + 1;
        results = results.concat(search.results);
      });
  }

  // The bytes of the files under `folder` the browser has recorded: as they
  // came over the network, or the file's own for one from the browser's cache
  // (none came, or only headers saying it is unchanged), so that searching
  // again, from the cache, also stops after a few periods. (Chromium tells no
  // size of its own for a module script found unchanged: Pagefind's script
  // counts for its headers then, its WebAssembly in full.)
  function bytesUnder(folder) {
    return performance.getEntriesByType("resource").reduce(function (total, entry) {
      if (entry.name.indexOf(folder) !== 0) {
        return total;
      }
      return total + Math.max(entry.transferSize, entry.encodedBodySize);
    }, 0);
  }

  // The next period, and the ones before it while they find nothing new and
  // there is room for one more in WALK_BYTES.
  function searchOnward() {
    var spent = 0;
    var costliest = 0;
    function searchNext() {
      if (searched >= bundles.length) {
        return Promise.resolve();
      }
      var index = searched;
      // The browser stops recording files once it holds 150: it holds this period's alone.
      performance.clearResourceTimings();
      return searchBundle(index).then(function () {
        var cost = bytesUnder(new URL(".", new URL(bundles[index].url, root)).href);
        spent += cost;
        costliest = Math.max(costliest, cost);
        if (results.length === shown && spent + costliest <= WALK_BYTES) {
          return searchNext();
        }
      });
    }
    return searchNext();
  }

  // When the articles searched so far were published: "trong năm 2024",
  // "trong tháng 7–12/2025", "từ năm 2023 đến nay".
  function whenSearched() {
    if (searched === 1) {
      return " trong " + bundles[0].label;
    }
    return " từ " + bundles[searched - 1].since + " đến nay";
  }

  function sayWhatWasFound() {
    var when = searched < bundles.length ? whenSearched() : "";
    if (results.length) {
      status.textContent =
        "Tìm thấy " + results.length + " bài viết với từ khóa " + quoted + when + ".";
    } else if (when) {
      status.textContent = "Chưa tìm thấy bài viết nào với từ khóa " + quoted + when + ".";
    } else {
      status.textContent =
        "Không tìm thấy bài viết nào với từ khóa " + quoted + ". Hãy thử bớt từ hoặc dùng từ khác.";
    }
  }

  function offerMore() {
    if (shown < results.length) {
      more.textContent = "Xem thêm kết quả";
    } else if (searched < bundles.length) {
      more.textContent = "Tìm tiếp trong " + bundles[searched].label;
    }
    more.hidden = shown >= results.length && searched >= bundles.length;
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
      offerMore();
      // Said once the results are on the page, for screen readers and tests alike.
      sayWhatWasFound();
    });
  }

  // The results are busy (aria-busy) from a search until what it found is
  // said, and the button is hidden meanwhile, so that it starts one search at a time.
  function busy() {
    box.setAttribute("aria-busy", "true");
    more.hidden = true;
  }

  function done() {
    box.setAttribute("aria-busy", "false");
  }

  more.addEventListener("click", function () {
    var next = list.children.length;
    var found = Promise.resolve();
    busy();
    if (shown >= results.length) {
      status.textContent = "Đang tìm…";
      found = searchOnward();
    }
    found
      .then(showMore)
      .then(function () {
        // Keyboard and screen-reader users continue from the first new result,
        // or from the button if the periods searched had none.
        var link = list.children[next] && list.children[next].querySelector("a");
        (link || more).focus();
      })
      .catch(showFailure)
      .then(done);
  });

  busy();
  searchOnward().then(showMore).catch(showFailure).then(done);
})();
