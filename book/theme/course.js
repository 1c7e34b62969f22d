// The course's additions to mdBook's scripts (see course.css for the styles).
//
// Tables on a phone: three columns of code and prose do not fit 390 px, and a
// table that scrolls sideways hides two of them. course.css lays each row out
// as a card under 620 px, one cell a line; a cell names its column with the
// header's text, which CSS cannot read by itself, so this copies it into the
// cell's `data-label`. Without scripts the tables keep mdBook's sideways scroll.
"use strict";

(function labelTableCells() {
    for (const table of document.querySelectorAll("main table")) {
        const headers = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
        if (headers.length === 0) {
            continue;
        }
        for (const row of table.querySelectorAll("tbody tr")) {
            Array.from(row.cells).forEach((cell, column) => {
                cell.dataset.label = headers[column] || "";
            });
        }
        table.classList.add("cards-on-phone");
    }
})();
