// "Xem các tin đã đưa ngày": opens the day page of the chosen scope, or says on
// the page that the day has no news, using the index of days the build writes.
// Without this script the form still leads to the archive's month calendars.
(function () {
  "use strict";

  var WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  var daysIndex = null;

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function readerDate(year, month, day) {
    var weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
    return weekday + ", " + pad(day) + "/" + pad(month) + "/" + year;
  }

  function loadIndex(url) {
    if (!daysIndex) {
      daysIndex = fetch(url).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      });
      daysIndex.catch(function () {
        daysIndex = null;
      });
    }
    return daysIndex;
  }

  function hasNews(months, year, month, day) {
    var mask = months[year + "-" + pad(month)] || 0;
    return Math.floor(mask / Math.pow(2, day - 1)) % 2 === 1;
  }

  // The closest day with news before the chosen one, as [year, month, day].
  function previousDayWithNews(months, year, month, day) {
    var keys = Object.keys(months).sort().reverse();
    var chosen = year + "-" + pad(month);
    for (var i = 0; i < keys.length; i++) {
      if (keys[i] > chosen) {
        continue;
      }
      var parts = keys[i].split("-").map(Number);
      var last = keys[i] === chosen ? day - 1 : 31;
      for (var d = last; d >= 1; d--) {
        if (hasNews(months, parts[0], parts[1], d)) {
          return [parts[0], parts[1], d];
        }
      }
    }
    return null;
  }

  function dayUrl(form, scope, year, month, day) {
    var prefix = scope === "section" ? form.dataset.section + "/" : "";
    return form.dataset.root + prefix + year + "/" + pad(month) + "/" + pad(day) + "/";
  }

  function say(status, text, link) {
    status.textContent = text;
    if (link) {
      var anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(anchor);
    }
  }

  function onSubmit(event) {
    var form = event.currentTarget;
    var status = form.querySelector(".date-archive__status");
    var value = form.elements.date.value;
    var checked = form.querySelector('input[name="scope"]:checked');
    var scope = checked ? checked.value : "all";
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      say(status, "Hãy chọn một ngày.");
      form.elements.date.focus();
      return;
    }
    var parts = value.split("-").map(Number);
    var year = parts[0];
    var month = parts[1];
    var day = parts[2];
    var key = scope === "section" ? form.dataset.section : "all";
    var where = scope === "section" ? " trong chuyên mục " + form.dataset.sectionName : "";
    say(status, "Đang tìm…");
    loadIndex(form.dataset.daysIndex).then(
      function (index) {
        var months = index[key] || {};
        if (hasNews(months, year, month, day)) {
          window.location.href = dayUrl(form, scope, year, month, day);
          return;
        }
        var earlier = previousDayWithNews(months, year, month, day);
        say(
          status,
          "Không có tin nào được đăng ngày " + readerDate(year, month, day) + where + ".",
          earlier && {
            href: dayUrl(form, scope, earlier[0], earlier[1], earlier[2]),
            text: "Xem tin ngày gần nhất trước đó: " + readerDate(earlier[0], earlier[1], earlier[2]),
          }
        );
      },
      function () {
        say(status, "Không tải được danh sách ngày có tin. Mời xem lịch lưu trữ:", {
          href: form.action,
          text: "Lưu trữ tin bài",
        });
      }
    );
  }

  document.querySelectorAll("form.date-archive").forEach(function (form) {
    form.addEventListener("submit", onSubmit);
  });
})();
